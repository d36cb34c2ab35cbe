import { STATUSES, SubJob, SubJobStatus } from './subJob';

export interface StatusGroup {
  readonly status: SubJobStatus;
  readonly subJobs: readonly SubJob[];
}

/** Newest first; ISO-8601 UTC strings of one format sort like their instants once parsed. */
function byBeginTimeDescending(a: SubJob, b: SubJob): number {
  const ta = Date.parse(a.beginTime);
  const tb = Date.parse(b.beginTime);
  const da = Number.isNaN(ta) ? -Infinity : ta;
  const db = Number.isNaN(tb) ? -Infinity : tb;
  if (da !== db) return db - da;
  return a.id < b.id ? 1 : a.id > b.id ? -1 : 0;
}

/** Sub-jobs grouped by status in attention order; empty statuses are left out. */
export function groupByStatus(subJobs: readonly SubJob[]): StatusGroup[] {
  const buckets = new Map<SubJobStatus, SubJob[]>();
  for (const subJob of subJobs) {
    let bucket = buckets.get(subJob.status);
    if (!bucket) buckets.set(subJob.status, (bucket = []));
    bucket.push(subJob);
  }
  return STATUSES.filter((status) => buckets.has(status)).map((status) => ({
    status,
    subJobs: buckets.get(status)!.sort(byBeginTimeDescending),
  }));
}
