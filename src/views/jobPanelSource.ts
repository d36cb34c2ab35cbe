import { describeError } from '../api/errors';
import type { Event } from '../core/events';
import type { FollowChange, FollowHandle, FollowReason } from '../core/followEngine';
import type { FollowItem } from '../core/followLookup';
import { DetailsFailure, failureFromError } from '../presentation/detailsFailure';
import type { ParentJob } from '../presentation/jobTimeline';

/** What a look-up of the parent job learned: the one way fresh data enters a timeline panel. */
export type FreshJob =
  | { readonly kind: 'found'; readonly job: ParentJob }
  /** The service no longer knows the job. */
  | { readonly kind: 'gone' }
  /** The look-up failed; the panel keeps its last picture. `logText` is the error in English. */
  | { readonly kind: 'failed'; readonly failure: DetailsFailure; readonly logText: string };

/** One parent job followed for a panel. */
export interface JobFollow {
  /** A hidden panel pauses it: nothing is polled for it until shown. */
  setPaused(paused: boolean): void;
  /** Looks the job up now (the first fetch, Refresh). */
  checkNow(): Promise<void>;
  /** False once the job ended (its follow rests: polled no more) or the follow was disposed. */
  readonly active: boolean;
  dispose(): void;
}

/**
 * How a timeline follows a session's parent jobs: through the family's look-up (ShowImageJob, or
 * ShowJobDetail for app servers), or the listings where it is not served.
 */
export interface ParentJobFeed {
  follow(jobId: string, listener: (fresh: FreshJob) => void): JobFollow;
}

/** What the image family's feed needs of a session: its follow engine, as the details panel uses it. */
export interface FollowingSession {
  follow(item: FollowItem, why: FollowReason): FollowHandle;
  readonly onDidChangeSubJob: Event<FollowChange>;
}

/**
 * Image jobs, followed by the session's engine with the reason 'panel' (polled on the session's
 * interval, paused while hidden, resting once the job ended): no timer of the panel's own.
 */
export function imageJobFeed(session: FollowingSession): ParentJobFeed {
  return {
    follow(jobId, listener) {
      const handle = session.follow({ kind: 'job', id: jobId }, 'panel');
      const subscription = session.onDidChangeSubJob((change) => {
        if (change.item.kind !== 'job' || change.item.id !== jobId) return;
        if ('job' in change) {
          const { status, beginTime, endTime, subJobs } = change.job;
          listener({
            kind: 'found',
            job: { id: jobId, jobType: '', status, beginTime, endTime, subJobs: subJobs ?? [] },
          });
        } else if ('gone' in change) listener({ kind: 'gone' });
        else if ('error' in change)
          listener({ kind: 'failed', failure: failureFromError(change.error), logText: describeError(change.error) });
      });
      return {
        setPaused: (paused) => handle.setPaused(paused),
        checkNow: () => handle.checkNow(),
        get active() {
          return handle.active;
        },
        dispose: () => {
          subscription.dispose();
          handle.dispose();
        },
      };
    },
  };
}
