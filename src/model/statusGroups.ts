import { STATUSES, SubJob, SubJobStatus } from './subJob';

export interface StatusGroup {
  readonly status: SubJobStatus;
  readonly subJobs: readonly SubJob[];
}

interface Keyed {
  readonly subJob: SubJob;
  /** Begin time in ms, -Infinity when missing: parsed once, not in every comparison (50,000 sub-jobs). */
  readonly begin: number;
}

function keyed(subJob: SubJob): Keyed {
  const begin = Date.parse(subJob.beginTime);
  return { subJob, begin: Number.isNaN(begin) ? -Infinity : begin };
}

/** Newest first; equal times by id, newest (largest) first. */
function byBeginTimeDescending(a: Keyed, b: Keyed): number {
  if (a.begin !== b.begin) return b.begin - a.begin;
  return a.subJob.id < b.subJob.id ? 1 : a.subJob.id > b.subJob.id ? -1 : 0;
}

/** Sub-jobs grouped by status in attention order; empty statuses are left out. */
export function groupByStatus(subJobs: readonly SubJob[]): StatusGroup[] {
  const buckets = new Map<SubJobStatus, Keyed[]>();
  for (const subJob of subJobs) {
    let bucket = buckets.get(subJob.status);
    if (!bucket) buckets.set(subJob.status, (bucket = []));
    bucket.push(keyed(subJob));
  }
  return STATUSES.filter((status) => buckets.has(status)).map((status) => ({
    status,
    subJobs: buckets.get(status)!.sort(byBeginTimeDescending).map((k) => k.subJob),
  }));
}
