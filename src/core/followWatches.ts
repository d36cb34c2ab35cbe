import { Logger, silentLogger } from '../api/logger';
import { Clock, systemClock } from './clock';
import { Emitter, Event, Subscription } from './events';
import { FollowEnding, FollowEngine, FollowHandle } from './followEngine';
import { FollowItem, FollowSource } from './followLookup';
import { Watch, WatchEnding, WatchList } from './watches';

export interface FollowedWatchesDeps {
  readonly watches: WatchList;
  /** The calls of a session, while it is shown and may send them (connected, credential not refused). */
  readonly source: (sessionKey: string) => FollowSource | undefined;
  /** Seconds between polls (the refresh interval); 0 = off. */
  readonly intervalSeconds: () => number;
  readonly clock?: Clock;
  readonly logger?: Logger;
}

interface SessionFollows {
  readonly engine: FollowEngine;
  /** By watch id. */
  readonly handles: Map<string, FollowHandle>;
  readonly subscription: Subscription;
}

/** What a watch follows: its sub-job (found again through its ref) or its parent job. */
export function followItemOf(watch: Watch): FollowItem {
  return watch.kind === 'job'
    ? { kind: 'job', id: watch.id }
    : { kind: 'subJob', id: watch.id, ref: watch.ref ?? { id: watch.id, jobType: '', jobId: '' } };
}

/**
 * Keeps every watch followed by a follow engine of its project, looked at once an interval whether
 * or not anyone looks at the view; ends the watches whose sub-job or job ended or is gone (one write
 * per poll) and tells them all in one event per poll.
 *
 * Until sessions own their engine, this keeps one per project key; its calls go to whatever session
 * holds the key at the time, and none while that session cannot send (a refused credential
 * included: five bad signatures lock an access key).
 */
export class FollowedWatches {
  private readonly bySession = new Map<string, SessionFollows>();
  private readonly ended = new Emitter<readonly WatchEnding[]>();
  /** The watches that ended in one poll of one project, at once. */
  readonly onDidEnd: Event<readonly WatchEnding[]> = this.ended.event;
  private readonly lifetime = new AbortController();
  private readonly subscription: Subscription;
  /** Watches followed since the last checkNew: not looked at yet. */
  private fresh: FollowHandle[] = [];

  constructor(private readonly deps: FollowedWatchesDeps) {
    this.subscription = deps.watches.onDidChange(() => this.sync());
    this.sync();
  }

  /** (Re)plans every engine's next poll: after a change of interval or of sessions (a refused credential may be replaced). */
  schedule(): void {
    this.sync();
    for (const { engine } of this.bySession.values()) engine.resume();
  }

  /** Looks at once at the watches never looked at yet (a watch just added may have ended already). */
  async checkNew(): Promise<void> {
    this.sync();
    const fresh = this.fresh.splice(0);
    await Promise.all(fresh.map((handle) => handle.checkNow()));
  }

  /** The engine following a project's watches (tests, diagnostics). */
  engineOf(sessionKey: string): FollowEngine | undefined {
    return this.bySession.get(sessionKey)?.engine;
  }

  dispose(): void {
    this.subscription.dispose();
    this.lifetime.abort();
    for (const follows of this.bySession.values()) follows.subscription.dispose();
    this.bySession.clear();
    this.fresh = [];
    this.ended.dispose();
  }

  private sync(): void {
    if (this.lifetime.signal.aborted) return;
    const watched = new Map(this.deps.watches.all.map((w) => [w.id, w]));
    for (const [key, follows] of this.bySession) {
      for (const [id, handle] of follows.handles)
        if (!handle.active || watched.get(id)?.sessionKey !== key) {
          handle.dispose();
          follows.handles.delete(id);
        }
    }
    for (const watch of watched.values()) {
      const follows = this.bySession.get(watch.sessionKey) ?? this.start(watch.sessionKey);
      if (follows.handles.get(watch.id)?.active) continue;
      const handle = follows.engine.follow(followItemOf(watch), 'watch');
      follows.handles.set(watch.id, handle);
      this.fresh.push(handle);
    }
    this.fresh = this.fresh.filter((handle) => handle.active);
    for (const [key, follows] of this.bySession)
      if (!follows.handles.size) {
        follows.subscription.dispose();
        follows.engine.dispose();
        this.bySession.delete(key);
      }
  }

  private start(sessionKey: string): SessionFollows {
    const current = (): FollowSource => {
      const source = this.deps.source(sessionKey);
      if (!source) throw new Error(`The session of ${sessionKey} cannot send requests now`);
      return source;
    };
    const engine = new FollowEngine({
      source: {
        findSubJob: (ref, signal) => current().findSubJob(ref, signal),
        showJob: (jobId, signal) => current().showJob(jobId, signal),
        listJob: (jobId, signal) => current().listJob(jobId, signal),
      },
      intervalSeconds: this.deps.intervalSeconds,
      signal: this.lifetime.signal,
      mayCall: () => this.deps.source(sessionKey) !== undefined,
      clock: this.deps.clock ?? systemClock,
      logger: this.deps.logger ?? silentLogger,
    });
    const follows: SessionFollows = {
      engine,
      handles: new Map(),
      subscription: engine.onDidEnd((endings) => void this.endWatches(sessionKey, endings)),
    };
    this.bySession.set(sessionKey, follows);
    return follows;
  }

  private async endWatches(sessionKey: string, endings: readonly FollowEnding[]): Promise<void> {
    const told: WatchEnding[] = [];
    for (const ending of endings) {
      if (!ending.reasons.includes('watch')) continue;
      const watch = this.deps.watches.all.find((w) => w.id === ending.item.id && w.sessionKey === sessionKey);
      if (!watch) continue;
      told.push(
        ending.outcome === 'gone'
          ? { watch, gone: true }
          : {
              watch,
              status: ending.status,
              beginTime: ending.beginTime,
              endTime: ending.endTime,
              ...(ending.subJob && { subJob: ending.subJob }),
            },
      );
    }
    if (!told.length) return;
    await this.deps.watches.removeEnded(told.map((t) => t.watch.id));
    if (!this.lifetime.signal.aborted) this.ended.fire(told);
  }
}
