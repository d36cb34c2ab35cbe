/**
 * What the WorkspaceApp sub-job calls take and answer, and their limits: everything about them that
 * code outside the HTTP client needs. Kept apart from subJobClient.ts so that reading a limit or a
 * type does not load the HTTP stack (undici), which loads only when the first request goes out.
 */
import * as l10n from '@vscode/l10n';
import { JobType, SubJob, SubJobStatus } from '../model/subJob';
import { MalformedResponseError } from '../model/validate';
import { checkEndpoint } from './endpoint';
import { ApiError } from './errors';

/** The API's page maximum. */
export const PAGE_LIMIT = 100;
/** The most sub-job ids BatchDeleteImageSubJobs takes in one call. */
export const BATCH_DELETE_LIMIT = 20;
export const DEFAULT_CONCURRENCY = 6;
/** Times a series whose count moved while it was paged is listed again before settling for all it saw. */
export const MAX_RELISTS = 2;
/**
 * ShowImageJob answers that say it is not served here (bad request, forbidden, method not allowed,
 * not implemented): the listings are asked instead, and ShowImageJob no more by this client.
 */
const SHOW_JOB_UNAVAILABLE: ReadonlySet<number> = new Set([400, 403, 405, 501]);

/** ShowImageJob said it is not served here: an answer in SHOW_JOB_UNAVAILABLE, or one that is not its model. */
export function isShowJobUnavailable(error: unknown): error is ApiError | MalformedResponseError {
  return (
    (error instanceof ApiError && SHOW_JOB_UNAVAILABLE.has(error.status)) || error instanceof MalformedResponseError
  );
}

/** The filter parameters a single call takes. */
export interface QueryFilter {
  readonly status?: SubJobStatus;
  /** The parent job's id. */
  readonly jobId?: string;
}

export interface PageQuery extends QueryFilter {
  readonly jobType: JobType;
  readonly offset: number;
  readonly limit: number;
}

export interface ListQuery {
  readonly jobTypes: readonly JobType[];
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

/** What identifies a sub-job for a lookup: its id, plus what narrows the search. */
export interface SubJobRef {
  readonly id: string;
  /** The sub-job's own job type, any of the seven the models know, or ''. */
  readonly jobType: string;
  /** Parent job id; '' when unknown. */
  readonly jobId: string;
  /** The job type of the list query that returned it (SubJob.listedAs): where a listing finds it again. */
  readonly listedAs?: JobType;
  /** Its status when last seen; a finished one (it stays finished) narrows a listing. */
  readonly status?: string;
}

/** A parent job as ShowImageJob answers it, every field optional on the wire ('' when absent). */
export interface ImageJob {
  readonly id: string;
  readonly jobType: string;
  readonly beginTime: string;
  readonly endTime: string;
  /** WAITING, RUNNING, SUCCESS or FAILED, or a value this version does not know. */
  readonly status: string;
  /** How many sub-jobs the job has, when the answer says. */
  readonly subJobsTotal?: number;
  /** Its sub-jobs; one without a job_id gets the job's id. */
  readonly subJobs: SubJob[];
  /** Sub-jobs that could not be understood, with the reason for each. */
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
