import * as vscode from 'vscode';
import { announce, Announcement, firstLine, isFailure, isNotificationSetting, NotificationSetting } from '../core/announcements';
import { ProjectSession, RefreshReport } from '../core/projectSession';
import { Sessions } from '../core/sessions';
import { WatchEnd, WatchList } from '../core/watches';
import { FilterStore } from '../core/filterStore';
import { SubJob, subJobLabel, SubJobStatus } from '../model/subJob';
import { formatDuration } from '../model/time';
import { DetailsPanels, sourceOf } from './detailsPanel';
import { SubJobTreeProvider, TreeNode } from './subJobTreeProvider';

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
    const what = end.watch.kind === 'job' ? `Job ${end.watch.id}` : `Sub-job ${end.watch.label}`;
    const error = end.subJob?.errorCode || end.subJob?.errorMessage ? ` — ${[end.subJob.errorCode, firstLine(end.subJob.errorMessage)].filter(Boolean).join(' ')}` : '';
    const message = `Workspace Jobs: ${what} ended: ${end.status}${duration ? ` after ${duration}` : ''}${error}`;
    const failed = isFailure(end.status);
    if (failed) this.countFailures(1);
    const actions = end.subJob && session ? ['Show Details', 'Show in View'] : ['Show in View'];
    const shown = failed ? vscode.window.showErrorMessage(message, ...actions) : vscode.window.showInformationMessage(message, ...actions);
    void shown.then((choice) => {
      if (choice === 'Show Details' && end.subJob && session) this.deps.details.show(end.subJob, sourceOf(session));
      else if (choice === 'Show in View') void this.showInView(session, end.subJob ? [end.subJob] : [], end.watch.kind === 'job' ? end.watch.id : undefined);
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
      watched: this.deps.watches.ids,
      intervalMs: this.deps.intervalMs(),
    });
    if (!announcement) return;
    this.countFailures(announcement.failed.length);
    this.show(session, announcement);
  }

  private show(session: ProjectSession, a: Announcement): void {
    const where = this.deps.sessions.all.length > 1 ? ` in ${session.spec.name || session.spec.projectId}` : '';
    if (a.kind === 'one') {
      const subJob = a.failed[0] ?? a.succeeded[0];
      if (!subJob) return this.summary(session, a, where);
      const failed = a.failed.length > 0;
      const error = [subJob.errorCode, firstLine(subJob.errorMessage)].filter(Boolean).join(' ');
      const message = failed
        ? `Workspace Jobs: sub-job ${subJobLabel(subJob)}${where} ${subJob.status === 'ABNORMAL' ? 'is abnormal' : 'failed'}${error ? `: ${error}` : ''}`
        : `Workspace Jobs: sub-job ${subJobLabel(subJob)}${where} succeeded`;
      const shown = failed ? vscode.window.showErrorMessage(message, 'Show Details', 'Show in View') : vscode.window.showInformationMessage(message, 'Show Details', 'Show in View');
      void shown.then((choice) => {
        if (choice === 'Show Details') this.deps.details.show(subJob, sourceOf(session));
        else if (choice === 'Show in View') void this.showInView(session, [subJob]);
      });
      return;
    }
    this.summary(session, a, where);
  }

  private summary(session: ProjectSession, a: Announcement, where: string): void {
    const parts: string[] = [];
    if (a.failed.length) parts.push(`${a.failed.length} sub-job${a.failed.length === 1 ? '' : 's'} failed`);
    if (a.succeeded.length) parts.push(`${a.succeeded.length} succeeded`);
    if (a.more) parts.push(`${a.more} more ended`);
    const prefix = a.kind === 'away' ? 'while you were away, ' : '';
    const message = `Workspace Jobs: ${prefix}${parts.join(', ')}${where}`;
    const shown = a.failed.length ? vscode.window.showErrorMessage(message, 'Show in View') : vscode.window.showInformationMessage(message, 'Show in View');
    void shown.then((choice) => {
      if (choice === 'Show in View') void this.showInView(session, a.failed.length ? a.failed : a.succeeded);
    });
  }

  /** One sub-job: revealed and selected in the tree. Several: the view filtered to them. */
  private async showInView(session: ProjectSession | undefined, subJobs: readonly SubJob[], jobId?: string): Promise<void> {
    await vscode.commands.executeCommand('workspaceJobs.subJobs.focus');
    if (session && subJobs.length === 1 && (await this.deps.provider.reveal(this.deps.treeView, session, subJobs[0]))) return;
    const jobs = new Set(subJobs.map((s) => s.jobId));
    const statuses = [...new Set(subJobs.map((s) => s.status))].filter((s): s is SubJobStatus => ['FAILED', 'ABNORMAL', 'SUCCESS'].includes(s));
    const sharedJob = jobId ?? (jobs.size === 1 ? [...jobs][0] : undefined);
    await this.deps.filters.update({ ...(sharedJob && { jobId: sharedJob }), ...(statuses.length && { statuses }) });
  }

  private countFailures(n: number): void {
    // Someone looking at the view sees the failure there; the badge counts what they have not seen.
    if (n > 0 && !this.deps.treeView.visible) this.setBadge(this.unseenFailures + n);
  }

  private setBadge(n: number): void {
    this.unseenFailures = n;
    this.deps.treeView.badge = n > 0 ? { value: n, tooltip: `${n} sub-job${n === 1 ? '' : 's'} failed since you last looked` } : undefined;
  }
}
