import { isActiveStatus, STATUSES, SubJob } from '../model/subJob';
import type { TimelineScale } from '../model/timelineScale';

// What the parent job's timeline says about its sub-jobs, without markup: their order, the time
// axis's span, durations (p50, p95, the slowest) and failures grouped by error code.

/** A parent job as the timeline needs it, whichever family's call answered it. */
export interface ParentJob {
  readonly id: string;
  /** '' when the answer does not say. */
  readonly jobType: string;
  readonly status: string;
  readonly beginTime: string;
  readonly endTime: string;
  readonly subJobs: readonly SubJob[];
  /** How many sub-jobs the job has, when the answer says (it may hold fewer). */
  readonly subJobsTotal?: number;
  /** Why sub-jobs the answer held could not be read, one reason each (the panel logs them). */
  readonly rejected?: readonly string[];
}

/** The statuses a failure group gathers: those with an error that ended the sub-job. */
const FAILURE_STATUSES: readonly string[] = ['FAILED', 'ABNORMAL'];

/** Epoch ms of an API time, or undefined when missing or unreadable. */
export function timeOf(iso: string): number | undefined {
  if (!iso) return undefined;
  const ms = Date.parse(iso);
  return Number.isNaN(ms) || ms < EARLIEST_PLAUSIBLE_MS || ms > LATEST_PLAUSIBLE_MS ? undefined : ms;
}

/**
 * Times outside these are placeholders, not times (Go's zero time 0001-01-01, the epoch, a year 9999): one of
 * them would stretch the axis over centuries and top the slowest list. They read as no time.
 */
const EARLIEST_PLAUSIBLE_MS = Date.UTC(2000, 0, 1);
const LATEST_PLAUSIBLE_MS = Date.UTC(2100, 0, 1);

/** A sub-job's begin and end in epoch ms, read once per sub-job object (an answer's sub-jobs are drawn at every update). */
const parsedTimes = new WeakMap<SubJob, { begin?: number; end?: number }>();

export function beginOf(subJob: SubJob): number | undefined {
  return timesOf(subJob).begin;
}

export function endOf(subJob: SubJob): number | undefined {
  return timesOf(subJob).end;
}

function timesOf(subJob: SubJob): { begin?: number; end?: number } {
  let times = parsedTimes.get(subJob);
  if (!times) parsedTimes.set(subJob, (times = { begin: timeOf(subJob.beginTime), end: timeOf(subJob.endTime) }));
  return times;
}

/** The sub-jobs by begin time, earliest first; those not begun last, then by id so the order is stable. */
export function byBeginTime(subJobs: readonly SubJob[]): SubJob[] {
  const keyed = subJobs.map((subJob) => ({ subJob, at: beginOf(subJob) ?? Number.POSITIVE_INFINITY }));
  keyed.sort((a, b) => a.at - b.at || (a.subJob.id < b.subJob.id ? -1 : a.subJob.id > b.subJob.id ? 1 : 0));
  return keyed.map((k) => k.subJob);
}

/** The job still moves: its status, or any of its sub-jobs', is active. */
export function isJobLive(job: ParentJob): boolean {
  return isActiveStatus(job.status) || job.subJobs.some((s) => isActiveStatus(s.status));
}

/** Active and without a readable end: its bar grows, its duration is "so far", the percentiles leave it out. */
export function isRunning(subJob: SubJob): boolean {
  return isActiveStatus(subJob.status) && endOf(subJob) === undefined;
}

/** How long a sub-job ran, or has run so far while running; undefined without a (readable) begin. */
export function durationMs(subJob: SubJob, nowMs: number): number | undefined {
  const begin = beginOf(subJob);
  if (begin === undefined) return undefined;
  // Running on a clock behind the service's (begun "after" now): it has run for no time yet, not for none.
  const end = endOf(subJob) ?? (isRunning(subJob) ? Math.max(nowMs, begin) : undefined);
  return end === undefined || end < begin ? undefined : end - begin;
}

/** How many sub-jobs per status: the known statuses in the tree's order, then any other as sent. */
export function statusCounts(subJobs: readonly SubJob[]): Array<{ status: string; count: number }> {
  const counts = new Map<string, number>();
  for (const subJob of subJobs) counts.set(subJob.status, (counts.get(subJob.status) ?? 0) + 1);
  const known = STATUSES.filter((s) => counts.has(s)).map((status) => ({ status, count: counts.get(status) ?? 0 }));
  const others = [...counts.keys()].filter((s) => !(STATUSES as readonly string[]).includes(s)).sort();
  return [...known, ...others.map((status) => ({ status, count: counts.get(status) ?? 0 }))];
}

/** The nearest-rank percentile (0 < p ≤ 100) of values sorted ascending; undefined for none. */
export function percentile(sorted: readonly number[], p: number): number | undefined {
  if (!sorted.length) return undefined;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1];
}

export interface DurationStats {
  /** How many finished sub-jobs the percentiles are of (a running one's duration is not known yet). */
  readonly finished: number;
  readonly p50Ms?: number;
  readonly p95Ms?: number;
  /** The longest first, running ones by their time so far. */
  readonly slowest: ReadonlyArray<{ readonly subJob: SubJob; readonly ms: number; readonly running: boolean }>;
}

export const SLOWEST_SHOWN = 5;

export function durationStats(subJobs: readonly SubJob[], nowMs: number, shown = SLOWEST_SHOWN): DurationStats {
  const finished: number[] = [];
  const all: Array<{ subJob: SubJob; ms: number; running: boolean }> = [];
  for (const subJob of subJobs) {
    const ms = durationMs(subJob, nowMs);
    if (ms === undefined) continue;
    const running = isRunning(subJob);
    if (!running) finished.push(ms);
    all.push({ subJob, ms, running });
  }
  finished.sort((a, b) => a - b);
  all.sort((a, b) => b.ms - a.ms);
  const p50Ms = percentile(finished, 50);
  const p95Ms = percentile(finished, 95);
  return {
    finished: finished.length,
    ...(p50Ms !== undefined && { p50Ms }),
    ...(p95Ms !== undefined && { p95Ms }),
    slowest: all.slice(0, shown),
  };
}

/** FAILED and ABNORMAL sub-jobs sharing one error code: forty failures with one cause read as one. */
export interface FailureGroup {
  /** '' for failures without an error code. */
  readonly code: string;
  readonly count: number;
  /** Their distinct messages, the most frequent first. */
  readonly messages: readonly string[];
  /** The failed sub-jobs, by begin time. */
  readonly subJobs: readonly SubJob[];
}

/** The failure groups, the largest first (then by code). */
export function failureGroups(subJobs: readonly SubJob[]): FailureGroup[] {
  const groups = new Map<string, SubJob[]>();
  for (const subJob of byBeginTime(subJobs)) {
    if (!FAILURE_STATUSES.includes(subJob.status)) continue;
    const code = subJob.errorCode.trim();
    const members = groups.get(code);
    if (members) members.push(subJob);
    else groups.set(code, [subJob]);
  }
  return [...groups.entries()]
    .map(([code, members]) => ({ code, count: members.length, messages: byFrequency(members), subJobs: members }))
    .sort((a, b) => b.count - a.count || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
}

function byFrequency(subJobs: readonly SubJob[]): string[] {
  const counts = new Map<string, number>();
  for (const { errorMessage } of subJobs)
    if (errorMessage) counts.set(errorMessage, (counts.get(errorMessage) ?? 0) + 1);
  return [...counts.entries()].sort((a, b) => b[1] - a[1]).map(([message]) => message);
}

/**
 * The axis's span: from the earliest begin (the job's or a sub-job's) to the latest end; while the
 * job runs, to a little past now, so running bars have room to grow until the next update.
 */
export function timelineScale(job: ParentJob, nowMs: number, intervalMs: number, live = isJobLive(job)): TimelineScale {
  const begins = [timeOf(job.beginTime), ...job.subJobs.map(beginOf)].filter(isNumber);
  const ends = [timeOf(job.endTime), ...job.subJobs.map(endOf)].filter(isNumber);
  const startMs = begins.length ? Math.min(...begins) : nowMs;
  const lastEnd = ends.length ? Math.max(...ends) : startMs;
  // Every begin is on the axis, also one ahead of this machine's clock on a live job (a clock behind the service's).
  const endBase = Math.max(lastEnd, ...begins, live ? nowMs : Number.NEGATIVE_INFINITY);
  // A live axis has room for about one more interval of growth (at least a tenth of its span).
  const room = live ? Math.max(intervalMs, (endBase - startMs) / 10, 1000) : 0;
  const endMs = Math.max(endBase + room, startMs + 1000);
  return { startMs, endMs };
}

function isNumber(value: number | undefined): value is number {
  return value !== undefined;
}
