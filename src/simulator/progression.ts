import { Failure } from './catalog';
import { formatTime, RawSubJob } from './rawSubJob';

/**
 * When a generated active sub-job moves on. Plans are fixed at generation from the seed, so the
 * same seed and the same clock readings always give the same history.
 */
export interface ProgressionPlan {
  /** When a WAITING sub-job starts running; absent when it is already past waiting. */
  readonly runningAt?: number;
  /** When it reaches its outcome. */
  readonly endsAt: number;
  readonly outcome: 'SUCCESS' | 'FAILED';
  /** Why it failed; required when the outcome is FAILED. */
  readonly failure?: Failure;
}

/** What progression changes on a sub-job of either family. */
export interface Progressing {
  status: string;
  end_time: string;
}

/** Writes a failure reason (or clears it) where the family keeps it. */
export type FailureWriter<T> = (subJob: T, failure: Failure | undefined) => void;

/** The image family keeps the reason in job_execute_info. */
export const writeExecuteInfo: FailureWriter<RawSubJob> = (subJob, failure) => {
  subJob.job_execute_info = failure
    ? { error_code: failure.code, error_message: failure.message }
    : { error_code: '', error_message: '' };
};

/**
 * Brings a sub-job to where its plan puts it at `now`. Only moves forward: a clock that goes back
 * does not undo a transition. Returns true once the plan is complete.
 */
export function applyPlan(subJob: RawSubJob, plan: ProgressionPlan, now: number): boolean;
export function applyPlan<T extends Progressing>(
  subJob: T,
  plan: ProgressionPlan,
  now: number,
  writeFailure: FailureWriter<T>,
): boolean;
export function applyPlan(
  subJob: Progressing,
  plan: ProgressionPlan,
  now: number,
  writeFailure: FailureWriter<Progressing> = writeExecuteInfo as FailureWriter<Progressing>,
): boolean {
  if (now >= plan.endsAt) {
    subJob.status = plan.outcome;
    subJob.end_time = formatTime(plan.endsAt);
    writeFailure(subJob, plan.outcome === 'FAILED' ? plan.failure : undefined);
    return true;
  }
  if (plan.runningAt !== undefined && now >= plan.runningAt && subJob.status === 'WAITING') {
    subJob.status = 'RUNNING';
  }
  return false;
}
