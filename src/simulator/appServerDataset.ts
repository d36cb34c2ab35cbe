import { SubJobStatus } from '../model/subJob';
import {
  APP_SERVER_FAILURES,
  APP_SERVER_JOB_TYPES,
  AppServerJobType,
  SCHEDULED_SUB_JOB_TYPES,
} from './appServerCatalog';
import { RawAppSubJob, serverResourceInfo } from './appServerSubJob';
import { Failure, IMAGE_NAME_BASES, INTERNAL_ERROR, SERVICE_UNAVAILABLE } from './catalog';
import { DEFAULT_PROJECT_ID, DEFAULT_SEED, DEFAULT_SIZE, draftJobs, idSequence, SeededSubJob } from './dataset';
import { Context, JobTypeMix, microseconds, settle } from './familyMix';
import { between, pick, Random, seededRandom, uuid } from './random';
import { compareNewestFirst, formatTime, RawSubJob } from './rawSubJob';

export interface AppServerDatasetOptions {
  seed?: number;
  /** Number of app-server sub-jobs; DEFAULT_SIZE by default. */
  size?: number;
  projectId?: string;
  anchor?: number;
  /** The image family's sub-jobs: servers run the images their builds made. */
  images?: readonly SeededSubJob<RawSubJob>[];
}

const SECOND = 1000;
const MINUTE = 60 * SECOND;

const APP_MIX: JobTypeMix<AppServerJobType> = {
  firstTypes: APP_SERVER_JOB_TYPES,
  weights: [
    ['CREATE_SERVER', 30],
    ['CHANGE_SERVER_IMAGE', 12],
    ['DELETE_SERVER', 12],
    ['UPGRADE_ACCESS_AGENT', 10],
    ['SCHEDULED_TASK', 10],
    ['REJOIN_DOMAIN', 8],
    ['REINSTALL_OS', 6],
    ['MIGRATE_SERVER', 4],
    ['UPDATE_SERVER_TSVI', 4],
    ['UPDATE_FREEZE_STATUS', 4],
  ],
  maxSubJobsPerJob: {
    CREATE_SERVER: 6,
    DELETE_SERVER: 4,
    REJOIN_DOMAIN: 3,
    CHANGE_SERVER_IMAGE: 5,
    REINSTALL_OS: 2,
    MIGRATE_SERVER: 2,
    UPDATE_SERVER_TSVI: 3,
    UPGRADE_ACCESS_AGENT: 6,
    SCHEDULED_TASK: 4,
    UPDATE_FREEZE_STATUS: 3,
  },
  durationMs: {
    CREATE_SERVER: [3 * MINUTE, 12 * MINUTE],
    DELETE_SERVER: [30 * SECOND, 3 * MINUTE],
    REJOIN_DOMAIN: [1 * MINUTE, 4 * MINUTE],
    CHANGE_SERVER_IMAGE: [5 * MINUTE, 15 * MINUTE],
    REINSTALL_OS: [5 * MINUTE, 15 * MINUTE],
    MIGRATE_SERVER: [4 * MINUTE, 20 * MINUTE],
    UPDATE_SERVER_TSVI: [20 * SECOND, 90 * SECOND],
    UPGRADE_ACCESS_AGENT: [1 * MINUTE, 5 * MINUTE],
    SCHEDULED_TASK: [10 * SECOND, 3 * MINUTE],
    UPDATE_FREEZE_STATUS: [5 * SECOND, 40 * SECOND],
  },
  failureFor,
};

/** Job types whose servers get (or already run) the latest image built before them. */
const OS_CHANGES: ReadonlySet<string> = new Set(['CHANGE_SERVER_IMAGE', 'REINSTALL_OS']);

interface Build {
  readonly imageId: string;
  /** The image name without its `img-` prefix: the servers it rolls out to are named after it. */
  readonly base: string;
  readonly endMs: number;
}

/**
 * Sample app-server sub-jobs, newest first, determined by seed, size, anchor and the image
 * sub-jobs: each job acts on servers running the newest image a build finished before it began
 * (`<image>-srv-NN` in server group `sg-<image>`, the image id in extend_params), so an image
 * build is followed by the servers it rolls out to. Same statuses, mix and progression as images.
 */
export function generateAppServerSubJobs(options: AppServerDatasetOptions = {}): SeededSubJob<RawAppSubJob>[] {
  const size = options.size ?? DEFAULT_SIZE;
  if (!Number.isSafeInteger(size) || size < 0) throw new RangeError(`size must be a non-negative integer, got ${size}`);
  const context: Context = {
    // Its own stream: the image family's data stays what it was for the same seed.
    random: seededRandom((options.seed ?? DEFAULT_SEED) ^ 0x0a995e7),
    anchor: options.anchor ?? Date.now(),
    projectId: options.projectId ?? DEFAULT_PROJECT_ID,
  };
  const { random } = context;
  const builds = finishedBuilds(options.images ?? []);
  const jobs = draftJobs(context, size, APP_MIX);
  const nextId = idSequence(random);
  const result: SeededSubJob<RawAppSubJob>[] = [];
  for (let j = jobs.length - 1; j >= 0; j--) {
    const job = jobs[j];
    const jobId = nextId();
    const build = latestBefore(builds, job.beginMs) ?? {
      imageId: uuid(random),
      base: pick(random, IMAGE_NAME_BASES),
      endMs: 0,
    };
    const groupId = uuid(random);
    const first = between(random, 1, 60);
    let beginMs = job.beginMs;
    job.statuses.forEach((status, k) => {
      beginMs += between(random, 20, 900);
      const scheduled = job.jobType === 'SCHEDULED_TASK' && random() < 0.5;
      const subJob: RawAppSubJob = {
        id: nextId(),
        job_type: scheduled ? pick(random, SCHEDULED_SUB_JOB_TYPES) : job.jobType,
        job_resource_info: serverResourceInfo(random, {
          serverId: uuid(random),
          serverName: `${build.base}-srv-${String(first + k).padStart(2, '0')}`,
          serverGroupId: groupId,
          serverGroupName: `sg-${build.base}`,
          imageId: build.imageId,
          processedTime: formatTime(beginMs),
          ...(OS_CHANGES.has(job.jobType) && { oldServerId: uuid(random) }),
        }),
        begin_time: formatTime(beginMs, microseconds(random)),
        end_time: '',
        status,
        error_code: '',
        error_message: '',
        project_id: context.projectId,
        job_id: jobId,
      };
      const settled = settle(context, job, status, beginMs, APP_MIX);
      subJob.end_time = settled.endTime;
      if (settled.failure) {
        subJob.error_code = settled.failure.code;
        subJob.error_message = settled.failure.message;
      }
      result.push({
        subJob,
        beginMs,
        ...(settled.plan && { plan: settled.plan }),
        ...(scheduled && { listedUnder: 'SCHEDULED_TASK' }),
      });
    });
  }
  return result.sort(compareNewestFirst);
}

function failureFor(random: Random, jobType: AppServerJobType, status: SubJobStatus): Failure {
  if (status === 'ABNORMAL') return random() < 0.5 ? SERVICE_UNAVAILABLE : INTERNAL_ERROR;
  return random() < 0.2 ? SERVICE_UNAVAILABLE : pick(random, APP_SERVER_FAILURES[jobType]);
}

/** The image builds that produced an image, oldest end first. */
function finishedBuilds(images: readonly SeededSubJob<RawSubJob>[]): Build[] {
  const builds: Build[] = [];
  for (const { subJob } of images) {
    const endMs = Date.parse(subJob.end_time);
    if (subJob.job_type !== 'CREATE_SERVER_IMAGE' || subJob.status !== 'SUCCESS' || Number.isNaN(endMs)) continue;
    const name = subJob.job_resource_info.resource_name;
    builds.push({ imageId: subJob.job_resource_info.resource_id, base: name.replace(/^img-/, ''), endMs });
  }
  return builds.sort((a, b) => a.endMs - b.endMs);
}

/** The build that finished last before `ms` (binary search: 10,000 jobs look one up each). */
function latestBefore(builds: readonly Build[], ms: number): Build | undefined {
  let low = 0;
  let high = builds.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (builds[middle].endMs < ms) low = middle + 1;
    else high = middle;
  }
  return low > 0 ? builds[low - 1] : undefined;
}
