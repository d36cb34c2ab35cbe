import * as vscode from 'vscode';
import {
  announce,
  Announcement,
  firstLine,
  isFailure,
  isNotificationSetting,
  NotificationSetting,
} from '../core/announcements';
import { ProjectSession, RefreshReport } from '../core/projectSession';
import { Sessions } from '../core/sessions';
import { isWatchGone, WatchEnd, WatchEnding, WatchList } from '../core/watches';
import { FilterStore } from '../core/filterStore';
import { UnseenFailures } from '../core/unseenFailures';
import { Event } from '../core/events';
import { effectiveRefreshInterval } from '../core/connection';
import { readSettings } from '../config/settings';
import { SubJob, subJobLabel, SubJobStatus } from '../model/subJob';
import { formatDuration } from '../model/time';
import { DetailsPanels, sourceOf } from './detailsPanel';
import { SubJobTreeProvider, TreeNode } from './subJobTreeProvider';
import { projectLabel } from '../core/projects';
import {
  failedMessage,
  showDetailsTitle,
  showInViewTitle,
  succeededMessage,
  summaryMessage,
  watchEndMessage,
  watchGoneMessage,
} from './notificationMessages';

export interface NotifierDeps {
  readonly sessions: Sessions;
  readonly watches: WatchList;
  readonly treeView: vscode.TreeView<TreeNode>;
  readonly provider: SubJobTreeProvider;
  readonly details: DetailsPanels;
  readonly filters: FilterStore;
  /** Failures told since the user last looked at the view: the badge shows them (the status bar too). */
  readonly unseen: UnseenFailures;
  /** Watches that ended in one poll of one project (FollowedWatches.onDidEnd). */
  readonly watchEndings: Event<readonly WatchEnding[]>;
}

/** workspaceJobs.notifications, read safely. */
export function notificationSetting(config: vscode.WorkspaceConfiguration): NotificationSetting {
  const value = config.get<unknown>('notifications', 'failures');
  return isNotificationSetting(value) ? value : 'failures';
}

/**
 * Tells the user when it matters: a sub-job that was running has failed (or, with "all",
 * succeeded), a watched sub-job or job has ended. And keeps the view's badge at the number of
 * failures since the user last looked at the view.
 */
export class Notifier implements vscode.Disposable {
  private readonly disposables: Array<{ dispose(): void }> = [];

  constructor(private readonly deps: NotifierDeps) {
    this.disposables.push(
      deps.sessions.onDidRefresh(({ session, report }) => this.refreshed(session, report)),
      deps.treeView.onDidChangeVisibility((e) => {
        if (e.visible) deps.unseen.seen();
      }),
      deps.unseen.onDidChange((n) => this.setBadge(n)),
      deps.watchEndings((endings) => this.watchesEnded(endings)),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('workspaceJobs.notifications')) this.applySetting();
      }),
    );
    this.applySetting();
  }

  private setting(): NotificationSetting {
    return notificationSetting(vscode.workspace.getConfiguration('workspaceJobs'));
  }

  /** Following active sub-jobs one by one costs requests: only worth it when someone is told. */
  private applySetting(): void {
    this.deps.sessions.setTracking(this.setting() !== 'off');
  }

  /**
   * Watches of one project that ended in one poll: one notification whatever their number (the
   * summary rule of refreshes), the watch's own wording when there is one.
   */
  watchesEnded(endings: readonly WatchEnding[]): void {
    const [first] = endings;
    if (!first) return;
    if (endings.length === 1) {
      if (!isWatchGone(first)) return this.watchEnded(first);
      const job = first.watch.kind === 'job';
      void vscode.window.showWarningMessage(watchGoneMessage(job, job ? first.watch.id : first.watch.label));
      return;
    }
    const ended = endings.filter((e): e is WatchEnd => !isWatchGone(e));
    const subJobs = ended.flatMap((e) => (e.subJob ? [e.subJob] : []));
    const failed = subJobs.filter((s) => isFailure(s.status));
    const succeeded = subJobs.filter((s) => !isFailure(s.status));
    this.countFailures(failed.length + ended.filter((e) => !e.subJob && isFailure(e.status)).length);
    const session = this.deps.sessions.get(first.watch.sessionKey);
    const where = session && this.deps.sessions.all.length > 1 ? projectLabel(session.spec) : undefined;
    const more = ended.length - subJobs.length;
    this.summary(session, { kind: 'many', failed, succeeded, more }, where, endings.length - ended.length);
  }

  /** A watch has told how its sub-job or job ended. */
  private watchEnded(end: WatchEnd): void {
    const session = this.deps.sessions.get(end.watch.sessionKey);
    const duration = formatDuration(end.beginTime, end.endTime);
    const error =
      end.subJob?.errorCode || end.subJob?.errorMessage
        ? [end.subJob.errorCode, firstLine(end.subJob.errorMessage)].filter(Boolean).join(' ')
        : '';
    const message = watchEndMessage(
      end.watch.kind === 'job',
      end.watch.kind === 'job' ? end.watch.id : end.watch.label,
      end.status,
      duration,
      error,
    );
    const failed = isFailure(end.status);
    if (failed) this.countFailures(1);
    const showDetails = showDetailsTitle();
    const showInView = showInViewTitle();
    const actions = end.subJob && session ? [showDetails, showInView] : [showInView];
    const shown = failed
      ? vscode.window.showErrorMessage(message, ...actions)
      : vscode.window.showInformationMessage(message, ...actions);
    void shown.then((choice) => {
      if (choice === showDetails && end.subJob && session) this.deps.details.show(end.subJob, sourceOf(session));
      else if (choice === showInView)
        void this.showInView(
          session,
          end.subJob ? [end.subJob] : [],
          end.watch.kind === 'job' ? end.watch.id : undefined,
        );
    });
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }

  private refreshed(session: ProjectSession, report: RefreshReport): void {
    if (!report.ok) return;
    const announcement = announce({
      transitions: report.transitions,
      unresolved: report.unresolved,
      ...(report.sinceLastMs !== undefined && { sinceLastMs: report.sinceLastMs }),
      setting: this.setting(),
      watched: this.deps.watches.announcedByWatch,
      // The refresh interval, to tell a long absence from a refresh.
      intervalMs: effectiveRefreshInterval(readSettings().refreshInterval) * 1000,
    });
    if (!announcement) return;
    this.countFailures(announcement.failed.length);
    this.show(session, announcement);
  }

  private show(session: ProjectSession, a: Announcement): void {
    const where = this.deps.sessions.all.length > 1 ? projectLabel(session.spec) : undefined;
    if (a.kind === 'one') {
      const subJob = a.failed[0] ?? a.succeeded[0];
      if (!subJob) return this.summary(session, a, where);
      const failed = a.failed.length > 0;
      const error = [subJob.errorCode, firstLine(subJob.errorMessage)].filter(Boolean).join(' ');
      const message = failed
        ? failedMessage(subJobLabel(subJob), where, subJob.status === 'ABNORMAL', error)
        : succeededMessage(subJobLabel(subJob), where);
      const showDetails = showDetailsTitle();
      const showInView = showInViewTitle();
      const shown = failed
        ? vscode.window.showErrorMessage(message, showDetails, showInView)
        : vscode.window.showInformationMessage(message, showDetails, showInView);
      void shown.then((choice) => {
        if (choice === showDetails) this.deps.details.show(subJob, sourceOf(session));
        else if (choice === showInView) void this.showInView(session, [subJob]);
      });
      return;
    }
    this.summary(session, a, where);
  }

  /** `where`: the project's name when several are shown, else undefined. */
  private summary(session: ProjectSession | undefined, a: Announcement, where: string | undefined, gone = 0): void {
    const message = summaryMessage(a, where, gone);
    const showInView = showInViewTitle();
    const shown = a.failed.length
      ? vscode.window.showErrorMessage(message, showInView)
      : vscode.window.showInformationMessage(message, showInView);
    void shown.then((choice) => {
      if (choice === showInView) void this.showInView(session, a.failed.length ? a.failed : a.succeeded);
    });
  }

  /** One sub-job: revealed and selected in the tree. Several: the view filtered to them. */
  private async showInView(
    session: ProjectSession | undefined,
    subJobs: readonly SubJob[],
    jobId?: string,
  ): Promise<void> {
    await vscode.commands.executeCommand('workspaceJobs.subJobs.focus');
    if (session && subJobs.length === 1 && (await this.deps.provider.reveal(this.deps.treeView, session, subJobs[0])))
      return;
    const jobs = new Set(subJobs.map((s) => s.jobId));
    const statuses = [...new Set(subJobs.map((s) => s.status))].filter((s): s is SubJobStatus =>
      ['FAILED', 'ABNORMAL', 'SUCCESS'].includes(s),
    );
    const sharedJob = jobId ?? (jobs.size === 1 ? [...jobs][0] : undefined);
    // Exactly these: a filter left over from before (another job) would hide them.
    await this.deps.filters.replace({ ...(sharedJob && { jobId: sharedJob }), ...(statuses.length && { statuses }) });
  }

  private countFailures(n: number): void {
    this.deps.unseen.told(n, this.deps.treeView.visible);
  }

  private setBadge(n: number): void {
    this.deps.treeView.badge =
      n > 0
        ? {
            value: n,
            tooltip:
              n === 1
                ? vscode.l10n.t('1 sub-job failed since you last looked')
                : vscode.l10n.t('{0} sub-jobs failed since you last looked', n),
          }
        : undefined;
  }
}
