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

/**
 * Brings a sub-job to where its plan puts it at `now`. Only moves forward: a clock that goes back
 * does not undo a transition. Returns true once the plan is complete.
 */
export function applyPlan(subJob: RawSubJob, plan: ProgressionPlan, now: number): boolean {
  if (now >= plan.endsAt) {
    subJob.status = plan.outcome;
    subJob.end_time = formatTime(plan.endsAt);
    subJob.job_execute_info =
      plan.outcome === 'FAILED' && plan.failure
        ? { error_code: plan.failure.code, error_message: plan.failure.message }
        : { error_code: '', error_message: '' };
    return true;
  }
  if (plan.runningAt !== undefined && now >= plan.runningAt && subJob.status === 'WAITING') {
    subJob.status = 'RUNNING';
  }
  return false;
}
