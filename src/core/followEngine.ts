import { isAbort } from '../api/errors';
import { Logger, silentLogger } from '../api/logger';
import { Clock, systemClock } from './clock';
import { Emitter, Event } from './events';
import { endEntry, endSeen, Entry, Handle, HandleOwner, live, Round, seenChanges, subJobEntries } from './followEntry';
import { fingerprintOf, FollowItem, followKey, FollowSource, LookedUp, lookUp } from './followLookup';
import { FollowHealth, stopsPoll } from './followHealth';
import { TaskPool } from './followPool';
import { FollowChange, FollowEnding, FollowHandle, FollowReason } from './followTypes';
import { planRefresh } from './refreshPolicy';
import { link } from './signals';
import { SubJob } from '../model/subJob';

export type { FollowChange, FollowEnding, FollowHandle, FollowReason } from './followTypes';

export interface FollowEngineDeps {
  /** The session's calls (in time: its gated ones). */
  readonly source: FollowSource;
  /** Seconds between polls (the refresh interval); 0 = off. */
  readonly intervalSeconds: () => number;
  /** The session's lifetime: aborting it disposes the engine and stops what is in flight. */
  readonly signal?: AbortSignal;
  /** False while nothing may be sent (no connection, a refused credential): polls are skipped, not failed. */
  readonly mayCall?: () => boolean;
  readonly clock?: Clock;
  readonly logger?: Logger;
  readonly maxInFlight?: number;
  readonly goneAfterMisses?: number;
}

/** Look-ups in flight at once, whatever the number followed. */
export const MAX_LOOKUPS_IN_FLIGHT = 8;
/**
 * "Not found" answers in a row before an item counts as gone: a listing scanned page by page while
 * newer sub-jobs arrive can miss an item once; twice in a row, an interval apart, it is gone.
 */
export const GONE_AFTER_MISSES = 2;

/**
 * Follows sub-jobs and parent jobs for one session: watches, open panels and endings to find out,
 * as one set polled by one timer on the session's interval, with back-off on failure and at most
 * MAX_LOOKUPS_IN_FLIGHT look-ups at once. Whoever cares subscribes: one event per changed item,
 * and one per poll with all the endings it found, so a burst of endings makes one notification.
 */
export class FollowEngine implements HandleOwner {
  private readonly entries = new Map<string, Entry>();
  private readonly changes = new Emitter<FollowChange>();
  private readonly endings = new Emitter<readonly FollowEnding[]>();
  readonly onDidChangeSubJob: Event<FollowChange> = this.changes.event;
  readonly onDidEnd: Event<readonly FollowEnding[]> = this.endings.event;
  private readonly pool: TaskPool;
  private readonly controller = new AbortController();
  private readonly clock: Clock;
  private readonly logger: Logger;
  private timer: unknown;
  private polling = false;
  private disposed = false;
  private readonly health = new FollowHealth();
  private lastPollAt: number;
  private readonly lifetimeEnded = () => this.dispose();

  constructor(private readonly deps: FollowEngineDeps) {
    this.clock = deps.clock ?? systemClock;
    this.logger = deps.logger ?? silentLogger;
    this.pool = new TaskPool(deps.maxInFlight ?? MAX_LOOKUPS_IN_FLIGHT);
    this.lastPollAt = this.clock.now();
    if (deps.signal?.aborted) this.dispose();
    else deps.signal?.addEventListener('abort', this.lifetimeEnded, { once: true });
  }

  /** Follows an item for a reason; it is followed while any reason holds. */
  follow(item: FollowItem, reason: FollowReason): FollowHandle {
    if (this.disposed) return new Handle(this, undefined, reason, item);
    const key = followKey(item);
    let entry = this.entries.get(key);
    if (!entry) {
      entry = { item, key, handles: new Set(), misses: 0, checkedAt: Number.NEGATIVE_INFINITY };
      this.entries.set(key, entry);
    } else if (reason !== 'panel') entry.ended = false; // polled again: a watch hears how it ended
    const handle = new Handle(this, entry, reason, item);
    entry.handles.add(handle);
    this.schedule();
    return handle;
  }

  /** Drops every follow of an item for this reason. */
  unfollow(item: FollowItem, reason: FollowReason): void {
    for (const handle of [...(this.entries.get(followKey(item))?.handles ?? [])])
      if (handle.reason === reason) handle.dispose();
  }

  isFollowed(item: FollowItem): boolean {
    return this.entries.has(followKey(item));
  }

  /** How many items are followed. */
  get size(): number {
    return this.entries.size;
  }

  /** Whether a poll is scheduled (tests, diagnostics). */
  get scheduled(): boolean {
    return this.timer !== undefined;
  }

  /** The most look-ups that were in flight at once. */
  get mostInFlight(): number {
    return this.pool.mostInFlight;
  }

  /** A refused credential may have been replaced: polling again. A back-off for a failing service stays. */
  resume(): void {
    this.health.resume();
    this.schedule();
  }

  /**
   * Sub-jobs the session just read (a group loaded by a refresh): a followed one whose data changed
   * is told at once, with no request of its own, so a panel never lags the tree. One read as
   * finished ends as a poll would end it: its panel shows how, so a look-up sent later would be wasted.
   */
  seen(subJobs: readonly SubJob[]): void {
    if (this.disposed) return;
    for (const change of seenChanges(this.entries, subJobs, this.clock.now())) this.changes.fire(change);
    const round = new Round();
    endSeen(this.entries, subJobs, round);
    this.tell(round);
    this.schedule();
  }

  /** Sub-jobs the session deleted: whoever follows one is told at once that it is gone. */
  removed(ids: readonly string[]): void {
    if (this.disposed) return;
    const round = new Round();
    for (const entry of subJobEntries(this.entries, ids)) {
      endEntry(this.entries, entry, round, { outcome: 'gone' });
      this.changes.fire({ item: entry.item, gone: true });
    }
    this.tell(round);
  }

  /** One look-up that follows nothing and tells nothing (an ending a refresh found), within the pool's bound. */
  lookUpOnce(item: FollowItem, signal: AbortSignal): Promise<LookedUp> {
    const joined = link(this.controller.signal, signal);
    return this.pool.run(() => lookUp(item, this.deps.source, joined.signal)).finally(joined.release);
  }

  /** Looks up every followed item not paused, now; the next poll follows an interval after. */
  async poll(): Promise<void> {
    if (this.polling || this.disposed) return;
    this.cancel();
    this.polling = true;
    try {
      if (this.deps.mayCall?.() === false) return;
      const due = [...this.entries.values()].filter(live);
      if (!due.length) return;
      const round = new Round();
      await Promise.all(due.map((entry) => this.check(entry, round)));
      this.health.record(round, this.entries.size, this.logger);
      this.tell(round);
    } finally {
      this.polling = false;
      this.lastPollAt = this.clock.now();
      this.schedule();
    }
  }

  /** (Re)plans the next poll: after a change of interval, or of what is followed. */
  schedule(): void {
    this.cancel();
    if (this.disposed || this.polling || this.health.halted || ![...this.entries.values()].some(live)) return;
    const seconds = this.deps.intervalSeconds();
    const plan = planRefresh({
      intervalMs: Number.isFinite(seconds) && seconds > 0 ? seconds * 1000 : 0,
      attention: true,
      active: true,
      failures: this.health.failures,
      ...(this.health.retryAfterMs !== undefined && { retryAfterMs: this.health.retryAfterMs }),
      checksSinceFull: 0,
      hasData: true,
    });
    if (!plan) return;
    const delay = Math.max(0, this.lastPollAt + plan.delayMs - this.clock.now());
    this.timer = this.clock.setTimeout(() => {
      this.timer = undefined;
      void this.poll();
    }, delay);
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.cancel();
    this.controller.abort();
    this.deps.signal?.removeEventListener('abort', this.lifetimeEnded);
    for (const entry of this.entries.values()) for (const handle of entry.handles) handle.done = true;
    this.entries.clear();
    this.changes.dispose();
    this.endings.dispose();
  }

  /** A handle's single look-up, told even when unchanged (a panel's Refresh); false when nothing may be sent. */
  async checkEntry(entry: Entry): Promise<boolean> {
    if (this.disposed || this.deps.mayCall?.() === false) return false;
    const round = new Round(true);
    entry.fingerprint = undefined;
    await this.check(entry, round);
    this.tell(round);
    return true;
  }

  pauseChanged(handle: Handle): void {
    const entry = handle.entry;
    const seconds = this.deps.intervalSeconds();
    const stale = entry && this.clock.now() - entry.checkedAt >= seconds * 1000;
    // Shown again after its data went stale: looked up at once, as a panel did on its own; by the
    // poll when one is due anyway (the poll looks at everything due, this one included).
    if (!handle.paused && entry && !entry.ended && stale && seconds > 0) {
      if (this.clock.now() - this.lastPollAt >= seconds * 1000) return void this.poll();
      void this.checkEntry(entry);
    }
    this.schedule();
  }

  release(handle: Handle): void {
    const entry = handle.entry;
    if (!entry) return;
    entry.handles.delete(handle);
    if (!entry.handles.size && this.entries.get(entry.key) === entry) this.entries.delete(entry.key);
    this.schedule();
  }

  private check(entry: Entry, round: Round): Promise<void> {
    entry.checking ??= this.pool
      .run(() => this.lookUpEntry(entry, round))
      .finally(() => {
        entry.checking = undefined;
      });
    return entry.checking;
  }

  private async lookUpEntry(entry: Entry, round: Round): Promise<void> {
    if (round.stopped || this.disposed || this.entries.get(entry.key) !== entry) return;
    let found: LookedUp;
    try {
      found = await lookUp(entry.item, this.deps.source, this.controller.signal);
    } catch (error) {
      if (isAbort(error) || this.disposed) return;
      round.failures.push(error);
      if (stopsPoll(error, round)) round.stopped = true;
      // A panel shows why its sub-job could not be looked up, over the last good data; the next good
      // answer is told even when it equals the last one, so the panel clears what it said.
      entry.fingerprint = undefined;
      if (this.entries.get(entry.key) === entry) this.changes.fire({ item: entry.item, error });
      return;
    }
    round.answered++;
    if (this.disposed || this.entries.get(entry.key) !== entry) return;
    entry.checkedAt = this.clock.now();
    this.apply(entry, found, round);
  }

  private apply(entry: Entry, found: LookedUp, round: Round): void {
    if (found.kind === 'missing') {
      entry.misses++;
      // Asked for, a miss is told at once (a panel shows it); the follow ends only on the next miss.
      if (entry.misses < (this.deps.goneAfterMisses ?? GONE_AFTER_MISSES))
        return void (round.explicit && this.changes.fire({ item: entry.item, gone: true }));
      endEntry(this.entries, entry, round, { outcome: 'gone' });
      this.changes.fire({ item: entry.item, gone: true });
      return;
    }
    entry.misses = 0;
    const fingerprint = fingerprintOf(found);
    if (fingerprint !== entry.fingerprint) {
      entry.fingerprint = fingerprint;
      this.changes.fire(
        found.kind === 'subJob' ? { item: entry.item, subJob: found.subJob } : { item: entry.item, job: found.job },
      );
    }
    if (!found.ended) return void (entry.ended = false);
    const { status, beginTime, endTime } = found.kind === 'subJob' ? found.subJob : found.job;
    endEntry(this.entries, entry, round, {
      outcome: 'ended',
      status,
      beginTime,
      endTime,
      ...(found.kind === 'subJob' && { subJob: found.subJob }),
    });
  }

  private tell(round: Round): void {
    if (round.endings.length && !this.disposed) this.endings.fire(round.endings);
  }

  private cancel(): void {
    if (this.timer !== undefined) this.clock.clearTimeout(this.timer);
    this.timer = undefined;
  }
}
