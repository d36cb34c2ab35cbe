import { isActiveStatus, SubJob } from '../model/subJob';
import { Emitter, Event, Subscription } from './events';
import { FollowChange, FollowEnding, FollowHandle, FollowReason } from './followEngine';
import { FollowItem } from './followLookup';
import { projectKeyOf, RefreshReport, specProjectKey } from './sessionSpec';
import { Watch, WatchEnd, WatchEnding, watchKey, WatchList } from './watches';

/** What watches need of a session: its follow engine (see ProjectSession.follow), and what its refreshes saw. */
export interface WatchingSession {
  readonly spec: { readonly key: string };
  follow(item: FollowItem, why: FollowReason): FollowHandle;
  readonly onDidEnd: Event<readonly FollowEnding[]>;
  readonly onDidChangeSubJob: Event<FollowChange>;
  readonly onDidRefresh: Event<RefreshReport>;
  loadedSubJobs(): SubJob[];
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
  /** Clock ms, for how long a removed project's watches wait for its Undo. */
  readonly now?: () => number;
}

/** How long the watches of a removed project wait for Remove Project's Undo; a project added later starts without them. */
export const UNDO_MEMORY_MS = 30 * 60_000;

interface SessionFollows {
  readonly session: WatchingSession;
  /** By watch id. */
  readonly handles: Map<string, FollowHandle>;
  readonly subscriptions: readonly Subscription[];
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
 * in one event per poll, or at once when a refresh of the view saw a watched sub-job end. A project
 * taken off the view takes its watches along, and brings them back if it comes back (Remove
 * Project's Undo).
 */
export class FollowedWatches {
  private readonly bySession = new Map<string, SessionFollows>();
  private readonly ended = new Emitter<readonly WatchEnding[]>();
  /** The watches that ended in one poll of one project, at once. */
  readonly onDidEnd: Event<readonly WatchEnding[]> = this.ended.event;
  private readonly subscriptions: Subscription[];
  private disposed = false;
  /** Watches of projects taken off the view, by project, with when: put back if the project comes back soon. */
  private readonly removed = new Map<string, { watches: Watch[]; at: number }>();
  /** A watched job's sub-jobs as last looked up, by project and job id: what its end counts. */
  private readonly jobSubJobs = new Map<string, readonly SubJob[]>();
  constructor(private readonly deps: FollowedWatchesDeps) {
    this.subscriptions = [
      deps.watches.onDidChange(() => this.sync()),
      deps.sessions.onDidChangeSessions((all) => {
        if (!deps.standIn?.()) void this.keepShown(new Set(all.map((s) => specProjectKey(s.spec))));
        this.sync();
      }),
    ];
    this.sync();
  }

  private async keepShown(shown: ReadonlySet<string>): Promise<void> {
    const now = this.now();
    for (const [key, { at }] of this.removed) if (now - at > UNDO_MEMORY_MS) this.removed.delete(key);
    const back = [...this.removed].filter(([key]) => shown.has(projectKeyOf(key)));
    for (const [key] of back) this.removed.delete(key);
    const dropped = await this.deps.watches.keepOnly(shown);
    for (const watch of dropped) {
      const kept = this.removed.get(watch.sessionKey);
      this.removed.set(watch.sessionKey, { watches: [...(kept?.watches ?? []), watch], at: now });
    }
    if (back.length) await this.deps.watches.restore(back.flatMap(([, { watches }]) => watches));
  }

  private now(): number {
    return (this.deps.now ?? Date.now)();
  }

  /**
   * Looks at once at a watch just added (it may have ended already). Only that one: the others are
   * the poll's, which looks at them together, tells their endings in one event and backs off as one.
   */
  async checkNew(sessionKey: string, id: string): Promise<void> {
    this.sync();
    const handle = this.deps.watches.has(sessionKey, id) ? this.bySession.get(sessionKey)?.handles.get(id) : undefined;
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
    const watched = new Map(this.deps.watches.all.map((w) => [watchKey(w.sessionKey, w.id), w]));
    for (const [key, follows] of this.bySession) {
      // Replaced (or gone): its engine stopped with it; the watches follow on the new session below.
      if (this.deps.sessions.get(key) !== follows.session) {
        this.drop(follows);
        this.bySession.delete(key);
        continue;
      }
      for (const [id, handle] of follows.handles)
        if (!handle.active || !watched.has(watchKey(key, id))) {
          handle.dispose();
          follows.handles.delete(id);
          // Unwatched (or ended): what its end would have counted is of no use any more.
          this.jobSubJobs.delete(`${key}:${id}`);
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
      subscriptions: [
        session.onDidEnd((endings) => void this.endWatches(sessionKey, endings)),
        session.onDidRefresh((report) => {
          if (report.ok) void this.refreshSaw(sessionKey, session, report);
        }),
        session.onDidChangeSubJob((change) => {
          if ('job' in change && change.job.subJobs && this.deps.watches.has(sessionKey, change.item.id))
            this.jobSubJobs.set(`${sessionKey}:${change.item.id}`, change.job.subJobs);
        }),
      ],
    };
    this.bySession.set(sessionKey, follows);
    return follows;
  }

  private drop(follows: SessionFollows): void {
    for (const subscription of follows.subscriptions) subscription.dispose();
    for (const handle of follows.handles.values()) handle.dispose();
  }

  private async endWatches(sessionKey: string, endings: readonly FollowEnding[]): Promise<void> {
    const told: WatchEnding[] = [];
    for (const ending of endings) {
      if (!ending.reasons.includes('watch')) continue;
      const watch = this.deps.watches.all.find((w) => w.id === ending.item.id && w.sessionKey === sessionKey);
      const jobKey = `${sessionKey}:${ending.item.id}`;
      const subJobs = this.jobSubJobs.get(jobKey);
      this.jobSubJobs.delete(jobKey);
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
              ...(watch.kind === 'job' && subJobs && { subJobs }),
            },
      );
    }
    await this.tell(told);
  }

  /**
   * A refresh of the view saw watched sub-jobs end (they left the active groups, or show in a
   * finished group): told now, not at the watch's next poll an interval later.
   */
  private async refreshSaw(sessionKey: string, session: WatchingSession, report: RefreshReport): Promise<void> {
    const watched = new Map(
      this.deps.watches.all.filter((w) => w.kind === 'subJob' && w.sessionKey === sessionKey).map((w) => [w.id, w]),
    );
    if (!watched.size) return;
    const seen = new Map<string, SubJob>();
    for (const subJob of session.loadedSubJobs())
      if (watched.has(subJob.id) && !isActiveStatus(subJob.status)) seen.set(subJob.id, subJob);
    for (const { subJob } of report.transitions) if (watched.has(subJob.id)) seen.set(subJob.id, subJob);
    const told: WatchEnd[] = [...seen.values()].map((subJob) => ({
      watch: watched.get(subJob.id)!,
      status: subJob.status,
      beginTime: subJob.beginTime,
      endTime: subJob.endTime,
      subJob,
    }));
    await this.tell(told);
  }

  /**
   * Ends the watches told (one write) and tells them in one event; the write stops their follows.
   * Only those still watched, checked and taken off the list before the write is awaited: a refresh
   * and the poll that both saw the same end cannot both tell it.
   */
  private async tell(told: readonly WatchEnding[]): Promise<void> {
    const still = told.filter((t) => this.deps.watches.has(t.watch.sessionKey, t.watch.id));
    if (!still.length) return;
    const written = this.deps.watches.removeEnded(still.map((t) => t.watch));
    if (!this.disposed) this.ended.fire(still);
    await written;
  }
}
