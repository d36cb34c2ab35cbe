import { describeError } from '../api/errors';
import { familyApi } from '../api/familyApi';
import type { Event } from '../core/events';
import type { FollowChange, FollowHandle, FollowReason } from '../core/followEngine';
import type { FollowItem } from '../core/followLookup';
import { specFamily } from '../core/sessionSpec';
import type { Family } from '../model/family';
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
  /** Looks the job up now (the first fetch, Refresh): false when nothing was sent (see FollowHandle.checkNow). */
  checkNow(): Promise<boolean>;
  /**
   * False once the job is gone or the follow was disposed (its engine too). A job that ended keeps
   * it true: its follow rests (polled no more) and a Refresh still looks it up.
   */
  readonly active: boolean;
  dispose(): void;
}

/** How a timeline follows one family's parent jobs. */
export interface ParentJobFeed {
  readonly family: Family;
  /** The family's look-up (ShowImageJob, ShowJobDetail), named in the log when it fails. */
  readonly call: string;
  follow(jobId: string, listener: (fresh: FreshJob) => void): JobFollow;
}

/** What a feed needs of a session: its follow engine, as the details panel uses it. */
export interface FollowingSession {
  follow(item: FollowItem, why: FollowReason): FollowHandle;
  readonly onDidChangeSubJob: Event<FollowChange>;
}

/**
 * The feed of a session's family: its jobs followed by the session's engine with the reason 'panel'
 * (polled on the session's interval, paused while hidden, resting once the job ended: no timer of
 * the panel's own). The session's client makes the family's look-up — ShowImageJob (v1) for image
 * jobs, ShowJobDetail (v2) for app-server jobs, the family's listings where that is not offered — so
 * a job is only ever asked for where its family's sub-jobs live.
 */
export function parentJobFeed(session: FollowingSession & { readonly spec: { readonly family?: Family } }) {
  return engineJobFeed(session, specFamily(session.spec));
}

/** A family's jobs through an engine (a session's, or a test's on a fake clock). */
export function engineJobFeed(session: FollowingSession, family: Family): ParentJobFeed {
  return {
    family,
    call: familyApi(family).showJobCall,
    follow(jobId, listener) {
      const handle = session.follow({ kind: 'job', id: jobId }, 'panel');
      const subscription = session.onDidChangeSubJob((change) => {
        if (change.item.kind !== 'job' || change.item.id !== jobId) return;
        if ('job' in change) {
          const { jobType, status, beginTime, endTime, subJobs, subJobsTotal, rejected } = change.job;
          listener({
            kind: 'found',
            job: {
              id: jobId,
              jobType,
              status,
              beginTime,
              endTime,
              subJobs: subJobs ?? [],
              ...(subJobsTotal !== undefined && { subJobsTotal }),
              ...(rejected && { rejected }),
            },
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
