import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import type { Clock } from '../core/clock';
import { parseTimelineScriptMessage, timelinePanelMessages } from '../model/jobProtocol';
import type { SubJob } from '../model/subJob';
import type { DetailsFailure } from '../presentation/detailsFailure';
import type { ParentJob } from '../presentation/jobTimeline';
import { renderTimelineDocument, timelineTitle, timelineView } from '../presentation/jobTimelineHtml';
import { mediaRoot, notePageTimeZone } from './detailsWebview';
import type { FreshJob, JobFollow, ParentJobFeed } from './jobPanelSource';

/** Refresh clicks closer than this to the last one are ignored. */
const REFRESH_GAP_MS = 1_000;

/** What a timeline panel needs of the session its job comes from. */
export interface TimelineSession {
  readonly connected: boolean;
  readonly feed: ParentJobFeed;
  /** Names the project for a person ("project Singapore (ap-southeast-3)"). */
  readonly label: string;
  /** Why this session no longer follows (it ended, it has a problem), in one neutral line. */
  readonly stoppedNotice?: () => string;
}

export interface JobPanelDeps {
  readonly extensionUri: vscode.Uri;
  /** The session shown for a key, or undefined (removed, replaced by sample data…). */
  readonly session: (key: string) => TimelineSession | undefined;
  /** Why the job is not followed on the session of this key (gone, not connected), in one neutral line. */
  readonly stoppedNotice: (sessionKey: string) => string;
  /** Opens a sub-job's details panel (Enter or a click on its bar). */
  readonly openSubJob: (sessionKey: string, subJob: SubJob) => void;
  readonly intervalSeconds: () => number;
  readonly clock: Clock;
  readonly logger?: { info(message: string): void; error(message: string): void };
}

/**
 * One parent job's timeline: its last good picture, the follow that keeps it fresh (the session's
 * engine, paused while hidden, resting once the job ended), and the webview it is drawn in.
 */
export class JobPanel {
  private job: ParentJob | undefined;
  private lastUpdated: number | undefined;
  private failure: DetailsFailure | undefined;
  private gone = false;
  private stopped: string | undefined;
  private session: TimelineSession | undefined;
  private follow: JobFollow | undefined;
  /** The script loaded the document and takes render messages. */
  private ready = false;
  /**
   * The zone the page runs in (the user's, which over SSH or in a container is not this host's), as its
   * ready said: every time is drawn in it. Nothing is drawn before ready, so never in another zone.
   */
  private timeZone: string | undefined;
  private disposed = false;
  private lastLogged = '';
  private readonly opened: number;
  private firstPaintLogged = false;
  /** Page timings logged: the first paint and the first live update (README, the timeline scenario). */
  private drawnLogged = 0;
  private lastRejected = '';
  /** Refresh's look-up while it runs, and when Refresh last asked: a held key makes no burst of look-ups. */
  private refreshing: Promise<void> | undefined;
  private lastRefreshAt = Number.NEGATIVE_INFINITY;
  private readonly disposables: vscode.Disposable[] = [];

  constructor(
    private readonly panel: vscode.WebviewPanel,
    readonly sessionKey: string,
    readonly jobId: string,
    private readonly deps: JobPanelDeps,
    private readonly closed: () => void,
  ) {
    this.opened = deps.clock.now();
    panel.iconPath = {
      light: vscode.Uri.joinPath(mediaRoot(deps.extensionUri), 'workspace-jobs-light.svg'),
      dark: vscode.Uri.joinPath(mediaRoot(deps.extensionUri), 'workspace-jobs-dark.svg'),
    };
    this.disposables.push(
      panel.onDidDispose(() => this.dispose()),
      panel.onDidChangeViewState(({ webviewPanel }) => this.visibilityChanged(webviewPanel.visible)),
      panel.webview.onDidReceiveMessage((value: unknown) => this.received(value)),
    );
    this.reload();
    this.attach();
  }

  reveal(): void {
    this.panel.reveal(undefined, false);
  }

  /** The sessions changed: the job is followed on the session now shown for its project, if any. */
  sessionsChanged(): void {
    if (this.deps.session(this.sessionKey) !== this.session || !this.follow) this.attach();
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.follow?.dispose();
    for (const d of this.disposables) d.dispose();
    this.closed();
  }

  private attach(): void {
    this.follow?.dispose();
    this.follow = undefined;
    const session = this.deps.session(this.sessionKey);
    const before = { session: this.session, stopped: this.stopped };
    this.session = session;
    if (!session?.connected) {
      this.stopped = this.deps.stoppedNotice(this.sessionKey);
      // Refresh held on a stopped timeline must not redraw up to 2,000 bars for each repeat.
      if (before.session !== session || before.stopped !== this.stopped) this.render();
      return;
    }
    this.stopped = undefined;
    this.follow = session.feed.follow(this.jobId, (fresh) => this.update(fresh));
    this.follow.setPaused(!this.panel.visible);
    void this.follow.checkNow();
  }

  private update(fresh: FreshJob): void {
    if (this.disposed) return;
    switch (fresh.kind) {
      case 'found':
        this.job = fresh.job;
        this.lastUpdated = this.deps.clock.now();
        this.failure = undefined;
        this.gone = false;
        this.lastLogged = '';
        this.logRejected(fresh.job);
        break;
      case 'gone':
        this.failure = undefined;
        this.gone = true;
        break;
      case 'failed':
        this.failure = fresh.failure;
        if (fresh.logText !== this.lastLogged)
          this.deps.logger?.error(`Refreshing job ${this.jobId} (${this.session?.feed.call}) failed: ${fresh.logText}`);
        this.lastLogged = fresh.logText;
        break;
    }
    this.render();
  }

  private received(value: unknown): void {
    const parsed = parseTimelineScriptMessage(value);
    if (!parsed.ok) return void this.deps.logger?.info(`Ignored a message from a job timeline: ${parsed.reason}.`);
    const message = parsed.message;
    if (message.type === 'ready') {
      this.ready = true;
      this.timeZone = message.timeZone;
      notePageTimeZone(message.timeZone);
      return this.render();
    }
    if (message.type === 'refresh') return this.refresh();
    if (message.type === 'drawn') return this.logDrawn(message.ms, message.bars);
    // A pointer: the sub-job is looked up again in what the job answered last.
    const subJob = this.job?.subJobs.find((s) => s.id === message.id);
    if (subJob) this.deps.openSubJob(this.sessionKey, subJob);
  }

  /**
   * Looks the job up now, at most one look-up in flight and none within REFRESH_GAP_MS of the last
   * (Enter held on the button repeats clicks; an AK/SK session must not burst). A follow that is
   * over (the job gone) or a stopped panel follows again, as the details panel does; a click is never
   * dropped unheard: "Refreshed" once the job was found, else why not.
   */
  private refresh(): void {
    const now = this.deps.clock.now();
    if (this.refreshing || now - this.lastRefreshAt < REFRESH_GAP_MS) return;
    this.lastRefreshAt = now;
    const banner = this.banner();
    if (!this.follow?.active) this.attach();
    if (!this.follow) return this.announce(this.stopped ?? this.deps.stoppedNotice(this.sessionKey));
    this.refreshing = this.follow
      .checkNow()
      .catch(() => true)
      .then((lookedUp) => {
        this.refreshing = undefined;
        this.announceRefreshed(lookedUp, banner);
      });
  }

  /**
   * What a Refresh learned, said once: a banner that just appeared or changed speaks for itself (the
   * failure's is an alert), so only an unchanged one is said again; nothing looked up says why.
   */
  private announceRefreshed(lookedUp: boolean, before: string): void {
    if (!lookedUp) return this.announce(this.deps.stoppedNotice(this.sessionKey));
    const banner = this.banner();
    if (banner && banner !== before) return;
    if (this.failure) return this.announce(this.failure.message);
    if (this.gone)
      return this.announce(
        vscode.l10n.t('The API no longer knows this job: it may have been deleted. Showing the last data received.'),
      );
    this.announce(vscode.l10n.t('Refreshed'));
  }

  /** What the failure or gone banner over the timeline draws, as a key ('' for none). */
  private banner(): string {
    return this.failure ? JSON.stringify(this.failure) : this.gone ? 'gone' : '';
  }

  /** Said by the page's polite live region. */
  private announce(text: string): void {
    if (this.disposed || !this.ready || !this.panel.visible) return;
    void this.panel.webview.postMessage(timelinePanelMessages.announce(text)).then(undefined, () => undefined);
  }

  private logDrawn(ms: number, bars: number): void {
    // Before the job's first answer the page draws "Loading": not a paint of the job, also when the
    // answer came in before the page said it drew that.
    if (!this.job || (bars === 0 && this.job.subJobs.length > 0) || this.drawnLogged >= 2) return;
    const what = this.drawnLogged++ ? 'the next update' : 'the first paint';
    this.deps.logger?.info(`Timeline of job ${this.jobId}: ${what} of ${bars} sub-jobs took the page ${ms} ms`);
  }

  /** Sub-jobs of the answer that could not be read: the header counts them, the log says why (once). */
  private logRejected(job: ParentJob): void {
    const text = job.rejected?.length ? `${job.rejected.length}, e.g. ${job.rejected[0]}` : '';
    if (text && text !== this.lastRejected)
      this.deps.logger?.error(`Job ${this.jobId}: sub-jobs not readable, skipped: ${text}`);
    this.lastRejected = text;
  }

  private visibilityChanged(visible: boolean): void {
    if (this.disposed) return;
    // A hidden webview is unloaded; shown again, it reloads its document and says ready.
    if (!visible) this.ready = false;
    this.follow?.setPaused(!visible);
  }

  private reload(): void {
    const webview = this.panel.webview;
    const media = mediaRoot(this.deps.extensionUri);
    this.ready = false;
    this.panel.title = timelineTitle(this.jobId);
    webview.html = renderTimelineDocument({
      title: timelineTitle(this.jobId),
      cspSource: webview.cspSource,
      nonce: randomBytes(16).toString('base64'),
      styleUris: ['details.css', 'timeline.css'].map((f) =>
        webview.asWebviewUri(vscode.Uri.joinPath(media, f)).toString(),
      ),
      scriptUri: webview.asWebviewUri(vscode.Uri.joinPath(media, 'timeline.js')).toString(),
    });
  }

  private render(): void {
    if (this.disposed || !this.ready || !this.panel.visible) return;
    const started = performance.now();
    const view = timelineView({
      jobId: this.jobId,
      ...(this.job && { job: this.job }),
      ...(this.session && { sourceLabel: this.session.label }),
      ...(this.lastUpdated !== undefined && { lastUpdated: this.lastUpdated }),
      ...(this.failure && { failure: this.failure }),
      ...(this.stopped && { stopped: this.stopped }),
      gone: this.gone,
      nowMs: this.deps.clock.now(),
      intervalMs: Math.max(5, this.deps.intervalSeconds()) * 1000,
      ...(this.timeZone && { timeZone: this.timeZone }),
    });
    const message = timelinePanelMessages.render({
      ...view,
      state: { sessionKey: this.sessionKey, jobId: this.jobId },
    });
    void this.panel.webview.postMessage(message).then(undefined, () => undefined);
    if (this.job && !this.firstPaintLogged) {
      // Measured, never asserted: what a first picture of this job costs (README, npm run bench).
      this.firstPaintLogged = true;
      this.deps.logger?.info(
        `Timeline of job ${this.jobId}: ${view.bars.length} sub-jobs drawn ${this.deps.clock.now() - this.opened} ms ` +
          `after opening; view built in ${(performance.now() - started).toFixed(1)} ms, ` +
          `message ${(JSON.stringify(message).length / 1024).toFixed(0)} KiB`,
      );
    }
  }
}
