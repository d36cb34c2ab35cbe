import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { RunningSimulator, startSimulator } from '../../../src/simulator/server';
import type { WorkspaceJobsApi } from '../../../src/extension';
import { ui, waitFor } from '../ui';
import {
  asSubJob,
  closeNotifications,
  collapseRow,
  configure,
  EXTENSION_ID,
  expandRow,
  resetExtension,
  VIEW,
  waitForViewRows,
} from '../workbench';
import { freshExtension, showSimulatorProject } from '../suiteSetup';

/** What the tree would pass: the sub-job as the extension models it. */
const XSS = '<img src=x onerror="document.title=\'pwned\'"><script>document.title="pwned"</script>';

suite('Sub-job details panel', function () {
  let simulator: RunningSimulator;

  suiteSetup(async function () {
    if (!ui.available) this.skip();
    simulator = await startSimulator({ progress: false, token: 'details-token', size: 30, seed: 5 });
    await freshExtension();
    await showSimulatorProject(simulator, 'details-token', { refreshInterval: 5 });
  });

  teardown(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  suiteTeardown(async () => {
    await resetExtension();
    await simulator?.close();
  });

  test('clicking a FAILED sub-job shows every field and a prominent error block', async () => {
    const failed = simulator.subJobs().find((s) => s.status === 'FAILED')!;
    await expandRow('FAILED');
    await waitForViewRows((r) => r.some((x) => x.name === failed.job_resource_info.resource_name), 15_000);
    await ui.clickRow({ label: failed.job_resource_info.resource_name, view: VIEW });
    const panel = await ui.waitForWebview(failed.id, 15_000);
    for (const value of [
      'FAILED',
      failed.job_type,
      failed.job_resource_info.resource_name,
      failed.job_resource_info.resource_id,
      failed.id,
      failed.job_id,
      failed.project_id,
      failed.begin_time,
      failed.job_execute_info.error_code,
      failed.job_execute_info.error_message,
    ]) {
      assert.ok(panel.text.includes(value), `the panel shows ${value}`);
    }
    assert.match(panel.text, /Last updated/i);
    assert.match(panel.html, /role="alert"/, 'the error block is announced');
    assert.match(panel.html, /Content-Security-Policy/);
    assert.match(panel.html, /default-src 'none'/);
    await ui.screenshot('details-failed');
  });

  test('the panel follows a sub-job from RUNNING to FAILED, then stops polling', async () => {
    const running = simulator.addSubJob({
      status: 'RUNNING',
      job_type: 'CREATE_SERVER_IMAGE',
      job_resource_info: { resource_id: 'img-live', resource_name: 'live-build-01' },
    });
    await vscode.commands.executeCommand('workspaceJobs.showDetails', asSubJob(running));
    await ui.waitForWebview(/RUNNING/, 10_000);
    simulator.setStatus(running.id, 'FAILED', {
      code: 'WKS.00129901',
      message: 'The service is now unavailable to process the request.',
    });
    const updated = await ui.waitForWebview(/WKS\.00129901/, 20_000);
    assert.match(updated.text, /FAILED/);
    assert.match(updated.text, /The service is now unavailable/);
    // The panel looks a sub-job up through its job (ShowImageJob), or by listing with job_id when
    // that call is not there. So does the tree, for a sub-job that left its active group, to tell
    // of its end: notifications off, the tree asks nothing of the kind.
    await configure({ notifications: 'off' });
    try {
      const lookups = () =>
        simulator.requests.filter(
          (r) => r.path.endsWith(`/image-server-jobs/${running.job_id}`) || r.query.job_id === running.job_id,
        ).length;
      assert.ok(lookups() > 0, 'the panel was seen looking the sub-job up');
      const after = lookups();
      await ui.sleep(7_000);
      assert.equal(lookups(), after, 'no polling once the sub-job is terminal');
    } finally {
      await configure({ notifications: undefined });
    }
  });

  test('markup in error_message and resource_name is shown as text, never run', async () => {
    const hostile = simulator.addSubJob({
      status: 'FAILED',
      job_type: 'CREATE_SERVER',
      job_resource_info: { resource_id: 'srv-x', resource_name: XSS },
      job_execute_info: { error_code: 'WKS.00211102', error_message: XSS },
    });
    await vscode.commands.executeCommand('workspaceJobs.refresh');
    await vscode.commands.executeCommand('workspaceJobs.showDetails', asSubJob(hostile));
    const panel = await ui.waitForWebview(/WKS\.00211102/, 15_000);
    assert.ok(panel.text.includes('<img src=x onerror='), 'the payload is visible as text');
    assert.ok(!/<img[^>]*onerror/i.test(panel.html), 'no live <img> element with the handler');
    assert.ok(!panel.html.includes('<script>document.title'), 'no injected script element');
    assert.notEqual(panel.title, 'pwned');
    const rows = await waitForViewRows((r) => r.length > 0);
    assert.ok(
      rows.every((r) => !r.label.includes('pwned') || r.name.includes('<img')),
      'tree rows show it as text too',
    );
  });

  test('Refresh in the panel shows failures with the API error fields and keeps the data', async () => {
    const sub = simulator.subJobs().find((s) => s.status === 'SUCCESS')!;
    await vscode.commands.executeCommand('workspaceJobs.showDetails', asSubJob(sub));
    await ui.waitForWebview(sub.id, 10_000);
    const frames = await waitFor(async () => {
      const w = await ui.webviews();
      return w.find((x) => x.text.includes(sub.id));
    });
    assert.ok(frames);
    // Every answer fails while the button is pressed: a single failNext could be taken by the tree's
    // own 5 s refresh landing between it and the click.
    simulator.setFaults({ errorRate: { rate: 1, statuses: [503] } });
    let failed;
    try {
      await ui.click({ text: 'Refresh', selector: 'button' });
      failed = await ui.waitForWebview(/WKS\.00050902/, 10_000);
    } finally {
      simulator.clearFaults();
    }
    await vscode.commands.executeCommand('workspaceJobs.refresh');
    assert.match(failed.text, /503/);
    assert.ok(failed.text.includes(sub.id), 'the last good data is still shown');
  });

  test('Show Details from the palette finds any sub-job by its id, loaded or not', async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    // Nothing expanded holds this one: it is found by its id among the newest of every job type.
    const target = simulator.subJobs().find((s) => s.status === 'ABNORMAL')!;
    await ui.runFromPalette('Workspace Jobs: Show Details');
    await ui.waitForQuickInput((q) => (q.title ?? '').includes('Show Details'));
    await ui.type(target.id);
    await ui.waitForQuickInput((q) => q.items.some((i) => i.label.includes(`Look up sub-job ${target.id}`)));
    await ui.press('Enter');
    const panel = await ui.waitForWebview(target.id, 15_000);
    assert.ok(panel.text.includes('ABNORMAL'));
  });

  test('a click previews in one reused panel; a double-click or Keep Open keeps a panel', async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    const panels = () =>
      vscode.window.tabGroups.all.flatMap((g) => g.tabs).filter((t) => t.input instanceof vscode.TabInputWebview)
        .length;
    await collapseRow('FAILED');
    await expandRow('SUCCESS');
    const names = (await waitForViewRows((r) => r.filter((x) => x.level === 3).length >= 3))
      .filter((x) => x.level === 3)
      .map((x) => x.name);
    const byName = (name: string) => simulator.subJobs().find((s) => s.job_resource_info.resource_name === name)!;
    const [a, b, c] = names.slice(0, 3).map(byName);

    await ui.clickRow({ label: a.job_resource_info.resource_name, view: VIEW });
    const preview = await ui.waitForWebview(a.id, 15_000);
    assert.match(preview.text, /Preview: the next sub-job you click in the view opens here/);
    await ui.clickRow({ label: b.job_resource_info.resource_name, view: VIEW });
    await ui.waitForWebview(b.id, 15_000);
    assert.equal(panels(), 1, 'the second click reused the preview');

    await ui.clickRow({ label: b.job_resource_info.resource_name, view: VIEW, double: true });
    await waitFor(
      async () => (await ui.webviews()).some((w) => w.text.includes(b.id) && !w.text.includes('Keep Open')),
      10_000,
      { message: 'the double-click kept the panel' },
    );
    await ui.clickRow({ label: c.job_resource_info.resource_name, view: VIEW });
    await ui.waitForWebview(c.id, 15_000);
    await waitFor(() => panels() === 2, 5_000, { message: 'a kept panel is not reused' });

    await ui.click({ text: 'Keep Open', selector: 'button', webviews: true });
    await waitFor(
      async () => (await ui.webviews()).some((w) => w.text.includes(c.id) && !w.text.includes('Keep Open')),
      10_000,
      { message: 'Keep Open kept it' },
    );
    await ui.clickRow({ label: a.job_resource_info.resource_name, view: VIEW });
    await ui.waitForWebview(a.id, 15_000);
    await waitFor(() => panels() === 3, 5_000, { message: 'the next click opens a new preview' });
  });

  test('a click previews with the keyboard left in the tree, and the tab says Preview', async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await expandRow('SUCCESS');
    const rows = (await waitForViewRows((r) => r.filter((x) => x.level === 3).length >= 3)).filter(
      (x) => x.level === 3,
    );
    const [first, second] = rows.map((x) => x.name);
    const subJob = simulator.subJobs().find((s) => s.job_resource_info.resource_name === first)!;
    await ui.clickRow({ label: first, view: VIEW });
    await ui.waitForWebview(subJob.id, 15_000);
    const tab = () =>
      vscode.window.tabGroups.all.flatMap((g) => g.tabs).find((t) => t.input instanceof vscode.TabInputWebview);
    await waitFor(() => tab()?.label.endsWith('(Preview)'), 5_000, {
      message: `the tab says Preview: ${tab()?.label}`,
    });
    // The next ↓ moves in the tree: the keyboard stayed there.
    await ui.press('ArrowDown');
    await waitFor(async () => (await ui.rows({ view: VIEW })).find((x) => x.name === second)?.focused, 5_000, {
      message: 'the row below is focused after ↓',
    });
    await ui.click({ text: 'Keep Open', selector: 'button', webviews: true });
    await waitFor(() => tab() !== undefined && !tab()!.label.includes('Preview'), 5_000, {
      message: 'a kept panel is not marked',
    });
  });

  test('a panel redrawn while the tree has the keyboard leaves it there, though a button in it was used', async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    const live = simulator.addSubJob({
      status: 'RUNNING',
      job_type: 'CREATE_SERVER_IMAGE',
      job_resource_info: { resource_id: 'img-keys', resource_name: 'keyboard-build-01' },
    });
    await vscode.commands.executeCommand('workspaceJobs.refresh');
    await collapseRow('FAILED');
    await expandRow('RUNNING');
    await expandRow('SUCCESS');
    const rows = await waitForViewRows(
      (r) => r.some((x) => x.name === 'keyboard-build-01') && r.filter((x) => x.level === 3).length >= 3,
    );
    const first = rows.find((x) => x.level === 3 && x.name !== 'keyboard-build-01')!;
    const firstId = simulator.subJobs().find((s) => s.job_resource_info.resource_name === first.name)!.id;
    const rowAfter = (all: readonly { name: string; focused: boolean }[], name: string) =>
      all[all.findIndex((x) => x.name === name) + 1];
    const focusMovesDown = async (from: string, why: string) => {
      const next = rowAfter(await ui.rows({ view: VIEW }), from);
      assert.ok(next, `a row below ${from}`);
      await ui.press('ArrowDown');
      await waitFor(async () => (await ui.rows({ view: VIEW })).find((x) => x.name === next.name)?.focused, 5_000, {
        message: `${why}: ↓ moved the tree's focus to ${next.name}`,
      });
      return next.name;
    };

    // A button used in the preview is the one its page remembers as focused…
    await ui.clickRow({ label: first.name, view: VIEW });
    await ui.waitForWebview(firstId, 15_000);
    await ui.click({ text: 'Copy Sub-Job ID', selector: 'button', webviews: true });
    await ui.sleep(500);
    // …and a click in the tree takes the keyboard back: the preview's redraw for another sub-job leaves it there,
    await ui.clickRow({ label: 'keyboard-build-01', view: VIEW });
    await ui.waitForWebview(live.id, 15_000);
    await ui.sleep(1_000);
    const focused = await focusMovesDown('keyboard-build-01', 'after the preview showed another sub-job');
    // and so does the redraw a refresh brings when that sub-job changes.
    // (A success: no toast, which would hold the next test's toast back.)
    simulator.setStatus(live.id, 'SUCCESS');
    await vscode.commands.executeCommand('workspaceJobs.refresh');
    await waitFor(
      async () => (await ui.webviews()).some((w) => w.text.includes(live.id) && /SUCCESS/.test(w.text)),
      15_000,
      {
        message: 'the panel shows the sub-job succeeded',
      },
    );
    await ui.sleep(1_000);
    await focusMovesDown(focused, 'after a refresh redrew the panel');
    await closeNotifications();
  });

  suite('at the moment the session learns it', function () {
    let api: WorkspaceJobsApi;

    suiteSetup(async () => {
      api = (await vscode.extensions.getExtension<WorkspaceJobsApi>(EXTENSION_ID)!.activate())!;
      // A panel that polled on its own would lag by up to this interval: far longer than these tests wait.
      await configure({ refreshInterval: 60 });
    });

    suiteTeardown(async () => {
      await closeNotifications();
      await configure({ refreshInterval: 5 });
    });

    test('when the failure toast appears, the open panel already shows FAILED', async function () {
      this.timeout(120_000);
      const running = simulator.addSubJob({
        status: 'RUNNING',
        job_type: 'CREATE_SERVER_IMAGE',
        job_resource_info: { resource_id: 'img-toast', resource_name: 'toast-build-01' },
      });
      // Seen running by a refresh, so that its end is told.
      await vscode.commands.executeCommand('workspaceJobs.refresh');
      await vscode.commands.executeCommand('workspaceJobs.showDetails', asSubJob(running));
      await ui.waitForWebview(running.id, 10_000);
      await ui.sleep(1_000);
      simulator.setStatus(running.id, 'FAILED', { code: 'WKS.00129904', message: 'Toast test.' });
      await vscode.commands.executeCommand('workspaceJobs.refresh');
      // The refresh that saw the failure brought it to the panel: not the panel's own look-up, an interval later.
      await ui.waitForWebview(/WKS\.00129904/, 3_000);
      await ui.waitForNotification(/sub-job toast-build-01 failed/, 90_000);
      const panel = (await ui.webviews()).find((w) => w.text.includes(running.id));
      assert.ok(panel, 'the panel is open');
      assert.ok(panel.text.includes('WKS.00129904'), `the panel shows the failure: ${panel.text.slice(0, 300)}`);
      assert.match(panel.text, /FAILED/);
      assert.doesNotMatch(panel.text, /RUNNING/);
    });

    test('a record deleted while its panel is open: the panel says at once that it is gone', async () => {
      const finished = simulator.addSubJob({
        status: 'SUCCESS',
        job_type: 'CREATE_SERVER_IMAGE',
        job_resource_info: { resource_id: 'img-gone', resource_name: 'gone-build-01' },
      });
      await vscode.commands.executeCommand('workspaceJobs.refresh');
      await expandRow('SUCCESS');
      await waitForViewRows((r) => r.some((x) => x.name === 'gone-build-01'));
      await vscode.commands.executeCommand('workspaceJobs.showDetails', asSubJob(finished));
      await ui.waitForWebview(finished.id, 10_000);
      await ui.sleep(1_000);
      api.confirmations.answerNext('Delete');
      assert.equal(await vscode.commands.executeCommand('workspaceJobs.deleteSubJobs', [finished.id]), 1);
      const panel = await ui.waitForWebview(/Sub-job not found/, 3_000);
      assert.ok(panel.text.includes(finished.id), 'the panel of the deleted record says so');
      assert.match(panel.text, /no longer lists this sub-job/);
    });
  });
});
