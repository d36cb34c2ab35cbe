import * as l10n from '@vscode/l10n';
import type { Family } from '../model/family';
import { SubJob } from '../model/subJob';
import { apiText, isRecord, MalformedResponseError, parseSubJob } from '../model/validate';
import { ApiError } from './errors';

/**
 * Parent-job look-up answers (ShowImageJob, or ShowJobDetail for app servers) that say it is not
 * served here (forbidden, method not allowed, not implemented): the listings are asked instead,
 * and the look-up no more by this client.
 */
const SHOW_JOB_UNAVAILABLE: ReadonlySet<number> = new Set([403, 405, 501]);

/**
 * Look-up answers (ShowImageJob, ShowJobDetail) about one job: it is unknown (404) or the service calls its id a bad request
 * (400, as an unknown or deleted job may come back — the definitions use one error body for every
 * status). The listings may still know its sub-jobs; the next job is asked for as usual.
 */
const JOB_NOT_FOUND: ReadonlySet<number> = new Set([400, 404]);

/** The look-up does not know this job (400 or 404): that job only, not the call. */
export function isJobNotFound(error: unknown): error is ApiError {
  return error instanceof ApiError && JOB_NOT_FOUND.has(error.status);
}

/** The service said it does not offer the look-up here (or to this caller): an answer in SHOW_JOB_UNAVAILABLE. */
export function isShowJobNotOffered(error: unknown): error is ApiError {
  return error instanceof ApiError && SHOW_JOB_UNAVAILABLE.has(error.status);
}

/**
 * A sub-job's look-up gives up on the call: it is not offered, or it answered something that is not
 * its model (the listings find the sub-job either way). A followed job's look-up does not: there a
 * malformed answer is a failed refresh (see followLookup).
 */
export function isShowJobUnavailable(error: unknown): error is ApiError | MalformedResponseError {
  return isShowJobNotOffered(error) || error instanceof MalformedResponseError;
}

/** A parent job as ShowImageJob or ShowJobDetail answers it, every field optional on the wire ('' when absent). */
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
 * Validates a ShowImageJob or ShowJobDetail (v2) body — the same outer shape,
 * `{id, job_type, begin_time, end_time, status, sub_jobs_total?, sub_jobs[]}` — whose sub-jobs are
 * the family's items (ShowJobDetailResponse.ts: JobDetailInfo, shaped as SubJobDetailInfo).
 */
export function parseImageJob(body: unknown, requestedId: string, family: Family = 'image'): ImageJob {
  if (!isRecord(body)) throw new MalformedResponseError(l10n.t('the body is not a JSON object'));
  const rawSubJobs = body.sub_jobs ?? [];
  if (!Array.isArray(rawSubJobs)) throw new MalformedResponseError(l10n.t('"sub_jobs" is not an array'));
  // A numeric id beyond 2^53 has lost digits: the id asked for is the job's (sub-jobs without a job_id get it).
  const id = (typeof body.id === 'number' && !Number.isSafeInteger(body.id) ? '' : apiText(body.id)) || requestedId;
  const parsedSubJobs: SubJob[] = [];
  const rejected: string[] = [];
  for (const raw of rawSubJobs) {
    const parsed = parseSubJob(raw, undefined, family);
    if (typeof parsed === 'string') rejected.push(parsed);
    else parsedSubJobs.push(parsed.jobId ? parsed : { ...parsed, jobId: id });
  }
  const subJobs = lastOfEachId(parsedSubJobs, rejected);
  const total = body.sub_jobs_total;
  return {
    id,
    jobType: apiText(body.job_type),
    beginTime: apiText(body.begin_time),
    endTime: apiText(body.end_time),
    status: apiText(body.status),
    // A total of the wrong type is only a hint lost, not a reason to refuse the job.
    ...(typeof total === 'number' && Number.isInteger(total) && total >= 0 && { subJobsTotal: total }),
    subJobs,
    rejected,
  };
}

/**
 * Each sub-job once, as its last item in the answer says (at that item's place): everything keyed
 * by id — the timeline's rows, its table — would otherwise leave holes. The others go to `rejected`.
 */
function lastOfEachId(subJobs: readonly SubJob[], rejected: string[]): SubJob[] {
  const last = new Map<string, number>();
  subJobs.forEach((s, i) => last.set(s.id, i));
  if (last.size === subJobs.length) return [...subJobs];
  return subJobs.filter((s, i) => {
    if (last.get(s.id) === i) return true;
    rejected.push(l10n.t('sub-job {0} is in the answer more than once: its last item is kept', s.id));
    return false;
  });
}
