import * as vscode from 'vscode';

// The toasts of one app-server sub-job: CREATE_SERVER and DELETE_SERVER exist in both families, so
// they say "app server sub-job" where the image family's say "sub-job" (see notificationMessages).

/** An app-server sub-job failed (or became ABNORMAL); `where` the project when several are shown, `error` may be empty. */
export function appServerFailedMessage(
  name: string,
  where: string | undefined,
  abnormal: boolean,
  error: string,
): string {
  if (where === undefined) {
    if (abnormal) {
      return error
        ? vscode.l10n.t({
            message: 'Workspace Jobs: app server sub-job {0} is abnormal: {1}',
            args: [name, error],
            comment: [
              '{0} app-server sub-job name or id, {1} project name or id (when shown), then the error code and message from the API',
            ],
          })
        : vscode.l10n.t({
            message: 'Workspace Jobs: app server sub-job {0} is abnormal',
            args: [name],
            comment: [
              '{0} app-server sub-job name or id, {1} project name or id (when shown), then the error code and message from the API',
            ],
          });
    }
    return error
      ? vscode.l10n.t({
          message: 'Workspace Jobs: app server sub-job {0} failed: {1}',
          args: [name, error],
          comment: [
            '{0} app-server sub-job name or id, {1} project name or id (when shown), then the error code and message from the API',
          ],
        })
      : vscode.l10n.t({
          message: 'Workspace Jobs: app server sub-job {0} failed',
          args: [name],
          comment: [
            '{0} app-server sub-job name or id, {1} project name or id (when shown), then the error code and message from the API',
          ],
        });
  }
  if (abnormal) {
    return error
      ? vscode.l10n.t({
          message: 'Workspace Jobs: app server sub-job {0} in {1} is abnormal: {2}',
          args: [name, where, error],
          comment: [
            '{0} app-server sub-job name or id, {1} project name or id (when shown), then the error code and message from the API',
          ],
        })
      : vscode.l10n.t({
          message: 'Workspace Jobs: app server sub-job {0} in {1} is abnormal',
          args: [name, where],
          comment: [
            '{0} app-server sub-job name or id, {1} project name or id (when shown), then the error code and message from the API',
          ],
        });
  }
  return error
    ? vscode.l10n.t({
        message: 'Workspace Jobs: app server sub-job {0} in {1} failed: {2}',
        args: [name, where, error],
        comment: [
          '{0} app-server sub-job name or id, {1} project name or id (when shown), then the error code and message from the API',
        ],
      })
    : vscode.l10n.t({
        message: 'Workspace Jobs: app server sub-job {0} in {1} failed',
        args: [name, where],
        comment: [
          '{0} app-server sub-job name or id, {1} project name or id (when shown), then the error code and message from the API',
        ],
      });
}

export function appServerSucceededMessage(name: string, where: string | undefined): string {
  return where === undefined
    ? vscode.l10n.t({
        message: 'Workspace Jobs: app server sub-job {0} succeeded',
        args: [name],
        comment: ['{0} app-server sub-job name or id, {1} project name or id'],
      })
    : vscode.l10n.t({
        message: 'Workspace Jobs: app server sub-job {0} in {1} succeeded',
        args: [name, where],
        comment: ['{0} app-server sub-job name or id, {1} project name or id'],
      });
}
