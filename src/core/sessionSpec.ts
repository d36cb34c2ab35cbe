import type { CallerIdentity } from '../api/callerIdentity';
import { Logger } from '../api/logger';
import { PageSource } from '../api/newestPages';
import { CountSource } from '../api/statusCounts';
import type { ImageJob, ListQuery, ListResult, SubJobRef } from '../api/subJobClient';
import { QueryJobType, SubJob, SubJobStatus } from '../model/subJob';
import { FAMILIES, familyJobTypes, type Family } from '../model/family';
import { Clock } from './clock';
import type { SessionSigner } from './credentialExpiry';
import type { CredentialProof } from './credentialProof';
import type { SubJobFilter } from './filter';
import { RefreshKind } from './refreshPolicy';
import { RefreshFailure } from './sessionState';
import { Transition } from './transitions';

/** Sub-jobs a status group shows at first, and how many more each "Show more" adds. */
export const GROUP_PAGE = 200;

/** What the session asks the API, after the filter. */
export interface SessionQuery {
  readonly jobTypes: readonly QueryJobType[];
  /** Only these status groups; absent = all, plus statuses this version does not know. */
  readonly statuses?: readonly SubJobStatus[];
  readonly jobId?: string;
}

/** Everything that identifies a session: a change of any of it is a new session. */
export interface SessionSpec {
  /**
   * endpoint|projectId for the image family (as before families: stored watches and restored
   * panels find it), endpoint|projectId#appServer for app servers: equal keys are the same data.
   */
  readonly key: string;
  /** endpoint|projectId: the sessions of one project's families share it (the tree's project row); absent = key. */
  readonly projectKey?: string;
  /** Which family of sub-jobs this session watches (a project has one session per enabled family); absent = image. */
  readonly family?: Family;
  readonly projectId: string;
  /** What the user named the project, if anything. */
  readonly name?: string;
  /** Region, or the endpoint's host when overridden, or "simulator". */
  readonly location: string;
  readonly endpoint: string;
  readonly sampleData: boolean;
  /** Which credential is in use, in words that reveal no secret. */
  readonly credential: string;
  /** Its kind (and a found key's source and IAM): what a refusal as expired calls for; absent = none. */
  readonly signer?: SessionSigner;
  /** An access key, which five bad signatures in a row lock: try one request before many. */
  readonly cautious?: boolean;
  readonly query: SessionQuery;
  /** The user's filter, when one is set: what the counts are narrowed by (the status bar says so). */
  readonly filter?: SubJobFilter;
}

/** The calls a session makes. */
export interface SessionClient extends CountSource, PageSource {
  findSubJob(ref: SubJobRef, signal: AbortSignal): Promise<SubJob | undefined>;
  showJob(jobId: string, signal: AbortSignal): Promise<ImageJob>;
  listAll(query: ListQuery, signal: AbortSignal): Promise<ListResult>;
  batchDelete(ids: readonly string[], signal: AbortSignal): Promise<void>;
  /** Who IAM says the credential belongs to; absent where IAM cannot be asked (then a count call tells). */
  callerIdentity?(iamEndpoint: string, signal: AbortSignal): Promise<CallerIdentity>;
  close(): Promise<void>;
}

/** What one refresh did, for whoever reacts to outcomes (token renewal, notifications, the status bar, the log). */
export interface RefreshReport {
  readonly ok: boolean;
  readonly kind: RefreshKind;
  readonly reason: string;
  readonly requests: number;
  readonly failure?: RefreshFailure;
  /**
   * Sub-jobs seen active at the previous refresh that have ended since (only while tracking, and
   * never on a session's first refresh: nothing was seen before it).
   */
  readonly transitions: readonly Transition[];
  /** Sub-jobs that ended too but were not looked up (more than MAX_TRANSITION_LOOKUPS at once). */
  readonly unresolved: number;
  /** Time since the previous successful refresh, when there was one: a long gap means the user was away. */
  readonly sinceLastMs?: number;
}

export interface SessionDeps {
  readonly clock?: Clock;
  readonly logger?: Logger;
  /** The verdict on the credential, shared with the project's other family sessions that carry it. */
  readonly proof?: CredentialProof;
}

/** A family's session key from its project's key: the image family keeps the project's own key. */
export function familySessionKey(projectKey: string, family: Family): string {
  return family === 'image' ? projectKey : `${projectKey}#${family}`;
}

/** The project key a session key is of (familySessionKey's inverse): what a stored watch's project is. */
export function projectKeyOf(sessionKey: string): string {
  for (const family of FAMILIES)
    if (family !== 'image' && sessionKey.endsWith(`#${family}`)) return sessionKey.slice(0, -family.length - 1);
  return sessionKey;
}

/** The session's family: image when the spec names none. */
export function specFamily(spec: Pick<SessionSpec, 'family'>): Family {
  return spec.family ?? 'image';
}

/** Every job type the session's family takes: where a sub-job known by its id alone may be. */
export function specJobTypes(spec: Pick<SessionSpec, 'family'>): readonly QueryJobType[] {
  return familyJobTypes(specFamily(spec)) as readonly QueryJobType[];
}

/** The key its project's sessions share. */
export function specProjectKey(spec: Pick<SessionSpec, 'key' | 'projectKey'>): string {
  return spec.projectKey ?? spec.key;
}
