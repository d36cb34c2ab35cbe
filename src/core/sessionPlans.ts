import * as l10n from '@vscode/l10n';
import { AkskAuthorizer } from '../api/akskSigner';
import { Authorizer } from '../api/authorizer';
import { JobType } from '../model/subJob';
import { Connection, ConnectionProblem, isConnection, resolveConnection } from './connection';
import { CredentialSet } from './credentials';
import { effectiveJobTypes, isFiltered, SubJobFilter } from './filter';
import { SessionClient, SessionSpec } from './projectSession';
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
  readonly jobTypes: readonly JobType[];
  readonly filter: SubJobFilter;
  /** Labels of usable credentials found on this machine: offered on a project that has none. */
  readonly found?: readonly string[];
  /** Shown instead of the projects while set. */
  readonly sample?: SampleEndpoint;
  /** Builds the client for a connection; may throw (an unusable proxy setting). */
  readonly connect: (connection: Connection) => SessionClient;
}

/**
 * What each watched project's session should be, from settings, credentials and the filter. Pure:
 * the VS Code layer reads the inputs, the sessions are built from the plans.
 */
export function planSessions(input: PlanInput): SessionPlan[] {
  const jobTypes = effectiveJobTypes(input.jobTypes, input.filter);
  const query = {
    jobTypes,
    ...(input.filter.statuses?.length && { statuses: input.filter.statuses }),
    ...(input.filter.jobId && { jobId: input.filter.jobId }),
  };
  const noJobTypes: SessionProblem | undefined = jobTypes.length === 0 ? { kind: 'noJobTypes' } : undefined;
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
      credentialFingerprint: 'sample',
      sampleData: true,
    };
    return [plan(connection, undefined, query, noJobTypes, input)];
  }
  return input.projects.projects.map((project) => {
    const credentials = input.credentialsFor?.(project.projectId.trim()) ?? input.credentials;
    const resolved = resolveConnection(project, credentials, input.projects.legacyProjectId);
    return plan(resolved, project, query, noJobTypes, input);
  });
}

function plan(
  resolved: Connection | ConnectionProblem,
  project: ProjectConfig | undefined,
  query: SessionSpec['query'],
  noJobTypes: SessionProblem | undefined,
  input: PlanInput,
): SessionPlan {
  const spec: SessionSpec = {
    key: isConnection(resolved)
      ? resolved.key
      : connectionKey(project ? projectOrigin(project) : '', resolved.projectId),
    projectId: resolved.projectId,
    ...(project?.name && { name: project.name }),
    location: resolved.location,
    endpoint: isConnection(resolved) ? resolved.endpoint : project ? projectOrigin(project) : '',
    sampleData: isConnection(resolved) && resolved.sampleData,
    credential: isConnection(resolved)
      ? resolved.credential
      : l10n.t({ message: 'none', comment: ['The credential of a project that has none'] }),
    ...(isConnection(resolved) && resolved.authorizer instanceof AkskAuthorizer && { cautious: true }),
    query,
    ...(isFiltered(input.filter) && { filter: input.filter }),
  };
  const credentialFingerprint = `${input.connectionGeneration}:${isConnection(resolved) ? resolved.credentialFingerprint : ''}`;
  if (!isConnection(resolved)) return { spec, problem: problemOf(resolved, input.found), credentialFingerprint };
  if (noJobTypes) return { spec, problem: noJobTypes, credentialFingerprint };
  return { spec, connect: () => input.connect(resolved), credentialFingerprint };
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
