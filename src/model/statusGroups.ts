import { STATUSES, SubJob } from './subJob';

export interface StatusGroup {
  /** One of STATUSES, or a status this version does not know. */
  readonly status: string;
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

/** Newest first by begin time (unparsable times last), ties by id, newest (largest) first. */
export function newestFirst(subJobs: readonly SubJob[]): SubJob[] {
  return subJobs
    .map(keyed)
    .sort(byBeginTimeDescending)
    .map((k) => k.subJob);
}

/** The known statuses in attention order, then statuses this version does not know, alphabetically. */
export function orderStatuses(statuses: Iterable<string>): string[] {
  const present = new Set(statuses);
  const known: string[] = STATUSES.filter((s) => present.has(s));
  const unknown = [...present].filter((s) => !known.includes(s)).sort();
  return [...known, ...unknown];
}

/** Sub-jobs grouped by status, newest first within a group; empty statuses are left out. */
export function groupByStatus(subJobs: readonly SubJob[]): StatusGroup[] {
  const buckets = new Map<string, Keyed[]>();
  for (const subJob of subJobs) {
    let bucket = buckets.get(subJob.status);
    if (!bucket) buckets.set(subJob.status, (bucket = []));
    bucket.push(keyed(subJob));
  }
  return orderStatuses(buckets.keys()).map((status) => ({
    status,
    subJobs: buckets
      .get(status)!
      .sort(byBeginTimeDescending)
      .map((k) => k.subJob),
  }));
}
