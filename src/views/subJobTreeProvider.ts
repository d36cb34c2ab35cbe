import * as vscode from 'vscode';
import { ProjectRow } from '../presentation/treeModel';
import { reconcile, TreeNode } from '../presentation/treeReconcile';
import { toTreeItem } from './treeItems';

/** Shows whatever ProjectRow it was last given, telling VS Code only about the rows that changed. */
export class SubJobTreeProvider implements vscode.TreeDataProvider<TreeNode> {
  private readonly changed = new vscode.EventEmitter<TreeNode | TreeNode[] | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private root: TreeNode | undefined;
  private readonly parents = new WeakMap<TreeNode, TreeNode>();

  /** `undefined` leaves the tree empty so VS Code shows the welcome view. */
  show(row: ProjectRow | undefined): void {
    const { root, changed } = reconcile(this.root, row);
    this.root = root;
    if (changed === 'all') this.changed.fire(undefined);
    else if (changed.length) this.changed.fire(changed);
  }

  getTreeItem(node: TreeNode): vscode.TreeItem {
    return toTreeItem(node.row);
  }

  getChildren(node?: TreeNode): TreeNode[] {
    const children = node ? node.children : this.root ? [this.root] : [];
    for (const child of children) if (node) this.parents.set(child, node);
    return children;
  }

  getParent(node: TreeNode): TreeNode | undefined {
    return this.parents.get(node);
  }

  /** The node showing a sub-job, for reveal(). */
  findSubJob(id: string): TreeNode | undefined {
    for (const group of this.root?.children ?? []) {
      const found = group.children.find((n) => n.row.kind === 'subJob' && n.row.subJob.id === id);
      if (found) return found;
    }
    return undefined;
  }

  dispose(): void {
    this.changed.dispose();
  }
}
