import { isSubJobStatus, SubJob } from './subJob';

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
 * Turns one ImageJobDetailInfo into a SubJob, or explains why it cannot. Only an id and a known
 * status are indispensable (the tree groups by status); every other field degrades to ''.
 */
export function parseSubJob(raw: unknown): SubJob | string {
  if (!isRecord(raw)) return 'item is not an object';
  const id = text(raw.id);
  if (!id) return 'item has no id';
  if (!isSubJobStatus(raw.status)) return `sub-job ${id} has unknown status ${JSON.stringify(raw.status ?? null)}`;
  const resource = isRecord(raw.job_resource_info) ? raw.job_resource_info : {};
  const execution = isRecord(raw.job_execute_info) ? raw.job_execute_info : {};
  return {
    id,
    jobType: text(raw.job_type),
    status: raw.status,
    resourceId: text(resource.resource_id),
    resourceName: text(resource.resource_name),
    beginTime: text(raw.begin_time),
    endTime: text(raw.end_time),
    errorCode: text(execution.error_code),
    errorMessage: text(execution.error_message),
    projectId: text(raw.project_id),
    jobId: text(raw.job_id),
  };
}

function parseCount(body: Record<string, unknown>): number {
  const count = body.count;
  if (typeof count !== 'number' || !Number.isInteger(count) || count < 0) {
    throw new MalformedResponseError(`"count" is ${JSON.stringify(count ?? null)}, expected a non-negative integer`);
  }
  return count;
}

/** Validates a ListImageSubJobs body: `{ count, items[] }`. */
export function parseSubJobPage(body: unknown): SubJobPage {
  if (!isRecord(body)) throw new MalformedResponseError('the body is not a JSON object');
  const count = parseCount(body);
  const rawItems = body.items ?? [];
  if (!Array.isArray(rawItems)) throw new MalformedResponseError('"items" is not an array');
  const items: SubJob[] = [];
  const rejected: string[] = [];
  for (const raw of rawItems) {
    const parsed = parseSubJob(raw);
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
