import * as vscode from 'vscode';
import { MessageRow, RowAction } from '../presentation/treeModel';

/** A click's command: `args` are passed to it when there are any. */
function command(id: string, title: string, ...args: unknown[]): vscode.Command {
  return { command: id, title, ...(args.length > 0 && { arguments: args }) };
}

/** The command a message row's click runs; `projectId`/`status` are passed where the command takes them. */
export function actionCommand(action: RowAction, row: MessageRow, projectId: string): vscode.Command {
  switch (action) {
    case 'addCredentials':
      return command(
        'workspaceJobs.addCredentials',
        vscode.l10n.t({ message: 'Add Credentials', comment: ['Command of a message row in the tree'] }),
        projectId,
      );
    case 'switchCredential':
      return command(
        'workspaceJobs.switchCredential',
        vscode.l10n.t({ message: 'Switch Credential', comment: ['Command of a message row in the tree'] }),
        projectId,
      );
    case 'setToken':
      return command(
        'workspaceJobs.setToken',
        vscode.l10n.t({ message: 'Set Token', comment: ['Command of a message row in the tree'] }),
        projectId,
      );
    case 'signIn':
      return command(
        'workspaceJobs.signIn',
        vscode.l10n.t({ message: 'Sign In', comment: ['Command of a message row in the tree'] }),
        projectId,
      );
    case 'configureProject':
      return command(
        'workspaceJobs.configureProject',
        vscode.l10n.t({ message: 'Configure Project', comment: ['Command of a message row in the tree'] }),
      );
    case 'showLog':
      return command(
        'workspaceJobs.showLog',
        vscode.l10n.t({
          message: 'Show Log',
          comment: ["Command of a message row in the tree: opens the extension's log"],
        }),
      );
    case 'clearFilters':
      return command(
        'workspaceJobs.clearFilters',
        vscode.l10n.t({ message: 'Clear Filters', comment: ['Command of a message row in the tree'] }),
      );
    case 'proxySettings':
      return command(
        'workbench.action.openSettings',
        vscode.l10n.t({ message: 'Open Proxy Settings', comment: ['Command of a message row in the tree'] }),
        'http.proxy',
      );
    case 'retryGroup':
      return command(
        'workspaceJobs.showMore',
        vscode.l10n.t({
          message: 'Try Again',
          comment: ['Command of a message row in the tree: loads a status group again after it failed'],
        }),
        row.sessionKey,
        row.status,
        'retry',
      );
  }
}
