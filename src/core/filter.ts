import * as l10n from '@vscode/l10n';
import { APP_SERVER_JOB_TYPES, AppServerJobType, Family, qualifiedJobType } from '../model/family';
import { isJobType, isSubJobStatus, JobType, QueryJobType, STATUSES, SubJobStatus } from '../model/subJob';

/** What the user narrowed the view to. Every part becomes an API query parameter. */
export interface SubJobFilter {
  /**
   * Image-family job types (stored under this name before families): restricts the configured
   * ones. With app-server types, the two together say which types of each family are shown.
   */
  readonly jobTypes?: readonly JobType[];
  /** App-server job types. Absent in both = every type of every family. */
  readonly appServerJobTypes?: readonly AppServerJobType[];
  /** Parent job id (the API's `job_id`). */
  readonly jobId?: string;
  /** One API call per status; absent = every status. */
  readonly statuses?: readonly SubJobStatus[];
}

export const NO_FILTER: SubJobFilter = {};
export const MAX_JOB_ID_LENGTH = 128;
/** ShowJobDetail looks up app-server job ids of up to 255 characters; the list and count calls' job_id takes 128. */
export const MAX_LOOKUP_JOB_ID_LENGTH = 255;

export function isFiltered(filter: SubJobFilter): boolean {
  return !!(filter.jobTypes?.length || filter.appServerJobTypes?.length || filter.jobId || filter.statuses?.length);
}

/** Why a job id is refused, or undefined when it is fine (after trimming). */
export function validateJobId(value: string, maxLength = MAX_JOB_ID_LENGTH): string | undefined {
  const jobId = value.trim();
  if (!jobId) return l10n.t('Enter a job id (1–{0} characters), e.g. 702364884037271552.', maxLength);
  if (jobId.length > maxLength)
    return l10n.t('A job id has at most {0} characters; this one has {1}.', maxLength, jobId.length);
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
  const types = [
    ...(filter.jobTypes ?? []),
    ...(filter.appServerJobTypes ?? []).map((t) => qualifiedJobType('appServer', t)),
  ];
  if (types.length) parts.push(types.join(' | '));
  if (filter.statuses?.length) parts.push(filter.statuses.join(' | '));
  return parts.join(', ');
}

/** The job types to ask for: the configured ones (image family), narrowed by the filter. */
export function effectiveJobTypes(configured: readonly JobType[], filter: SubJobFilter): JobType[] {
  return familyQueryTypes('image', configured, filter) as JobType[];
}

/**
 * A family's job types to ask for: its configured ones (workspaceJobs.jobTypes for images, all ten
 * for app servers), narrowed by the filter. A job type filter that names only the other family's
 * types leaves this family none: its session says so (noJobTypes) rather than showing everything.
 */
export function familyQueryTypes(
  family: Family,
  configured: readonly QueryJobType[],
  filter: SubJobFilter,
): QueryJobType[] {
  const picked: readonly string[] = family === 'image' ? (filter.jobTypes ?? []) : (filter.appServerJobTypes ?? []);
  const anyPicked = Boolean(filter.jobTypes?.length || filter.appServerJobTypes?.length);
  if (!anyPicked) return [...configured];
  return configured.filter((t) => picked.includes(t));
}

/** Reads a filter back from storage (or a command argument), dropping whatever is not valid. */
export function sanitizeFilter(raw: unknown): SubJobFilter {
  if (typeof raw !== 'object' || raw === null) return NO_FILTER;
  const r = raw as Record<string, unknown>;
  const jobTypes = Array.isArray(r.jobTypes) ? [...new Set(r.jobTypes.filter(isJobType))] : [];
  const appServerJobTypes = Array.isArray(r.appServerJobTypes)
    ? APP_SERVER_JOB_TYPES.filter((t) => (r.appServerJobTypes as unknown[]).includes(t))
    : [];
  const statuses = Array.isArray(r.statuses) ? STATUSES.filter((s) => (r.statuses as unknown[]).includes(s)) : [];
  const jobId = typeof r.jobId === 'string' && !validateJobId(r.jobId) ? r.jobId.trim() : undefined;
  return {
    ...(jobTypes.length && { jobTypes }),
    ...(appServerJobTypes.length && { appServerJobTypes }),
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
