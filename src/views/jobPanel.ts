import * as vscode from 'vscode';
import { Clock, systemClock } from '../core/clock';
import { effectiveRefreshInterval } from '../core/connection';
import type { SubJob } from '../model/subJob';
import { timelineTitle } from '../presentation/jobTimelineHtml';
import { sourceOf, stoppedNotice } from './detailsSources';
import { webviewOptions } from './detailsWebview';
import { FollowingSession, imageJobFeed } from './jobPanelSource';
import { JobPanel, TimelineSession } from './jobPanelView';

type JobSession = FollowingSession & Parameters<typeof sourceOf>[0] & { readonly connected: boolean };

export interface JobPanelsDeps {
  readonly extensionUri: vscode.Uri;
  readonly sessions: {
    get(key: string): JobSession | undefined;
    readonly onDidChangeSessions: (listener: () => void) => { dispose(): void };
  };
  /** The refresh interval setting, in seconds. */
  readonly intervalSeconds: () => number;
  readonly logger?: { info(message: string): void; error(message: string): void };
  readonly clock?: Clock;
}

/** The parent job timelines: one panel per project and job, revealed when already open. */
export class JobPanels implements vscode.Disposable {
  static readonly viewType = 'workspaceJobs.job';

  private readonly panels = new Map<string, JobPanel>();
  /** One timeline source per session, so a panel tells a new session from the one it follows on. */
  private readonly shown = new WeakMap<JobSession, TimelineSession>();
  private readonly subscription: { dispose(): void };

  constructor(private readonly deps: JobPanelsDeps) {
    this.subscription = deps.sessions.onDidChangeSessions(() => {
      for (const panel of this.panels.values()) panel.sessionsChanged();
    });
  }

  /** Opens (or reveals) the timeline of a parent job of a session's project. */
  show(sessionKey: string, jobId: string): void {
    const key = `${sessionKey}#${jobId}`;
    const existing = this.panels.get(key);
    if (existing) return existing.reveal();
    const webviewPanel = vscode.window.createWebviewPanel(
      JobPanels.viewType,
      timelineTitle(jobId),
      { viewColumn: vscode.ViewColumn.Active, preserveFocus: false },
      { ...webviewOptions(this.deps.extensionUri), retainContextWhenHidden: false, enableFindWidget: true },
    );
    const label = (session: JobSession) => sourceOf(session).label;
    const panel = new JobPanel(
      webviewPanel,
      sessionKey,
      jobId,
      {
        extensionUri: this.deps.extensionUri,
        session: (k) => {
          const session = this.deps.sessions.get(k);
          if (!session) return undefined;
          let shown = this.shown.get(session);
          // Either family's jobs: the session's client looks them up (ShowImageJob or ShowJobDetail).
          if (!shown) {
            const feed = imageJobFeed(session);
            shown = {
              get connected() {
                return session.connected;
              },
              feed,
              label: label(session),
            };
            this.shown.set(session, shown);
          }
          return shown;
        },
        stoppedNotice: () => stoppedNotice(undefined, undefined),
        openSubJob: (k, subJob: SubJob) =>
          void vscode.commands.executeCommand('workspaceJobs.showDetails', { kind: 'subJob', sessionKey: k, subJob }),
        intervalSeconds: () => this.intervalSeconds(),
        clock: this.deps.clock ?? systemClock,
        ...(this.deps.logger && { logger: this.deps.logger }),
      },
      () => {
        if (this.panels.get(key) === panel) this.panels.delete(key);
      },
    );
    this.panels.set(key, panel);
  }

  /** Open timelines (tests, diagnostics). */
  get size(): number {
    return this.panels.size;
  }

  dispose(): void {
    this.subscription.dispose();
    for (const panel of [...this.panels.values()]) panel.dispose();
    this.panels.clear();
  }

  private intervalSeconds(): number {
    try {
      return effectiveRefreshInterval(this.deps.intervalSeconds());
    } catch {
      return 0;
    }
  }
}
