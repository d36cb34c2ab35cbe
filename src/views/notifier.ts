import * as vscode from 'vscode';
import {
  announce,
  Announcement,
  AnnouncementBatch,
  AnnouncementBatcher,
  BatchedSubJob,
  firstLine,
  isFailure,
  isNotificationSetting,
  jobOutcome,
  NotificationSetting,
} from '../core/announcements';
import { systemClock } from '../core/clock';
import { ProjectSession, RefreshReport } from '../core/projectSession';
import { Sessions } from '../core/sessions';
import { isWatchGone, WatchEnd, WatchEnding, WatchList } from '../core/watches';
import { UnseenFailures } from '../core/unseenFailures';
import { Event } from '../core/events';
import { effectiveRefreshInterval } from '../core/connection';
import { readSettings } from '../config/settings';
import { subJobLabel } from '../model/subJob';
import { familyOf } from '../model/family';
import { specProjectKey } from '../core/sessionSpec';
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
} from './notificationMessages';
import { jobOutcomeText, watchEndMessage, watchGoneMessage } from './watchMessages';
import { showInView } from './showInView';

export interface NotifierDeps {
  readonly sessions: Sessions;
  readonly watches: WatchList;
  readonly treeView: vscode.TreeView<TreeNode>;
  readonly provider: SubJobTreeProvider;
  readonly details: DetailsPanels;
  /** Failures since the user last looked at the view (counted from the sessions' counts): the badge shows them, the status bar too. */
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
  /** What refreshes of every project announce, told together when close in time. */
  private readonly batcher = new AnnouncementBatcher({
    clock: systemClock,
    intervalMs: () => effectiveRefreshInterval(readSettings().refreshInterval) * 1000,
    show: (batch) => this.show(batch),
  });

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
    this.disposables.push(this.batcher);
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
   * Watches that ended (one poll, or a refresh that saw them end): through the batcher with the
   * failures refreshes announce, so one refresh makes at most one notification.
   */
  private watchesEnded(endings: readonly WatchEnding[]): void {
    this.batcher.addEndings(endings);
  }

  /** One watch's ending, alone in its batch: in the watch's own words. */
  private watchTold(ending: WatchEnding): void {
    if (!isWatchGone(ending)) return this.watchEnded(ending);
    const job = ending.watch.kind === 'job';
    void vscode.window.showWarningMessage(watchGoneMessage(job, job ? ending.watch.id : ending.watch.label));
  }

  /** A watch has told how its sub-job or job ended. */
  private watchEnded(end: WatchEnd): void {
    const session = this.deps.sessions.get(end.watch.sessionKey);
    const duration = formatDuration(end.beginTime, end.endTime);
    const job = end.watch.kind === 'job';
    // A job's sub-jobs say more than its status: how many succeeded and failed, and which failed.
    const failures = job && end.subJobs ? jobOutcome(end.subJobs).failed : [];
    const error =
      end.subJob?.errorCode || end.subJob?.errorMessage
        ? [end.subJob.errorCode, firstLine(end.subJob.errorMessage)].filter(Boolean).join(' ')
        : '';
    const message = watchEndMessage(
      job,
      job ? end.watch.id : end.watch.label,
      job && end.subJobs?.length ? jobOutcomeText(end.subJobs) : end.status,
      duration,
      error,
    );
    const failed = isFailure(end.status);
    const showDetails = showDetailsTitle();
    const showInView = showInViewTitle();
    const actions = end.subJob && session ? [showDetails, showInView] : [showInView];
    const told = failed
      ? vscode.window.showErrorMessage(message, ...actions)
      : vscode.window.showInformationMessage(message, ...actions);
    const key = end.watch.sessionKey;
    // The rows to show: the sub-job, or the job's failures; a job without any, its sub-jobs (as its
    // end counted them, else those loaded) — the user's filter is left as it is.
    const rows = end.subJob
      ? [end.subJob]
      : failures.length
        ? failures
        : (end.subJobs ?? session?.loadedSubJobs().filter((s) => s.jobId === end.watch.id) ?? []);
    void told.then((choice) => {
      if (choice === showDetails && end.subJob && session)
        this.deps.details.show(end.subJob, sourceOf(session, this.deps.sessions.all));
      else if (choice === showInView) void this.showInView(rows.map((subJob) => ({ sessionKey: key, subJob })));
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
      watched: this.deps.watches.announcedByWatch(session.spec.key),
      // The refresh interval, to tell a long absence from a refresh.
      intervalMs: effectiveRefreshInterval(readSettings().refreshInterval) * 1000,
    });
    if (!announcement) return;
    this.batcher.add(session.spec.key, announcement);
  }

  /** `where`: the project's name when several are shown and the batch speaks of one, "N projects" for several. */
  private where(keys: readonly string[]): string | undefined {
    // Projects, not sessions: one project's two families are one place.
    const projectOf = (key: string) => specProjectKey(this.deps.sessions.get(key)?.spec ?? { key });
    if (new Set(this.deps.sessions.all.map((s) => specProjectKey(s.spec))).size < 2) return undefined;
    const projects = new Set(keys.map(projectOf));
    const session = projects.size === 1 ? this.deps.sessions.get(keys[0]) : undefined;
    if (session) return projectLabel(session.spec);
    return projects.size > 1
      ? vscode.l10n.t({
          message: '{0} projects',
          args: [projects.size],
          comment: ['Where sub-jobs ended, e.g. "3 sub-jobs failed (…) in 2 projects"'],
        })
      : undefined;
  }

  private show(batch: AnnouncementBatch): void {
    if (batch.kind === 'watch') return this.watchTold(batch.watchEndings[0]);
    const single = batch.failed[0] ?? batch.succeeded[0];
    const session = single && this.deps.sessions.get(single.sessionKey);
    if (batch.kind === 'one') {
      if (!single || !session) return this.summary(batch);
      const subJob = single.subJob;
      const where = this.where(batch.sessionKeys);
      const failed = batch.failed.length > 0;
      const error = [subJob.errorCode, firstLine(subJob.errorMessage)].filter(Boolean).join(' ');
      const message = failed
        ? failedMessage(subJobLabel(subJob), where, subJob.status === 'ABNORMAL', error, familyOf(subJob))
        : succeededMessage(subJobLabel(subJob), where, familyOf(subJob));
      const showDetails = showDetailsTitle();
      const showInView = showInViewTitle();
      const shown = failed
        ? vscode.window.showErrorMessage(message, showDetails, showInView)
        : vscode.window.showInformationMessage(message, showDetails, showInView);
      void shown.then((choice) => {
        if (choice === showDetails) this.deps.details.show(subJob, sourceOf(session, this.deps.sessions.all));
        else if (choice === showInView) void this.showInView([single]);
      });
      return;
    }
    this.summary(batch);
  }

  /** Several endings in one notification; its Show in View selects the sub-jobs it names and counts. */
  private summary(batch: AnnouncementBatch): void {
    const plain: Announcement = {
      kind: batch.kind === 'away' ? 'away' : 'many',
      failed: batch.failed.map((f) => f.subJob),
      succeeded: batch.succeeded.map((s) => s.subJob),
      more: batch.more,
    };
    const message = summaryMessage(plain, this.where(batch.sessionKeys), batch.gone);
    const showInView = showInViewTitle();
    const shown = batch.failed.length
      ? vscode.window.showErrorMessage(message, showInView)
      : vscode.window.showInformationMessage(message, showInView);
    void shown.then((choice) => {
      if (choice === showInView) void this.showInView(batch.failed.length ? batch.failed : batch.succeeded);
    });
  }

  private showInView(subJobs: readonly BatchedSubJob[]): Promise<void> {
    return showInView(this.deps, subJobs);
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
