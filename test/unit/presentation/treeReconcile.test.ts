import { test } from 'node:test';
import assert from 'node:assert/strict';
import { groupByStatus } from '../../../src/model/statusGroups';
import { SubJob } from '../../../src/model/subJob';
import { buildProjectRow, ProjectView } from '../../../src/presentation/treeModel';
import { reconcile, TreeNode } from '../../../src/presentation/treeReconcile';
import { aSubJob } from '../builders';

const project: ProjectView = { projectId: 'p1', location: 'cn-north-4', endpoint: 'https://x', sampleData: false, credential: 'IAM token' };

function rowFor(subJobs: SubJob[], fetchedAt = 1) {
  return buildProjectRow(project, { refreshing: false, snapshot: { subJobs, groups: groupByStatus(subJobs), total: subJobs.length, fetchedAt, requests: 1, listingCost: 1 } });
}

function find(node: TreeNode, id: string): TreeNode | undefined {
  if (node.row.id === id) return node;
  for (const child of node.children) {
    const found = find(child, id);
    if (found) return found;
  }
  return undefined;
}

const a = aSubJob({ id: 'a', status: 'FAILED' });
const b = aSubJob({ id: 'b', status: 'FAILED' });
const c = aSubJob({ id: 'c', status: 'SUCCESS' });

test('an identical refresh changes nothing, even though the refresh time moved', () => {
  const first = reconcile(undefined, rowFor([a, b, c], 1));
  assert.equal(first.changed, 'all');
  const again = reconcile(first.root, rowFor([a, b, c], 2));
  assert.deepEqual(again.changed, []);
  assert.equal(again.root, first.root, 'same objects, so VS Code keeps expansion and selection');
});

test('a sub-job whose text changed is the only node reported', () => {
  const { root } = reconcile(undefined, rowFor([a, b, c]));
  const before = find(root!, 'subJob/FAILED/a');
  const { changed } = reconcile(root, rowFor([{ ...a, resourceName: 'renamed' }, b, c]));
  assert.deepEqual(changed, [before]);
  assert.equal(find(root!, 'subJob/FAILED/a'), before);
});

test('a sub-job moving between statuses redraws the two groups, not the rest', () => {
  const d = aSubJob({ id: 'd', status: 'RUNNING' });
  const { root } = reconcile(undefined, rowFor([a, b, c, d]));
  const { changed } = reconcile(root, rowFor([a, b, c, { ...d, status: 'SUCCESS' }]));
  // RUNNING disappears, so the project's child list changed: one event covers it all.
  assert.deepEqual(changed, [root]);
  const e = aSubJob({ id: 'e', status: 'RUNNING' });
  const r2 = reconcile(undefined, rowFor([a, c, d, e]));
  const moved = reconcile(r2.root, rowFor([a, c, d, { ...e, status: 'FAILED' }]));
  assert.deepEqual(
    (moved.changed as TreeNode[]).map((n) => n.row.id).sort(),
    ['status/FAILED', 'status/RUNNING'],
  );
});

test('another project replaces the tree', () => {
  const { root } = reconcile(undefined, rowFor([a]));
  const other = buildProjectRow({ ...project, projectId: 'p2' }, { refreshing: false });
  assert.equal(reconcile(root, other).changed, 'all');
  assert.deepEqual(reconcile(undefined, undefined), { root: undefined, changed: [] });
});
