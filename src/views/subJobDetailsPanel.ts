import * as vscode from 'vscode';
import { Clock } from '../core/clock';
import type { CopyTarget } from '../model/detailsProtocol';
import { SubJob } from '../model/subJob';
import type { SubJobRef } from '../model/subJobRef';
import type { DetailsFailure } from '../presentation/detailsFailure';
import { copyToClipboard } from './clipboard';
import { copyValue, copyWording } from './detailsCopy';
import { DetailsRefresher, FreshDetails, RefreshDeps, RefreshTarget } from './detailsRefresh';
import { panelKey, PanelSource } from './detailsSources';
import { DetailsContent, DetailsWebview, mediaRoot } from './detailsWebview';

export interface PanelDeps extends RefreshDeps {
  readonly extensionUri: vscode.Uri;
  readonly logger?: { info(message: string): void; error(message: string): void };
  readonly clock: Clock;
}

/**
 * One sub-job's panel: its data, its webview, and what it does when a button is used. Fresh data
 * comes in through `update` only; the refresher keeps the sub-job followed by its session (see
 * detailsRefresh.ts).
 */
export class DetailsPanel implements RefreshTarget {
  private subJob: SubJob | undefined;
  private lastUpdated: number | undefined;
  private failure: DetailsFailure | undefined;
  private notFound = false;
  /** Why the panel is no longer refreshed (its session ended, or is not shown); undefined while it is. */
  private stopped: string | undefined;
  private intervalSeconds: number;
  private readonly refresher: DetailsRefresher;
  private readonly view: DetailsWebview;
  private readonly disposables: vscode.Disposable[] = [];
  private detached = false;
  private lastLogged = '';

  constructor(
    private readonly panel: vscode.WebviewPanel,
    /** Undefined only for a panel restored from an older version, until a source finds its sub-job. */
    private currentSource: PanelSource | undefined,
    private currentRef: SubJobRef,
    subJob: SubJob | undefined,
    fetchedAt: number | undefined,
    private readonly deps: PanelDeps,
    intervalSeconds: number,
    private preview: boolean,
    private readonly owner: { closed(): void; pinned(): void },
  ) {
    this.subJob = subJob;
    this.lastUpdated = subJob ? fetchedAt : undefined;
    this.intervalSeconds = intervalSeconds;
    this.view = new DetailsWebview(
      panel,
      deps.extensionUri,
      () => this.content(),
      () => this.ref.id,
      deps.logger,
    );
    this.refresher = new DetailsRefresher(this, deps);
  }

  /** Where DetailsPanels files this panel: its source and sub-job. */
  get key(): string {
    return panelKey(this.currentSource, this.ref.id);
  }

  get ref(): SubJobRef {
    return this.currentRef;
  }

  get source(): PanelSource | undefined {
    return this.currentSource;
  }

  bindSource(source: PanelSource): void {
    this.currentSource ??= source;
  }

  /**
   * What a look-up found: the sub-job as it is now, that it is gone, or why looking failed. The
   * last good data stays on screen through failures.
   */
  update(fresh: FreshDetails): void {
    if (this.detached) return;
    if (fresh.kind !== 'stopped') this.stopped = undefined;
    switch (fresh.kind) {
      case 'stopped':
        this.failure = undefined;
        this.stopped = fresh.notice;
        break;
      case 'found':
        this.subJob = fresh.subJob;
        this.lastUpdated = fresh.at;
        this.failure = undefined;
        this.notFound = false;
        this.lastLogged = '';
        break;
      case 'gone':
        this.failure = undefined;
        if (!this.notFound) this.deps.logger?.info(`Sub-job ${this.ref.id} is no longer listed by the API.`);
        this.notFound = true;
        break;
      case 'failed':
        this.failure = fresh.failure;
        // Polling repeats the same failure; the log gets it once.
        if (fresh.logText !== this.lastLogged)
          this.deps.logger?.error(`Refreshing sub-job ${this.ref.id} failed: ${fresh.logText}`);
        this.lastLogged = fresh.logText;
        break;
    }
    this.render();
  }

  /** The preview panel shows another sub-job: what it knew of the last one is dropped, and it fetches at once. */
  retarget(source: PanelSource, ref: SubJobRef, subJob: SubJob, fetchedAt: number | undefined): void {
    if (this.detached) return;
    this.refresher.cancel();
    this.currentSource = source;
    this.currentRef = ref;
    this.subJob = subJob;
    this.lastUpdated = fetchedAt;
    this.failure = undefined;
    this.notFound = false;
    this.stopped = undefined;
    this.lastLogged = '';
    this.render();
    this.refresher.retargeted(this.panel.visible);
  }

  setPreview(preview: boolean): void {
    if (this.preview === preview) return;
    this.preview = preview;
    this.render();
  }

  start(): void {
    const { panel } = this;
    panel.iconPath = {
      light: vscode.Uri.joinPath(mediaRoot(this.deps.extensionUri), 'workspace-jobs-light.svg'),
      dark: vscode.Uri.joinPath(mediaRoot(this.deps.extensionUri), 'workspace-jobs-dark.svg'),
    };
    this.disposables.push(
      panel.onDidDispose(() => this.closed()),
      panel.onDidChangeViewState(({ webviewPanel }) => this.visibilityChanged(webviewPanel.visible)),
      this.view.listen({
        // A (re)loaded document shows webview.html; catch up with whatever changed since.
        ready: () => {
          this.view.loaded();
          this.render();
        },
        // Neither Refresh nor a copy keeps a preview: only Keep Open (or a double-click in the tree) does,
        // or every look at a sub-job would leave a tab behind.
        refresh: () => this.refresher.refreshNow(),
        pin: () => {
          if (!this.preview) return;
          this.owner.pinned();
          this.setPreview(false);
          this.view.announce(vscode.l10n.t('Kept open: the next sub-job you click opens in a panel of its own.'));
        },
        copy: ({ what }) => void this.copy(what),
        // A pointer: Show Parent Job looks the job up again through the panel's session.
        showJob: () => {
          const jobId = this.subJob?.jobId || this.ref.jobId;
          if (jobId && this.currentSource)
            void vscode.commands.executeCommand('workspaceJobs.showJob', { sessionKey: this.currentSource.key, jobId });
        },
      }),
    );
    this.view.reload();
    this.refresher.start(panel.visible);
  }

  reveal(preserveFocus: boolean): void {
    this.panel.reveal(undefined, preserveFocus);
  }

  refreshWhenVisible(): void {
    this.refresher.refreshWhenVisible(this.panel.visible);
  }

  setInterval(seconds: number): void {
    this.intervalSeconds = seconds;
    this.render();
  }

  /** Stops working for this panel without closing it. */
  detach(): void {
    if (this.detached) return;
    this.detached = true;
    this.view.stop();
    this.refresher.dispose();
    for (const disposable of this.disposables) disposable.dispose();
    this.disposables.length = 0;
  }

  render(): void {
    if (!this.detached) this.view.show();
  }

  private closed(): void {
    this.detach();
    this.owner.closed();
  }

  private visibilityChanged(visible: boolean): void {
    if (this.detached) return;
    if (!visible) this.view.hidden();
    this.refresher.visibilityChanged(visible);
  }

  private async copy(what: CopyTarget): Promise<void> {
    const value = copyValue(what, this.subJob, this.ref);
    const wording = copyWording(what);
    if (!value) {
      vscode.window.setStatusBarMessage(wording.nothing, 2000);
      this.view.announce(wording.nothing);
      return;
    }
    this.view.announce(await copyToClipboard(value, wording, (message) => this.deps.logger?.error(message)));
  }

  private content(): DetailsContent {
    const refreshing = this.refresher.refreshing;
    return {
      subJob: this.subJob,
      subJobRef: this.ref,
      source: this.currentSource,
      lastUpdated: this.lastUpdated,
      failure: this.failure,
      notFound: this.notFound,
      stopped: this.stopped,
      loading: refreshing && !this.subJob,
      refreshing,
      autoRefreshSeconds: this.intervalSeconds,
      preview: this.preview,
      now: this.deps.clock.now(),
    };
  }
}
