import { FollowItem } from './followLookup';
import { FollowEnding, FollowHandle, FollowReason } from './followTypes';

/** What a handle asks of the engine that made it. */
export interface HandleOwner {
  checkEntry(entry: Entry): Promise<void>;
  pauseChanged(handle: Handle): void;
  release(handle: Handle): void;
}

export interface Entry {
  readonly item: FollowItem;
  readonly key: string;
  readonly handles: Set<Handle>;
  fingerprint?: string;
  misses: number;
  checkedAt: number;
  checking?: Promise<void>;
}

/** What one poll (or one single look-up) found. */
export class Round {
  readonly endings: FollowEnding[] = [];
  answered = 0;
  readonly failures: unknown[] = [];
  /** Throttled, refused or failing: what is still queued is not sent. */
  stopped = false;
  /** One item's check asked for by someone (a panel's Refresh), not a poll. */
  explicit = false;
}

export class Handle implements FollowHandle {
  paused = false;
  done = false;

  constructor(
    private readonly owner: HandleOwner,
    readonly entry: Entry | undefined,
    readonly reason: FollowReason,
    readonly item: FollowItem,
  ) {
    this.done = entry === undefined;
  }

  get active(): boolean {
    return !this.done;
  }

  setPaused(paused: boolean): void {
    if (this.done || this.paused === paused) return;
    this.paused = paused;
    this.owner.pauseChanged(this);
  }

  checkNow(): Promise<void> {
    return this.done || !this.entry ? Promise.resolve() : this.owner.checkEntry(this.entry);
  }

  dispose(): void {
    if (this.done) return;
    this.done = true;
    this.owner.release(this);
  }
}

/** Followed for at least one reason not paused (a hidden panel's is). */
export function live(entry: Entry): boolean {
  for (const handle of entry.handles) if (!handle.paused) return true;
  return false;
}
