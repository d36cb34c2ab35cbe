import * as l10n from '@vscode/l10n';
import { isJobType, isSubJobStatus, JobType, STATUSES, SubJobStatus } from '../model/subJob';

/** What the user narrowed the view to. Every part becomes an API query parameter. */
export interface SubJobFilter {
  /** Restricts the configured job types; absent = all configured. */
  readonly jobTypes?: readonly JobType[];
  /** Parent job id (the API's `job_id`). */
  readonly jobId?: string;
  /** One API call per status; absent = every status. */
  readonly statuses?: readonly SubJobStatus[];
}

export const NO_FILTER: SubJobFilter = {};
export const MAX_JOB_ID_LENGTH = 128;

export function isFiltered(filter: SubJobFilter): boolean {
  return !!(filter.jobTypes?.length || filter.jobId || filter.statuses?.length);
}

/** Why a job id is refused, or undefined when it is fine (after trimming). */
export function validateJobId(value: string): string | undefined {
  const jobId = value.trim();
  if (!jobId) return l10n.t('Enter a job id (1–128 characters), e.g. 702364884037271552.');
  if (jobId.length > MAX_JOB_ID_LENGTH)
    return l10n.t('A job id has at most {0} characters; this one has {1}.', MAX_JOB_ID_LENGTH, jobId.length);
  if (/\s/.test(jobId)) return l10n.t('A job id has no spaces.');
  return undefined;
}

function shorten(id: string): string {
  return id.length > 8 ? `${id.slice(0, 4)}…${id.slice(-4)}` : id;
}

/** "job_id=7023…1552, CREATE_SERVER, FAILED" — short enough for the line above the tree. */
export function describeFilter(filter: SubJobFilter): string {
  const parts: string[] = [];
  if (filter.jobId) parts.push(`job_id=${shorten(filter.jobId)}`);
  if (filter.jobTypes?.length) parts.push(filter.jobTypes.join(' | '));
  if (filter.statuses?.length) parts.push(filter.statuses.join(' | '));
  return parts.join(', ');
}

/** The job types to ask for: the configured ones, narrowed by the filter. */
export function effectiveJobTypes(configured: readonly JobType[], filter: SubJobFilter): JobType[] {
  if (!filter.jobTypes?.length) return [...configured];
  return configured.filter((t) => filter.jobTypes!.includes(t));
}

/** Reads a filter back from storage (or a command argument), dropping whatever is not valid. */
export function sanitizeFilter(raw: unknown): SubJobFilter {
  if (typeof raw !== 'object' || raw === null) return NO_FILTER;
  const r = raw as Record<string, unknown>;
  const jobTypes = Array.isArray(r.jobTypes) ? [...new Set(r.jobTypes.filter(isJobType))] : [];
  const statuses = Array.isArray(r.statuses) ? STATUSES.filter((s) => (r.statuses as unknown[]).includes(s)) : [];
  const jobId = typeof r.jobId === 'string' && !validateJobId(r.jobId) ? r.jobId.trim() : undefined;
  return {
    ...(jobTypes.length && { jobTypes }),
    ...(jobId && { jobId }),
    ...(statuses.length && { statuses }),
  };
}

/** Parses a command argument that may be one value or a list: "FAILED", ["FAILED","RUNNING"]. */
export function parseList<T extends string>(
  arg: unknown,
  valid: (v: unknown) => v is T,
): { values: T[]; invalid: string[] } {
  const items = Array.isArray(arg) ? arg : typeof arg === 'string' ? arg.split(',') : [arg];
  const values: T[] = [];
  const invalid: string[] = [];
  for (const item of items) {
    const v = typeof item === 'string' ? item.trim().toUpperCase() : item;
    if (valid(v)) {
      if (!values.includes(v)) values.push(v);
    } else invalid.push(String(item));
  }
  return { values, invalid };
}

export { isJobType, isSubJobStatus };
