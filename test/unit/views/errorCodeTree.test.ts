import './installFakeVscode';
import { afterEach, test } from 'node:test';
import assert from 'node:assert/strict';
import { Sessions } from '../../../src/core/sessions';
import { RunningSimulator, startSimulator } from '../../../src/simulator/server';
import { SubJobTreeProvider, TreeNode } from '../../../src/views/subJobTreeProvider';
import { FakeClock } from '../fakeClock';
import { OpenedInTest, tokenSessionPlan } from '../simulatorClient';
import { TreeItem } from './fakeVscode';

const opened = new OpenedInTest();
afterEach(() => opened.closeAll());

const NOW = Date.parse('2026-11-27T12:00:00.000Z');

/** One simulator project's tree with failures grouped by error code while `grouping.on`. */
async function setUp() {
  const simulator = opened.track(await startSimulator({ progress: false, token: 'tok', size: 120, seed: 11 }));
  const sessions = new Sessions({ clock: new FakeClock(NOW) });
  opened.track({ close: async () => sessions.dispose() });
  sessions.configure([tokenSessionPlan(simulator, {}, 'tok')], 0);
  await sessions.refreshAll('settle');
  const grouping = { on: true };
  const provider = new SubJobTreeProvider(
    sessions,
    () => new Set(),
    () => NOW,
    () => grouping.on,
  );
  opened.track({ close: async () => provider.dispose() });
  const fired: Array<TreeNode | TreeNode[] | undefined> = [];
  provider.onDidChangeTreeData((nodes) => fired.push(nodes));
  return { simulator, sessions, provider, grouping, fired };
}

async function children(provider: SubJobTreeProvider, node?: TreeNode): Promise<TreeNode[]> {
  const nodes = await provider.getChildren(node);
  await new Promise((resolve) => setTimeout(resolve, 5));
  return nodes;
}

function item(provider: SubJobTreeProvider, node: TreeNode): TreeItem {
  return provider.getTreeItem(node) as unknown as TreeItem;
}

/** "code count" of the simulator's FAILED sub-jobs, most first, then by code, no code last. */
function expectedCodes(simulator: RunningSimulator): string[] {
  const byCode = new Map<string, number>();
  for (const s of simulator.subJobs().filter((s) => s.status === 'FAILED')) {
    const code = s.job_execute_info.error_code;
    byCode.set(code, (byCode.get(code) ?? 0) + 1);
  }
  return [...byCode]
    .sort((a, b) => b[1] - a[1] || Number(!a[0]) - Number(!b[0]) || a[0].localeCompare(b[0]))
    .map(([code, n]) => `${code || 'No error code'} ${n}`);
}

async function failedGroup(provider: SubJobTreeProvider): Promise<TreeNode> {
  const [root] = await children(provider);
  const groups = await children(provider, root);
  return groups.find((n) => n.row.kind === 'status' && n.row.status === 'FAILED')!;
}

test('the FAILED group shows a row per error code with its count; each lists its sub-jobs, whose parent it is', async () => {
  const { simulator, provider } = await setUp();
  const failed = await failedGroup(provider);
  const codes = await children(provider, failed);
  assert.deepEqual(
    codes.map((n) => `${item(provider, n).label} ${item(provider, n).description}`),
    expectedCodes(simulator),
  );
  assert.ok(codes.length > 1, 'the data set has several codes');
  const seenIds = new Set<string>();
  for (const code of codes) {
    assert.equal(code.row.kind, 'errorCode');
    assert.equal(provider.getParent(code), failed);
    const rows = await children(provider, code);
    assert.equal(String(rows.length), item(provider, code).description);
    for (const row of rows) {
      assert.equal(row.row.kind, 'subJob');
      const errorCode = row.row.kind === 'subJob' ? row.row.subJob.errorCode : undefined;
      assert.equal(errorCode, code.row.kind === 'errorCode' ? code.row.code : undefined);
      assert.equal(provider.getParent(row), code);
      assert.ok(!seenIds.has(row.row.id), `${row.row.id} once`);
      seenIds.add(row.row.id);
    }
  }
  assert.equal(seenIds.size, simulator.subJobs().filter((s) => s.status === 'FAILED').length);
});

test('a refresh keeps the code rows as the same nodes, recounted; Show in View finds a new failure under its code', async () => {
  const { simulator, sessions, provider, fired } = await setUp();
  const failed = await failedGroup(provider);
  const before = await children(provider, failed);
  const top = before[0]!;
  const code = top.row.kind === 'errorCode' ? top.row.code : '';
  const countBefore = top.row.kind === 'errorCode' ? top.row.count : 0;
  await children(provider, top);
  const running = simulator.subJobs().find((s) => s.status === 'RUNNING')!;
  simulator.setStatus(running.id, 'FAILED', { code, message: 'failed while you were looking' });
  fired.length = 0;
  await sessions.refreshAll('one more failure');
  assert.ok(
    fired.some((f) => (Array.isArray(f) ? f : [f]).includes(failed)),
    'VS Code is told of the FAILED group',
  );
  const after = await children(provider, failed);
  assert.equal(after[0], top, 'same node: VS Code keeps it expanded');
  assert.equal(top.row.kind === 'errorCode' && top.row.count, countBefore + 1);

  const session = sessions.all[0]!;
  const found = await provider.nodeOf(session, asPointer(running.id));
  assert.ok(typeof found === 'object', `found: ${String(found)}`);
  assert.equal(provider.getParent(found), top, 'its parent is its code row');
  assert.equal(provider.getParent(top), failed);
  assert.equal(provider.getParent(failed)?.row.kind, 'project');
});

test('grouping turned off: the FAILED group lists its sub-jobs again', async () => {
  const { simulator, provider, grouping, fired } = await setUp();
  const failed = await failedGroup(provider);
  assert.ok((await children(provider, failed)).every((n) => n.row.kind === 'errorCode'));
  grouping.on = false;
  provider.fireAll();
  assert.deepEqual(fired.at(-1), undefined);
  const rows = await children(provider, failed);
  assert.ok(rows.every((n) => n.row.kind === 'subJob'));
  assert.equal(rows.length, simulator.subJobs().filter((s) => s.status === 'FAILED').length);
});

/** What a notification holds of a sub-job: enough to look it up again. */
function asPointer(id: string) {
  return {
    id,
    jobType: 'CREATE_SERVER',
    status: 'RUNNING',
    resourceId: '',
    resourceName: '',
    beginTime: '',
    endTime: '',
    errorCode: '',
    errorMessage: '',
    projectId: '',
    jobId: '',
  };
}
