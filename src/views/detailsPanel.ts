import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import { describeError, isAbort } from '../api/errors';
import type { SubJobRef } from '../api/subJobClient';
import { Clock, systemClock } from '../core/clock';
import { effectiveRefreshInterval } from '../core/connection';
import { DetailsPoller } from '../core/detailsPolling';
import { isActiveStatus, SubJob } from '../model/subJob';
import { copyToClipboard, CopyWording } from './clipboard';
import { projectLabel } from '../core/projects';
import {
  DetailsFailure,
  DetailsInput,
  detailsState,
  detailsTitle,
  failureFromError,
  parseDetailsState,
  renderDetailsBody,
  renderDetailsHtml,
  subJobRefOf,
} from '../presentation/detailsHtml';

/** What a panel needs to look a sub-job up again: the current client. */
export interface SubJobLookup {
  findSubJob(ref: SubJobRef, signal: AbortSignal): Promise<SubJob | undefined>;
}

/** Where a panel's sub-job comes from: a project and endpoint (or the simulator), as the view showed it. */
export interface PanelSource {
  /** Equal keys mean the same project through the same endpoint. */
  readonly key: string;
  /** Names it for a person: "project 0a1b… (cn-north-4)", "sample data (…)". */
  readonly label: string;
}

export interface DetailsPanelsDeps {
  readonly extensionUri: vscode.Uri;
  /** The client for a source while the view shows it; undefined once it does not (another project, sample data). */
  readonly lookup: (sourceKey: string) => SubJobLookup | undefined;
  /** The sources the view shows now, for a restored panel that does not know its own. */
  readonly sources: () => readonly PanelSource[];
  /** The refresh interval setting, in seconds (0 = off). */
  readonly intervalSeconds: () => number;
  readonly logger?: { info(message: string): void; error(message: string): void };
  readonly clock?: Clock;
}

export interface ShowOptions {
  /** Keep the focus where it is (e.g. in the tree). */
  readonly preserveFocus?: boolean;
  /**
   * Open in the preview panel, which the next preview replaces (a click in the tree), as the
   * Explorer opens files; a second show of the same sub-job at once (a double-click) keeps it.
   */
  readonly preview?: boolean;
  /** When the given data was fetched, if known; it is refetched at once either way. */
  readonly fetchedAt?: number;
}

type CopyWhat = 'id' | 'jobId' | 'resourceId' | 'json';
/** What each copy button copies, in English for the log. */
const COPY_LABELS: Record<CopyWhat, string> = {
  id: 'sub-job ID',
  jobId: 'job ID',
  resourceId: 'resource ID',
  json: 'sub-job as JSON',
};

/** The status bar's words for a copy button: copied, failed, and nothing to copy. */
function copyWording(what: CopyWhat): CopyWording & { readonly nothing: string } {
  switch (what) {
    case 'id':
      return {
        what: COPY_LABELS.id,
        copied: vscode.l10n.t('$(copy) Copied sub-job ID'),
        failed: vscode.l10n.t('Could not copy the sub-job ID'),
        nothing: vscode.l10n.t('Nothing to copy: no sub-job ID known'),
      };
    case 'jobId':
      return {
        what: COPY_LABELS.jobId,
        copied: vscode.l10n.t('$(copy) Copied job ID'),
        failed: vscode.l10n.t('Could not copy the job ID'),
        nothing: vscode.l10n.t('Nothing to copy: no job ID known'),
      };
    case 'resourceId':
      return {
        what: COPY_LABELS.resourceId,
        copied: vscode.l10n.t('$(copy) Copied resource ID'),
        failed: vscode.l10n.t('Could not copy the resource ID'),
        nothing: vscode.l10n.t('Nothing to copy: no resource ID known'),
      };
    case 'json':
      return {
        what: COPY_LABELS.json,
        copied: vscode.l10n.t('$(copy) Copied sub-job as JSON'),
        failed: vscode.l10n.t('Could not copy the sub-job as JSON'),
        nothing: vscode.l10n.t('Nothing to copy: the sub-job is not loaded yet'),
      };
  }
}

function sourceGone(source: PanelSource | undefined): DetailsFailure {
  return source
    ? {
        message: vscode.l10n.t({
          message:
            'This panel shows a sub-job of {0}, which the view no longer shows. It is not refreshed until the view shows that source again.',
          args: [source.label],
          comment: [
            '{0} names where the sub-job came from, e.g. "project Singapore (ap-southeast-3)" or "sample data (…)"',
          ],
        }),
      }
    : {
        message: vscode.l10n.t(
          'Not connected: configure a project and set a token (or try sample data) to refresh this sub-job.',
        ),
      };
}

/** The source of a session's sub-jobs, as panels name it. */
export function sourceOf(session: {
  readonly spec: {
    readonly key: string;
    readonly projectId: string;
    readonly name?: string;
    readonly location: string;
    readonly sampleData: boolean;
  };
}): PanelSource {
  const spec = session.spec;
  return {
    key: spec.key,
    label: spec.sampleData
      ? vscode.l10n.t({
          message: 'sample data ({0})',
          args: [spec.projectId],
          comment: ["Where a details panel's sub-job comes from: the built-in simulator; {0} is its project id"],
        })
      : vscode.l10n.t({
          message: 'project {0} ({1})',
          args: [projectLabel(spec), spec.location],
          comment: [
            "Where a details panel's sub-job comes from; {0} is the project's name or id, {1} its region or endpoint",
          ],
        }),
  };
}

/** Two shows of one sub-job closer than this are a double-click. */
const DOUBLE_CLICK_MS = 500;

function panelKey(source: PanelSource | undefined, subJobId: string): string {
  return `${source?.key ?? ''}#${subJobId}`;
}

/** A status bar text as words: without its $(icon) references. */
function spoken(text: string): string {
  return text.replace(/\$\([a-z0-9~-]+\)\s*/gi, '').trim();
}

function mediaRoot(extensionUri: vscode.Uri): vscode.Uri {
  return vscode.Uri.joinPath(extensionUri, 'media');
}

function webviewOptions(extensionUri: vscode.Uri): vscode.WebviewOptions {
  return { enableScripts: true, localResourceRoots: [mediaRoot(extensionUri)] };
}

function newNonce(): string {
  return randomBytes(16).toString('base64');
}

/**
 * The details panels: one per sub-job, revealed when it is already open, restored after a window
 * reload from the state its webview keeps.
 */
export class DetailsPanels implements vscode.Disposable, vscode.WebviewPanelSerializer<unknown> {
  static readonly viewType = 'workspaceJobs.details';

  private readonly panels = new Map<string, DetailsPanel>();
  /** The one panel the next preview replaces. */
  private preview: DetailsPanel | undefined;
  private lastShow: { key: string; at: number } | undefined;
  private disposed = false;

  constructor(private readonly deps: DetailsPanelsDeps) {}

  /** Registers the serializer that restores panels after a window reload. */
  register(): vscode.Disposable {
    return vscode.window.registerWebviewPanelSerializer(DetailsPanels.viewType, this);
  }

  /** Opens (or reveals) the panel of a sub-job of a source, showing the data at hand while it fetches fresh data. */
  show(subJob: SubJob, source: PanelSource, options: ShowOptions = {}): void {
    if (this.disposed) return;
    const key = panelKey(source, subJob.id);
    const now = (this.deps.clock ?? systemClock).now();
    const doubleClick =
      options.preview === true && this.lastShow?.key === key && now - this.lastShow.at < DOUBLE_CLICK_MS;
    this.lastShow = { key, at: now };
    const existing = this.panels.get(key);
    if (existing) {
      if (!options.preview || doubleClick) this.pin(existing);
      existing.reveal(options.preserveFocus ?? false);
      return;
    }
    if (options.preview && this.preview) {
      // The preview shows this sub-job instead; its old one is one click away in the tree.
      const panel = this.preview;
      this.panels.delete(panel.key);
      panel.retarget(source, subJobRefOf(subJob), subJob, options.fetchedAt);
      this.panels.set(panel.key, panel);
      panel.reveal(options.preserveFocus ?? false);
      return;
    }
    const panel = vscode.window.createWebviewPanel(
      DetailsPanels.viewType,
      detailsTitle({ subJob }),
      { viewColumn: vscode.ViewColumn.Active, preserveFocus: options.preserveFocus ?? false },
      { ...webviewOptions(this.deps.extensionUri), retainContextWhenHidden: false, enableFindWidget: true },
    );
    const details = this.adopt(panel, source, subJobRefOf(subJob), subJob, options.fetchedAt, options.preview === true);
    if (options.preview) this.preview = details;
  }

  /** Keeps a panel open: the next preview opens elsewhere. */
  private pin(panel: DetailsPanel): void {
    if (this.preview === panel) this.preview = undefined;
    panel.setPreview(false);
  }

  async deserializeWebviewPanel(panel: vscode.WebviewPanel, state: unknown): Promise<void> {
    const restored = parseDetailsState(state);
    // A panel saved by an older version has no source: it binds to the first source that knows its sub-job.
    const source = restored?.source;
    if (this.disposed || !restored || this.panels.has(panelKey(source, restored.subJobRef.id))) {
      // Nothing this version can show, or a second panel of one sub-job: closing beats an empty panel.
      if (!restored) this.deps.logger?.info('Closed a restored details panel whose state could not be read.');
      panel.dispose();
      return;
    }
    panel.webview.options = webviewOptions(this.deps.extensionUri);
    // A restored panel was kept open before the reload, or the user would have lost it: it stays kept.
    this.adopt(panel, source, restored.subJobRef, restored.subJob, restored.lastUpdated, false);
  }

  /** Applies a changed refresh interval setting to every panel. */
  setInterval(): void {
    const seconds = this.intervalSeconds();
    for (const panel of this.panels.values()) panel.setInterval(seconds);
  }

  /** Refetches every visible panel now and the others when shown, e.g. after the project or the token changed. */
  refreshAll(): void {
    for (const panel of this.panels.values()) panel.refreshWhenVisible();
  }

  /**
   * Stops every panel's polling and requests. The panels themselves stay open: closing them while
   * the window reloads would keep VS Code from restoring them.
   */
  dispose(): void {
    this.disposed = true;
    for (const panel of this.panels.values()) panel.detach();
    this.panels.clear();
    this.preview = undefined;
  }

  private adopt(
    panel: vscode.WebviewPanel,
    source: PanelSource | undefined,
    ref: SubJobRef,
    subJob: SubJob | undefined,
    fetchedAt: number | undefined,
    preview: boolean,
  ): DetailsPanel {
    const details: DetailsPanel = new DetailsPanel(
      panel,
      source,
      ref,
      subJob,
      fetchedAt,
      this.deps,
      this.intervalSeconds(),
      preview,
      {
        closed: () => {
          if (this.panels.get(details.key) === details) this.panels.delete(details.key);
          if (this.preview === details) this.preview = undefined;
        },
        pinned: () => {
          if (this.preview === details) this.preview = undefined;
        },
      },
    );
    this.panels.set(details.key, details);
    details.start();
    return details;
  }

  private intervalSeconds(): number {
    try {
      return effectiveRefreshInterval(this.deps.intervalSeconds());
    } catch {
      return 0;
    }
  }
}

/** One sub-job's panel: its data, its polling, its webview. */
class DetailsPanel {
  private subJob: SubJob | undefined;
  private lastUpdated: number | undefined;
  private failure: DetailsFailure | undefined;
  private notFound = false;
  private refreshing = false;
  private intervalSeconds: number;
  private readonly poller: DetailsPoller;
  private readonly clock: Clock;
  private readonly disposables: vscode.Disposable[] = [];
  private abort: AbortController | undefined;
  private detached = false;
  /** The webview script has loaded the current document and takes render messages. */
  private ready = false;
  /** The body the webview shows. */
  private shownBody: string | undefined;
  /** The body of the document set as webview.html; what the webview shows after a reload. */
  private htmlBody: string | undefined;
  /** The document set as webview.html lags behind what was posted since. */
  private htmlStale = false;
  /** A fetch is due once the panel is shown; 'restart' when the sub-job changed meanwhile (no join). */
  private fetchWhenShown: 'join' | 'restart' | undefined;
  private lastLogged = '';

  constructor(
    private readonly panel: vscode.WebviewPanel,
    /** Undefined only for a panel restored from an older version, until a source finds its sub-job. */
    private source: PanelSource | undefined,
    private ref: SubJobRef,
    subJob: SubJob | undefined,
    fetchedAt: number | undefined,
    private readonly deps: DetailsPanelsDeps,
    intervalSeconds: number,
    private preview: boolean,
    private readonly owner: { closed(): void; pinned(): void },
  ) {
    this.subJob = subJob;
    this.lastUpdated = subJob ? fetchedAt : undefined;
    this.intervalSeconds = intervalSeconds;
    this.clock = deps.clock ?? systemClock;
    this.poller = new DetailsPoller(() => this.fetch(), this.clock);
  }

  /** Where DetailsPanels files this panel: its source and sub-job. */
  get key(): string {
    return panelKey(this.source, this.ref.id);
  }

  /** The preview panel shows another sub-job: what it knew of the last one is dropped, and it fetches at once. */
  retarget(source: PanelSource, ref: SubJobRef, subJob: SubJob, fetchedAt: number | undefined): void {
    if (this.detached) return;
    this.abort?.abort();
    this.source = source;
    this.ref = ref;
    this.subJob = subJob;
    this.lastUpdated = fetchedAt;
    this.failure = undefined;
    this.notFound = false;
    this.lastLogged = '';
    this.poller.setTerminal(!isActiveStatus(subJob.status));
    this.update();
    // The fetch of the previous sub-job may still be settling: a new one starts, not a join.
    if (this.panel.visible) void this.poller.restart();
    else this.fetchWhenShown = 'restart';
  }

  setPreview(preview: boolean): void {
    if (this.preview === preview) return;
    this.preview = preview;
    this.update();
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
      panel.webview.onDidReceiveMessage((message: unknown) => this.received(message)),
    );
    this.setHtml();
    this.poller.setVisible(panel.visible);
    this.poller.setTerminal(this.subJob !== undefined && !isActiveStatus(this.subJob.status));
    this.poller.setInterval(this.intervalSeconds);
    // A panel restored in a background tab waits until it is looked at.
    if (panel.visible) void this.poller.refreshNow();
    else this.fetchWhenShown = 'join';
  }

  reveal(preserveFocus: boolean): void {
    this.panel.reveal(undefined, preserveFocus);
  }

  refresh(): void {
    void this.poller.refreshNow();
  }

  refreshWhenVisible(): void {
    if (this.panel.visible) this.refresh();
    else this.fetchWhenShown ??= 'join';
  }

  setInterval(seconds: number): void {
    this.intervalSeconds = seconds;
    this.poller.setInterval(seconds);
    this.update();
  }

  /** Stops working for this panel without closing it. */
  detach(): void {
    if (this.detached) return;
    this.detached = true;
    this.poller.dispose();
    this.abort?.abort();
    for (const disposable of this.disposables) disposable.dispose();
    this.disposables.length = 0;
  }

  private closed(): void {
    this.detach();
    this.owner.closed();
  }

  private visibilityChanged(visible: boolean): void {
    if (this.detached) return;
    if (!visible) {
      // A hidden webview is unloaded and reloads webview.html when shown: give it the latest.
      this.ready = false;
      if (this.htmlStale) this.setHtml();
    }
    this.poller.setVisible(visible);
    if (visible && this.fetchWhenShown) {
      const restart = this.fetchWhenShown === 'restart';
      this.fetchWhenShown = undefined;
      void (restart ? this.poller.restart() : this.poller.refreshNow());
    }
  }

  private async fetch(): Promise<void> {
    if (this.detached) return;
    const candidates = this.source ? [this.source] : this.deps.sources();
    const clients = candidates
      .map((source) => ({ source, client: this.deps.lookup(source.key) }))
      .filter((c): c is { source: PanelSource; client: SubJobLookup } => c.client !== undefined);
    if (!clients.length) {
      // Never ask another project (or the simulator) for this sub-job: say plainly where it came from.
      this.failed(sourceGone(this.source), 'its source is no longer shown');
      this.update();
      return;
    }
    const abort = new AbortController();
    this.abort = abort;
    this.refreshing = true;
    this.update();
    const ref = this.ref;
    try {
      let found: SubJob | undefined;
      for (const { source, client } of clients) {
        found = await client.findSubJob(ref, abort.signal);
        if (!found) continue;
        this.source ??= source;
        break;
      }
      // The preview moved on to another sub-job while this one was being looked up.
      if (this.detached || this.ref !== ref) return;
      if (found) {
        this.subJob = found;
        this.lastUpdated = this.clock.now();
        this.failure = undefined;
        this.notFound = false;
        this.lastLogged = '';
        this.poller.setTerminal(!isActiveStatus(found.status));
      } else {
        this.failure = undefined;
        if (!this.notFound) this.deps.logger?.info(`Sub-job ${this.ref.id} is no longer listed by the API.`);
        this.notFound = true;
        // A sub-job that is gone will not come back by itself; Refresh still checks again.
        this.poller.setTerminal(true);
      }
    } catch (error) {
      if (this.detached || isAbort(error) || this.ref !== ref) return;
      this.failed(failureFromError(error), describeError(error));
    } finally {
      // A newer fetch (the preview moved on) owns the busy state now.
      if (this.abort === abort) {
        this.abort = undefined;
        this.refreshing = false;
        if (!this.detached) this.update();
      }
    }
  }

  private failed(failure: DetailsFailure, logText: string): void {
    this.failure = failure;
    // Polling repeats the same failure; the log gets it once.
    if (logText !== this.lastLogged) this.deps.logger?.error(`Refreshing sub-job ${this.ref.id} failed: ${logText}`);
    this.lastLogged = logText;
  }

  private received(message: unknown): void {
    if (this.detached || typeof message !== 'object' || message === null) return;
    const { type, what } = message as { type?: unknown; what?: unknown };
    if (type === 'ready') {
      // A (re)loaded document shows webview.html; catch up with whatever changed since.
      this.ready = true;
      this.shownBody = this.htmlBody;
      this.update();
    } else if (type === 'refresh') {
      this.refresh();
    } else if (type === 'copy' && typeof what === 'string' && what in COPY_LABELS) {
      void this.copy(what as CopyWhat);
    }
    // Using the panel (any of its buttons) keeps it, as editing a previewed file does.
    if ((type === 'pin' || type === 'refresh' || type === 'copy') && this.preview) {
      this.owner.pinned();
      this.setPreview(false);
      // Only Keep Open says so: a copy says what it copied, and two words in one live region at
      // once lose one of them.
      if (type === 'pin')
        this.announce(vscode.l10n.t('Kept open: the next sub-job you click opens in a panel of its own.'));
    }
  }

  private async copy(what: CopyWhat): Promise<void> {
    const value = this.copyValue(what);
    const wording = copyWording(what);
    if (!value) {
      vscode.window.setStatusBarMessage(wording.nothing, 2000);
      this.announce(wording.nothing);
      return;
    }
    this.announce(await copyToClipboard(value, wording, (message) => this.deps.logger?.error(message)));
  }

  /** Said by the panel's polite live region: status bar messages are not read out. */
  private announce(text: string): void {
    if (this.detached || !this.ready) return;
    void this.panel.webview.postMessage({ type: 'announce', text: spoken(text) }).then(undefined, () => undefined);
  }

  private copyValue(what: CopyWhat): string {
    const subJob = this.subJob;
    switch (what) {
      case 'id':
        return subJob?.id ?? this.ref.id;
      case 'jobId':
        return subJob?.jobId ?? this.ref.jobId;
      case 'resourceId':
        return subJob?.resourceId ?? '';
      case 'json':
        return subJob ? JSON.stringify(subJob, null, 2) : '';
    }
  }

  private input(nonce: string): DetailsInput {
    const webview = this.panel.webview;
    const media = mediaRoot(this.deps.extensionUri);
    return {
      subJob: this.subJob,
      subJobRef: this.ref,
      source: this.source,
      lastUpdated: this.lastUpdated,
      failure: this.failure,
      notFound: this.notFound,
      loading: this.refreshing && !this.subJob,
      refreshing: this.refreshing,
      autoRefreshSeconds: this.intervalSeconds,
      preview: this.preview,
      cspSource: webview.cspSource,
      nonce,
      styleUri: webview.asWebviewUri(vscode.Uri.joinPath(media, 'details.css')).toString(),
      scriptUri: webview.asWebviewUri(vscode.Uri.joinPath(media, 'details.js')).toString(),
      now: this.clock.now(),
    };
  }

  /**
   * Shows the current state. A loaded, visible webview gets a message (no reload, no flicker, focus
   * kept); a hidden one a new document for when it is shown; one still loading catches up once its
   * script reports ready.
   */
  private update(): void {
    if (this.detached) return;
    try {
      const input = this.input('');
      this.panel.title = detailsTitle(input);
      if (!this.panel.visible) {
        this.setHtml();
        return;
      }
      if (!this.ready) return;
      const body = renderDetailsBody(input);
      if (body === this.shownBody) return;
      this.shownBody = body;
      this.htmlStale = true;
      void this.panel.webview.postMessage({ type: 'render', html: body, state: detailsState(input) }).then(
        (delivered) => {
          if (!delivered && !this.detached) this.setHtml();
        },
        () => undefined,
      );
    } catch (error) {
      this.deps.logger?.error(`Showing sub-job ${this.ref.id} failed: ${describeError(error)}`);
    }
  }

  private setHtml(): void {
    if (this.detached) return;
    const input = this.input(newNonce());
    this.panel.title = detailsTitle(input);
    this.ready = false;
    this.htmlBody = this.shownBody = renderDetailsBody(input);
    this.htmlStale = false;
    this.panel.webview.html = renderDetailsHtml(input);
  }
}
