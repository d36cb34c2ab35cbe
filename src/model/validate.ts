import { JobType, SubJob } from './subJob';

/** A response that does not have the shape the API documents. */
export class MalformedResponseError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MalformedResponseError';
  }
}

export interface SubJobPage {
  readonly count: number;
  readonly items: SubJob[];
  /** Items that were dropped because they could not be understood, with the reason for each. */
  readonly rejected: string[];
}

/**
 * How many items the answer carried, understood or not. A page is the last one when this is below
 * the limit asked for, whatever its count says: a count is only a claim, and one that never ends
 * must not make a client ask for page after empty page.
 */
export function receivedItems(page: SubJobPage): number {
  return page.items.length + page.rejected.length;
}

/** A JSON object (not null, not an array). */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function text(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return '';
}

/**
 * More sub-jobs than any project holds: a count beyond this is a broken answer, and believing it
 * would queue millions of page requests.
 */
export const MAX_PLAUSIBLE_COUNT = 10_000_000;

/**
 * An id sent as a JSON number beyond 2^53 has already lost digits in JSON.parse: showing it would
 * show a different sub-job's id, and looking it up would find nothing or the wrong one. The same
 * holds for the parent job id (a look-up through ShowImageJob would ask for another job) and the
 * resource id (an image or server id shown with wrong digits).
 */
function idOf(value: unknown): string | { readonly lost: string } {
  if (typeof value === 'number' && Number.isInteger(value) && !Number.isSafeInteger(value))
    return { lost: String(value) };
  return text(value);
}

function lostDigits(name: string, lost: string, whose: string): string {
  return `${whose}: ${name} ${lost} is a number beyond 2^53 and has lost digits; the service must send ids as strings`;
}

/**
 * Turns one ImageJobDetailInfo into a SubJob, or explains why it cannot. Only an id and a status
 * are indispensable (the tree groups by status); every other field degrades to ''.
 */
export function parseSubJob(raw: unknown, listedAs?: JobType): SubJob | string {
  if (!isRecord(raw)) return 'item is not an object';
  const id = idOf(raw.id);
  if (typeof id !== 'string')
    return `item id ${id.lost} is a number beyond 2^53 and has lost digits; the service must send ids as strings`;
  if (!id) return 'item has no id';
  // An unknown status (one added after this version) is kept and shown as it is; a missing one cannot be grouped.
  if (typeof raw.status !== 'string' || !raw.status.trim())
    return `sub-job ${id} has no status (${JSON.stringify(raw.status ?? null)})`;
  const resource = isRecord(raw.job_resource_info) ? raw.job_resource_info : {};
  const execution = isRecord(raw.job_execute_info) ? raw.job_execute_info : {};
  const jobId = idOf(raw.job_id);
  if (typeof jobId !== 'string') return lostDigits('job_id', jobId.lost, `sub-job ${id}`);
  const resourceId = idOf(resource.resource_id);
  if (typeof resourceId !== 'string') return lostDigits('resource_id', resourceId.lost, `sub-job ${id}`);
  return {
    id,
    jobType: text(raw.job_type),
    status: raw.status.trim(),
    resourceId,
    resourceName: text(resource.resource_name),
    beginTime: text(raw.begin_time),
    endTime: text(raw.end_time),
    errorCode: text(execution.error_code),
    errorMessage: text(execution.error_message),
    projectId: text(raw.project_id),
    jobId,
    ...(listedAs && { listedAs }),
  };
}

function parseCount(body: Record<string, unknown>): number {
  const count = body.count;
  if (typeof count !== 'number' || !Number.isInteger(count) || count < 0) {
    throw new MalformedResponseError(`"count" is ${JSON.stringify(count ?? null)}, expected a non-negative integer`);
  }
  if (count > MAX_PLAUSIBLE_COUNT) {
    throw new MalformedResponseError(
      `"count" is ${count}, more than the ${MAX_PLAUSIBLE_COUNT.toLocaleString('en')} sub-jobs any project holds`,
    );
  }
  return count;
}

/** Validates a ListImageSubJobs body: `{ count, items[] }`, answered to a query for `listedAs`. */
export function parseSubJobPage(body: unknown, listedAs?: JobType): SubJobPage {
  if (!isRecord(body)) throw new MalformedResponseError('the body is not a JSON object');
  const count = parseCount(body);
  const rawItems = body.items ?? [];
  if (!Array.isArray(rawItems)) throw new MalformedResponseError('"items" is not an array');
  const items: SubJob[] = [];
  const rejected: string[] = [];
  for (const raw of rawItems) {
    const parsed = parseSubJob(raw, listedAs);
    if (typeof parsed === 'string') rejected.push(parsed);
    else items.push(parsed);
  }
  return { count, items, rejected };
}

/** Validates a CountImageSubJobs body: `{ count }`. */
export function parseSubJobCount(body: unknown): number {
  if (!isRecord(body)) throw new MalformedResponseError('the body is not a JSON object');
  return parseCount(body);
}
