import { JOB_TYPES, JobType, SubJobStatus } from '../model/subJob';
import {
  Failure,
  FAILURES_BY_JOB_TYPE,
  IMAGE_NAME_BASES,
  INTERNAL_ERROR,
  SERVER_NAME_STEMS,
  SERVICE_UNAVAILABLE,
} from './catalog';
import { Context, JobDraft, JobTypeMix, microseconds, settle, Weights } from './familyMix';
import { ProgressionPlan } from './progression';
import { between, pick, Random, seededRandom, shuffle, uuid, weighted } from './random';
import { compareNewestFirst, formatTime, RawSubJob } from './rawSubJob';

export const DEFAULT_SEED = 20220307;
export const DEFAULT_SIZE = 40;
export const DEFAULT_PROJECT_ID = '0a1b2c3d4e5f60718293a4b5c6d7e8f9';

export interface DatasetOptions {
  seed?: number;
  size?: number;
  projectId?: string;
  /** The moment the data describes (the simulator's start): history lies before it, plans after. */
  anchor?: number;
}

/** A sub-job with what the simulator needs beside its wire form. */
export interface SeededSubJob<T = RawSubJob> {
  readonly subJob: T;
  /** begin_time as a number: the fraction's varying digits make the strings unsortable. */
  readonly beginMs: number;
  /** Only for sub-jobs that still move on by themselves. */
  readonly plan?: ProgressionPlan;
  /**
   * The query job type whose listing (and count) holds it, when that is not its job_type: a
   * sub-job of job type BUILD_IMAGE, or with none, is still listed under one of the three.
   */
  readonly listedUnder?: string;
  /** Fields left out of the wire form, as a service that omits empty fields would. */
  readonly omit?: ReadonlyArray<keyof T>;
}

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const DAY = 24 * 60 * MINUTE;

// The newest jobs are the ones still moving; each block lists the statuses it must contain so that
// any sample of seven or more sub-jobs shows all seven statuses.
const RECENT_GUARANTEED: readonly SubJobStatus[] = ['RUNNING', 'WAITING', 'ROLLBACK', 'ABORTING'];
const RECENT_WEIGHTS: Weights<SubJobStatus> = [
  ['WAITING', 35],
  ['RUNNING', 35],
  ['SUCCESS', 18],
  ['FAILED', 8],
  ['ROLLBACK', 2],
  ['ABORTING', 2],
];
const SETTLED_GUARANTEED: readonly SubJobStatus[] = ['SUCCESS', 'FAILED', 'ABNORMAL'];
const SETTLED_WEIGHTS: Weights<SubJobStatus> = [
  ['SUCCESS', 80],
  ['FAILED', 15],
  ['ABNORMAL', 5],
];
const RECENT_SHARE = 0.2;

const JOB_TYPE_WEIGHTS: Weights<JobType> = [
  ['CREATE_SERVER', 40],
  ['CREATE_SERVER_IMAGE', 35],
  ['DELETE_SERVER', 25],
];
const MAX_SUB_JOBS_PER_JOB: Readonly<Record<JobType, number>> = {
  CREATE_SERVER: 5,
  CREATE_SERVER_IMAGE: 2,
  DELETE_SERVER: 4,
};
/** How long a finished sub-job ran, by job type. */
const DURATION_MS: Readonly<Record<JobType, readonly [number, number]>> = {
  CREATE_SERVER_IMAGE: [6 * MINUTE, 35 * MINUTE],
  CREATE_SERVER: [2 * MINUTE, 9 * MINUTE],
  DELETE_SERVER: [20 * SECOND, 150 * SECOND],
};
/** Longer than any duration above, so every settled sub-job has ended before the anchor. */
const SETTLED_BEFORE_MS = 45 * MINUTE;
/** Whatever the size, history spans about a month (a big set is a busy month, not a century). */
const HISTORY_SPAN_MS = 30 * DAY;

const IMAGE_MIX: JobTypeMix<JobType> = {
  firstTypes: JOB_TYPES,
  weights: JOB_TYPE_WEIGHTS,
  maxSubJobsPerJob: MAX_SUB_JOBS_PER_JOB,
  durationMs: DURATION_MS,
  failureFor,
};

/**
 * Sample sub-jobs, newest first, fully determined by seed, size and anchor. Linear in size apart
 * from one final sort, so 50,000 sub-jobs take a few tens of milliseconds.
 */
export function generateSubJobs(options: DatasetOptions = {}): SeededSubJob[] {
  const size = options.size ?? DEFAULT_SIZE;
  if (!Number.isSafeInteger(size) || size < 0) throw new RangeError(`size must be a non-negative integer, got ${size}`);
  const context: Context = {
    random: seededRandom(options.seed ?? DEFAULT_SEED),
    anchor: options.anchor ?? Date.now(),
    projectId: options.projectId ?? DEFAULT_PROJECT_ID,
  };
  const jobs = draftJobs(context, size, IMAGE_MIX);
  const result: SeededSubJob[] = [];
  const nextId = idSequence(context.random);
  // Ids grow with time, as the service's do, so jobs are numbered oldest first.
  for (let j = jobs.length - 1; j >= 0; j--) {
    const job = jobs[j];
    const jobId = nextId();
    const names = resourceNames(context.random, job.jobType, job.statuses.length);
    let beginMs = job.beginMs;
    job.statuses.forEach((status, k) => {
      beginMs += between(context.random, 20, 900);
      result.push(seedSubJob(context, job, { id: nextId(), jobId, status, beginMs, name: names[k] }));
    });
  }
  return result.sort(compareNewestFirst);
}

/** Jobs whose sub-jobs number `size` in all, newest first, with the statuses the sample must show. */
export function draftJobs<K extends string>(context: Context, size: number, mix: JobTypeMix<K>): JobDraft<K>[] {
  const { random, anchor } = context;
  const recentSize =
    size < SETTLED_GUARANTEED.length + RECENT_GUARANTEED.length
      ? Math.min(size, RECENT_GUARANTEED.length)
      : Math.max(RECENT_GUARANTEED.length, Math.round(size * RECENT_SHARE));
  const recent = statusMix(random, recentSize, RECENT_GUARANTEED, RECENT_WEIGHTS);
  const settled = statusMix(random, size - recentSize, SETTLED_GUARANTEED, SETTLED_WEIGHTS);
  // The first jobs take one job type each, so even a small sample shows them all.
  const firstJobTypes = shuffle(random, [...mix.firstTypes]);
  const jobs: JobDraft<K>[] = [];

  const carve = (statuses: SubJobStatus[], isRecent: boolean, begin: number, gap: () => number): number => {
    for (let i = 0; i < statuses.length;) {
      const jobType = jobs.length < firstJobTypes.length ? firstJobTypes[jobs.length] : weighted(random, mix.weights);
      const count = between(random, 1, Math.min(mix.maxSubJobsPerJob[jobType], statuses.length - i));
      jobs.push({ jobType, beginMs: begin, statuses: statuses.slice(i, i + count), recent: isRecent });
      i += count;
      begin -= gap();
    }
    return begin;
  };

  const recentEnd = carve(recent, true, anchor - between(random, 5 * SECOND, MINUTE), () =>
    between(random, 30 * SECOND, 4 * MINUTE),
  );
  const meanGap = Math.min(90 * MINUTE, Math.max(10 * SECOND, HISTORY_SPAN_MS / Math.max(1, settled.length / 2)));
  carve(settled, false, Math.min(recentEnd, anchor - SETTLED_BEFORE_MS), () =>
    Math.round(meanGap * (0.2 + 1.6 * random())),
  );
  return jobs;
}

/** `size` statuses: the guaranteed ones first (as many as fit), the rest drawn by weight, shuffled. */
function statusMix(
  random: Random,
  size: number,
  guaranteed: readonly SubJobStatus[],
  weights: Weights<SubJobStatus>,
): SubJobStatus[] {
  const statuses = guaranteed.slice(0, size);
  while (statuses.length < size) statuses.push(weighted(random, weights));
  return shuffle(random, statuses);
}

/** 18-digit ids like the service's ("702364884037271552"): too large for a double, hence bigint. */
export function idSequence(random: Random): () => string {
  let last = 600_000_000_000_000_000n + BigInt(between(random, 0, 99_999_999)) * 1_000_000_000n;
  return () => {
    last += BigInt(between(random, 1, 2 ** 31));
    return last.toString();
  };
}

function resourceNames(random: Random, jobType: JobType, count: number): string[] {
  const stem =
    jobType === 'CREATE_SERVER_IMAGE' ? `img-${pick(random, IMAGE_NAME_BASES)}` : pick(random, SERVER_NAME_STEMS);
  const first = between(random, 1, 60);
  return Array.from({ length: count }, (_, k) => `${stem}-${String(first + k).padStart(2, '0')}`);
}

function failureFor(random: Random, jobType: JobType, status: SubJobStatus): Failure {
  if (status === 'ABNORMAL') return random() < 0.5 ? SERVICE_UNAVAILABLE : INTERNAL_ERROR;
  return random() < 0.2 ? SERVICE_UNAVAILABLE : pick(random, FAILURES_BY_JOB_TYPE[jobType]);
}

function seedSubJob(
  context: Context,
  job: JobDraft<JobType>,
  fields: { id: string; jobId: string; status: SubJobStatus; beginMs: number; name: string },
): SeededSubJob {
  const { random } = context;
  const { status, beginMs } = fields;
  const subJob: RawSubJob = {
    id: fields.id,
    job_type: job.jobType,
    job_resource_info: { resource_id: uuid(random), resource_name: fields.name },
    begin_time: formatTime(beginMs, microseconds(random)),
    end_time: '',
    status,
    job_execute_info: { error_code: '', error_message: '' },
    project_id: context.projectId,
    job_id: fields.jobId,
  };
  const settled = settle(context, job, status, beginMs, IMAGE_MIX);
  subJob.end_time = settled.endTime;
  if (settled.failure) {
    subJob.job_execute_info = { error_code: settled.failure.code, error_message: settled.failure.message };
  }
  return { subJob, beginMs, ...(settled.plan && { plan: settled.plan }) };
}
