import * as vscode from 'vscode';
import { registerCommand } from './safeCommand';
import { Sessions } from '../core/sessions';
import { SubJobTreeProvider, TreeNode } from '../views/subJobTreeProvider';

export function registerRefresh(
  sessions: Sessions,
  provider: SubJobTreeProvider,
  treeView: vscode.TreeView<TreeNode>,
): vscode.Disposable {
  return vscode.Disposable.from(
    registerCommand('workspaceJobs.refresh', () =>
      vscode.window.withProgress({ location: { viewId: 'workspaceJobs.subJobs' } }, () =>
        sessions.refreshAll('manual'),
      ),
    ),
    // From a "Show more" row (or a group's "try again" row): the session and the status group.
    registerCommand('workspaceJobs.showMore', async (sessionKey: unknown, status: unknown, retry: unknown) => {
      const session = typeof sessionKey === 'string' ? sessions.get(sessionKey) : undefined;
      if (!session || typeof status !== 'string' || !status) return;
      if (retry === 'retry') {
        await session.showMore(status, 0);
        return;
      }
      const before = session.state.groups.get(status)?.subJobs ?? [];
      const lastShown = before.at(-1)?.id;
      await session.showMore(status);
      // The row clicked is now far below: focus moves to the first row it brought, where reading
      // goes on — the one after the last row shown before, wherever newer sub-jobs moved it (or,
      // if that one left the group meanwhile, the row where "Show more" was).
      const subJobs = session.state.groups.get(status)?.subJobs ?? [];
      const after = subJobs.findIndex((s) => s.id === lastShown);
      const first = after >= 0 ? after + 1 : before.length;
      await provider.revealSubJobAt(treeView, session, status, first);
    }),
  );
}
