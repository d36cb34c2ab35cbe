import { describeError, isAbort } from '../api/errors';
import { Clock } from '../core/clock';
import { DetailsPoller } from '../core/detailsPolling';
import { isActiveStatus, SubJob } from '../model/subJob';
import type { SubJobRef } from '../model/subJobRef';
import { DetailsFailure, failureFromError } from '../presentation/detailsFailure';
import { PanelSource, sourceGone, SubJobLookup } from './detailsSources';

/**
 * What a look-up learned about a panel's sub-job: the one way fresh data enters a panel
 * (`DetailsPanel.update`), whoever fetched it.
 */
export type FreshDetails =
  | { readonly kind: 'found'; readonly subJob: SubJob; readonly at: number }
  /** No listing holds it any more (deleted, aged out). */
  | { readonly kind: 'gone' }
  /** The look-up failed; `logText` is the error in English for the log. */
  | { readonly kind: 'failed'; readonly failure: DetailsFailure; readonly logText: string };

/** The panel a refresher fetches for. */
export interface RefreshTarget {
  readonly ref: SubJobRef;
  readonly source: PanelSource | undefined;
  /** A panel restored without a source binds to the first source whose client finds its sub-job. */
  bindSource(source: PanelSource): void;
  update(fresh: FreshDetails): void;
  /** Shows the current state again (the busy state changed). */
  render(): void;
}

export interface RefreshDeps {
  readonly lookup: (sourceKey: string) => SubJobLookup | undefined;
  readonly sources: () => readonly PanelSource[];
  readonly clock: Clock;
}

/**
 * When and how one panel refetches its sub-job: DetailsPoller's schedule, one look-up at a time
 * through the client of the panel's source, the result handed to the panel's `update`.
 */
export class DetailsRefresher {
  private readonly poller: DetailsPoller;
  private abort: AbortController | undefined;
  /** A fetch is due once the panel is shown; 'restart' when the sub-job changed meanwhile (no join). */
  private fetchWhenShown: 'join' | 'restart' | undefined;
  private stopped = false;
  private busy = false;

  constructor(
    private readonly target: RefreshTarget,
    private readonly deps: RefreshDeps,
  ) {
    this.poller = new DetailsPoller(() => this.fetch(), deps.clock);
  }

  /** A look-up is running. */
  get refreshing(): boolean {
    return this.busy;
  }

  start(visible: boolean, terminal: boolean, intervalSeconds: number): void {
    this.poller.setVisible(visible);
    this.poller.setTerminal(terminal);
    this.poller.setInterval(intervalSeconds);
    // A panel restored in a background tab waits until it is looked at.
    if (visible) void this.poller.refreshNow();
    else this.fetchWhenShown = 'join';
  }

  refreshNow(): void {
    void this.poller.refreshNow();
  }

  refreshWhenVisible(visible: boolean): void {
    if (visible) this.refreshNow();
    else this.fetchWhenShown ??= 'join';
  }

  setInterval(seconds: number): void {
    this.poller.setInterval(seconds);
  }

  visibilityChanged(visible: boolean): void {
    this.poller.setVisible(visible);
    if (visible && this.fetchWhenShown) {
      const restart = this.fetchWhenShown === 'restart';
      this.fetchWhenShown = undefined;
      void (restart ? this.poller.restart() : this.poller.refreshNow());
    }
  }

  /** Stops the look-up in flight: the panel is about to show another sub-job. */
  cancel(): void {
    this.abort?.abort();
  }

  /** The panel shows another sub-job now: fetch it (the previous fetch may still be settling: no join). */
  retargeted(subJob: SubJob, visible: boolean): void {
    this.poller.setTerminal(!isActiveStatus(subJob.status));
    if (visible) void this.poller.restart();
    else this.fetchWhenShown = 'restart';
  }

  dispose(): void {
    this.stopped = true;
    this.poller.dispose();
    this.abort?.abort();
  }

  private async fetch(): Promise<void> {
    if (this.stopped) return;
    const target = this.target;
    const candidates = target.source ? [target.source] : this.deps.sources();
    const clients = candidates
      .map((source) => ({ source, client: this.deps.lookup(source.key) }))
      .filter((c): c is { source: PanelSource; client: SubJobLookup } => c.client !== undefined);
    if (!clients.length) {
      // Never ask another project (or the simulator) for this sub-job: say plainly where it came from.
      target.update({ kind: 'failed', failure: sourceGone(target.source), logText: 'its source is no longer shown' });
      return;
    }
    const abort = new AbortController();
    this.abort = abort;
    this.busy = true;
    target.render();
    const fresh = await this.lookUp(clients, abort.signal);
    // A newer fetch (the preview moved on) owns the busy state now.
    const owner = this.abort === abort;
    if (owner) {
      this.abort = undefined;
      this.busy = false;
    }
    if (this.stopped) return;
    if (fresh) target.update(fresh);
    else if (owner) target.render();
  }

  /** Asks each client in turn; undefined when the answer no longer matters (stopped, aborted, retargeted). */
  private async lookUp(
    clients: ReadonlyArray<{ source: PanelSource; client: SubJobLookup }>,
    signal: AbortSignal,
  ): Promise<FreshDetails | undefined> {
    const target = this.target;
    const ref = target.ref;
    try {
      let found: SubJob | undefined;
      for (const { source, client } of clients) {
        found = await client.findSubJob(ref, signal);
        if (!found) continue;
        target.bindSource(source);
        break;
      }
      // The preview moved on to another sub-job while this one was being looked up.
      if (this.stopped || target.ref !== ref) return undefined;
      // A sub-job that is gone will not come back by itself; Refresh still checks again.
      this.poller.setTerminal(found ? !isActiveStatus(found.status) : true);
      return found ? { kind: 'found', subJob: found, at: this.deps.clock.now() } : { kind: 'gone' };
    } catch (error) {
      if (this.stopped || isAbort(error) || target.ref !== ref) return undefined;
      return { kind: 'failed', failure: failureFromError(error), logText: describeError(error) };
    }
  }
}
