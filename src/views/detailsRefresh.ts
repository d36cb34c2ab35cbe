import { describeError } from '../api/errors';
import { Clock } from '../core/clock';
import { Event } from '../core/events';
import { FollowChange, FollowHandle, FollowReason } from '../core/followEngine';
import { FollowItem } from '../core/followLookup';
import { SubJob } from '../model/subJob';
import type { SubJobRef } from '../model/subJobRef';
import { DetailsFailure, failureFromError } from '../presentation/detailsFailure';
import { sessionEndOf, SessionEnd } from '../core/sessionEnd';
import type { SessionProblem } from '../core/sessionState';
import { PanelSource, stoppedNotice } from './detailsSources';

/**
 * What a look-up learned about a panel's sub-job: the one way fresh data enters a panel
 * (`DetailsPanel.update`), whoever fetched it.
 */
export type FreshDetails =
  | { readonly kind: 'found'; readonly subJob: SubJob; readonly at: number }
  /** No listing holds it any more (deleted, aged out). */
  | { readonly kind: 'gone' }
  /** The look-up failed; `logText` is the error in English for the log. */
  | { readonly kind: 'failed'; readonly failure: DetailsFailure; readonly logText: string }
  /**
   * Its session ended, is not shown, or cannot send: not refreshed (Refresh cannot help until the
   * sessions change), and `notice` says why. Not a failure.
   */
  | { readonly kind: 'stopped'; readonly notice: string };

/** The panel a refresher fetches for. */
export interface RefreshTarget {
  readonly ref: SubJobRef;
  readonly source: PanelSource | undefined;
  /** A panel restored without a source binds to the first source whose session finds its sub-job. */
  bindSource(source: PanelSource): void;
  update(fresh: FreshDetails): void;
  /** Shows the current state again (the busy state changed). */
  render(): void;
}

/** What a panel needs of its source's session: a follow, and its changes. */
export interface PanelSession {
  follow(item: FollowItem, why: FollowReason): FollowHandle;
  /** Aborted, with why (see sessionEndOf), when the session ends. */
  readonly signal: AbortSignal;
  readonly onDidChangeSubJob: Event<FollowChange>;
  /** Only to find which source a panel restored without one belongs to. */
  findSubJob(ref: SubJobRef, signal?: AbortSignal): Promise<SubJob | undefined>;
}

export interface RefreshDeps {
  /** The session of a source while the view shows it and it can send; undefined otherwise. */
  readonly lookup: (sourceKey: string) => PanelSession | undefined;
  /**
   * Why the session the view shows for a source cannot send (no credentials after Sign Out, a
   * filter that leaves no job type…); undefined when it can, or when the view shows none.
   */
  readonly problemOf?: (sourceKey: string) => SessionProblem | undefined;
  readonly sources: () => readonly PanelSource[];
  readonly clock: Clock;
}

/**
 * Keeps one panel's sub-job followed by its source's session (reason 'panel'): paused while the
 * panel is hidden, looked up at once for Refresh and the first fetch, and rendered from the
 * session's change events — the session's own refreshes and deletions included, so a panel never
 * lags the tree. A finished sub-job's follow rests (see FollowHandle.active): not polled, still
 * told. The session's engine polls it; nothing here has a timer.
 */
export class DetailsRefresher {
  private session: PanelSession | undefined;
  private handle: FollowHandle | undefined;
  private subscription: { dispose(): void } | undefined;
  /** Why the session the panel followed on ended: said until another takes over. */
  private ended: SessionEnd | undefined;
  private visible = false;
  /** A look-up is due once the panel is shown. */
  private checkWhenShown = false;
  private stopped = false;
  private busy = 0;

  constructor(
    private readonly target: RefreshTarget,
    private readonly deps: RefreshDeps,
  ) {}

  /** A look-up is running. */
  get refreshing(): boolean {
    return this.busy > 0;
  }

  start(visible: boolean): void {
    this.visible = visible;
    this.refreshWhenVisible(visible);
  }

  /** Looks the sub-job up now (Refresh, the first fetch), following it again if its follow had ended. */
  refreshNow(): void {
    void this.checkNow();
  }

  refreshWhenVisible(visible: boolean): void {
    this.visible = visible;
    if (visible) this.refreshNow();
    else this.checkWhenShown = true;
  }

  visibilityChanged(visible: boolean): void {
    this.visible = visible;
    this.handle?.setPaused(!visible);
    if (visible && this.checkWhenShown) {
      this.checkWhenShown = false;
      this.refreshNow();
    }
  }

  /** The panel is about to show another sub-job: its follow ends. */
  cancel(): void {
    this.detach();
  }

  /** The panel shows another sub-job now: followed instead, looked up at once (or when shown). */
  retargeted(visible: boolean): void {
    this.detach();
    this.refreshWhenVisible(visible);
  }

  dispose(): void {
    this.stopped = true;
    this.detach();
  }

  private async checkNow(): Promise<void> {
    if (this.stopped) return;
    const ref = this.target.ref;
    const session = await this.attach();
    if (!session || this.stopped || this.target.ref !== ref) return;
    this.busy++;
    this.target.render();
    try {
      await this.handle?.checkNow();
    } finally {
      this.busy--;
      if (!this.stopped) this.target.render();
    }
  }

  /** Follows the sub-job on its source's current session (a new one after a credential change). */
  private async attach(): Promise<PanelSession | undefined> {
    const source = this.target.source ?? (await this.bind());
    const session = source && this.deps.lookup(source.key);
    if (!session) {
      // Never ask another project (or the simulator) for this sub-job: say plainly why it stopped.
      this.ended = (this.session && sessionEndOf(this.session.signal)) ?? this.ended;
      this.detach();
      const problem = source && this.deps.problemOf?.(source.key);
      this.target.update({ kind: 'stopped', notice: stoppedNotice(this.target.source, this.ended, problem) });
      return undefined;
    }
    this.ended = undefined;
    if (session === this.session && this.handle?.active) return session;
    this.detach();
    const ref = this.target.ref;
    this.session = session;
    this.handle = session.follow({ kind: 'subJob', id: ref.id, ref }, 'panel');
    this.handle.setPaused(!this.visible);
    this.subscription = session.onDidChangeSubJob((change) => this.changed(change, ref));
    return session;
  }

  private changed(change: FollowChange, ref: SubJobRef): void {
    if (this.stopped || change.item.kind !== 'subJob' || change.item.id !== ref.id || this.target.ref !== ref) return;
    if ('subJob' in change) this.target.update({ kind: 'found', subJob: change.subJob, at: this.deps.clock.now() });
    else if ('gone' in change) this.target.update({ kind: 'gone' });
    else if ('error' in change)
      this.target.update({
        kind: 'failed',
        failure: failureFromError(change.error),
        logText: describeError(change.error),
      });
  }

  /** A panel restored without a source: the first shown source whose session finds its sub-job. */
  private async bind(): Promise<PanelSource | undefined> {
    const ref = this.target.ref;
    for (const source of this.deps.sources()) {
      const found = await this.deps
        .lookup(source.key)
        ?.findSubJob(ref)
        .catch(() => undefined);
      if (!found || this.stopped || this.target.ref !== ref) continue;
      this.target.bindSource(source);
      this.target.update({ kind: 'found', subJob: found, at: this.deps.clock.now() });
      return source;
    }
    return undefined;
  }

  private detach(): void {
    this.subscription?.dispose();
    this.handle?.dispose();
    this.subscription = undefined;
    this.handle = undefined;
    this.session = undefined;
  }
}
