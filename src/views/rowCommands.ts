import * as vscode from 'vscode';
import { MessageRow, RowAction } from '../presentation/treeModel';

/** The command a message row's click runs; `projectId`/`status` are passed where the command takes them. */
export function actionCommand(action: RowAction, row: MessageRow, projectId: string): vscode.Command {
  switch (action) {
    case 'addCredentials':
      return {
        command: 'workspaceJobs.addCredentials',
        title: vscode.l10n.t({ message: 'Add Credentials', comment: ['Command of a message row in the tree'] }),
        arguments: [projectId],
      };
    case 'switchCredential':
      return {
        command: 'workspaceJobs.switchCredential',
        title: vscode.l10n.t({ message: 'Switch Credential', comment: ['Command of a message row in the tree'] }),
        arguments: [projectId],
      };
    case 'setToken':
      return {
        command: 'workspaceJobs.setToken',
        title: vscode.l10n.t({ message: 'Set Token', comment: ['Command of a message row in the tree'] }),
        arguments: [projectId],
      };
    case 'signIn':
      return {
        command: 'workspaceJobs.signIn',
        title: vscode.l10n.t({ message: 'Sign In', comment: ['Command of a message row in the tree'] }),
        arguments: [projectId],
      };
    case 'configureProject':
      return {
        command: 'workspaceJobs.configureProject',
        title: vscode.l10n.t({ message: 'Configure Project', comment: ['Command of a message row in the tree'] }),
      };
    case 'showLog':
      return {
        command: 'workspaceJobs.showLog',
        title: vscode.l10n.t({
          message: 'Show Log',
          comment: ["Command of a message row in the tree: opens the extension's log"],
        }),
      };
    case 'clearFilters':
      return {
        command: 'workspaceJobs.clearFilters',
        title: vscode.l10n.t({ message: 'Clear Filters', comment: ['Command of a message row in the tree'] }),
      };
    case 'proxySettings':
      return {
        command: 'workbench.action.openSettings',
        title: vscode.l10n.t({ message: 'Open Proxy Settings', comment: ['Command of a message row in the tree'] }),
        arguments: ['http.proxy'],
      };
    case 'retryGroup':
      return {
        command: 'workspaceJobs.showMore',
        title: vscode.l10n.t({
          message: 'Try Again',
          comment: ['Command of a message row in the tree: loads a status group again after it failed'],
        }),
        arguments: [row.sessionKey, row.status, 'retry'],
      };
  }
}
