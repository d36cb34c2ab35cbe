import { isAbort } from '../api/errors';
import { deleteSubJobs, DeletionResult } from '../api/subJobDeletion';
import { SubJob } from '../model/subJob';
import { Clock, sleep, systemClock } from './clock';
import { DeletionPlan, DeletionSource, plannedCount } from './deletionPlan';

export interface RunOptions {
  /** Cancel: stops listing and sending; calls already sent are let finish, so their outcome is known. */
  readonly signal: AbortSignal;
  /** Retry-After waits run on it. */
  readonly clock?: Clock;
  /** Calls in flight per project once one succeeded. */
  readonly concurrency?: number;
  /** The group holds more than the user confirmed: ask again about `listed`. */
  confirmGrown(listed: number, confirmed: number): Promise<boolean>;
  /** Ids answered so far (deleted, refused or unknown) out of the total, which a listed group may change. */
  onProgress?(done: number, total: number): void;
  /** A group is being listed before its sub-jobs are sent. */
  onListing?(): void;
}

/** What happened in one project. */
export interface ProjectRun {
  readonly source: DeletionSource;
  readonly result: DeletionResult;
  /** The group was not listed, so nothing of it was sent: the listing failed (its error) or was cancelled. */
  readonly notListed?: { readonly count: number; readonly error?: unknown };
  /** The listing held more than confirmed, and the user did not confirm the larger number. */
  readonly grownDeclined?: { readonly listed: number; readonly confirmed: number };
}

export interface RunOutcome {
  readonly projects: readonly ProjectRun[];
  /** The user cancelled before everything was sent. */
  readonly cancelled: boolean;
}

const EMPTY_RESULT = (): DeletionResult => ({ deleted: [], refused: [], unknown: [], notSent: [] });

/**
 * Carries out a confirmed plan, project after project. A group is listed first and deletes at most
 * what was confirmed: when it grew, the user is asked again about what the listing holds. Deleted
 * sub-jobs leave the view at once.
 */
export async function runDeletion(plan: DeletionPlan, options: RunOptions): Promise<RunOutcome> {
  const { signal } = options;
  const clock = options.clock ?? systemClock;
  let total = plannedCount(plan);
  let doneBefore = 0;
  const projects: ProjectRun[] = [];
  const work: Array<{ source: DeletionSource; subJobs: readonly SubJob[] | 'group' }> = [
    ...(plan.group ? [{ source: plan.group.source, subJobs: 'group' as const }] : []),
    ...plan.batches,
  ];
  for (const { source, subJobs: given } of work) {
    if (signal.aborted) break;
    let subJobs: readonly SubJob[];
    if (given === 'group') {
      const group = plan.group!;
      options.onListing?.();
      try {
        subJobs = await source.listGroup(group.status, signal);
      } catch (error) {
        if (signal.aborted || isAbort(error)) break;
        projects.push({ source, result: EMPTY_RESULT(), notListed: { count: group.count, error } });
        continue;
      }
      if (subJobs.length > group.count && !(await options.confirmGrown(subJobs.length, group.count))) {
        projects.push({
          source,
          result: { ...EMPTY_RESULT(), notSent: subJobs.map((s) => s.id) },
          grownDeclined: { listed: subJobs.length, confirmed: group.count },
        });
        continue;
      }
      total += subJobs.length - group.count;
    } else subJobs = given;
    const status = new Map(subJobs.map((s) => [s.id, s.status]));
    // Cancel stops sending, not the calls already sent: the session's own signal ends those.
    const calls = new AbortController().signal;
    const result = await deleteSubJobs(
      { batchDelete: (ids) => source.batchDelete(ids, calls) },
      subJobs.map((s) => s.id),
      {
        signal,
        sleep: (ms: number, cut: AbortSignal) => sleep(clock, ms, cut),
        ...(options.concurrency !== undefined && { concurrency: options.concurrency }),
        onProgress: (done) => options.onProgress?.(doneBefore + done, total),
      },
    );
    doneBefore += subJobs.length;
    source.removeSubJobs(result.deleted.map((id) => ({ id, status: status.get(id) ?? '' })));
    projects.push({ source, result });
  }
  const sent = new Set(projects.map((p) => p.source));
  const cancelled = signal.aborted;
  // What cancelling left unsent, so the report names it.
  if (cancelled) {
    if (plan.group && !projects.some((p) => p.source === plan.group!.source))
      projects.push({
        source: plan.group.source,
        result: { ...EMPTY_RESULT(), stopped: { kind: 'cancelled' } },
        notListed: { count: plan.group.count },
      });
    for (const batch of plan.batches)
      if (!sent.has(batch.source))
        projects.push({
          source: batch.source,
          result: { ...EMPTY_RESULT(), notSent: batch.subJobs.map((s) => s.id), stopped: { kind: 'cancelled' } },
        });
  }
  return { projects, cancelled };
}
