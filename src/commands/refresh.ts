import * as vscode from 'vscode';
import { registerCommand } from './safeCommand';
import { Sessions } from '../core/sessions';
import { SubJobTreeProvider, TreeNode } from '../views/subJobTreeProvider';

export function registerRefresh(sessions: Sessions, provider: SubJobTreeProvider, treeView: vscode.TreeView<TreeNode>): vscode.Disposable {
  return vscode.Disposable.from(
    registerCommand('workspaceJobs.refresh', () =>
      vscode.window.withProgress({ location: { viewId: 'workspaceJobs.subJobs' } }, () => sessions.refreshAll('manual')),
    ),
    // From a "Show more" row (or a group's "try again" row): the session and the status group.
    registerCommand('workspaceJobs.showMore', async (sessionKey: unknown, status: unknown, retry: unknown) => {
      const session = typeof sessionKey === 'string' ? sessions.get(sessionKey) : undefined;
      if (!session || typeof status !== 'string' || !status) return;
      if (retry === 'retry') {
        await session.showMore(status, 0);
        return;
      }
      const shown = session.state.groups.get(status)?.subJobs.length ?? 0;
      await session.showMore(status);
      // The row clicked is now far below: focus moves to the first row it brought, where reading goes on.
      await provider.revealSubJobAt(treeView, session, status, shown);
    }),
  );
}
