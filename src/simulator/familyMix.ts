import { SubJobStatus } from '../model/subJob';
import { ABORTED, Failure } from './catalog';
import { ProgressionPlan } from './progression';
import { between, Random } from './random';
import { formatTime } from './rawSubJob';

/**
 * What both families' sample data share: the shape of a family's job mix and how a generated
 * sub-job stands at the anchor (its end, its failure, its plan), whichever family draws it.
 */

export type Weights<T> = ReadonlyArray<readonly [T, number]>;

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const FAILURE_SHARE = 0.25;

/** What a family's sample data draws its jobs from. */
export interface JobTypeMix<K extends string> {
  /** The first jobs take one of these each, so even a small sample shows them all. */
  readonly firstTypes: readonly K[];
  readonly weights: Weights<K>;
  readonly maxSubJobsPerJob: Readonly<Record<K, number>>;
  /** How long a finished sub-job ran, by job type. */
  readonly durationMs: Readonly<Record<K, readonly [number, number]>>;
  readonly failureFor: (random: Random, jobType: K, status: SubJobStatus) => Failure;
}

export interface JobDraft<K extends string = string> {
  readonly jobType: K;
  readonly beginMs: number;
  readonly statuses: readonly SubJobStatus[];
  readonly recent: boolean;
}

export interface Context {
  readonly random: Random;
  readonly anchor: number;
  readonly projectId: string;
}

/** Occasionally microseconds, as some service nodes write them. */
export function microseconds(random: Random): string {
  return random() < 0.05 ? String(between(random, 0, 999)).padStart(3, '0') : '';
}

/** How a generated sub-job stands at the anchor: its end time, its failure, its plan if it still moves. */
export interface Settled {
  readonly endTime: string;
  readonly failure?: Failure;
  readonly plan?: ProgressionPlan;
}

/** Where a sub-job begun at `beginMs` in `status` stands; draws in a fixed order, so seeds stay stable. */
export function settle<K extends string>(
  context: Context,
  job: JobDraft<K>,
  status: SubJobStatus,
  beginMs: number,
  mix: JobTypeMix<K>,
): Settled {
  const { random, anchor } = context;
  const outcome = (): Pick<ProgressionPlan, 'outcome' | 'failure'> =>
    random() < FAILURE_SHARE
      ? { outcome: 'FAILED', failure: mix.failureFor(random, job.jobType, 'FAILED') }
      : { outcome: 'SUCCESS' };

  switch (status) {
    case 'SUCCESS':
    case 'FAILED':
    case 'ABNORMAL': {
      const [min, max] = mix.durationMs[job.jobType];
      // A failure tends to cut the run short; a recent job must have ended before the anchor.
      const ran = job.recent
        ? (anchor - beginMs) * (0.3 + 0.65 * random())
        : between(random, min, max) * (status === 'SUCCESS' ? 1 : 0.1 + 0.9 * random());
      const endTime = formatTime(Math.round(beginMs + ran), microseconds(random));
      return status === 'SUCCESS' ? { endTime } : { endTime, failure: mix.failureFor(random, job.jobType, status) };
    }
    case 'WAITING': {
      const runningAt = anchor + between(random, 5 * SECOND, MINUTE);
      return {
        endTime: '',
        plan: { runningAt, endsAt: runningAt + between(random, 20 * SECOND, 150 * SECOND), ...outcome() },
      };
    }
    case 'RUNNING':
      return { endTime: '', plan: { endsAt: anchor + between(random, 10 * SECOND, 3 * MINUTE), ...outcome() } };
    case 'ROLLBACK': {
      // Rolling back means something already failed: the reason is there while it rolls back.
      const failure = mix.failureFor(random, job.jobType, 'FAILED');
      return {
        endTime: '',
        failure,
        plan: { endsAt: anchor + between(random, MINUTE, 5 * MINUTE), outcome: 'FAILED', failure },
      };
    }
    case 'ABORTING':
      return {
        endTime: '',
        plan: { endsAt: anchor + between(random, 20 * SECOND, 2 * MINUTE), outcome: 'FAILED', failure: ABORTED },
      };
  }
}
