// Clearing finished sub-job records: in calls of 20, after a modal confirmation, SUCCESS and FAILED only.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { RunningSimulator, startSimulator } from '../../../src/simulator/server';
import type { WorkspaceJobsApi } from '../../../src/extension';
import { ui, waitFor } from '../ui';
import {
  closeNotifications,
  collapseRow,
  expandRow,
  resetExtension,
  rowsOfView,
  statusGroups,
  VIEW,
  waitForViewRows,
} from '../workbench';
import { freshExtension, showSimulatorProject } from '../suiteSetup';

const TOKEN = 'delete-token';

suite('Clearing finished sub-jobs', function () {
  this.timeout(60_000);
  let simulator: RunningSimulator;
  let api: WorkspaceJobsApi;

  const deletions = (since: number) =>
    simulator.requests.slice(since).filter((r) => r.method === 'PATCH' && r.path.endsWith('/actions/batch-delete'));
  const sentIds = (since: number) =>
    deletions(since).flatMap((r) => (JSON.parse(r.body ?? '{}') as { items: string[] }).items);

  /**
   * VS Code refuses modal dialogs during an extension test run, so the suite answers the
   * confirmation ahead (test mode only) and checks what it asked.
   */
  function answer(button: 'Delete' | undefined): void {
    api.confirmations.answerNext(button);
  }

  /** A resource no seeded sub-job has: rows are told apart by name. */
  const named = (name: string) => ({ resource_id: `res-${name}`, resource_name: name });

  /**
   * Waits for `atLeast` rows of these sub-jobs: right after a filter the expanded group may still show
   * the previous session's rows, and ids are deleted only once their rows are loaded.
   */
  async function waitForRowsOf(
    subJobs: ReadonlyArray<{ job_resource_info: { resource_name: string } }>,
    atLeast: number,
  ): Promise<void> {
    const names = new Set(subJobs.map((s) => s.job_resource_info.resource_name));
    await waitForViewRows((r) => r.filter((x) => x.level === 3 && names.has(x.name)).length >= atLeast);
  }

  /**
   * Clears the notifications and waits until the window shows none: a clear still on its way would
   * dismiss (and so cancel) the look-up progress of the next command.
   */
  async function closingNotifications(): Promise<void> {
    await closeNotifications();
    await waitFor(async () => (await ui.notifications()).length === 0, 5_000);
  }

  function asked(expected: RegExp): void {
    const last = api.confirmations.asked.at(-1);
    assert.ok(last, 'a confirmation was asked');
    assert.match(last.message, expected);
    assert.match(
      last.detail,
      /Only the job records are deleted from WorkspaceApp, not the servers or images they created/,
    );
  }

  suiteSetup(async function () {
    if (!ui.available) this.skip();
    simulator = await startSimulator({ progress: false, token: TOKEN, size: 30, seed: 51 });
    api = await freshExtension();
    await showSimulatorProject(simulator, TOKEN, { refreshInterval: 30 });
  });

  teardown(async () => {
    await closeNotifications();
    await vscode.commands.executeCommand('workspaceJobs.clearFilters');
  });

  suiteTeardown(async () => {
    await resetExtension();
    await simulator?.close();
  });

  test('the confirmation is a real modal dialog: refused in a test run, and then nothing is deleted', async () => {
    const victim = simulator.addSubJob({ status: 'SUCCESS' });
    await vscode.commands.executeCommand('workspaceJobs.refresh');
    await expandRow('SUCCESS');
    await waitForViewRows((r) => r.some((x) => x.name === victim.job_resource_info.resource_name));
    const since = simulator.requests.length;
    await vscode.commands.executeCommand('workspaceJobs.deleteSubJobs', [victim.id]);
    const refused = await ui.waitForNotification(/refused to show dialog in tests/);
    assert.match(
      refused.message,
      new RegExp(`Delete the records of sub-job ${victim.job_resource_info.resource_name}\\?`),
    );
    assert.deepEqual(deletions(since), []);
  });

  test('45 sub-jobs by id: three calls of 20, 20 and 5, and their rows go at once', async () => {
    const job = '800000000000000045';
    const added = Array.from({ length: 45 }, (_, i) =>
      simulator.addSubJob({ status: 'SUCCESS', job_id: job, job_resource_info: named(`by-id-${i}`) }),
    );
    await vscode.commands.executeCommand('workspaceJobs.filterByJobId', job);
    await waitForViewRows((r) => statusGroups(r).join() === 'SUCCESS 45');
    await expandRow('SUCCESS');
    await waitForRowsOf(added, 20);
    const since = simulator.requests.length;
    answer('Delete');
    assert.equal(
      await vscode.commands.executeCommand(
        'workspaceJobs.deleteSubJobs',
        added.map((s) => s.id),
      ),
      45,
    );
    asked(/^Delete the records of 45 sub-jobs\?$/);
    // Sent together, they may arrive in any order.
    assert.deepEqual(
      deletions(since)
        .map((r) => (JSON.parse(r.body ?? '{}') as { items: string[] }).items.length)
        .sort((a, b) => b - a),
      [20, 20, 5],
    );
    assert.deepEqual(sentIds(since).sort(), added.map((s) => s.id).sort());
    await waitForViewRows(
      (r) => statusGroups(r).length === 0 && r.some((x) => x.name.startsWith('No sub-jobs match')),
      5_000,
    );
    assert.equal(simulator.subJobs().filter((s) => s.job_id === job).length, 0);
    await ui.waitForNotification(/deleted 45 sub-job records/);
  });

  test('a FAILED group under a filter: all N in it, from the context menu', async () => {
    const job = '800000000000000012';
    for (let i = 0; i < 12; i++) simulator.addSubJob({ status: 'FAILED', job_id: job });
    simulator.addSubJob({ status: 'RUNNING', job_id: job });
    const otherFailed = simulator.subJobs().filter((s) => s.status === 'FAILED' && s.job_id !== job).length;
    await vscode.commands.executeCommand('workspaceJobs.filterByJobId', job);
    await waitForViewRows((r) => statusGroups(r).join() === 'RUNNING 1,FAILED 12');
    const since = simulator.requests.length;
    answer('Delete');
    await ui.clickRow({ label: 'FAILED', view: VIEW, button: 'right' });
    await ui.menuSelect('Delete Sub-Job Records…');
    await waitForViewRows((r) => statusGroups(r).join() === 'RUNNING 1');
    asked(/^Delete the records of all 12 in FAILED\?$/);
    assert.equal(sentIds(since).length, 12);
    assert.equal(
      simulator.subJobs().filter((s) => s.status === 'FAILED').length,
      otherFailed,
      'the filter held: nothing outside the job',
    );
  });

  test('a RUNNING sub-job in the selection is never sent', async () => {
    const job = '800000000000000002';
    const running = simulator.addSubJob({
      status: 'RUNNING',
      job_id: job,
      job_resource_info: { resource_id: 'r1', resource_name: 'still-running' },
    });
    const done1 = simulator.addSubJob({
      status: 'SUCCESS',
      job_id: job,
      job_resource_info: { resource_id: 'r2', resource_name: 'done-one' },
    });
    await vscode.commands.executeCommand('workspaceJobs.filterByJobId', job);
    await waitForViewRows((r) => statusGroups(r).join() === 'RUNNING 1,SUCCESS 1');
    await expandRow('RUNNING');
    await expandRow('SUCCESS');
    await waitForViewRows((r) => r.some((x) => x.name === 'still-running') && r.some((x) => x.name === 'done-one'));
    // Select by keyboard: the running row, then Shift+Down over the SUCCESS group to done-one.
    await ui.clickRow({ label: 'still-running', view: VIEW });
    // The click opens its preview panel: let it open before closing it, or it opens after and
    // takes the keyboard.
    await ui.waitForWebview('still-running', 15_000);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.commands.executeCommand('workspaceJobs.subJobs.focus');
    await waitForViewRows((r) => r.some((x) => x.focused && x.selected && x.name.startsWith('still-running')));
    await ui.press('Shift+ArrowDown');
    await ui.press('Shift+ArrowDown');
    const selected = await waitForViewRows((r) => r.filter((x) => x.selected).length === 3);
    assert.deepEqual(
      selected.filter((x) => x.selected).map((x) => x.name.split(',')[0]),
      ['still-running', 'SUCCESS', 'done-one'],
    );
    // The palette's command reads the selection the extension host has, which follows the window's.
    await waitFor(() => api.selectedRowIds().length === 3, 5_000, {
      message: 'the extension host sees the three rows selected',
    });
    const since = simulator.requests.length;
    answer('Delete');
    assert.equal(await vscode.commands.executeCommand('workspaceJobs.deleteSubJobs'), 1);
    asked(/^Delete the records of sub-job done-one\?$/);
    assert.match(
      api.confirmations.asked.at(-1)!.detail,
      /1 given will be left alone: RUNNING: only SUCCESS or FAILED sub-jobs can be deleted\./,
    );
    assert.deepEqual(sentIds(since), [done1.id]);
    assert.ok(simulator.subJobs().some((s) => s.id === running.id));
  });

  test('from the palette, a group selected with one of its sub-jobs deletes that sub-job, not the whole group', async () => {
    const job = '800000000000000003';
    const kept = simulator.addSubJob({
      status: 'SUCCESS',
      job_id: job,
      job_resource_info: { resource_id: 'r3', resource_name: 'older-one' },
      begin_time: '2026-01-01T00:00:00.000Z',
    });
    const picked = simulator.addSubJob({
      status: 'SUCCESS',
      job_id: job,
      job_resource_info: { resource_id: 'r4', resource_name: 'newer-one' },
    });
    await vscode.commands.executeCommand('workspaceJobs.filterByJobId', job);
    await waitForViewRows((r) => statusGroups(r).join() === 'SUCCESS 2');
    await expandRow('SUCCESS');
    await waitForViewRows((r) => r.some((x) => x.name === 'newer-one') && r.some((x) => x.name === 'older-one'));
    // By keyboard (a click on a group opens or closes it): down to the group row, then Shift+Down
    // onto its newest sub-job: two rows, the group first.
    await vscode.commands.executeCommand('workspaceJobs.subJobs.focus');
    await ui.press('Home');
    for (let i = 0; i < 5 && !(await rowsOfView()).some((x) => x.focused && x.name === 'SUCCESS'); i++)
      await ui.press('ArrowDown');
    await waitForViewRows((r) => r.some((x) => x.focused && x.name === 'SUCCESS'));
    await ui.press('Shift+ArrowDown');
    const selected = await waitForViewRows((r) => r.filter((x) => x.selected).length === 2);
    assert.deepEqual(
      selected.filter((x) => x.selected).map((x) => x.name),
      ['SUCCESS', 'newer-one'],
    );
    await waitFor(() => api.selectedRowIds().length === 2, 5_000, {
      message: 'the extension host sees the two rows selected',
    });
    const since = simulator.requests.length;
    answer('Delete');
    assert.equal(await vscode.commands.executeCommand('workspaceJobs.deleteSubJobs'), 1);
    asked(/^Delete the records of sub-job newer-one\?$/);
    assert.deepEqual(sentIds(since), [picked.id]);
    assert.ok(
      simulator.subJobs().some((s) => s.id === kept.id),
      'the other sub-job of the group is still there',
    );
  });

  test('ids whose rows were never loaded are looked up; an id not found is reported and never sent', async () => {
    const job = '800000000000000077';
    const shown = [
      simulator.addSubJob({ status: 'SUCCESS', job_id: job, job_resource_info: named('loaded-success') }),
      simulator.addSubJob({ status: 'FAILED', job_id: job, job_resource_info: named('loaded-failed') }),
    ];
    const running = simulator.addSubJob({ status: 'RUNNING', job_id: job, job_resource_info: named('loaded-running') });
    // Another job's sub-job: under this filter its row is never loaded, but a look-up finds it.
    const elsewhere = simulator.addSubJob({ status: 'SUCCESS', job_id: '800000000000000078' });
    const missing = '1';
    await vscode.commands.executeCommand('workspaceJobs.filterByJobId', job);
    await waitForViewRows(
      (r) =>
        statusGroups(r).length === 3 &&
        ['SUCCESS 1', 'FAILED 1', 'RUNNING 1'].every((g) => statusGroups(r).includes(g)),
    );
    for (const status of ['SUCCESS', 'FAILED', 'RUNNING']) await expandRow(status);
    await waitForRowsOf([...shown, running], 3);
    const since = simulator.requests.length;
    assert.equal(await vscode.commands.executeCommand('workspaceJobs.deleteSubJobs', [missing]), 0);
    const note = await ui.waitForNotification(
      'nothing to delete: 1 given left alone: not found among the newest sub-jobs of any project.',
    );
    assert.equal(note.severity, 'info');
    await closingNotifications();
    // A RUNNING one beside it is left alone, and said so.
    assert.equal(await vscode.commands.executeCommand('workspaceJobs.deleteSubJobs', [running.id, missing]), 0);
    await ui.waitForNotification(/nothing to delete: 2 given left alone: .*RUNNING: only SUCCESS or FAILED/);
    assert.deepEqual(deletions(since), []);
    await closingNotifications();
    // With found ones beside it, the confirmation says which is left alone and why.
    answer('Delete');
    assert.equal(
      await vscode.commands.executeCommand('workspaceJobs.deleteSubJobs', [
        ...[...shown, elsewhere].map((s) => s.id),
        missing,
      ]),
      3,
    );
    asked(/^Delete the records of 3 sub-jobs\?$/);
    assert.match(
      api.confirmations.asked.at(-1)!.detail,
      /1 given will be left alone: not found among the newest sub-jobs of any project\./,
    );
    assert.deepEqual(sentIds(since).sort(), [...shown, elsewhere].map((s) => s.id).sort());
    assert.ok(!sentIds(since).includes(missing), 'the id not found is never sent');
    await ui.waitForNotification(/deleted 3 of 4 sub-job records\. 1 not sent: not found/);
    await collapseRow('RUNNING');
  });

  test('a crafted group row is asked about with the real count', async () => {
    const job = '800000000000000145';
    for (let i = 0; i < 45; i++) simulator.addSubJob({ status: 'FAILED', job_id: job });
    await vscode.commands.executeCommand('workspaceJobs.filterByJobId', job);
    await waitForViewRows((r) => statusGroups(r).join() === 'FAILED 45');
    const since = simulator.requests.length;
    answer(undefined);
    const row = { kind: 'status', sessionKey: `${simulator.url}|${simulator.projectId}`, status: 'FAILED', count: 1 };
    assert.equal(await vscode.commands.executeCommand('workspaceJobs.deleteSubJobs', row), 0);
    asked(/^Delete the records of all 45 in FAILED\?$/);
    assert.deepEqual(deletions(since), []);
  });

  test('a crafted sub-job row claiming SUCCESS for a sub-job never loaded is looked up, and left alone', async () => {
    const busy = simulator.addSubJob({ status: 'RUNNING', job_id: '800000000000000146' });
    // The filters the last test set are cleared: let the view's new session settle first.
    await vscode.commands.executeCommand('workspaceJobs.refresh');
    await waitForViewRows((r) => statusGroups(r).length > 2);
    const since = simulator.requests.length;
    const row = {
      kind: 'subJob',
      sessionKey: `${simulator.url}|${simulator.projectId}`,
      subJob: { id: busy.id, status: 'SUCCESS' },
    };
    assert.equal(await vscode.commands.executeCommand('workspaceJobs.deleteSubJobs', row), 0);
    await ui.waitForNotification(/nothing to delete: 1 given left alone: RUNNING: only SUCCESS or FAILED/);
    assert.deepEqual(deletions(since), []);
    assert.ok(simulator.subJobs().some((s) => s.id === busy.id));
  });

  test('a cancelled delete says what was and was not deleted', async () => {
    const job = '800000000000000100';
    const added = Array.from({ length: 100 }, (_, i) =>
      simulator.addSubJob({ status: 'SUCCESS', job_id: job, job_resource_info: named(`cancelled-${i}`) }),
    );
    await vscode.commands.executeCommand('workspaceJobs.filterByJobId', job);
    await waitForViewRows((r) => statusGroups(r).join() === 'SUCCESS 100');
    await expandRow('SUCCESS');
    await waitForRowsOf(added, 10);
    // Long enough that the Cancel click lands while three calls are in flight, even on a loaded CI machine.
    simulator.setFaults({ latencyMs: 4_000 });
    const since = simulator.requests.length;
    answer('Delete');
    const done = vscode.commands.executeCommand(
      'workspaceJobs.deleteSubJobs',
      added.map((s) => s.id),
    );
    // One call goes first; once it succeeded, three go at once. Only this test's calls count.
    await waitFor(() => deletions(since).length === 4, 15_000);
    await ui.click({ selector: '.notification-toast-container .monaco-button', text: 'Cancel' });
    const callsAtCancel = deletions(since).length;
    const deleted = (await done) as number;
    simulator.clearFaults();
    // The three calls in flight finish; the last one is never sent.
    assert.equal(callsAtCancel, 4, 'the Cancel click landed while three calls were in flight');
    assert.equal(deleted, 80);
    const note = await ui.waitForNotification(/deleted 80 of 100 sub-job records\. 20 not sent: cancelled\./);
    assert.equal(note.severity, 'warning');
    assert.equal(
      simulator.subJobs().filter((s) => s.job_id === job).length,
      20,
      'what the message says is what the service holds',
    );
  });

  test('Cancel after a 500 still reports the 500', async () => {
    const job = '800000000000000101';
    const added = Array.from({ length: 60 }, (_, i) =>
      simulator.addSubJob({ status: 'SUCCESS', job_id: job, job_resource_info: named(`after-500-${i}`) }),
    );
    await vscode.commands.executeCommand('workspaceJobs.filterByJobId', job);
    await waitForViewRows((r) => statusGroups(r).join() === 'SUCCESS 60');
    await expandRow('SUCCESS');
    await waitForRowsOf(added, 10);
    simulator.setFaults({ latencyMs: 3_000 });
    simulator.failNext(1, 500);
    const since = simulator.requests.length;
    answer('Delete');
    const done = vscode.commands.executeCommand(
      'workspaceJobs.deleteSubJobs',
      added.map((s) => s.id),
    );
    // The 500 comes back, then one call goes alone: cancel while it is in flight.
    await waitFor(() => deletions(since).length === 2, 15_000);
    await ui.click({ selector: '.notification-toast-container .monaco-button', text: 'Cancel' });
    const deleted = (await done) as number;
    simulator.clearFaults();
    assert.equal(deleted, 20);
    await ui.waitForNotification(/deleted 20 of 60 sub-job records\. 20 refused: HTTP 500 .* 20 not sent: cancelled\./);
    assert.equal(simulator.subJobs().filter((s) => s.job_id === job).length, 40);
  });
});
