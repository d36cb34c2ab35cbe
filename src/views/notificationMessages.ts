import * as vscode from 'vscode';
import { Announcement } from '../core/announcements';

export function showDetailsTitle(): string {
  return vscode.l10n.t({
    message: 'Show Details',
    comment: ['Button of a notification about a sub-job: opens its details panel'],
  });
}

export function showInViewTitle(): string {
  return vscode.l10n.t({
    message: 'Show in View',
    comment: ['Button of a notification about sub-jobs: shows them in the Image Sub-Jobs view'],
  });
}

/**
 * "Workspace Jobs: Sub-job X ended: FAILED after 3 min — CODE message". `name` is the job id or the
 * sub-job's label; `status` the raw API value; `duration` and `error` may be empty.
 */
export function watchEndMessage(job: boolean, name: string, status: string, duration: string, error: string): string {
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
export function failedMessage(name: string, where: string | undefined, abnormal: boolean, error: string): string {
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

export function succeededMessage(name: string, where: string | undefined): string {
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

/** "Workspace Jobs: 3 sub-jobs failed, 2 succeeded (in project)": several endings in one notification; `gone` counts watches whose item is gone. */
export function summaryMessage(a: Announcement, where: string | undefined, gone = 0): string {
  const parts: string[] = [];
  if (a.failed.length)
    parts.push(
      a.failed.length === 1 ? vscode.l10n.t('1 sub-job failed') : vscode.l10n.t('{0} sub-jobs failed', a.failed.length),
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
  if (gone)
    parts.push(
      gone === 1
        ? vscode.l10n.t({
            message: '1 no longer found',
            comment: [
              'Part of a summary of watches that ended, e.g. "2 sub-jobs failed, 1 no longer found": one watched sub-job or job was deleted or aged out',
            ],
          })
        : vscode.l10n.t({
            message: '{0} no longer found',
            args: [gone],
            comment: [
              'Part of a summary of watches that ended, e.g. "2 sub-jobs failed, 3 no longer found": watched sub-jobs or jobs deleted or aged out',
            ],
          }),
    );
  const list = parts.join(
    vscode.l10n.t({
      message: ', ',
      comment: ['Separates the parts of a summary of sub-jobs that ended, e.g. "3 sub-jobs failed, 2 succeeded"'],
    }),
  );
  const away = a.kind === 'away';
  return where === undefined
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
}

/** A watched sub-job or job the service no longer knows: the watch ended without an outcome. */
export function watchGoneMessage(job: boolean, name: string): string {
  return job
    ? vscode.l10n.t({
        message: 'Workspace Jobs: watched job {0} can no longer be found (deleted, or aged out); its watch has ended.',
        args: [name],
        comment: ["{0} is a parent job's id"],
      })
    : vscode.l10n.t({
        message:
          'Workspace Jobs: watched sub-job {0} can no longer be found (deleted, or aged out); its watch has ended.',
        args: [name],
        comment: ["{0} is the sub-job's name or id"],
      });
}
