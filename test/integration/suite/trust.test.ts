// Trust on real set-ups: hostile workspace settings, settings that cannot be used, details panels
// that stay with their source, IAM renewal that stops at Sign Out, and data shapes the SDK models allow.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { DEFAULT_IAM_USER, RunningSimulator, startSimulator } from '../../../src/simulator/server';
import { ui, waitFor } from '../ui';
import {
  answer,
  closeNotifications,
  configure,
  expandRow,
  resetExtension,
  rowsOfView,
  setTokenThroughInputBox,
  statusGroups,
  VIEW,
  waitForViewRows,
} from '../workbench';
import { freshExtension, showSimulatorProject } from '../suiteSetup';

const TOKEN = 'trust-token';
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

suite('Trust on real set-ups', function () {
  let simulator: RunningSimulator;
  const rejections: unknown[] = [];
  const onRejection = (reason: unknown) => rejections.push(reason);

  suiteSetup(async function () {
    if (!ui.available) this.skip();
    process.on('unhandledRejection', onRejection);
    simulator = await startSimulator({ progress: false, token: TOKEN, size: 40, seed: 23 });
    await freshExtension();
    await showSimulatorProject(simulator, TOKEN, { refreshInterval: 5 });
  });

  teardown(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await closeNotifications();
  });

  suiteTeardown(async () => {
    process.off('unhandledRejection', onRejection);
    await vscode.workspace.getConfiguration('http').update('proxy', undefined, vscode.ConfigurationTarget.Global);
    await resetExtension();
    await simulator?.close();
  });

  test("a cloned repository's refreshInterval of 3,000,000 s does not become a request storm", async () => {
    const folder = vscode.workspace.workspaceFolders![0].uri.fsPath;
    const file = path.join(folder, '.vscode', 'settings.json');
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, JSON.stringify({ 'workspaceJobs.refreshInterval': 3_000_000 }));
    try {
      await waitFor(
        () => vscode.workspace.getConfiguration('workspaceJobs').get('refreshInterval') === 3_000_000,
        10_000,
      );
      await vscode.commands.executeCommand('workspaceJobs.refresh');
      const before = simulator.requests.length;
      await sleep(8_000);
      const made = simulator.requests.length - before;
      // Before the fix setTimeout turned 3e9 ms into 1 ms: thousands of requests in these 8 s.
      assert.ok(made <= 3, `${made} requests in 8 s`);
      assert.equal((await rowsOfView())[0].name, simulator.projectId);
    } finally {
      fs.rmSync(file);
      await waitFor(() => vscode.workspace.getConfiguration('workspaceJobs').get('refreshInterval') === 5, 10_000);
    }
  });

  test('a socks5 proxy setting is an error row that says how to fix it, and the view recovers', async () => {
    // The simulator is loopback and never proxied, so the proxy must fail for a cloud endpoint: use one.
    await configure({ endpoint: 'https://workspace.example.invalid' });
    await vscode.workspace
      .getConfiguration('http')
      .update('proxy', 'socks5://127.0.0.1:1080', vscode.ConfigurationTarget.Global);
    const rows = await waitForViewRows((r) => r.some((x) => x.name.startsWith('Cannot connect:')));
    const row = rows.find((x) => x.name.startsWith('Cannot connect:'))!;
    assert.match(
      row.name,
      /uses socks5:\/\/, which this extension cannot use: only http:\/\/ and https:\/\/ proxies work/,
    );
    assert.equal(rows[0].name, simulator.projectId, 'the project row stays');
    await ui.clickRow({ label: row.name, view: VIEW });
    await waitFor(
      async () => (await ui.query('.settings-editor .setting-item-contents')).some((e) => e.text.includes('Proxy')),
      10_000,
      {
        message: 'clicking the row opens the http.proxy setting',
      },
    );
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
    await vscode.workspace.getConfiguration('http').update('proxy', undefined, vscode.ConfigurationTarget.Global);
    await configure({ endpoint: simulator.url });
    await waitForViewRows((r) => statusGroups(r).length > 0 && !r.some((x) => x.name.startsWith('Cannot connect')));
  });

  test('a hand-edited project id over 128 characters is an error row, not a blank tree', async () => {
    const long = 'p'.repeat(129);
    await configure({ projectId: long });
    const rows = await waitForViewRows((r) => r.some((x) => x.name.startsWith('Project id refused:')));
    assert.match(
      rows.find((x) => x.name.startsWith('Project id refused:'))!.name,
      /at most 128 characters; this one has 129/,
    );
    await configure({ projectId: simulator.projectId });
    await waitForViewRows((r) => statusGroups(r).length > 0 && r[0].name === simulator.projectId);
  });

  test('a details panel stays with its project: sample data does not make it ask the simulator', async () => {
    const running = simulator.subJobs().find((s) => s.status === 'RUNNING')!;
    await expandRow('RUNNING');
    await waitForViewRows((r) => r.some((x) => x.name === running.job_resource_info.resource_name), 15_000);
    await ui.clickRow({ label: running.job_resource_info.resource_name, view: VIEW });
    await ui.waitForWebview(running.id, 15_000);
    await vscode.commands.executeCommand('workspaceJobs.trySampleData');
    const gone = await ui.waitForWebview(/No longer refreshed: the view shows sample data instead of/, 15_000);
    assert.ok(gone.text.includes(`project ${simulator.projectId}`), 'the panel names the project it belongs to');
    assert.ok(!/cannot look up/i.test(gone.text));
    // Back to the project: the panel refreshes from it again.
    await vscode.commands.executeCommand('workspaceJobs.stopSampleData');
    simulator.setStatus(running.id, 'FAILED', { code: 'WKS.00129901', message: 'back from sample data' });
    await ui.waitForWebview('back from sample data', 20_000);
  });

  test('a status the service added later and a job type the query cannot take are shown, counted and open', async () => {
    const paused = simulator.addSubJob(
      { job_type: 'BUILD_IMAGE', status: 'PAUSED' },
      { listedUnder: 'CREATE_SERVER_IMAGE' },
    );
    const typeless = simulator.addSubJob({ status: 'RUNNING' }, { listedUnder: 'CREATE_SERVER', omit: ['job_type'] });
    await vscode.commands.executeCommand('workspaceJobs.refresh');
    const rows = await waitForViewRows((r) => statusGroups(r).includes('PAUSED 1'));
    assert.equal(statusGroups(rows).at(-1), 'PAUSED 1', 'after the known statuses');
    const group = rows.find((r) => r.name === 'PAUSED')!;
    assert.equal(group.icon, 'circle-large-outline', 'a neutral icon');
    await expandRow('PAUSED');
    await waitForViewRows((r) => r.some((x) => x.name === paused.job_resource_info.resource_name), 15_000);
    await ui.clickRow({ label: paused.job_resource_info.resource_name, view: VIEW });
    const panel = await ui.waitForWebview(paused.id, 15_000);
    assert.ok(panel.text.includes('PAUSED') && panel.text.includes('BUILD_IMAGE'));
    simulator.setStatus(paused.id, 'SUCCESS');
    await ui.click({ selector: 'button[data-action="refresh"]' });
    const refreshed = await ui.waitForWebview(/Succeeded/, 15_000);
    assert.ok(!/cannot look up|Refresh failed/i.test(refreshed.text), refreshed.text.slice(0, 300));
    // A sub-job without a job type: its RUNNING refreshes (look-ups by id) keep working too.
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    simulator.setStatus(typeless.id, 'FAILED', { code: 'WKS.00129901', message: 'typeless failed' });
    await vscode.commands.executeCommand('workspaceJobs.refresh');
    const after = await waitForViewRows(
      (r) => !r.some((x) => x.name.startsWith('Request failed')) && statusGroups(r).some((g) => g.startsWith('FAILED')),
    );
    assert.ok(!after.some((x) => /cannot look up/i.test(x.name)));
  });

  test('IAM renewal with 5-minute tokens: at most 2 sign-ins in 12 s, and after Sign Out no sign-in and no request', async function () {
    this.timeout(60_000);
    const iam = await startSimulator({ progress: false, size: 12, seed: 3, tokenLifetimeMs: 5 * 60_000 });
    try {
      await vscode.commands.executeCommand('workspaceJobs.clearCredentials');
      await configure({ projectId: iam.projectId, endpoint: iam.url, refreshInterval: 5 });
      await closeNotifications();
      const { done } = await answer('workspaceJobs.signIn', [
        DEFAULT_IAM_USER.domain,
        DEFAULT_IAM_USER.user,
        DEFAULT_IAM_USER.password,
      ]);
      await ui.waitForQuickInput((q) => (q.title ?? '').includes('(4/4)'));
      await ui.press('ArrowDown');
      await ui.press('Enter');
      assert.equal(await done, true);
      await waitForViewRows((r) => statusGroups(r).length > 0 && r[0].name === iam.projectId);
      const signIns = () => iam.requests.filter((r) => r.path === '/v3/auth/tokens').length;
      await sleep(12_000);
      assert.ok(signIns() <= 2, `${signIns()} sign-ins in 12 s (before the fix: thousands)`);
      await vscode.commands.executeCommand('workspaceJobs.signOut');
      const signedOutAt = Date.now();
      const seen = iam.requests.length;
      await sleep(11_000);
      const late = iam.requests.slice(seen).filter((r) => r.time >= signedOutAt);
      assert.deepEqual(
        late.map((r) => `${r.method} ${r.path}`),
        [],
        'nothing reaches the service after Sign Out',
      );
      await waitForViewRows((r) => r.some((x) => x.name.startsWith('No credentials')));
    } finally {
      await configure({ projectId: simulator.projectId, endpoint: simulator.url, refreshInterval: 5 });
      await setTokenThroughInputBox(TOKEN);
      await iam.close();
    }
  });

  test('Sign Out while "Signing in to IAM…" is still waiting: nothing is stored, nothing is sent', async function () {
    this.timeout(60_000);
    const iam = await startSimulator({ progress: false, size: 12, seed: 4 });
    try {
      await vscode.commands.executeCommand('workspaceJobs.clearCredentials');
      await configure({ projectId: iam.projectId, endpoint: iam.url, refreshInterval: 5 });
      await closeNotifications();
      // IAM answers after 3 s: long enough to sign out meanwhile.
      iam.setFaults({ latencyMs: 3_000 });
      const { done } = await answer('workspaceJobs.signIn', [
        DEFAULT_IAM_USER.domain,
        DEFAULT_IAM_USER.user,
        DEFAULT_IAM_USER.password,
      ]);
      await ui.waitForQuickInput((q) => (q.title ?? '').includes('(4/4)'));
      await ui.press('ArrowDown');
      await ui.press('Enter');
      await waitFor(() => iam.requests.some((r) => r.path === '/v3/auth/tokens'), 5_000);
      await vscode.commands.executeCommand('workspaceJobs.signOut');
      const signedOut = iam.requests.length;
      assert.equal(await done, false, 'the sign-in reports it did not sign in');
      iam.clearFaults();
      await ui.sleep(7_000);
      assert.deepEqual(
        iam.requests.slice(signedOut).map((r) => `${r.method} ${r.path}`),
        [],
        'no request after Sign Out',
      );
      await waitForViewRows((r) => r.some((x) => x.name.startsWith('No credentials')));
    } finally {
      await configure({ projectId: simulator.projectId, endpoint: simulator.url, refreshInterval: 5 });
      await setTokenThroughInputBox(TOKEN);
      await iam.close();
    }
  });

  test('no unhandled promise rejection during all of it', () => {
    assert.deepEqual(rejections.map(String), []);
  });
});
