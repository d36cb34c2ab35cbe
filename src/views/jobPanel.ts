import * as vscode from 'vscode';
import { Clock, systemClock } from '../core/clock';
import { effectiveRefreshInterval } from '../core/connection';
import type { SessionProblem } from '../core/sessionState';
import { sessionEndOf } from '../core/sessionEnd';
import { familySessionKey, specFamily, specProjectKey, type SessionSpec } from '../core/sessionSpec';
import { FAMILIES } from '../model/family';
import { parseTimelinePanelState } from '../model/jobProtocol';
import type { SubJob } from '../model/subJob';
import { familyLabel } from '../presentation/familyRows';
import { timelineTitle } from '../presentation/jobTimelineHtml';
import { sourceOf, stoppedNotice } from './detailsSources';
import { webviewOptions } from './detailsWebview';
import { FollowingSession, parentJobFeed } from './jobPanelSource';
import { jobSourceLabel } from './jobSourceLabel';
import { JobPanel, TimelineSession } from './jobPanelView';

type JobSession = FollowingSession & {
  readonly spec: Parameters<typeof sourceOf>[0]['spec'] & Pick<SessionSpec, 'family' | 'projectKey'>;
  readonly connected: boolean;
  /** Aborted, with why, when the session ends: the panel says why it stopped, as the details panel does. */
  readonly signal: AbortSignal;
  readonly state: {
    readonly problem?: SessionProblem;
    readonly failure?: { readonly message: string; readonly authFailure: boolean };
  };
};

export interface JobPanelsDeps {
  readonly extensionUri: vscode.Uri;
  readonly sessions: {
    get(key: string): JobSession | undefined;
    readonly all: readonly JobSession[];
    readonly onDidChangeSessions: (listener: () => void) => { dispose(): void };
  };
  /** The refresh interval setting, in seconds. */
  readonly intervalSeconds: () => number;
  readonly logger?: { info(message: string): void; error(message: string): void };
  readonly clock?: Clock;
}

/** The parent job timelines: one panel per session and job, revealed when already open, restored after a reload. */
export class JobPanels implements vscode.Disposable, vscode.WebviewPanelSerializer<unknown> {
  static readonly viewType = 'workspaceJobs.job';

  private readonly panels = new Map<string, JobPanel>();
  /** One timeline source per session, so a panel tells a new session from the one it follows on. */
  private readonly shown = new WeakMap<JobSession, TimelineSession>();
  private readonly subscription: { dispose(): void };
  private disposed = false;

  constructor(private readonly deps: JobPanelsDeps) {
    this.subscription = deps.sessions.onDidChangeSessions(() => {
      for (const panel of this.panels.values()) panel.sessionsChanged();
    });
  }

  /** Registers the serializer that restores timelines after a window reload. */
  register(): vscode.Disposable {
    return vscode.window.registerWebviewPanelSerializer(JobPanels.viewType, this);
  }

  /** Opens (or reveals) the timeline of a parent job of a session's project and family. */
  show(sessionKey: string, jobId: string): void {
    if (this.disposed) return;
    const existing = this.panels.get(`${sessionKey}#${jobId}`);
    if (existing) return existing.reveal();
    const webviewPanel = vscode.window.createWebviewPanel(
      JobPanels.viewType,
      timelineTitle(jobId),
      { viewColumn: vscode.ViewColumn.Active, preserveFocus: false },
      { ...webviewOptions(this.deps.extensionUri), retainContextWhenHidden: false, enableFindWidget: true },
    );
    this.adopt(webviewPanel, sessionKey, jobId);
  }

  /**
   * A timeline kept open across a window reload: its session is found again by its key and the job
   * looked up again (the state holds pointers, not the job). Its session may come later, or never.
   */
  async deserializeWebviewPanel(panel: vscode.WebviewPanel, state: unknown): Promise<void> {
    const restored = parseTimelinePanelState(state);
    if (this.disposed || !restored || this.panels.has(`${restored.sessionKey}#${restored.jobId}`)) {
      // Nothing this version can show, or a second panel of one job: closing beats an empty panel.
      if (!restored) this.deps.logger?.info('Closed a restored job timeline whose state could not be read.');
      panel.dispose();
      return;
    }
    panel.webview.options = webviewOptions(this.deps.extensionUri);
    this.adopt(panel, restored.sessionKey, restored.jobId);
  }

  /** Open timelines (tests, diagnostics). */
  get size(): number {
    return this.panels.size;
  }

  /**
   * Stops every timeline's follow. The panels themselves stay open: closing them while the window
   * reloads would keep VS Code from restoring them.
   */
  dispose(): void {
    this.disposed = true;
    this.subscription.dispose();
    for (const panel of [...this.panels.values()]) panel.dispose();
    this.panels.clear();
  }

  private adopt(webviewPanel: vscode.WebviewPanel, sessionKey: string, jobId: string): void {
    const key = `${sessionKey}#${jobId}`;
    const panel = new JobPanel(
      webviewPanel,
      sessionKey,
      jobId,
      {
        extensionUri: this.deps.extensionUri,
        session: (k) => this.timelineSession(k),
        stoppedNotice: (k) => this.stoppedNotice(k),
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

  /** The session of a key as a timeline follows it: its family's feed, named with its project and family. */
  private timelineSession(key: string): TimelineSession | undefined {
    const session = this.deps.sessions.get(key);
    if (!session) return undefined;
    let shown = this.shown.get(session);
    if (!shown) {
      shown = {
        get connected() {
          return session.connected;
        },
        feed: parentJobFeed(session),
        label: jobSourceLabel(session),
      };
      this.shown.set(session, shown);
    }
    return shown;
  }

  /** Why a timeline's session does not follow its job: it cannot send, its family is off, or its project is gone. */
  private stoppedNotice(key: string): string {
    const sessions = this.deps.sessions;
    const session = sessions.get(key);
    if (session) {
      const { problem, failure } = session.state;
      const end = sessionEndOf(session.signal);
      // A refused credential is no fault of the set-up: its refusal, as the session told it, says why.
      if (!problem && !end && failure?.authFailure) return failure.message;
      return stoppedNotice(sourceOf(session), end, problem);
    }
    for (const other of sessions.all)
      for (const family of FAMILIES)
        if (family !== specFamily(other.spec) && familySessionKey(specProjectKey(other.spec), family) === key)
          return vscode.l10n.t({
            message:
              'No longer refreshed: {0} of {1} are not watched any more. Add them to the workspaceJobs.families setting to refresh this job again.',
            args: [familyLabel(family), sourceOf(other).label],
            comment: [
              'Said in a parent job timeline that is no longer refreshed; not an error;',
              '{0} is a family ("App server jobs"), {1} names its project; do not translate the setting name',
            ],
          });
    if (!sessions.all.length) return stoppedNotice(undefined, undefined);
    return vscode.l10n.t({
      message:
        'No longer refreshed: the project this job comes from is not shown any more (removed, moved to another endpoint, or sample data shown instead).',
      comment: ['Said in a parent job timeline that is no longer refreshed; not an error'],
    });
  }

  private intervalSeconds(): number {
    try {
      return effectiveRefreshInterval(this.deps.intervalSeconds());
    } catch {
      return 0;
    }
  }
}
