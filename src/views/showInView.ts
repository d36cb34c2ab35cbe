import * as vscode from 'vscode';
import { BatchedSubJob } from '../core/announcements';
import { Sessions } from '../core/sessions';
import { notShownMessage } from './notificationMessages';
import { SubJobTreeProvider, TreeNode } from './subJobTreeProvider';

export interface ShowInViewDeps {
  readonly sessions: Sessions;
  readonly treeView: vscode.TreeView<TreeNode>;
  readonly provider: SubJobTreeProvider;
}

/** How long a toggle of the selection may take to reach the extension before it is taken as lost. */
const SELECTION_WAIT_MS = 1_000;

function selectionChanged(treeView: vscode.TreeView<TreeNode>): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, SELECTION_WAIT_MS);
    const subscription = treeView.onDidChangeSelection(done);
    function done() {
      clearTimeout(timer);
      subscription.dispose();
      resolve();
    }
  });
}

/**
 * Adds a revealed row to the selection as a Ctrl+click would. list.toggleSelection acts on whichever
 * list has the keyboard: the reveal gave it to the tree, and when the row is still not selected
 * (another list took it meanwhile) the tree is focused again and the toggle tried once more.
 */
async function addToSelection(treeView: vscode.TreeView<TreeNode>, node: TreeNode): Promise<void> {
  for (let attempt = 0; attempt < 2 && !treeView.selection.includes(node); attempt++) {
    if (attempt) await treeView.reveal(node, { select: false, focus: true });
    const changed = selectionChanged(treeView);
    await vscode.commands.executeCommand('list.toggleSelection');
    await changed;
  }
}

/**
 * The sub-jobs told, each looked up again in its project's session as it is now (the notification
 * holds pointers), revealed and selected in the tree with their groups opened, the filter left as it
 * is. Those the filter hides and those no longer found (deleted, moved beyond the loaded rows, their
 * project gone) are said apart.
 */
export async function showInView(deps: ShowInViewDeps, subJobs: readonly BatchedSubJob[]): Promise<void> {
  await vscode.commands.executeCommand('workspaceJobs.subJobs.focus');
  let hidden = 0;
  let gone = 0;
  let selected = 0;
  for (const { sessionKey, subJob } of subJobs) {
    const session = deps.sessions.get(sessionKey);
    const node = session ? await deps.provider.nodeOf(session, subJob) : 'gone';
    if (node === 'hidden') hidden++;
    else if (node === 'gone') gone++;
    else
      try {
        await deps.treeView.reveal(node, { select: selected === 0, focus: true, expand: true });
        if (selected > 0) await addToSelection(deps.treeView, node);
        selected++;
      } catch {
        // The row went between the look-up and the reveal (a refresh redrew its group without it).
        gone++;
      }
  }
  if (hidden) void vscode.window.showInformationMessage(notShownMessage(hidden, subJobs.length, 'hidden'));
  if (gone) void vscode.window.showInformationMessage(notShownMessage(gone, subJobs.length, 'gone'));
}
