import * as vscode from 'vscode';
import { describeError } from '../api/errors';

let report: (message: string) => void = () => {};

/** Where command failures are logged; set once at activation. */
export function setCommandErrorLog(log: (message: string) => void): void {
  report = log;
}

/**
 * Registers a command whose failure becomes one readable notification instead of VS Code's
 * "command failed" with a stack trace.
 */
export function registerCommand<A extends unknown[]>(id: string, handler: (...args: A) => unknown): vscode.Disposable {
  return vscode.commands.registerCommand(id, async (...args: A) => {
    try {
      return await handler(...args);
    } catch (error) {
      const message = describeError(error);
      report(`${id} failed: ${message}`);
      const showLog = vscode.l10n.t({
        message: 'Show Log',
        comment: ["Button of the notification that a command failed: opens the extension's log"],
      });
      void vscode.window
        .showErrorMessage(
          vscode.l10n.t({ message: 'Workspace Jobs: {0}', args: [message], comment: ['{0} is why a command failed'] }),
          showLog,
        )
        .then((choice) => {
          if (choice) void vscode.commands.executeCommand('workspaceJobs.showLog');
        });
      return undefined;
    }
  });
}
