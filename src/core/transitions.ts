import { ACTIVE_STATUSES, isActiveStatus, SubJob } from '../model/subJob';
import { GroupState } from './sessionState';

/** A sub-job that was active at the previous refresh and has ended since. */
export interface Transition {
  /** As it is now: FAILED, ABNORMAL, SUCCESS (or a finished status this version does not know). */
  readonly subJob: SubJob;
  /** Its status at the previous refresh. */
  readonly from: string;
}

/** Finished sub-jobs looked up one by one after a refresh; beyond this they are only counted. */
export const MAX_TRANSITION_LOOKUPS = 10;

/** The active sub-jobs the loaded active groups hold, by id. */
export function activeSubJobs(groups: ReadonlyMap<string, GroupState>): Map<string, SubJob> {
  const active = new Map<string, SubJob>();
  for (const status of ACTIVE_STATUSES)
    for (const subJob of groups.get(status)?.subJobs ?? []) active.set(subJob.id, subJob);
  return active;
}

function beginMs(subJob: SubJob): number {
  const ms = Date.parse(subJob.beginTime);
  return Number.isNaN(ms) ? -Infinity : ms;
}

/**
 * Which of the sub-jobs active at the previous refresh are active no more. An active group shows
 * its newest sub-jobs only; one missing from a group that does not show everything may just have
 * slipped below the newest, so it counts only when it is newer than the oldest shown.
 */
export function leftActive(
  previous: ReadonlyMap<string, SubJob>,
  groups: ReadonlyMap<string, GroupState>,
  counts: ReadonlyMap<string, number>,
  now: ReadonlyMap<string, SubJob> = activeSubJobs(groups),
): SubJob[] {
  // Per status, once: the begin time of the oldest sub-job shown (-Infinity when none is).
  const oldest = new Map<string, number>();
  const oldestShown = (status: string, shown: readonly SubJob[]) => {
    let time = oldest.get(status);
    if (time === undefined) {
      time = shown.length ? shown.reduce((min, s) => Math.min(min, beginMs(s)), Infinity) : -Infinity;
      oldest.set(status, time);
    }
    return time;
  };
  const left: SubJob[] = [];
  for (const [id, before] of previous) {
    if (now.has(id)) continue;
    const shown = groups.get(before.status)?.subJobs ?? [];
    const complete = shown.length >= (counts.get(before.status) ?? 0);
    if (complete || beginMs(before) >= oldestShown(before.status, shown)) left.push(before);
  }
  return left;
}

/** The transitions among sub-jobs looked up again: those now in a finished status. */
export function transitionsOf(left: readonly SubJob[], now: ReadonlyMap<string, SubJob>): Transition[] {
  const transitions: Transition[] = [];
  for (const before of left) {
    const after = now.get(before.id);
    if (after && !isActiveStatus(after.status)) transitions.push({ subJob: after, from: before.status });
  }
  return transitions;
}
