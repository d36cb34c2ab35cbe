import {
  credentialsWithChoice,
  CredentialChoices,
  NO_CHOICES,
  resolveChoice,
} from '../../../src/core/credentialChoice';
import type { CredentialSet } from '../../../src/core/credentials';
import { FoundCredentials } from '../../../src/core/foundCredentials';
import { resolveProjects } from '../../../src/core/projects';
import { planSessions } from '../../../src/core/sessionPlans';
import type { SessionSpec } from '../../../src/core/sessionSpec';
import { JOB_TYPES } from '../../../src/model/subJob';

/*
 * In-memory stand-ins for what the credential commands keep in VS Code, and the session specs the
 * controller would plan from stored and found credentials, shared by the view tests.
 */

/** A SecretStorage kept in memory. */
export function memorySecrets() {
  const values = new Map<string, string>();
  return {
    get: async (key: string) => values.get(key),
    store: async (key: string, value: string) => void values.set(key, value),
    delete: async (key: string) => void values.delete(key),
    onDidChange: () => ({ dispose: () => undefined }),
    keys: async () => [...values.keys()],
  };
}

/** A Memento (globalState) kept in memory. */
export function memoryMemento() {
  const values = new Map<string, unknown>();
  return {
    get: <T>(key: string, fallback: T) => (values.has(key) ? (values.get(key) as T) : fallback),
    update: async (key: string, value: unknown) => void values.set(key, value),
  };
}

/** The image family's session specs of `projectIds` in cn-north-4, planned as the controller plans them. */
export function plannedSpecs(
  stored: CredentialSet,
  projectIds: readonly string[],
  found: FoundCredentials = FoundCredentials.NONE,
  choices: CredentialChoices = NO_CHOICES,
): SessionSpec[] {
  const plans = planSessions({
    projects: resolveProjects({
      projects: projectIds.map((projectId) => ({ projectId, region: 'cn-north-4' })),
      projectId: '',
      region: 'cn-north-4',
      endpoint: '',
    }),
    credentials: stored,
    credentialsFor: (projectId) => credentialsWithChoice(stored, resolveChoice(choices, found, projectId)),
    connectionGeneration: 0,
    jobTypes: JOB_TYPES,
    families: ['image'],
    filter: {},
    connect: () => {
      throw new Error('nothing is sent in these tests');
    },
  });
  return plans.map((plan) => plan.spec);
}
