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
import { WatchEnd, WatchList } from '../core/watches';
import { FilterStore } from '../core/filterStore';
import { SubJob, subJobLabel, SubJobStatus } from '../model/subJob';
import { formatDuration } from '../model/time';
import { DetailsPanels, sourceOf } from './detailsPanel';
import { SubJobTreeProvider, TreeNode } from './subJobTreeProvider';
import { projectLabel } from '../core/projects';

export interface NotifierDeps {
  readonly sessions: Sessions;
  readonly watches: WatchList;
  readonly treeView: vscode.TreeView<TreeNode>;
  readonly provider: SubJobTreeProvider;
  readonly details: DetailsPanels;
  readonly filters: FilterStore;
  readonly setting: () => NotificationSetting;
  /** The refresh interval in ms, to tell a long absence from a refresh. */
  readonly intervalMs: () => number;
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
  private unseenFailures = 0;
  private readonly disposables: Array<{ dispose(): void }> = [];

  constructor(private readonly deps: NotifierDeps) {
    this.disposables.push(
      deps.sessions.onDidRefresh(({ session, report }) => this.refreshed(session, report)),
      deps.treeView.onDidChangeVisibility((e) => {
        if (e.visible) this.setBadge(0);
      }),
    );
  }

  /** A watch has told how its sub-job or job ended. */
  watchEnded(end: WatchEnd): void {
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
      setting: this.deps.setting(),
      watched: this.deps.watches.announcedByWatch,
      intervalMs: this.deps.intervalMs(),
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
  private summary(session: ProjectSession, a: Announcement, where: string | undefined): void {
    const parts: string[] = [];
    if (a.failed.length)
      parts.push(
        a.failed.length === 1
          ? vscode.l10n.t('1 sub-job failed')
          : vscode.l10n.t('{0} sub-jobs failed', a.failed.length),
      );
    if (a.succeeded.length && !a.failed.length)
      parts.push(
        a.succeeded.length === 1
          ? vscode.l10n.t('1 sub-job succeeded')
          : vscode.l10n.t('{0} sub-jobs succeeded', a.succeeded.length),
      );
    else if (a.succeeded.length) {
      parts.push(
        a.succeeded.length === 1
          ? vscode.l10n.t({
              message: '1 succeeded',
              comment: ['Part of a summary of sub-jobs that ended, e.g. "3 sub-jobs failed, 1 succeeded"'],
            })
          : vscode.l10n.t({
              message: '{0} succeeded',
              args: [a.succeeded.length],
              comment: ['Part of a summary of sub-jobs that ended, e.g. "3 sub-jobs failed, 2 succeeded"'],
            }),
      );
    }
    if (a.more) {
      parts.push(
        a.more === 1
          ? vscode.l10n.t({
              message: '1 more ended',
              comment: [
                'Part of a summary of sub-jobs that ended, e.g. "3 sub-jobs failed, 1 more ended": one further sub-job ended, whose outcome was not looked up',
              ],
            })
          : vscode.l10n.t({
              message: '{0} more ended',
              args: [a.more],
              comment: [
                'Part of a summary of sub-jobs that ended, e.g. "3 sub-jobs failed, 2 more ended": further sub-jobs ended, whose outcomes were not looked up',
              ],
            }),
      );
    }
    const list = parts.join(
      vscode.l10n.t({
        message: ', ',
        comment: ['Separates the parts of a summary of sub-jobs that ended, e.g. "3 sub-jobs failed, 2 succeeded"'],
      }),
    );
    const away = a.kind === 'away';
    const message =
      where === undefined
        ? away
          ? vscode.l10n.t({
              message: 'Workspace Jobs: while you were away, {0}',
              args: [list],
              comment: ['{0} is a summary such as "3 sub-jobs failed, 2 succeeded"'],
            })
          : vscode.l10n.t({
              message: 'Workspace Jobs: {0}',
              args: [list],
              comment: ['{0} is a summary such as "3 sub-jobs failed, 2 succeeded"'],
            })
        : away
          ? vscode.l10n.t({
              message: 'Workspace Jobs: while you were away, {0} in {1}',
              args: [list, where],
              comment: [
                '{0} is a summary such as "3 sub-jobs failed, 2 succeeded"; {1} is the name of the project they belong to',
              ],
            })
          : vscode.l10n.t({
              message: 'Workspace Jobs: {0} in {1}',
              args: [list, where],
              comment: [
                '{0} is a summary such as "3 sub-jobs failed, 2 succeeded"; {1} is the name of the project they belong to',
              ],
            });
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
    // Someone looking at the view sees the failure there; the badge counts what they have not seen.
    if (n > 0 && !this.deps.treeView.visible) this.setBadge(this.unseenFailures + n);
  }

  private setBadge(n: number): void {
    this.unseenFailures = n;
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

function showDetailsTitle(): string {
  return vscode.l10n.t({
    message: 'Show Details',
    comment: ['Button of a notification about a sub-job: opens its details panel'],
  });
}

function showInViewTitle(): string {
  return vscode.l10n.t({
    message: 'Show in View',
    comment: ['Button of a notification about sub-jobs: shows them in the Image Sub-Jobs view'],
  });
}

/**
 * "Workspace Jobs: Sub-job X ended: FAILED after 3 min — CODE message". `name` is the job id or the
 * sub-job's label; `status` the raw API value; `duration` and `error` may be empty.
 */
function watchEndMessage(job: boolean, name: string, status: string, duration: string, error: string): string {
  if (job) {
    if (duration && error)
      return vscode.l10n.t({
        message: 'Workspace Jobs: Job {0} ended: {1} after {2} — {3}',
        args: [name, status, duration, error],
        comment: [
          '{0} job id, {1} status (raw API value), {2} a duration such as "1 hr 4 min", {3} the error code and message from the API',
        ],
      });
    if (duration)
      return vscode.l10n.t({
        message: 'Workspace Jobs: Job {0} ended: {1} after {2}',
        args: [name, status, duration],
        comment: ['{0} job id, {1} status (raw API value), {2} a duration such as "1 hr 4 min"'],
      });
    if (error)
      return vscode.l10n.t({
        message: 'Workspace Jobs: Job {0} ended: {1} — {2}',
        args: [name, status, error],
        comment: ['{0} job id, {1} status (raw API value), {2} the error code and message from the API'],
      });
    return vscode.l10n.t({
      message: 'Workspace Jobs: Job {0} ended: {1}',
      args: [name, status],
      comment: ['{0} job id, {1} status (raw API value)'],
    });
  }
  if (duration && error)
    return vscode.l10n.t({
      message: 'Workspace Jobs: Sub-job {0} ended: {1} after {2} — {3}',
      args: [name, status, duration, error],
      comment: [
        '{0} sub-job name or id, {1} status (raw API value), {2} a duration such as "1 hr 4 min", {3} the error code and message from the API',
      ],
    });
  if (duration)
    return vscode.l10n.t({
      message: 'Workspace Jobs: Sub-job {0} ended: {1} after {2}',
      args: [name, status, duration],
      comment: ['{0} sub-job name or id, {1} status (raw API value), {2} a duration such as "1 hr 4 min"'],
    });
  if (error)
    return vscode.l10n.t({
      message: 'Workspace Jobs: Sub-job {0} ended: {1} — {2}',
      args: [name, status, error],
      comment: ['{0} sub-job name or id, {1} status (raw API value), {2} the error code and message from the API'],
    });
  return vscode.l10n.t({
    message: 'Workspace Jobs: Sub-job {0} ended: {1}',
    args: [name, status],
    comment: ['{0} sub-job name or id, {1} status (raw API value)'],
  });
}

/** A running sub-job failed (or became ABNORMAL); `where` the project when several are shown, `error` may be empty. */
function failedMessage(name: string, where: string | undefined, abnormal: boolean, error: string): string {
  if (where === undefined) {
    if (abnormal) {
      return error
        ? vscode.l10n.t({
            message: 'Workspace Jobs: sub-job {0} is abnormal: {1}',
            args: [name, error],
            comment: ['{0} sub-job name or id, {1} the error code and message from the API'],
          })
        : vscode.l10n.t({
            message: 'Workspace Jobs: sub-job {0} is abnormal',
            args: [name],
            comment: ['{0} sub-job name or id'],
          });
    }
    return error
      ? vscode.l10n.t({
          message: 'Workspace Jobs: sub-job {0} failed: {1}',
          args: [name, error],
          comment: ['{0} sub-job name or id, {1} the error code and message from the API'],
        })
      : vscode.l10n.t({
          message: 'Workspace Jobs: sub-job {0} failed',
          args: [name],
          comment: ['{0} sub-job name or id'],
        });
  }
  if (abnormal) {
    return error
      ? vscode.l10n.t({
          message: 'Workspace Jobs: sub-job {0} in {1} is abnormal: {2}',
          args: [name, where, error],
          comment: ['{0} sub-job name or id, {1} project name or id, {2} the error code and message from the API'],
        })
      : vscode.l10n.t({
          message: 'Workspace Jobs: sub-job {0} in {1} is abnormal',
          args: [name, where],
          comment: ['{0} sub-job name or id, {1} project name or id'],
        });
  }
  return error
    ? vscode.l10n.t({
        message: 'Workspace Jobs: sub-job {0} in {1} failed: {2}',
        args: [name, where, error],
        comment: ['{0} sub-job name or id, {1} project name or id, {2} the error code and message from the API'],
      })
    : vscode.l10n.t({
        message: 'Workspace Jobs: sub-job {0} in {1} failed',
        args: [name, where],
        comment: ['{0} sub-job name or id, {1} project name or id'],
      });
}

function succeededMessage(name: string, where: string | undefined): string {
  return where === undefined
    ? vscode.l10n.t({
        message: 'Workspace Jobs: sub-job {0} succeeded',
        args: [name],
        comment: ['{0} sub-job name or id'],
      })
    : vscode.l10n.t({
        message: 'Workspace Jobs: sub-job {0} in {1} succeeded',
        args: [name, where],
        comment: ['{0} sub-job name or id, {1} project name or id'],
      });
}
