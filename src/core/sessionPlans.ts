import * as l10n from '@vscode/l10n';
import { AkskAuthorizer } from '../api/akskSigner';
import { Authorizer } from '../api/authorizer';
import { APP_SERVER_JOB_TYPES, Family, FAMILIES } from '../model/family';
import { JobType } from '../model/subJob';
import { Connection, ConnectionProblem, isConnection, resolveConnection } from './connection';
import { CredentialSet } from './credentials';
import { familyQueryTypes, isFiltered, SubJobFilter } from './filter';
import { SessionClient, SessionQuery, SessionSpec } from './projectSession';
import { familySessionKey } from './sessionSpec';
import { connectionKey, ProjectConfig, projectOrigin, ResolvedProjects } from './projects';
import { SessionPlan } from './sessions';
import { SessionProblem } from './sessionState';

/** A running simulator the view can show instead of the configured projects. */
export interface SampleEndpoint {
  readonly url: string;
  readonly projectId: string;
  readonly authorizer: Authorizer;
}

export interface PlanInput {
  readonly projects: ResolvedProjects;
  readonly credentials: CredentialSet;
  /** A project's credentials when they differ from `credentials` (a found key chosen for it). */
  readonly credentialsFor?: (projectId: string) => CredentialSet;
  /** Bumped when connections must be made anew for every project (a proxy setting changed). */
  readonly connectionGeneration: number;
  /** workspaceJobs.jobTypes: the image family's configured job types. */
  readonly jobTypes: readonly JobType[];
  /** workspaceJobs.families: the families shown, in this order; absent = every family. */
  readonly families?: readonly Family[];
  readonly filter: SubJobFilter;
  /** Labels of usable credentials found on this machine: offered on a project that has none. */
  readonly found?: readonly string[];
  /** Shown instead of the projects while set. */
  readonly sample?: SampleEndpoint;
  /** Builds the client for a connection and a family; may throw (an unusable proxy setting). */
  readonly connect: (connection: Connection, family: Family) => SessionClient;
}

/**
 * What each watched project's sessions should be, one per enabled family, from settings,
 * credentials and the filter. Pure: the VS Code layer reads the inputs, the sessions are built
 * from the plans.
 */
export function planSessions(input: PlanInput): SessionPlan[] {
  const families = FAMILIES.filter((f) => !input.families?.length || input.families.includes(f));
  return familyPlans(input).flatMap((forProject) => families.map(forProject));
}

/** For each project (or the sample), its plan for a family. */
function familyPlans(input: PlanInput): Array<(family: Family) => SessionPlan> {
  const queryOf = (family: Family): SessionQuery => ({
    jobTypes: familyQueryTypes(family, family === 'image' ? input.jobTypes : APP_SERVER_JOB_TYPES, input.filter),
    ...(input.filter.statuses?.length && { statuses: input.filter.statuses }),
    ...(input.filter.jobId && { jobId: input.filter.jobId }),
  });
  if (input.sample) {
    const sample = input.sample;
    const connection: Connection = {
      // Not the URL: the simulator gets another port each start, and a restored panel should find it again.
      key: connectionKey('simulator', sample.projectId),
      projectId: sample.projectId,
      endpoint: sample.url,
      location: l10n.t({ message: 'simulator', comment: ['The location of the sample data: the embedded simulator'] }),
      authorizer: sample.authorizer,
      credential: l10n.t('sample data (simulator token)'),
      signer: { kind: 'sample' },
      credentialFingerprint: 'sample',
      sampleData: true,
    };
    return [(family) => plan(connection, undefined, family, queryOf(family), input)];
  }
  return input.projects.projects.map((project) => {
    const credentials = input.credentialsFor?.(project.projectId.trim()) ?? input.credentials;
    const resolved = resolveConnection(project, credentials, input.projects.legacyProjectId);
    return (family: Family) => plan(resolved, project, family, queryOf(family), input);
  });
}

function plan(
  resolved: Connection | ConnectionProblem,
  project: ProjectConfig | undefined,
  family: Family,
  query: SessionQuery,
  input: PlanInput,
): SessionPlan {
  const noJobTypes: SessionProblem | undefined = query.jobTypes.length === 0 ? { kind: 'noJobTypes' } : undefined;
  const projectKey = isConnection(resolved)
    ? resolved.key
    : connectionKey(project ? projectOrigin(project) : '', resolved.projectId);
  const spec: SessionSpec = {
    key: familySessionKey(projectKey, family),
    projectKey,
    family,
    projectId: resolved.projectId,
    ...(project?.name && { name: project.name }),
    location: resolved.location,
    endpoint: isConnection(resolved) ? resolved.endpoint : project ? projectOrigin(project) : '',
    sampleData: isConnection(resolved) && resolved.sampleData,
    credential: isConnection(resolved)
      ? resolved.credential
      : l10n.t({ message: 'none', comment: ['The credential of a project that has none'] }),
    ...(isConnection(resolved) && { signer: resolved.signer }),
    ...(isConnection(resolved) && resolved.authorizer instanceof AkskAuthorizer && { cautious: true }),
    query,
    ...(isFiltered(input.filter) && { filter: input.filter }),
  };
  const credentialFingerprint = `${input.connectionGeneration}:${isConnection(resolved) ? resolved.credentialFingerprint : ''}`;
  if (!isConnection(resolved)) return { spec, problem: problemOf(resolved, input.found), credentialFingerprint };
  if (noJobTypes) return { spec, problem: noJobTypes, credentialFingerprint };
  return { spec, connect: () => input.connect(resolved, family), credentialFingerprint };
}

function problemOf(problem: ConnectionProblem, found: readonly string[] = []): SessionProblem {
  switch (problem.kind) {
    case 'noCredentials':
      return found.length ? { kind: 'noCredentials', found } : { kind: 'noCredentials' };
    case 'notCovered':
      return { kind: 'notCovered', coveredProjects: problem.coveredProjects };
    case 'badEndpoint':
    case 'badProjectId':
    case 'badProxy':
      return { kind: problem.kind, reason: problem.reason };
  }
}
