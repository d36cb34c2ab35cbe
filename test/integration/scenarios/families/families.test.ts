// Runs in the "families" scenario (test/harness/scenarios.mjs): both families of sub-jobs watched, as
// a new install does (workspaceJobs.families unset), against a simulator serving both, refreshed every 5 s.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { WorkspaceJobsApi } from '../../../../src/extension';
import { STATUSES } from '../../../../src/model/subJob';
import { APP_SERVER_JOB_TYPES, IMAGE_JOB_TYPES } from '../../../../src/model/family';
import { RunningSimulator, startSimulator } from '../../../../src/simulator/server';
import { TreeRow, ui, waitFor } from '../../ui';
import {
  closeNotifications,
  EXTENSION_ID,
  rowsOfView,
  setTokenThroughInputBox,
  showView,
  VIEW,
  waitForViewRows,
} from '../../workbench';

const TOKEN = 'families-token';
const IMAGE = 'Image jobs';
const APP_SERVER = 'App server jobs';

/** "STATUS count" of a family's status groups on screen: the level-3 rows under its family row. */
function groupsOf(rows: TreeRow[], family: string): string[] {
  const start = rows.findIndex((r) => r.level === 2 && r.name === family);
  if (start < 0) return [];
  const end = rows.findIndex((r, i) => i > start && r.level <= 2);
  return rows
    .slice(start + 1, end < 0 ? undefined : end)
    .filter((r) => r.level === 3 && /^[A-Z_]+$/.test(r.name))
    .map((r) => `${r.name} ${r.description}`);
}

/** "STATUS count" in the tree's order, as the simulator holds them. */
function truth(subJobs: ReadonlyArray<{ status: string }>): string[] {
  const counts = new Map<string, number>();
  for (const s of subJobs) counts.set(s.status, (counts.get(s.status) ?? 0) + 1);
  return STATUSES.filter((s) => counts.has(s)).map((s) => `${s} ${counts.get(s)}`);
}

suite('Both families of sub-jobs in the real workbench', function () {
  this.timeout(60_000);
  let simulator: RunningSimulator;
  let api: WorkspaceJobsApi;

  suiteSetup(async function () {
    if (!ui.available) this.skip();
    const port = Number(process.env.WORKSPACE_JOBS_SIM_PORT);
    assert.ok(port > 0, 'the harness picked the port the settings point at');
    simulator = await startSimulator({ port, progress: false, token: TOKEN, size: 40, appServerSize: 60, seed: 18 });
    api = (await vscode.extensions.getExtension<WorkspaceJobsApi>(EXTENSION_ID)!.activate())!;
    await showView();
    await setTokenThroughInputBox(TOKEN);
  });

  teardown(async () => {
    await closeNotifications();
    // A test that filters must not leave its filter to the next one, even when it fails half-way.
    await vscode.commands.executeCommand('workspaceJobs.clearFilters');
  });

  suiteTeardown(async () => {
    await simulator?.close();
  });

  test('a project shows "Image jobs" and "App server jobs" with the counts the service holds', async () => {
    const rows = await waitForViewRows(
      (r) => groupsOf(r, IMAGE).length > 0 && groupsOf(r, APP_SERVER).length > 0,
      20_000,
    );
    assert.equal(rows[0].name, simulator.projectId);
    assert.deepEqual(
      rows.filter((r) => r.level === 2).map((r) => r.name),
      [IMAGE, APP_SERVER],
    );
    assert.deepEqual(groupsOf(rows, IMAGE), truth(simulator.subJobs()));
    assert.deepEqual(groupsOf(rows, APP_SERVER), truth(simulator.appServerSubJobs()));
    await ui.screenshot('tree-families');
  });

  test('expanding an app-server status group lists its newest sub-jobs', async () => {
    const succeeded = simulator.appServerSubJobs().filter((s) => s.status === 'SUCCESS');
    assert.ok(succeeded.length > 0);
    const newest = succeeded[0].job_resource_info.resource_name!;
    await expandUnder(APP_SERVER, 'SUCCESS');
    const rows = await waitForViewRows((r) => r.some((x) => x.level === 4 && x.name === newest));
    const listed = rows.filter((r) => r.level === 4).map((r) => r.name);
    assert.deepEqual(
      listed.slice(0, Math.min(5, succeeded.length)),
      succeeded.slice(0, 5).map((s) => s.job_resource_info.resource_name),
      'newest first, as the service lists them',
    );
  });

  test('an app-server sub-job going from RUNNING to FAILED is notified as an app server sub-job', async () => {
    const running = simulator.addAppServerSubJob({ status: 'RUNNING', job_type: 'REINSTALL_OS' });
    const name = running.job_resource_info.resource_name!;
    // Seen running by a refresh first: only then is its end news.
    await waitForViewRows((r) => groupsOf(r, APP_SERVER).some((g) => g.startsWith('RUNNING ')), 15_000);
    await waitFor(
      () => simulator.requests.some((r) => r.path.endsWith('/app-server-sub-jobs') && r.query.status === 'RUNNING'),
      15_000,
      { message: 'the RUNNING app-server group was read (its sub-jobs followed)' },
    ).catch(() => undefined);
    await ui.sleep(6_000);
    simulator.setAppServerStatus(running.id, 'FAILED', { code: 'WKS.00129902', message: 'No capacity left.' });
    const note = await ui.waitForNotification(new RegExp(`app server sub-job ${name} failed`), 20_000);
    assert.equal(note.severity, 'error');
    assert.match(note.message, /WKS\.00129902 No capacity left\./);
  });

  test('deleting 25 finished app-server sub-jobs sends two POST calls (20 + 5) and no PATCH', async () => {
    const job = '900000000000000025';
    const added = Array.from({ length: 25 }, (_, i) =>
      simulator.addAppServerSubJob({
        status: 'SUCCESS',
        job_id: job,
        job_resource_info: { resource_id: `srv-del-${i}`, resource_name: `srv-del-${i}` },
      }),
    );
    await vscode.commands.executeCommand('workspaceJobs.filterByJobId', job);
    await waitForViewRows((r) => groupsOf(r, APP_SERVER).join() === 'SUCCESS 25', 15_000);
    await expandUnder(APP_SERVER, 'SUCCESS');
    await waitForViewRows((r) => r.filter((x) => x.level === 4 && x.name.startsWith('srv-del-')).length === 25);
    const since = simulator.requests.length;
    api.confirmations.answerNext('Delete');
    // Named by family: a bare id is first asked of the image family too (one id may be in both).
    const deleted = await vscode.commands.executeCommand(
      'workspaceJobs.deleteSubJobs',
      added.map((s) => `appServer:${s.id}`),
    );
    assert.equal(deleted, 25);
    const deletes = simulator.requests.slice(since).filter((r) => r.path.endsWith('/actions/batch-delete'));
    assert.deepEqual(
      deletes.map((r) => `${r.method} ${r.path.split('/')[3]}`),
      ['POST app-server-sub-jobs', 'POST app-server-sub-jobs'],
    );
    assert.deepEqual(
      deletes.map((r) => (JSON.parse(r.body ?? '{}') as { items: string[] }).items.length).sort((a, b) => b - a),
      [20, 5],
    );
    assert.equal(simulator.requests.slice(since).filter((r) => r.method === 'PATCH').length, 0);
    assert.equal(simulator.appServerSubJobs().filter((s) => s.job_id === job).length, 0);
  });

  test('Filter by Job Type offers each family’s job types under its name', async () => {
    void vscode.commands.executeCommand('workspaceJobs.filterByJobType');
    const pick = await ui.waitForQuickInput((q) => q.items.length > 0);
    const items = pick.items.map((i) => ({ label: i.label, separator: i.separator }));
    const imageAt = items.findIndex((i) => i.separator === IMAGE);
    const appAt = items.findIndex((i) => i.separator === APP_SERVER);
    assert.ok(imageAt >= 0 && appAt > imageAt, JSON.stringify(items));
    assert.deepEqual(
      items.slice(imageAt, appAt).map((i) => i.label),
      [...IMAGE_JOB_TYPES],
    );
    // A long list is virtualised: read what is rendered of the app-server part.
    const appLabels = items.slice(appAt).map((i) => i.label);
    assert.ok(appLabels.length > 0);
    assert.ok(
      appLabels.every((label) => (APP_SERVER_JOB_TYPES as readonly string[]).includes(label)),
      appLabels.join(),
    );
    await ui.press('Escape');
    await ui.waitForQuickInputClosed();
  });

  test('the details panel of an app-server sub-job shows its resource table', async () => {
    const failed = simulator.addAppServerSubJob({ status: 'FAILED', job_type: 'CREATE_SERVER' });
    const name = failed.job_resource_info.resource_name!;
    await vscode.commands.executeCommand('workspaceJobs.refresh');
    await expandUnder(APP_SERVER, 'FAILED');
    await waitForViewRows((r) => r.some((x) => x.level === 4 && x.name === name));
    await ui.clickRow({ label: name, view: VIEW });
    const panel = await ui.waitForWebview(/Resource \(job_resource_info\)/, 15_000);
    assert.ok(panel.text.includes(name), panel.text);
    assert.ok(panel.html.includes('resource_name'), 'the table names the API fields');
    assert.ok(panel.html.includes(failed.job_resource_info.resource_id!), 'and shows their values');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  test('a policy that denies the app-server calls: image jobs go on, App server jobs names the missing action, then heals', async () => {
    const denied = 'Your policy does not allow workspace:jobs:listSubJobs (App server jobs)';
    simulator.setFaults('deny=listSubJobs/countSubJobs/getJob');
    try {
      await vscode.commands.executeCommand('workspaceJobs.refresh');
      const rows = await waitForViewRows((r) => r.some((x) => x.level === 3 && x.name.startsWith(denied)), 15_000);
      assert.ok(!rows.some((r) => /Authentication failed/.test(r.name)), rows.map((r) => r.name).join('\n'));
      // An earlier test collapsed Image jobs: opened, it shows its groups, refreshed under the same policy.
      if (rows.some((r) => r.level === 2 && r.name === IMAGE && r.expanded === false))
        await ui.clickRow({ label: IMAGE, view: VIEW });
      await waitForViewRows((r) => groupsOf(r, IMAGE).join() === truth(simulator.subJobs()).join(), 10_000);
    } finally {
      simulator.setFaults({});
    }
    // No Refresh pressed: the family kept asking on its schedule, so the grant shows by itself.
    await waitForViewRows(
      (r) => !r.some((x) => x.name.startsWith(denied)) && groupsOf(r, APP_SERVER).length > 0,
      30_000,
    );
  });
});

/**
 * Expands the status group `status` of the family row `family`: both families may have one of that
 * name, so the other families' rows are collapsed first and the click finds this family's.
 */
async function expandUnder(family: string, status: string): Promise<void> {
  for (const other of (await rowsOfView()).filter((r) => r.level === 2 && r.name !== family && r.expanded)) {
    await ui.clickRow({ label: other.name, view: VIEW });
    await waitForViewRows((rows) => rows.some((r) => r.name === other.name && r.expanded === false));
  }
  // The tree is drawn after the data comes: right after a refresh or a filter change (an earlier
  // test's) the group may not be on screen yet, so wait for it rather than read the rows once.
  const row = (
    await waitForViewRows((rows) => groupsOf(rows, family).some((g) => g.startsWith(`${status} `)), 15_000)
  ).find((r) => r.level === 3 && r.name === status)!;
  if (!row.expanded) await ui.clickRow({ label: status, view: VIEW });
  await waitForViewRows((rows) => rows.some((r) => r.level === 3 && r.name === status && r.expanded === true));
}
