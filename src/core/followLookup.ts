import { isJobNotFound, isShowJobNotOffered, type ImageJob } from '../api/imageJob';
import type { SubJobRef } from '../model/subJobRef';
import { isActiveStatus, SubJob } from '../model/subJob';
import { isFailure } from './announcements';

/** The calls following needs from a session: the same ones a watch used. */
export interface FollowSource {
  findSubJob(ref: SubJobRef, signal: AbortSignal): Promise<SubJob | undefined>;
  showJob(jobId: string, signal: AbortSignal): Promise<ImageJob>;
  /** Every sub-job of a parent job, from the listings: where ShowImageJob is not offered. */
  listJob(jobId: string, signal: AbortSignal): Promise<SubJob[]>;
}

/** Something followed: a sub-job (found again through its ref) or a parent job. */
export type FollowItem =
  | { readonly kind: 'subJob'; readonly id: string; readonly ref: SubJobRef }
  | { readonly kind: 'job'; readonly id: string };

/** One item is followed once, whoever follows it and why. */
export function followKey(item: FollowItem): string {
  return `${item.kind}:${item.id}`;
}

/** A parent job as a look-up saw it. */
export interface JobState {
  /** The job's own type, as its look-up answered it; '' when only the listings told (they name sub-jobs' types). */
  readonly jobType: string;
  readonly status: string;
  readonly beginTime: string;
  readonly endTime: string;
  /** Its sub-jobs as the look-up saw them: a watch's end counts how they ended. */
  readonly subJobs?: readonly SubJob[];
  /** How many sub-jobs ShowImageJob says the job has, and why items of its answer could not be read. */
  readonly subJobsTotal?: number;
  readonly rejected?: readonly string[];
}

/** What one look-up found. `missing`: the service answered and does not know the item (deleted, aged out). */
export type LookedUp =
  | { readonly kind: 'subJob'; readonly subJob: SubJob; readonly ended: boolean }
  | { readonly kind: 'job'; readonly job: JobState; readonly ended: boolean }
  | { readonly kind: 'missing' };

/** Looks an item up once: one request for a sub-job or a job, more only where ShowImageJob is not offered. */
export async function lookUp(item: FollowItem, source: FollowSource, signal: AbortSignal): Promise<LookedUp> {
  if (item.kind === 'subJob') {
    const subJob = await source.findSubJob(item.ref, signal);
    return subJob ? { kind: 'subJob', subJob, ended: !isActiveStatus(subJob.status) } : { kind: 'missing' };
  }
  let job: ImageJob | undefined;
  try {
    job = await source.showJob(item.id, signal);
  } catch (error) {
    // A deployment without ShowImageJob (or a policy that denies it), or a job it does not know: the
    // listings tell. A body that is not a job (a proxy's page, a broken answer) says nothing of the
    // job: a failed refresh, which keeps the last picture, not a listing that may find nothing.
    if (!isUnavailable(error)) throw error;
  }
  if (job) {
    // A job is WAITING, RUNNING, SUCCESS or FAILED; one still holding active sub-jobs has not ended.
    const ended = !isActiveStatus(job.status) && !job.subJobs.some((s) => isActiveStatus(s.status));
    const state: JobState = {
      jobType: job.jobType,
      status: job.status,
      beginTime: job.beginTime,
      endTime: job.endTime,
      subJobs: job.subJobs,
      ...(job.subJobsTotal !== undefined && { subJobsTotal: job.subJobsTotal }),
      ...(job.rejected.length > 0 && { rejected: job.rejected }),
    };
    return { kind: 'job', job: state, ended };
  }
  const subJobs = await source.listJob(item.id, signal);
  if (!subJobs.length) return { kind: 'missing' };
  return { kind: 'job', job: jobStateOf(subJobs), ended: !subJobs.some((s) => isActiveStatus(s.status)) };
}

/** A parent job's state from its sub-jobs: failed if any failed, from the first begin to the last end. */
function jobStateOf(subJobs: readonly SubJob[]): JobState {
  const active = subJobs.find((s) => isActiveStatus(s.status));
  const failed = subJobs.some((s) => isFailure(s.status));
  const begins = subJobs
    .map((s) => s.beginTime)
    .filter(Boolean)
    .sort();
  const ends = subJobs
    .map((s) => s.endTime)
    .filter(Boolean)
    .sort();
  return {
    jobType: '',
    status: active ? active.status : failed ? 'FAILED' : 'SUCCESS',
    beginTime: begins[0] ?? '',
    endTime: active ? '' : (ends.at(-1) ?? ''),
    subJobs,
  };
}

/** ShowImageJob not offered or not allowed here (403, 405, 501), or the job unknown to it (400, 404): the listings may tell. */
function isUnavailable(error: unknown): boolean {
  return isShowJobNotOffered(error) || isJobNotFound(error);
}

/** What a look-up answered, to tell a change from the same answer again. */
export function fingerprintOf(found: LookedUp): string {
  if (found.kind === 'missing') return 'missing';
  if (found.kind === 'job') return JSON.stringify(found.job);
  // A panel shows every field: any of them changing is a change.
  return JSON.stringify(found.subJob);
}
