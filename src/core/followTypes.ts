import { SubJob } from '../model/subJob';
import { FollowItem, JobState } from './followLookup';

/** Why an item is followed: a watch, an open details panel, or a sub-job seen leaving the active groups. */
export type FollowReason = 'watch' | 'panel' | 'ending';

/** One changed item, told once per change (the first look-up, and each explicit check, count as one). */
export type FollowChange =
  | { readonly item: FollowItem; readonly subJob: SubJob }
  | { readonly item: FollowItem; readonly job: JobState }
  | { readonly item: FollowItem; readonly gone: true }
  /** A look-up failed (the item stays followed): what a panel shows over its last good data. */
  | { readonly item: FollowItem; readonly error: unknown };

/** How a followed item's follow ended: it finished, or the service no longer knows it. */
export type FollowEnding = { readonly item: FollowItem; readonly reasons: readonly FollowReason[] } & (
  | {
      readonly outcome: 'ended';
      readonly status: string;
      readonly beginTime: string;
      readonly endTime: string;
      /** The sub-job as it ended (for a sub-job): its error, for a notification or a panel. */
      readonly subJob?: SubJob;
    }
  | { readonly outcome: 'gone' }
);

export interface FollowHandle {
  readonly item: FollowItem;
  readonly reason: FollowReason;
  /**
   * False once the item went or ended, the handle was disposed or the engine was. A panel's follow
   * of an ended item stays: it is polled no more, yet still told what the session reads or deletes.
   */
  readonly active: boolean;
  /** A hidden panel pauses its follow; shown again after its data went stale, the item is looked up at once. */
  setPaused(paused: boolean): void;
  /**
   * Looks the item up now, joining a look-up already under way: true once it was looked up (found,
   * missing or failed); false when nothing was sent (the follow is over, the session may not send).
   */
  checkNow(): Promise<boolean>;
  dispose(): void;
}

/** An ending without the item and reasons, as a look-up finds it. */
export type FollowOutcome = DistributiveOmit<FollowEnding, 'item' | 'reasons'>;

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;
