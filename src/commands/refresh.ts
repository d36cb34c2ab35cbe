import * as vscode from 'vscode';
import { registerCommand } from './safeCommand';
import { Sessions } from '../core/sessions';

export function registerRefresh(sessions: Sessions): vscode.Disposable {
  return vscode.Disposable.from(
    registerCommand('workspaceJobs.refresh', () =>
      vscode.window.withProgress({ location: { viewId: 'workspaceJobs.subJobs' } }, () => sessions.refreshAll('manual')),
    ),
    // From a "Show more" row (or a group's "try again" row): the session and the status group.
    registerCommand('workspaceJobs.showMore', (sessionKey: unknown, status: unknown, retry: unknown) => {
      const session = typeof sessionKey === 'string' ? sessions.get(sessionKey) : undefined;
      if (!session || typeof status !== 'string' || !status) return undefined;
      return retry === 'retry' ? session.showMore(status, 0) : session.showMore(status);
    }),
  );
}
