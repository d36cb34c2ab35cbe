import type { Family } from './family';
import { parseResourceInfo } from './resourceFields';
import { QueryJobType, SubJob } from './subJob';
import { isRecord } from './jsonFields';
import { capText, describeValue, DETAIL_CHARS } from './text';

/** A response that does not have the shape the API documents. */
export class MalformedResponseError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MalformedResponseError';
  }
}

export interface SubJobPage {
  /** The total under the query's filter; the items the page carried when the answer had no count (see uncounted). */
  readonly count: number;
  /**
   * The answer had no `count` (the SDK model makes it optional): `count` is only what this page
   * carried, no total. Nothing may be counted with it, nor a tail be found from it.
   */
  readonly uncounted?: true;
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

export { isRecord } from './jsonFields';

/**
 * The longest id the service takes (a sub-job id in a deletion, a job id in a query or path): a
 * longer one could be neither looked up nor deleted, and is no id the service gave out.
 */
export const MAX_ID_CHARS = 128;

/** No status the service documents or may add is this long; a longer one is not a status. */
const MAX_STATUS_CHARS = 128;

/**
 * A text field as sent, kept up to DETAIL_CHARS (what the details panel shows); '' when it is no
 * text. Every API text the extension keeps goes through here (ShowImageJob's job fields too).
 */
export function apiText(value: unknown): string {
  if (typeof value === 'string') return capText(value, DETAIL_CHARS);
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
  return apiText(value);
}

function lostDigits(name: string, lost: string, whose: string): string {
  return `${whose}: ${name} ${lost} is a number beyond 2^53 and has lost digits; the service must send ids as strings`;
}

/**
 * Turns one ImageJobDetailInfo (image family) or SubJobDetailInfo (app-server family: error_code
 * and error_message at the top level, a 15-field job_resource_info) into a SubJob, or explains why
 * it cannot. Only an id and a status are indispensable (the tree groups by status); every other
 * field degrades to ''.
 */
export function parseSubJob(raw: unknown, listedAs?: QueryJobType, family: Family = 'image'): SubJob | string {
  if (!isRecord(raw)) return 'item is not an object';
  const id = idOf(raw.id);
  if (typeof id !== 'string')
    return `item id ${id.lost} is a number beyond 2^53 and has lost digits; the service must send ids as strings`;
  if (!id) return 'item has no id';
  if (typeof raw.id === 'string' && raw.id.length > MAX_ID_CHARS)
    return `item id is ${describeValue(raw.id)}, longer than the ${MAX_ID_CHARS} characters of an id`;
  // An unknown status (one added after this version) is kept and shown as it is; a missing one cannot be grouped.
  const status = raw.status;
  if (typeof status !== 'string' || !status.trim() || status.length > MAX_STATUS_CHARS)
    return `sub-job ${id} has no status (${describeValue(status ?? null)})`;
  const resource = isRecord(raw.job_resource_info) ? raw.job_resource_info : {};
  const execution = family === 'appServer' ? raw : isRecord(raw.job_execute_info) ? raw.job_execute_info : {};
  const jobId = idOf(raw.job_id);
  if (typeof jobId !== 'string') return lostDigits('job_id', jobId.lost, `sub-job ${id}`);
  // A parent job id no query takes would make every look-up by it fail: better none at all.
  const parentId = jobId.length > MAX_ID_CHARS ? '' : jobId;
  const resourceId = idOf(resource.resource_id);
  if (typeof resourceId !== 'string') return lostDigits('resource_id', resourceId.lost, `sub-job ${id}`);
  return {
    id,
    jobType: apiText(raw.job_type),
    status: status.trim(),
    resourceId,
    resourceName: apiText(resource.resource_name),
    beginTime: apiText(raw.begin_time),
    endTime: apiText(raw.end_time),
    // Trimmed here, so the tree and the timeline group "WKS.1 " and "WKS.1" as one code.
    errorCode: apiText(execution.error_code).trim(),
    errorMessage: apiText(execution.error_message),
    projectId: apiText(raw.project_id),
    jobId: parentId,
    ...(listedAs && { listedAs }),
    ...(family === 'appServer' && appServerFields(raw.job_resource_info)),
  };
}

function appServerFields(raw: unknown): Pick<SubJob, 'family' | 'resource' | 'resourceOmitted'> {
  const { fields, omitted } = parseResourceInfo(raw);
  return { family: 'appServer', resource: fields, ...(omitted > 0 && { resourceOmitted: omitted }) };
}

function parseCount(count: unknown): number {
  if (count === undefined) throw new MalformedResponseError('"count" is missing, expected a non-negative integer');
  if (typeof count !== 'number' || !Number.isInteger(count) || count < 0) {
    throw new MalformedResponseError(`"count" is ${describeValue(count)}, expected a non-negative integer`);
  }
  if (count > MAX_PLAUSIBLE_COUNT) {
    throw new MalformedResponseError(
      `"count" is ${count}, more than the ${MAX_PLAUSIBLE_COUNT.toLocaleString('en')} sub-jobs any project holds`,
    );
  }
  return count;
}

/**
 * Validates a ListImageSubJobs body: `{ count, items[] }`, answered to a query for `listedAs`.
 *
 * The SDK models make `count` optional. A page without one counts the items it carried (good and
 * bad): every paging loop ends a series at the page that reaches its count, so the listing stops
 * at this page, and its total is what was seen rather than a guess. Nothing is lost when the
 * series fits one page; a longer series shows its first page, with a total that matches it, where
 * refusing the page would show nothing. A count of the wrong type is still a broken answer, and
 * so is a body with neither field.
 */
export function parseSubJobPage(body: unknown, listedAs?: QueryJobType, family: Family = 'image'): SubJobPage {
  if (!isRecord(body)) throw new MalformedResponseError('the body is not a JSON object');
  const sent = body.count ?? null;
  // Neither field: some other JSON (a proxy's, another API's), not an empty page.
  if (sent === null && (body.items ?? null) === null)
    throw new MalformedResponseError(`the body has no "items" and "count" is null, expected a non-negative integer`);
  const count = sent === null ? undefined : parseCount(sent);
  const rawItems = body.items ?? [];
  if (!Array.isArray(rawItems)) throw new MalformedResponseError('"items" is not an array');
  const items: SubJob[] = [];
  const rejected: string[] = [];
  for (const raw of rawItems) {
    const parsed = parseSubJob(raw, listedAs, family);
    if (typeof parsed === 'string') rejected.push(parsed);
    else items.push(parsed);
  }
  return { count: count ?? rawItems.length, items, rejected, ...(count === undefined && { uncounted: true as const }) };
}

/** Validates a CountImageSubJobs body: `{ count }`. */
export function parseSubJobCount(body: unknown): number {
  if (!isRecord(body)) throw new MalformedResponseError('the body is not a JSON object');
  // The count call answers nothing but its count: one without it says nothing.
  return parseCount(body.count ?? undefined);
}
