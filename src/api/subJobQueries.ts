import * as l10n from '@vscode/l10n';
import { QueryJobType, SubJob, SubJobStatus } from '../model/subJob';
import { checkEndpoint } from './endpoint';

// What the sub-job calls take and give, shared by the client and the helpers that page, count and look up.
// Nothing here loads the HTTP stack (undici): code that runs at activation may import it.

/** The API's page maximum. */
export const PAGE_LIMIT = 100;
/** The most sub-job ids one batch delete (BatchDeleteImageSubJobs, BatchDeleteAppSubJobs) takes in one call. */
export const BATCH_DELETE_LIMIT = 20;
export const DEFAULT_CONCURRENCY = 6;
/** Times a series whose count moved while it was paged is listed again before settling for all it saw. */
export const MAX_RELISTS = 2;

/** The filter parameters a single call takes. */
export interface QueryFilter {
  readonly status?: SubJobStatus;
  /** The parent job's id. */
  readonly jobId?: string;
}

export interface PageQuery extends QueryFilter {
  readonly jobType: QueryJobType;
  /** Newest-first, whatever order the service lists in (see ListOrder). */
  readonly offset: number;
  readonly limit: number;
  /** The caller reads every page or only the count: the service's own order will do, and costs no look at the tail. */
  readonly anyOrder?: boolean;
}

export interface ListQuery {
  readonly jobTypes: readonly QueryJobType[];
  /** One series of calls per status; absent or empty = all statuses in one series. */
  readonly statuses?: readonly SubJobStatus[];
  readonly jobId?: string;
}

export interface ListResult {
  readonly subJobs: SubJob[];
  /** What the API's counts add up to; differs from subJobs.length when items were malformed. */
  readonly total: number;
  /** List calls made. */
  readonly requests: number;
  readonly peakConcurrency: number;
  /**
   * Most page requests waiting at once for a free slot. Pages are queued as slots free up, so this
   * stays below (job types × statuses) × concurrency however many pages a count announces.
   */
  readonly peakQueued?: number;
  /** Items the API sent that could not be understood, each with its reason. */
  readonly rejected: string[];
}

/**
 * Refuses an endpoint or project id no request may go to; the origin to send to otherwise. Called
 * when a session is built, before the HTTP stack is loaded, so a bad setting shows at once.
 */
export function checkClientTarget(endpoint: string, projectId: string): string {
  const checked = checkEndpoint(endpoint);
  if (!checked.ok) throw new Error(l10n.t('Endpoint refused: {0}', checked.reason));
  if (!projectId || projectId.length > 128) throw new Error(l10n.t('The project id must be 1–128 characters'));
  return checked.origin;
}
