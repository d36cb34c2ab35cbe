import * as vscode from 'vscode';
import { ProjectRow, TreeRow } from '../presentation/treeModel';
import { toTreeItem } from './treeItems';

/** Shows whatever ProjectRow it was last given; it decides nothing itself. */
export class SubJobTreeProvider implements vscode.TreeDataProvider<TreeRow> {
  private readonly changed = new vscode.EventEmitter<TreeRow | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private root: ProjectRow | undefined;

  /** `undefined` leaves the tree empty so VS Code shows the welcome view. */
  show(root: ProjectRow | undefined): void {
    this.root = root;
    this.changed.fire(undefined);
  }

  getTreeItem(row: TreeRow): vscode.TreeItem {
    return toTreeItem(row, Date.now());
  }

  getChildren(row?: TreeRow): TreeRow[] {
    if (!row) return this.root ? [this.root] : [];
    if (row.kind === 'project' || row.kind === 'status') return [...row.children];
    return [];
  }

  getParent(row: TreeRow): TreeRow | undefined {
    const root = this.root;
    if (!root || row.kind === 'project') return undefined;
    if (row.kind !== 'subJob') return root;
    return root.children.find((child) => child.kind === 'status' && child.children.includes(row));
  }

  dispose(): void {
    this.changed.dispose();
  }
}
