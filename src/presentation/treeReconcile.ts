import { TreeRow } from './treeModel';

/**
 * A tree row with an identity that outlives refreshes. VS Code finds elements by object identity
 * when told that one changed, so the same sub-job must stay the same object from one refresh to
 * the next; only its row (what it shows) is replaced.
 */
export interface TreeNode {
  row: TreeRow;
  children: TreeNode[];
}

function ownLook(row: TreeRow): string {
  // Children are compared separately; lastRefresh alone is no reason to redraw every row below.
  const { children: _children, lastRefresh: _lastRefresh, ...rest } = row as TreeRow & { children?: unknown; lastRefresh?: unknown };
  return JSON.stringify(rest);
}

function rowChildren(row: TreeRow): readonly TreeRow[] {
  return row.kind === 'project' || row.kind === 'status' ? row.children : [];
}

function build(row: TreeRow): TreeNode {
  return { row, children: rowChildren(row).map(build) };
}

/**
 * Brings `previous` in line with `row`, reusing nodes by id. Returns the nodes VS Code must be told
 * about: a node whose own look changed, or whose list of children changed (which covers everything
 * below it). Nodes that did not change are not listed, so their expansion and selection stay.
 */
export function reconcile(previous: TreeNode | undefined, row: TreeRow | undefined): { root: TreeNode | undefined; changed: TreeNode[] | 'all' } {
  if (!row) return { root: undefined, changed: previous ? 'all' : [] };
  if (!previous || previous.row.id !== row.id) return { root: build(row), changed: 'all' };
  const changed: TreeNode[] = [];
  update(previous, row, changed);
  return { root: previous, changed };
}

function update(node: TreeNode, row: TreeRow, changed: TreeNode[]): void {
  const lookChanged = ownLook(node.row) !== ownLook(row);
  node.row = row;
  const byId = new Map(node.children.map((child) => [child.row.id, child]));
  const next = rowChildren(row);
  const sameList = next.length === node.children.length && next.every((child, i) => node.children[i].row.id === child.id);
  const childChanges: TreeNode[] = [];
  node.children = next.map((childRow) => {
    const existing = byId.get(childRow.id);
    if (!existing || existing.row.kind !== childRow.kind) return build(childRow);
    update(existing, childRow, childChanges);
    return existing;
  });
  if (lookChanged || !sameList) changed.push(node);
  else changed.push(...childChanges);
}
