import { isJobType, SubJob } from '../model/subJob';
import { SessionQuery } from './sessionSpec';
import { SessionState } from './sessionState';

/** Why a sub-job told earlier has no row: the filter leaves it out, or it is no longer among the loaded rows. */
export type NotShown = 'hidden' | 'gone';

/**
 * A sub-job as it is now among the rows of the open groups, found by id whatever status it was told
 * with: it may have moved on since (RUNNING → FAILED), or been deleted.
 */
export function shownNow(state: SessionState, isOpen: (status: string) => boolean, id: string): SubJob | undefined {
  for (const [status, group] of state.groups) {
    if (!isOpen(status)) continue;
    const found = group.subJobs.find((s) => s.id === id);
    if (found) return found;
  }
  return undefined;
}

/** Whether the session's query (the user's filter on top of the configured job types) leaves the sub-job out. */
export function outsideQuery(query: SessionQuery, subJob: SubJob): boolean {
  const jobType = subJob.listedAs ?? subJob.jobType;
  if (isJobType(jobType) && !query.jobTypes.includes(jobType)) return true;
  if (query.jobId && subJob.jobId !== query.jobId) return true;
  return !!query.statuses && !query.statuses.some((s) => s === subJob.status);
}
