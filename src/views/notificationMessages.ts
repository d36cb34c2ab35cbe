import * as vscode from 'vscode';
import type { Family } from '../model/family';
import { appServerFailedMessage, appServerSucceededMessage } from './appServerMessages';
import { Announcement, namesOf } from '../core/announcements';
import { SubJob } from '../model/subJob';

export function showDetailsTitle(): string {
  return vscode.l10n.t({
    message: 'Show Details',
    comment: ['Button of a notification about a sub-job: opens its details panel'],
  });
}

export function showInViewTitle(): string {
  return vscode.l10n.t({
    message: 'Show in View',
    comment: ['Button of a notification about sub-jobs: shows them in the WorkspaceApp Jobs view'],
  });
}

/** "img-a, img-b, img-c and 2 more": up to three sub-jobs by name (or short id). */
export function namedList(subJobs: readonly SubJob[]): string {
  const { names, more } = namesOf(subJobs);
  const list = names.join(
    vscode.l10n.t({
      message: ', ',
      comment: ['Separates the names of sub-jobs in a notification, e.g. "img-a, img-b"'],
    }),
  );
  return more
    ? vscode.l10n.t({
        message: '{0} and {1} more',
        args: [list, more],
        comment: ['{0} names up to three sub-jobs, e.g. "img-a, img-b, img-c"; {1} how many more are not named'],
      })
    : list;
}

/** A running sub-job failed (or became ABNORMAL); `where` the project when several are shown, `error` may be empty. */
export function failedMessage(
  name: string,
  where: string | undefined,
  abnormal: boolean,
  error: string,
  family: Family = 'image',
): string {
  if (family === 'appServer') return appServerFailedMessage(name, where, abnormal, error);
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

export function succeededMessage(name: string, where: string | undefined, family: Family = 'image'): string {
  if (family === 'appServer') return appServerSucceededMessage(name, where);
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

/**
 * "Workspace Jobs: 5 sub-jobs failed (img-a, img-b, img-c and 2 more), 2 succeeded (in project)":
 * several endings in one notification, the failures named (else the successes); `gone` counts
 * watches whose item is gone.
 */
export function summaryMessage(a: Announcement, where: string | undefined, gone = 0): string {
  const parts: string[] = [];
  if (a.failed.length)
    parts.push(
      vscode.l10n.t({
        message: '{0} ({1})',
        args: [
          a.failed.length === 1
            ? vscode.l10n.t('1 sub-job failed')
            : vscode.l10n.t('{0} sub-jobs failed', a.failed.length),
          namedList(a.failed),
        ],
        comment: ['{0} says how many sub-jobs failed or succeeded, {1} names up to three of them'],
      }),
    );
  if (a.succeeded.length && !a.failed.length)
    parts.push(
      vscode.l10n.t({
        message: '{0} ({1})',
        args: [
          a.succeeded.length === 1
            ? vscode.l10n.t('1 sub-job succeeded')
            : vscode.l10n.t('{0} sub-jobs succeeded', a.succeeded.length),
          namedList(a.succeeded),
        ],
        comment: ['{0} says how many sub-jobs failed or succeeded, {1} names up to three of them'],
      }),
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

/**
 * Show in View could not show `missing` of the `all` sub-jobs told: `hidden` by the filter, or `gone`
 * (deleted, moved to a status or beyond the rows the view has loaded, or their project removed).
 */
export function notShownMessage(missing: number, all: number, why: 'hidden' | 'gone'): string {
  if (why === 'hidden') {
    if (all === 1)
      return vscode.l10n.t({
        message: 'Workspace Jobs: the sub-job is not shown: the filter hides it.',
        comment: ['Said after Show in View of a notification about one sub-job'],
      });
    return missing === 1
      ? vscode.l10n.t({
          message: 'Workspace Jobs: 1 of these {0} sub-jobs is not shown: the filter hides it.',
          args: [all],
          comment: ['{0} is a number of sub-jobs (2 or more); said after Show in View of a notification'],
        })
      : vscode.l10n.t({
          message: 'Workspace Jobs: {0} of these {1} sub-jobs are not shown: the filter hides them.',
          args: [missing, all],
          comment: ['{0} and {1} are numbers of sub-jobs (2 or more); said after Show in View of a notification'],
        });
  }
  if (all === 1)
    return vscode.l10n.t({
      message:
        'Workspace Jobs: the sub-job is no longer found in the view: deleted, or moved to a status or page the view has not loaded.',
      comment: ['Said after Show in View of a notification about one sub-job'],
    });
  return missing === 1
    ? vscode.l10n.t({
        message:
          'Workspace Jobs: 1 of these {0} sub-jobs is no longer found in the view: deleted, or moved to a status or page the view has not loaded.',
        args: [all],
        comment: ['{0} is a number of sub-jobs (2 or more); said after Show in View of a notification'],
      })
    : vscode.l10n.t({
        message:
          'Workspace Jobs: {0} of these {1} sub-jobs are no longer found in the view: deleted, or moved to a status or page the view has not loaded.',
        args: [missing, all],
        comment: ['{0} and {1} are numbers of sub-jobs (2 or more); said after Show in View of a notification'],
      });
}
