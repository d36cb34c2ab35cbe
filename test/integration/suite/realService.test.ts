import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { RunningSimulator, startSimulator } from '../../../src/simulator/server';
import { STATUSES } from '../../../src/model/subJob';
import {
  configure,
  expandRow,
  EXTENSION_ID,
  resetExtension,
  setTokenThroughInputBox,
  showView,
  statusGroups,
  waitForViewRows,
} from '../workbench';
import { ui } from '../ui';

const TOKEN = 'real-service-token';

function expectedGroups(simulator: RunningSimulator): string[] {
  const counts = new Map<string, number>();
  for (const s of simulator.subJobs()) counts.set(s.status, (counts.get(s.status) ?? 0) + 1);
  return STATUSES.filter((s) => counts.has(s)).map((s) => `${s} ${counts.get(s)}`);
}

async function connect(simulator: RunningSimulator): Promise<void> {
  await vscode.extensions.getExtension(EXTENSION_ID)?.activate();
  await resetExtension();
  await vscode.commands.executeCommand('workspaceJobs.clearFilters');
  await configure({ projectId: simulator.projectId, endpoint: simulator.url, refreshInterval: 5 });
  await setTokenThroughInputBox(TOKEN);
  await showView();
}

suite('Real service: a policy without the count call', function () {
  this.timeout(90_000);
  let simulator: RunningSimulator;

  suiteSetup(async function () {
    if (!ui.available) this.skip();
    simulator = await startSimulator({
      progress: false,
      token: TOKEN,
      size: 250,
      seed: 23,
      faults: { deny: ['countImageSubJobs'] },
    });
    await connect(simulator);
  });

  suiteTeardown(async () => {
    await resetExtension();
    await simulator?.close();
  });

  test('every status group shows with its count, and automatic refreshes go on', async () => {
    await waitForViewRows((r) => JSON.stringify(statusGroups(r)) === JSON.stringify(expectedGroups(simulator)), 20_000);
    assert.ok(
      simulator.requests.some((r) => r.path.endsWith('/actions/count') && r.status === 403),
      'the count call was refused',
    );
    // A sub-job begun meanwhile shows at the next automatic refresh (5 s), counted by listing.
    const since = simulator.requests.length;
    simulator.addSubJob({ status: 'WAITING' });
    await waitForViewRows((r) => JSON.stringify(statusGroups(r)) === JSON.stringify(expectedGroups(simulator)), 20_000);
    const later = simulator.requests.slice(since);
    assert.ok(
      later.some((r) => r.query.limit === '1' && r.status === 200),
      'counted with the list call',
    );
    assert.ok(!later.some((r) => r.path.endsWith('/actions/count')), 'the count call is not asked again');
  });
});

suite('Real service: a list call that answers oldest first', function () {
  this.timeout(90_000);
  let simulator: RunningSimulator;

  suiteSetup(async function () {
    if (!ui.available) this.skip();
    simulator = await startSimulator({
      progress: false,
      token: TOKEN,
      size: 900,
      seed: 29,
      faults: { listOrder: 'oldest' },
    });
    for (let i = 1; i <= 3; i++)
      simulator.addSubJob({
        status: 'SUCCESS',
        job_type: 'CREATE_SERVER',
        job_resource_info: { resource_id: `r-${i}`, resource_name: `newest-${i}` },
      });
    await connect(simulator);
  });

  suiteTeardown(async () => {
    await resetExtension();
    await simulator?.close();
  });

  test('expanding a group shows its newest sub-jobs first', async () => {
    await waitForViewRows((r) => JSON.stringify(statusGroups(r)) === JSON.stringify(expectedGroups(simulator)), 20_000);
    const success = simulator.subJobs().filter((s) => s.status === 'SUCCESS').length;
    assert.ok(success > 200, `${success} SUCCESS sub-jobs: more than the first 200`);
    await expandRow('SUCCESS');
    const rows = await waitForViewRows((r) => r.filter((x) => x.level === 3).length >= 3, 20_000);
    const first = rows
      .filter((r) => r.level === 3)
      .slice(0, 3)
      .map((r) => r.name);
    // Begun in the same millisecond, the larger (later) id is the newer: newest-3 first.
    assert.deepEqual(first, ['newest-3', 'newest-2', 'newest-1']);
  });
});

suite('Real service: a page with an item built to hurt', function () {
  this.timeout(90_000);
  let simulator: RunningSimulator;

  suiteSetup(async function () {
    if (!ui.available) this.skip();
    // Every first page carries one more item whose status is an array nested 20,000 deep.
    simulator = await startSimulator({ progress: false, token: TOKEN, size: 60, seed: 31, faults: 'hostile=1' });
    await connect(simulator);
  });

  suiteTeardown(async () => {
    await resetExtension();
    await simulator?.close();
  });

  test('the group shows every good sub-job', async () => {
    await waitForViewRows((r) => JSON.stringify(statusGroups(r)) === JSON.stringify(expectedGroups(simulator)), 20_000);
    // The smallest group: all its rows fit the view (the tree renders only what is visible).
    const byStatus = new Map<string, string[]>();
    for (const s of simulator.subJobs()) byStatus.set(s.status, [...(byStatus.get(s.status) ?? []), s.id]);
    const [status, good] = [...byStatus].sort((a, b) => a[1].length - b[1].length)[0]!;
    await expandRow(status);
    const rows = await waitForViewRows((r) => r.filter((x) => x.level === 3).length >= good.length, 20_000);
    assert.equal(rows.filter((r) => r.level === 3).length, good.length, `${status}: every good sub-job, nothing else`);
    assert.ok(simulator.requests.some((r) => r.fault?.includes('hostile')));
  });
});
