import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { RunningSimulator, startSimulator } from '../../../src/simulator/server';
import { STATUSES } from '../../../src/model/subJob';
import { TreeRow, ui, waitFor } from '../ui';
import {
  closeNotifications,
  collapseRow,
  configure,
  expandRow,
  EXTENSION_ID,
  resetExtension,
  rowsOfView,
  setTokenThroughInputBox,
  showView,
  statusGroups,
  VIEW,
  waitForViewRows,
} from '../workbench';

/** What the tree must show for the simulator's current data: "STATUS count" in attention order. */
function expectedGroups(simulator: RunningSimulator): string[] {
  const counts = new Map<string, number>();
  for (const s of simulator.subJobs()) counts.set(s.status, (counts.get(s.status) ?? 0) + 1);
  return STATUSES.filter((s) => counts.has(s)).map((s) => `${s} ${counts.get(s)}`);
}

suite('Sub-jobs tree in the real workbench', function () {
  let simulator: RunningSimulator;

  suiteSetup(async function () {
    if (!ui.available) this.skip();
    simulator = await startSimulator({ progress: false, token: 'integration-token', size: 60, seed: 7 });
    await vscode.extensions.getExtension(EXTENSION_ID)?.activate();
    await resetExtension();
  });

  suiteTeardown(async () => {
    await resetExtension();
    await simulator?.close();
  });

  test('with nothing configured the welcome view offers the three ways in', async () => {
    await showView();
    const view = await waitFor(async () => {
      const v = await ui.view(VIEW);
      return v.welcome ? v : undefined;
    });
    assert.deepEqual(view.welcome?.buttons, ['Configure Project', 'Add Credentials', 'Try with Sample Data']);
  });

  test('Set Token uses a password box, and the token appears nowhere on screen', async () => {
    await configure({ projectId: simulator.projectId, endpoint: simulator.url });
    const done = vscode.commands.executeCommand('workspaceJobs.setToken');
    const box = await ui.waitForQuickInput((q) => q.password === true);
    assert.match(box.message ?? '', /SecretStorage/);
    await ui.type('integration-token', { enter: true });
    await done;
    await closeNotifications();
    const rows = await waitForViewRows((r) => statusGroups(r).length > 0);
    const page = (await ui.query('body'))[0]?.text ?? '';
    assert.ok(!page.includes('integration-token'), 'the token is not rendered anywhere in the workbench');
    assert.ok(!JSON.stringify(rows).includes('integration-token'));
    const settings = JSON.stringify(vscode.workspace.getConfiguration('workspaceJobs'));
    assert.ok(!settings.includes('integration-token'), 'the token is not in settings');
  });

  test('status groups with counts in attention order, then sub-job rows', async () => {
    await vscode.commands.executeCommand('workspaceJobs.refresh');
    const expected = expectedGroups(simulator);
    const rows = await waitForViewRows((r) => JSON.stringify(statusGroups(r)) === JSON.stringify(expected));
    const project = rows[0];
    assert.equal(project.name, simulator.projectId);
    assert.equal(project.description, 'cn-north-4 · 127.0.0.1:' + new URL(simulator.url).port);
    assert.equal(project.level, 1);

    await expandRow('FAILED');
    const failed = simulator.subJobs().filter((s) => s.status === 'FAILED');
    const shown = await waitForViewRows((r) => r.filter((x) => x.level === 3).length === failed.length);
    const labels = shown
      .filter((r) => r.level === 3)
      .map((r) => r.name)
      .sort();
    assert.deepEqual(
      labels,
      failed.map((s) => s.job_resource_info.resource_name || s.job_resource_info.resource_id || s.id).sort(),
    );
    for (const row of shown.filter((r) => r.level === 3)) {
      const subJob = failed.find(
        (s) => (s.job_resource_info.resource_name || s.job_resource_info.resource_id || s.id) === row.name,
      )!;
      // Its error code, then its age, then the job type: a narrow sidebar cuts the end.
      const code = subJob.job_execute_info.error_code;
      assert.match(
        row.description,
        new RegExp(
          `^${code ? `${code.replace(/\./g, '\\.')} · ` : ''}(now|\\d+ \\w+\\. ago|yesterday|\\d+ \\w+ ago) · ${subJob.job_type}$`,
        ),
        row.description,
      );
      assert.equal(row.icon, 'error');
    }
    await ui.screenshot('tree-by-status');
  });

  test('a refresh that changes one sub-job keeps expansion and selection', async () => {
    await expandRow('FAILED');
    const failed = simulator.subJobs().filter((s) => s.status === 'FAILED');
    const name = failed[0].job_resource_info.resource_name;
    await waitForViewRows((r) => r.some((x) => x.name === name));
    await vscode.commands.executeCommand('workbench.action.focusSideBar');
    await ui.clickRow({ label: name, view: VIEW });
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    const succeeded = simulator.subJobs().find((s) => s.status === 'SUCCESS')!;
    simulator.setStatus(succeeded.id, 'FAILED', { code: 'WKS.00211401', message: 'failed while you were looking' });
    await vscode.commands.executeCommand('workspaceJobs.refresh');
    // The FAILED count moving and the moved sub-job's row prove the refresh reached the screen.
    const moved = succeeded.job_resource_info.resource_name;
    const rows = await waitForViewRows(
      (r) =>
        r.some((x) => x.name === 'FAILED' && x.description === String(failed.length + 1)) &&
        r.some((x) => x.name === moved && x.level === 3),
    );
    assert.equal(rows.find((x) => x.name === 'FAILED')?.expanded, true, 'FAILED is still expanded');
    assert.equal(rows.find((x) => x.name === name)?.selected, true, 'the selected sub-job is still selected');
  });

  test('failures grouped by error code: a row per code with its count, its sub-jobs beneath; the toggle turns it off', async () => {
    await expandRow('FAILED');
    const failed = simulator.subJobs().filter((s) => s.status === 'FAILED');
    const byCode = new Map<string, string[]>();
    for (const s of failed) {
      const code = s.job_execute_info.error_code;
      byCode.set(code, [...(byCode.get(code) ?? []), s.job_resource_info.resource_name || s.id]);
    }
    // Most sub-jobs first, then by code, "No error code" last among equals.
    const codes = [...byCode]
      .sort((a, b) => b[1].length - a[1].length || Number(!a[0]) - Number(!b[0]) || a[0].localeCompare(b[0]))
      .map(([c, names]) => [c || 'No error code', names] as const);
    const expected = codes.map(([c, names]) => `${c} ${names.length}`);
    /** The rows right under FAILED, as "name description". */
    const underFailed = (rows: TreeRow[], level = 3) => {
      const at = rows.findIndex((x) => x.name === 'FAILED');
      const end = rows.findIndex((x, i) => i > at && x.level <= 2);
      return rows.slice(at + 1, end < 0 ? undefined : end).filter((x) => x.level === level);
    };
    await waitFor(async () => (await ui.view(VIEW)).actions?.includes('Group Failures by Error Code'), 5_000);
    await ui.click({ selector: '.action-label[aria-label="Group Failures by Error Code"]', webviews: false });
    try {
      const rows = await waitForViewRows(
        (r) => JSON.stringify(underFailed(r).map((x) => `${x.name} ${x.description}`)) === JSON.stringify(expected),
      );
      assert.equal(rows.find((x) => x.name === 'FAILED')?.expanded, true, 'FAILED stays expanded');
      const [code, names] = codes[0]!;
      await expandRow(code);
      const opened = await waitForViewRows((r) => underFailed(r, 4).length === names.length);
      assert.deepEqual(
        underFailed(opened, 4)
          .map((x) => x.name)
          .sort(),
        [...names].sort(),
      );
      assert.ok((await ui.view(VIEW)).actions?.includes('Ungroup Failures'), 'the toggle now offers the way back');
      await ui.click({ selector: '.action-label[aria-label="Ungroup Failures"]', webviews: false });
      const flat = await waitForViewRows(
        (r) => underFailed(r).length === failed.length && !r.some((x) => x.name === code),
      );
      assert.equal(underFailed(flat, 4).length, 0, 'no code level left');
    } finally {
      await vscode.commands.executeCommand('workspaceJobs.ungroupFailures');
    }
  });

  test('a count that moves while its group is being opened is drawn, not left at the old number', async () => {
    // Every group closed, so SUCCESS is on screen to be clicked.
    for (const status of STATUSES) await collapseRow(status);
    const successes = () => simulator.subJobs().filter((s) => s.status === 'SUCCESS').length;
    const before = successes();
    await waitForViewRows((r) => r.some((x) => x.name === 'SUCCESS' && x.description === String(before)));
    // Every answer takes 1.5 s: the refresh's counts land while the group's first page is on its way.
    simulator.setFaults({ latencyMs: 1_500 });
    try {
      simulator.addSubJob({ status: 'SUCCESS' });
      const refreshed = vscode.commands.executeCommand('workspaceJobs.refresh');
      await ui.sleep(300);
      await ui.clickRow({ label: 'SUCCESS', view: VIEW });
      await refreshed;
    } finally {
      simulator.clearFaults();
    }
    await waitForViewRows(
      (r) => r.some((x) => x.name === 'SUCCESS' && x.expanded === true && x.description === String(before + 1)),
      10_000,
    );
    await collapseRow('SUCCESS');
  });

  test('a wrong token shows as an error row with the API error, and the last data stays', async () => {
    await setTokenThroughInputBox('not-the-right-token');
    const rows = await waitForViewRows((r) => r.some((x) => x.name.startsWith('Authentication failed')));
    const error = rows.find((x) => x.name.startsWith('Authentication failed'))!;
    assert.match(error.name, /APIGW\.0301/);
    assert.match(error.name, /showing the last good data/);
    assert.ok(statusGroups(rows).length > 0, 'last good status groups still shown');
    await ui.screenshot('tree-auth-error');

    await setTokenThroughInputBox('integration-token');
    await waitForViewRows(
      (r) => !r.some((x) => x.name.startsWith('Authentication failed')) && statusGroups(r).length > 0,
    );
  });

  test('an unreachable endpoint names the endpoint and the cause', async () => {
    const closed = await startSimulator({ token: 'integration-token' });
    const url = closed.url;
    await closed.close();
    await configure({ endpoint: url });
    const rows = await waitForViewRows((r) => r.some((x) => x.name.startsWith('Connection refused')));
    const row = rows.find((x) => x.name.startsWith('Connection refused'))!;
    assert.match(
      row.name,
      new RegExp(
        `^Connection refused \\(ECONNREFUSED\\): ${url.replace(/[.]/g, '\\.')} — check the endpoint, proxy and network; click for the log$`,
      ),
    );
    // Read as shown, then what a click does.
    assert.equal(row.label, `${row.name}, Show Log`);
    await configure({ endpoint: simulator.url });
    await waitForViewRows((r) => statusGroups(r).length > 0 && !r.some((x) => x.name.startsWith('Connection refused')));
  });

  test('plain http to a non-loopback host is refused before any credential is sent', async () => {
    await configure({ endpoint: 'http://workspace.example.com' });
    const rows = await waitForViewRows((r) => r.some((x) => x.name.startsWith('Endpoint refused')));
    assert.match(rows.find((x) => x.name.startsWith('Endpoint refused'))!.name, /plain http/);
    await configure({ endpoint: simulator.url });
  });

  test("a workspace's .vscode/settings.json cannot send the token elsewhere", async () => {
    const decoy = await startSimulator({ token: 'integration-token' });
    const folder = vscode.workspace.workspaceFolders![0].uri.fsPath;
    const file = path.join(folder, '.vscode', 'settings.json');
    fs.mkdirSync(path.dirname(file), { recursive: true });
    // refreshInterval is a setting a workspace may set: seeing it proves VS Code read the file.
    fs.writeFileSync(
      file,
      JSON.stringify({
        'workspaceJobs.endpoint': decoy.url,
        'workspaceJobs.projectId': decoy.projectId,
        'workspaceJobs.refreshInterval': 29,
      }),
    );
    try {
      await waitFor(() => vscode.workspace.getConfiguration('workspaceJobs').get('refreshInterval') === 29, 10_000);
      await vscode.commands.executeCommand('workspaceJobs.refresh');
      const rows = await rowsOfView();
      assert.equal(rows[0].name, simulator.projectId, 'still the user-configured project');
      assert.equal(decoy.requests.length, 0, 'the decoy endpoint received no request');
    } finally {
      fs.rmSync(file);
      await decoy.close();
    }
  });

  test('Try with Sample Data from the command palette shows simulator data without touching settings or token', async () => {
    await resetExtension();
    await ui.runFromPalette('Workspace Jobs: Try with Sample Data');
    const rows = await waitForViewRows((r) => statusGroups(r).length >= 5);
    assert.equal(rows[0].description, 'sample data');
    await waitFor(
      async () => /Sample data from the built-in simulator/.test((await ui.view(VIEW)).message ?? ''),
      5_000,
      { message: 'the sample-data line' },
    );
    const inspected = vscode.workspace.getConfiguration('workspaceJobs').inspect('projectId');
    assert.equal(inspected?.globalValue, undefined, 'user settings untouched');
    await ui.screenshot('tree-sample-data');
    await vscode.commands.executeCommand('workspaceJobs.stopSampleData');
    await waitFor(async () => (await ui.view(VIEW)).welcome, 10_000);
  });

  test('every command is in the palette under the Workspace Jobs category', async () => {
    const commands = await vscode.commands.getCommands(true);
    for (const id of ['refresh', 'setToken', 'clearToken', 'configureProject', 'trySampleData']) {
      assert.ok(commands.includes(`workspaceJobs.${id}`), id);
    }
    await ui.press('F1');
    await ui.waitForQuickInput();
    await ui.type('Workspace Jobs: ');
    const box = await ui.waitForQuickInput((q) => q.items.length >= 5);
    await ui.press('Escape');
    const titles = box.items.map((i) => i.label);
    for (const title of ['Refresh', 'Set Token', 'Clear Token', 'Configure Project', 'Try with Sample Data']) {
      assert.ok(
        titles.some((t) => t.includes(`Workspace Jobs: ${title}`)),
        `${title} in ${JSON.stringify(titles)}`,
      );
    }
  });

  test('Configure Project validates each step and writes user settings', async () => {
    await resetExtension();
    const done = vscode.commands.executeCommand('workspaceJobs.configureProject');
    await ui.waitForQuickInput((q) => (q.title ?? '').includes('1/3'));
    await ui.type('has spaces');
    const invalid = await ui.waitForQuickInput((q) => q.severity === 'error');
    assert.match(invalid.message ?? '', /only letters, digits/);
    await ui.press('Control+a');
    await ui.type(simulator.projectId, { enter: true });
    await ui.waitForQuickInput((q) => (q.title ?? '').includes('2/3'));
    await ui.type('ap-southeast-1', { enter: true });
    await ui.waitForQuickInput((q) => (q.title ?? '').includes('3/3'));
    await ui.type('http://evil.example.com');
    const refused = await ui.waitForQuickInput((q) => q.severity === 'error');
    assert.match(refused.message ?? '', /plain http/);
    await ui.press('Control+a');
    await ui.type(simulator.url, { enter: true });
    assert.equal(await done, true);
    const config = vscode.workspace.getConfiguration('workspaceJobs');
    assert.equal(config.inspect('projectId')?.globalValue, simulator.projectId);
    assert.equal(config.inspect('region')?.globalValue, 'ap-southeast-1');
    assert.equal(config.inspect('endpoint')?.globalValue, simulator.url);
    await waitForViewRows((r) => r.some((x) => x.name.startsWith('No credentials')));
  });
});
