// Tells you when it matters: the status bar item, notifications on failure, watches and the badge.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { RunningSimulator, startSimulator } from '../../../src/simulator/server';
import { StatusBarItemState, ui, waitFor } from '../ui';
import {
  closeNotifications,
  collapseRow,
  configure,
  expandRow,
  resetExtension,
  setTokenThroughInputBox,
  showView,
  statusGroups,
  VIEW,
  waitForViewRows,
} from '../workbench';
import { freshExtension } from '../suiteSetup';

const TOKEN = 'notify-token';

async function ourItem(): Promise<StatusBarItemState | undefined> {
  return (await ui.statusBar()).find(
    (i) => /in progress|all finished|loading/.test(i.text) && /Workspace Jobs/.test(i.ariaLabel),
  );
}

suite('Tells you when it matters', function () {
  this.timeout(90_000);
  let simulator: RunningSimulator;

  suiteSetup(async function () {
    if (!ui.available) this.skip();
    simulator = await startSimulator({ progress: false, token: TOKEN, size: 40, seed: 41 });
    await freshExtension();
    await showView();
  });

  teardown(async () => {
    await closeNotifications();
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  suiteTeardown(async () => {
    await vscode.workspace
      .getConfiguration('workspaceJobs')
      .update('notifications', undefined, vscode.ConfigurationTarget.Global);
    await vscode.workspace
      .getConfiguration('workspaceJobs')
      .update('statusBar', undefined, vscode.ConfigurationTarget.Global);
    await resetExtension();
    await simulator?.close();
  });

  test('no status bar item while nothing is configured', async () => {
    await waitFor(async () => (await ui.view(VIEW)).welcome);
    assert.equal(await ourItem(), undefined);
  });

  test('first load: counts in the status bar, and no notification for what was already failed', async () => {
    await configure({ projectId: simulator.projectId, endpoint: simulator.url, refreshInterval: 5 });
    await setTokenThroughInputBox(TOKEN);
    await waitForViewRows((r) => statusGroups(r).length > 0);
    const active = simulator
      .subJobs()
      .filter((s) => ['WAITING', 'RUNNING', 'ROLLBACK', 'ABORTING'].includes(s.status)).length;
    const item = await waitFor(ourItem, 10_000);
    // Icons are elements of their own: the words are what is read. Failures kept are no news: not in the text.
    assert.equal(item.text.replace(/\s+/g, ' ').trim(), `${active} in progress`);
    // A screen reader starts with the words on screen.
    assert.match(item.ariaLabel, new RegExp(`^${active} in progress; last refreshed .+; Workspace Jobs$`));
    await ui.sleep(6_000);
    assert.deepEqual(
      (await ui.notifications()).map((n) => n.message),
      [],
      'nothing on the first load',
    );
  });

  test('a sub-job going from RUNNING to FAILED: a notification within one interval, and the status bar moves', async () => {
    const running = simulator.subJobs().find((s) => s.status === 'RUNNING')!;
    const activeBefore = simulator
      .subJobs()
      .filter((s) => ['WAITING', 'RUNNING', 'ROLLBACK', 'ABORTING'].includes(s.status)).length;
    simulator.setStatus(running.id, 'FAILED', {
      code: 'WKS.00129901',
      message: 'The image could not be built.\nSecond line.',
    });
    const note = await ui.waitForNotification(
      new RegExp(`sub-job ${running.job_resource_info.resource_name} failed`),
      12_000,
    );
    assert.match(note.message, /WKS\.00129901 The image could not be built\.$/);
    assert.deepEqual(note.buttons, ['Show Details', 'Show in View']);
    assert.equal(note.severity, 'error');
    // Show Details opens the panel of that sub-job; clicked while the toast is up (a toast hides by
    // itself after a while, and waiting on the status bar first gave that time on a loaded machine).
    await ui.click({ selector: '.notification-toast-container .monaco-button', text: 'Show Details' });
    await ui.waitForWebview(running.id, 10_000);
    // Shown in the visible view: seen, so the status bar counts it out of progress and not as news.
    await waitFor(
      async () => (await ourItem())?.text.replace(/\s+/g, ' ').trim() === `${activeBefore - 1} in progress`,
      10_000,
    );
    await ui.sleep(6_000);
    const again = (await ui.notifications()).filter((n) => n.message.includes(running.job_resource_info.resource_name));
    assert.equal(again.length, 0, 'told once');
  });

  test('a watched sub-job’s success is announced once, with its duration', async () => {
    const running = simulator.subJobs().find((s) => s.status === 'RUNNING')!;
    await expandRow('RUNNING');
    await waitForViewRows((r) => r.some((x) => x.name === running.job_resource_info.resource_name));
    await ui.clickRow({ label: running.job_resource_info.resource_name, view: VIEW, button: 'right' });
    await ui.menuSelect('Watch Sub-Job');
    await waitForViewRows((r) =>
      r.some((x) => x.name === running.job_resource_info.resource_name && / · watched · /.test(x.description)),
    );
    simulator.setStatus(running.id, 'SUCCESS');
    // The previous test's toast came moments ago: the next one may be held up to 30 s (MAX_HOLD_MS),
    // so close-together endings make one toast, not a stack.
    const note = await ui.waitForNotification(
      new RegExp(`Sub-job ${running.job_resource_info.resource_name} ended: SUCCESS after `),
      45_000,
    );
    assert.equal(note.severity, 'info');
    await ui.sleep(6_000);
    assert.equal(
      (await ui.notifications()).filter((n) => n.message.includes(running.job_resource_info.resource_name)).length,
      1,
      'once',
    );
  });

  test('the badge counts failures while the view is hidden, and clears when it is shown', async () => {
    await vscode.commands.executeCommand('workbench.view.explorer');
    const running = simulator.subJobs().find((s) => s.status === 'RUNNING' || s.status === 'WAITING')!;
    simulator.setStatus(running.id, 'ABNORMAL', { code: 'WKS.00211401', message: 'abnormal' });
    // The window keeps focus, so refreshes go on while the view is hidden.
    const badge = await waitFor(
      async () => (await ui.query('.activitybar .action-item .badge-content')).find((b) => b.visible && b.text === '1'),
      15_000,
    );
    assert.ok(badge);
    // The status bar counts the same unseen failure, and forgets it with the badge.
    await waitFor(async () => / · 1 failed$/.test((await ourItem())?.text.replace(/\s+/g, ' ').trim() ?? ''), 10_000);
    await showView();
    await waitFor(
      async () =>
        !(await ui.query('.activitybar .action-item .badge-content')).some((b) => b.visible && b.text.trim() !== ''),
      10_000,
    );
    await waitFor(async () => !/failed/.test((await ourItem())?.text ?? 'failed'), 10_000);
  });

  // Old code: one toast per refresh, "5 sub-jobs failed" naming none, and its Show in View set a
  // status filter (a "Filtered:" row) with the FAILED group left collapsed.
  test('five failures within one interval make one toast naming three; Show in View selects exactly those rows, filter unchanged', async () => {
    await showView();
    await collapseRow('RUNNING');
    const burst = Array.from({ length: 5 }, (_, i) =>
      simulator.addSubJob({
        status: 'RUNNING',
        job_resource_info: { resource_id: `burst-id-${i}`, resource_name: `burst-${i}` },
      }),
    );
    const running = simulator.subJobs().filter((s) => s.status === 'RUNNING').length;
    await waitForViewRows((r) => statusGroups(r).includes(`RUNNING ${running}`), 15_000);
    // One more refresh, so every one of them was seen running.
    await ui.sleep(6_000);
    for (const s of burst) simulator.setStatus(s.id, 'FAILED', { code: 'WKS.1', message: 'burst' });
    const note = await ui.waitForNotification(/5 sub-jobs failed/, 15_000);
    assert.match(note.message, /^Workspace Jobs: 5 sub-jobs failed \(burst-\d, burst-\d, burst-\d and 2 more\)$/);
    assert.deepEqual(note.buttons, ['Show in View']);
    assert.equal(note.severity, 'error');
    await ui.sleep(7_000);
    const burstNotes = (await ui.notifications()).filter((n) => /burst-/.test(n.message));
    assert.equal(burstNotes.length, 1, `one toast: ${burstNotes.map((n) => n.message).join(' | ')}`);
    await ui.click({ selector: '.notification-toast-container .monaco-button', text: 'Show in View' });
    const rows = await waitForViewRows((r) => r.filter((x) => x.selected).length === 5, 15_000);
    assert.deepEqual(
      rows
        .filter((x) => x.selected)
        .map((x) => x.name)
        .sort(),
      burst.map((s) => s.job_resource_info.resource_name).sort(),
    );
    assert.equal(rows.find((x) => x.name === 'FAILED')?.expanded, true, 'their group is open');
    assert.ok(!rows.some((x) => x.name.startsWith('Filtered')), 'no filter was set');
  });

  /** A sub-job running long enough for a refresh to have seen it running (what makes its end news). */
  async function seenRunning(name: string) {
    const subJob = simulator.addSubJob({
      status: 'RUNNING',
      job_resource_info: { resource_id: `${name}-id`, resource_name: name },
    });
    const running = simulator.subJobs().filter((s) => s.status === 'RUNNING').length;
    await waitForViewRows((r) => statusGroups(r).includes(`RUNNING ${running}`), 15_000);
    await ui.sleep(6_000);
    return subJob;
  }

  // Old code: two toasts for one refresh: "Sub-job pair-0 ended: FAILED …" from the watch, beside
  // "sub-job pair-1 failed …" from the refresh.
  test('a watched sub-job and another failing in one refresh make one toast naming both', async () => {
    await showView();
    const watched = await seenRunning('pair-0');
    const other = await seenRunning('pair-1');
    assert.equal(await vscode.commands.executeCommand('workspaceJobs.watch', watched.id), true);
    for (const s of [watched, other]) simulator.setStatus(s.id, 'FAILED', { code: 'WKS.2', message: 'pair' });
    await vscode.commands.executeCommand('workspaceJobs.refresh');
    await ui.waitForNotification(/pair-/, 15_000);
    await ui.sleep(8_000);
    const notes = (await ui.notifications()).filter((n) => /pair-/.test(n.message));
    assert.deepEqual(
      notes.map((n) => n.message),
      [notes[0].message],
      'one toast',
    );
    assert.match(notes[0].message, /^Workspace Jobs: 2 sub-jobs failed \(pair-[01], pair-[01]\)$/);
  });

  // Old code: "1 of these 1 sub-jobs are not shown: the filter hides them, or they are beyond the
  // rows loaded in their group." for a sub-job deleted since its toast, with no filter set.
  test('Show in View of a sub-job deleted since its toast says it is no longer found, not that a filter hides it', async () => {
    await showView();
    const doomed = await seenRunning('doomed-1');
    simulator.setStatus(doomed.id, 'FAILED', { code: 'WKS.3', message: 'doomed' });
    await vscode.commands.executeCommand('workspaceJobs.refresh');
    await ui.waitForNotification(/sub-job doomed-1 failed/, 15_000);
    const deleted = await fetch(
      `${simulator.url}/v1/${simulator.projectId}/image-server-sub-jobs/actions/batch-delete`,
      {
        method: 'PATCH',
        headers: { 'Content-Type': 'application/json', 'X-Auth-Token': TOKEN },
        body: JSON.stringify({ items: [doomed.id] }),
      },
    );
    assert.ok(deleted.ok, `batch delete: ${deleted.status}`);
    await vscode.commands.executeCommand('workspaceJobs.refresh');
    await ui.click({ selector: '.notification-toast-container .monaco-button', text: 'Show in View' });
    await ui.waitForNotification(/the sub-job is no longer found in the view/, 10_000);
    assert.ok(!(await ui.notifications()).some((n) => /filter hides/.test(n.message)));
  });

  test('workspaceJobs.statusBar: false hides the item', async () => {
    await vscode.workspace
      .getConfiguration('workspaceJobs')
      .update('statusBar', false, vscode.ConfigurationTarget.Global);
    await waitFor(async () => (await ourItem()) === undefined, 5_000);
    await vscode.workspace
      .getConfiguration('workspaceJobs')
      .update('statusBar', undefined, vscode.ConfigurationTarget.Global);
    await waitFor(ourItem, 5_000);
  });
});
