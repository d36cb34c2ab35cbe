import { Emitter, Event, Subscription } from './events';
import { FollowEnding, FollowHandle, FollowReason } from './followEngine';
import { FollowItem } from './followLookup';
import { Watch, WatchEnding, WatchList } from './watches';

/** What watches need of a session: its follow engine (see ProjectSession.follow). */
export interface WatchingSession {
  readonly spec: { readonly key: string };
  follow(item: FollowItem, why: FollowReason): FollowHandle;
  readonly onDidEnd: Event<readonly FollowEnding[]>;
}

/** The sessions shown now, and when they change (one replaced by another after a credential change). */
export interface WatchSessions {
  get(key: string): WatchingSession | undefined;
  readonly onDidChangeSessions: Event<readonly WatchingSession[]>;
}

export interface FollowedWatchesDeps {
  readonly watches: WatchList;
  readonly sessions: WatchSessions;
  /** Sample data only stands in for a while: the projects' watches are kept while it is shown. */
  readonly standIn?: () => boolean;
}

interface SessionFollows {
  readonly session: WatchingSession;
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
 * Keeps every watch followed by its project's session (reason 'watch'): the session polls it once
 * an interval whether or not anyone looks at the view, and stops with it. A session replaced by a
 * new one (the credential changed) hands its watches over: they are followed again on the new one.
 * Ends the watches whose sub-job or job ended or is gone (one write per poll) and tells them all
 * in one event per poll. A project taken off the view takes its watches along.
 */
export class FollowedWatches {
  private readonly bySession = new Map<string, SessionFollows>();
  private readonly ended = new Emitter<readonly WatchEnding[]>();
  /** The watches that ended in one poll of one project, at once. */
  readonly onDidEnd: Event<readonly WatchEnding[]> = this.ended.event;
  private readonly subscriptions: Subscription[];
  private disposed = false;
  constructor(private readonly deps: FollowedWatchesDeps) {
    this.subscriptions = [
      deps.watches.onDidChange(() => this.sync()),
      deps.sessions.onDidChangeSessions((all) => {
        if (!deps.standIn?.()) void deps.watches.keepOnly(new Set(all.map((s) => s.spec.key)));
        this.sync();
      }),
    ];
    this.sync();
  }

  /**
   * Looks at once at a watch just added (it may have ended already). Only that one: the others are
   * the poll's, which looks at them together, tells their endings in one event and backs off as one.
   */
  async checkNew(id: string): Promise<void> {
    this.sync();
    const watch = this.deps.watches.all.find((w) => w.id === id);
    const handle = watch && this.bySession.get(watch.sessionKey)?.handles.get(id);
    if (handle?.active) await handle.checkNow();
  }

  dispose(): void {
    this.disposed = true;
    for (const subscription of this.subscriptions) subscription.dispose();
    for (const follows of this.bySession.values()) this.drop(follows);
    this.bySession.clear();
    this.ended.dispose();
  }

  private sync(): void {
    if (this.disposed) return;
    const watched = new Map(this.deps.watches.all.map((w) => [w.id, w]));
    for (const [key, follows] of this.bySession) {
      // Replaced (or gone): its engine stopped with it; the watches follow on the new session below.
      if (this.deps.sessions.get(key) !== follows.session) {
        this.drop(follows);
        this.bySession.delete(key);
        continue;
      }
      for (const [id, handle] of follows.handles)
        if (!handle.active || watched.get(id)?.sessionKey !== key) {
          handle.dispose();
          follows.handles.delete(id);
        }
    }
    for (const watch of watched.values()) {
      const follows = this.bySession.get(watch.sessionKey) ?? this.start(watch.sessionKey);
      if (!follows || follows.handles.get(watch.id)?.active) continue;
      const handle = follows.session.follow(followItemOf(watch), 'watch');
      follows.handles.set(watch.id, handle);
    }
    for (const [key, follows] of this.bySession)
      if (!follows.handles.size) {
        this.drop(follows);
        this.bySession.delete(key);
      }
  }

  /** A watch of a project no longer shown waits, costing nothing, until it is shown again. */
  private start(sessionKey: string): SessionFollows | undefined {
    const session = this.deps.sessions.get(sessionKey);
    if (!session) return undefined;
    const follows: SessionFollows = {
      session,
      handles: new Map(),
      subscription: session.onDidEnd((endings) => void this.endWatches(sessionKey, endings)),
    };
    this.bySession.set(sessionKey, follows);
    return follows;
  }

  private drop(follows: SessionFollows): void {
    follows.subscription.dispose();
    for (const handle of follows.handles.values()) handle.dispose();
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
    if (!this.disposed) this.ended.fire(told);
  }
}
