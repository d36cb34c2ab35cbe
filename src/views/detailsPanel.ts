import * as vscode from 'vscode';
import type { SubJobRef } from '../model/subJobRef';
import { Clock, systemClock } from '../core/clock';
import { effectiveRefreshInterval } from '../core/connection';
import type { SessionProblem } from '../core/sessionState';
import { parseDetailsState, subJobRefOf } from '../model/detailsState';
import { SubJob } from '../model/subJob';
import { detailsTitle } from '../presentation/detailsHtml';
import { panelKey, PanelSource, sourceOf } from './detailsSources';
import { PanelSession } from './detailsRefresh';
import { webviewOptions } from './detailsWebview';
import { DetailsPanel } from './subJobDetailsPanel';

export { sourceOf, type PanelSource } from './detailsSources';

/** The sessions panels follow their sub-jobs on. */
type ShownSession = PanelSession & {
  readonly connected: boolean;
  /** What keeps a session that is not connected from sending, when it has a problem. */
  readonly state: { readonly problem?: SessionProblem };
};

export interface PanelSessions {
  get(key: string): ShownSession | undefined;
  readonly all: ReadonlyArray<ShownSession & Parameters<typeof sourceOf>[0]>;
  readonly onDidChangeSessions: (listener: () => void) => { dispose(): void };
}

export interface DetailsPanelsDeps {
  readonly extensionUri: vscode.Uri;
  /**
   * The sessions shown: a panel follows its sub-job on its source's session while that session is
   * shown and connected, never on another project's (or the simulator's).
   */
  readonly sessions: PanelSessions;
  /** The refresh interval setting, in seconds (0 = off). */
  readonly intervalSeconds: () => number;
  readonly logger?: { info(message: string): void; error(message: string): void };
  readonly clock?: Clock;
}

export interface ShowOptions {
  /** Keep the focus where it is (e.g. in the tree); by default a preview does, a kept panel takes it. */
  readonly preserveFocus?: boolean;
  /**
   * Open in the preview panel, which the next preview replaces (a click in the tree), as the
   * Explorer opens files; a second show of the same sub-job at once (a double-click) keeps it.
   */
  readonly preview?: boolean;
  /** When the given data was fetched, if known; it is refetched at once either way. */
  readonly fetchedAt?: number;
}

/** Two shows of one sub-job closer than this are a double-click. */
const DOUBLE_CLICK_MS = 500;

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
  private readonly subscriptions: Array<{ dispose(): void }>;

  constructor(private readonly deps: DetailsPanelsDeps) {
    this.subscriptions = [
      // Whatever a panel was opened for may be back (a new session after a credential change), or gone.
      deps.sessions.onDidChangeSessions(() => this.refreshAll()),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('workspaceJobs.refreshInterval')) this.setInterval();
      }),
    ];
  }

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
    // A click (or Space) in the tree previews with the keyboard left in the tree, as the Explorer does.
    const preserveFocus = options.preserveFocus ?? options.preview === true;
    const existing = this.panels.get(key);
    if (existing) {
      if (!options.preview || doubleClick) this.pin(existing);
      // A double-click opens it for good, and goes there.
      existing.reveal(preserveFocus && !doubleClick);
      return;
    }
    if (options.preview && this.preview) {
      // The preview shows this sub-job instead; its old one is one click away in the tree.
      const panel = this.preview;
      this.panels.delete(panel.key);
      panel.retarget(source, subJobRefOf(subJob), subJob, options.fetchedAt);
      this.panels.set(panel.key, panel);
      panel.reveal(preserveFocus);
      return;
    }
    const panel = vscode.window.createWebviewPanel(
      DetailsPanels.viewType,
      detailsTitle({ subJob, preview: options.preview === true }),
      { viewColumn: vscode.ViewColumn.Active, preserveFocus },
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
    for (const subscription of this.subscriptions) subscription.dispose();
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
      {
        ...this.deps,
        lookup: (key) => {
          const session = this.deps.sessions.get(key);
          return session?.connected ? session : undefined;
        },
        problemOf: (key) => this.deps.sessions.get(key)?.state.problem,
        sources: () => this.deps.sessions.all.filter((s) => s.connected).map((s, _, shown) => sourceOf(s, shown)),
        clock: this.deps.clock ?? systemClock,
      },
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
