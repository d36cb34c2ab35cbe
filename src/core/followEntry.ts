import { isActiveStatus, SubJob } from '../model/subJob';
import { fingerprintOf, FollowItem, followKey } from './followLookup';
import { FollowChange, FollowEnding, FollowHandle, FollowOutcome, FollowReason } from './followTypes';

/** What a handle asks of the engine that made it. */
export interface HandleOwner {
  checkEntry(entry: Entry): Promise<boolean>;
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
  /** It ended, and open panels rest on it: polled no more, still told what the session reads or deletes. */
  ended?: boolean;
}

/** What one poll (or one single look-up) found. */
export class Round {
  readonly endings: FollowEnding[] = [];
  answered = 0;
  readonly failures: unknown[] = [];
  /** Throttled, refused or failing: what is still queued is not sent. */
  stopped = false;
  /** One item's check asked for by someone (a panel's Refresh), not a poll. */
  constructor(readonly explicit = false) {}
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

  checkNow(): Promise<boolean> {
    return this.done || !this.entry ? Promise.resolve(false) : this.owner.checkEntry(this.entry);
  }

  dispose(): void {
    if (this.done) return;
    this.done = true;
    this.owner.release(this);
  }
}

/** Followed for at least one reason not paused (a hidden panel's is), and not ended. */
export function live(entry: Entry): boolean {
  if (entry.ended) return false;
  for (const handle of entry.handles) if (!handle.paused) return true;
  return false;
}

/**
 * An item ended: every follow of it is done but an open panel's, which rests on it (a finished
 * sub-job can still be deleted, or read again by a refresh). Whether any follow is left.
 */
function rest(entry: Entry): boolean {
  entry.ended = true;
  for (const handle of entry.handles) {
    if (handle.reason === 'panel') continue;
    handle.done = true;
    entry.handles.delete(handle);
  }
  return entry.handles.size > 0;
}

/**
 * An item ended or went, as `round` tells. An ended item is polled no more (open panels rest on it);
 * a gone one is followed no more, for any reason. An ending is told once: a panel resting on it may
 * look it up again (its Refresh).
 */
export function endEntry(entries: Map<string, Entry>, entry: Entry, round: Round, outcome: FollowOutcome): void {
  const reasons = [...new Set([...entry.handles].map((h) => h.reason))];
  if (!entry.ended) round.endings.push({ item: entry.item, reasons, ...outcome });
  if (outcome.outcome !== 'ended' || !rest(entry)) drop(entries, entry);
}

/** Followed sub-jobs a refresh read as finished end as a poll's look-up would end them. */
export function endSeen(entries: Map<string, Entry>, subJobs: readonly SubJob[], round: Round): void {
  for (const subJob of subJobs) {
    const entry = entries.get(followKey({ kind: 'subJob', id: subJob.id, ref: subJob }));
    if (!entry || entry.ended || isActiveStatus(subJob.status)) continue;
    const { status, beginTime, endTime } = subJob;
    endEntry(entries, entry, round, { outcome: 'ended', status, beginTime, endTime, subJob });
  }
}

/** Ends every follow of an item that is gone. */
function drop(entries: Map<string, Entry>, entry: Entry): void {
  for (const handle of entry.handles) handle.done = true;
  entry.handles.clear();
  entries.delete(entry.key);
}

/** The followed sub-jobs among these ids. */
export function subJobEntries(entries: ReadonlyMap<string, Entry>, ids: readonly string[]): Entry[] {
  const keys = new Set(ids.map((id) => followKey({ kind: 'subJob', id, ref: { id, jobType: '', jobId: '' } })));
  return [...keys].flatMap((key) => entries.get(key) ?? []);
}

/**
 * What a refresh read of the followed sub-jobs: the changes to tell, each followed sub-job's
 * state brought up to date on the way (no miss, just checked, its new fingerprint).
 */
export function seenChanges(
  entries: ReadonlyMap<string, Entry>,
  subJobs: readonly SubJob[],
  now: number,
): FollowChange[] {
  const changes: FollowChange[] = [];
  for (const subJob of subJobs) {
    const entry = entries.get(followKey({ kind: 'subJob', id: subJob.id, ref: subJob }));
    if (!entry) continue;
    entry.misses = 0;
    entry.checkedAt = now;
    const fingerprint = fingerprintOf({ kind: 'subJob', subJob, ended: !isActiveStatus(subJob.status) });
    if (fingerprint === entry.fingerprint) continue;
    entry.fingerprint = fingerprint;
    changes.push({ item: entry.item, subJob });
  }
  return changes;
}
