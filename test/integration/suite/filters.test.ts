import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { RunningSimulator, startSimulator } from '../../../src/simulator/server';
import { ui, waitFor } from '../ui';
import { resetExtension, statusGroups, VIEW, waitForViewRows } from '../workbench';
import { freshExtension, showSimulatorProject } from '../suiteSetup';

suite('Filters from the command palette', function () {
  let simulator: RunningSimulator;

  /** The tree's first row while a filter is set: "Filtered: …". */
  async function filterLine(): Promise<string> {
    const rows = await ui.rows({ view: VIEW });
    return rows.find((r) => r.level === 1 && r.name.startsWith('Filtered:'))?.name ?? '';
  }

  /** The list and count calls since the n-th request. */
  function requestsSince(n: number) {
    return simulator.requests.slice(n).filter((r) => r.path.includes('/image-server-sub-jobs'));
  }

  suiteSetup(async function () {
    if (!ui.available) this.skip();
    simulator = await startSimulator({ progress: false, token: 'filter-token', size: 80, seed: 3 });
    await freshExtension();
    await showSimulatorProject(simulator, 'filter-token');
  });

  suiteTeardown(async () => {
    await vscode.commands.executeCommand('workspaceJobs.clearFilters');
    await resetExtension();
    await simulator?.close();
  });

  test('Filter by Status from the palette: a multi-select, sent as the status parameter', async () => {
    const before = simulator.requests.length;
    await ui.runFromPalette('Workspace Jobs: Filter by Status');
    const pick = await ui.waitForQuickInput((q) => q.items.length === 7);
    assert.deepEqual(
      pick.items.map((i) => i.label),
      ['RUNNING', 'WAITING', 'ROLLBACK', 'ABORTING', 'FAILED', 'ABNORMAL', 'SUCCESS'],
    );
    assert.equal(pick.placeholder, 'Tick the statuses to show; none ticked shows all');
    assert.deepEqual(
      pick.items.filter((i) => i.checked),
      [],
      'nothing filtered: nothing ticked',
    );
    // As a keyboard user does it: narrow the list, move into it, tick with Space, accept with Enter.
    await ui.type('FAILED');
    await ui.press('ArrowDown');
    await ui.press('Space');
    await ui.waitForQuickInput((q) => q.items.some((i) => i.label === 'FAILED' && i.checked));
    await ui.press('Enter');
    const rows = await waitForViewRows(
      (r) => JSON.stringify(statusGroups(r).map((g) => g.split(' ')[0])) === '["FAILED"]',
    );
    const failed = simulator.subJobs().filter((s) => s.status === 'FAILED').length;
    assert.deepEqual(statusGroups(rows), [`FAILED ${failed}`]);
    await waitFor(async () => /^Filtered: FAILED$/.test(await filterLine()), 5_000, { message: 'the filter line' });
    // Separate from the sample-data text above the tree, and read out as shown, with what a click does.
    const shown = await rowsOfFilter();
    assert.equal(shown.filter.label, 'Filtered: FAILED');
    // Where the keyboard starts: clicking it keeps the filter (its ✕ and context menu clear it).
    await ui.clickRow({ label: 'Filtered: FAILED', view: VIEW });
    await ui.sleep(500);
    assert.equal(await filterLine(), 'Filtered: FAILED');
    assert.ok(shown.filter.actions.includes('Clear Filters'), `the row's inline actions: ${shown.filter.actions}`);
    assert.match(shown.project.label, /, project, .*, filtered: FAILED$/);
    assert.equal((await ui.view(VIEW)).message ?? '', '', 'not repeated in the text above the tree');
    const sent = requestsSince(before);
    assert.ok(
      sent.length >= 1 && sent.every((r) => r.query.status === 'FAILED'),
      'filtered by the API, not by hiding rows',
    );
    const view = await ui.view(VIEW);
    assert.ok(view.actions?.includes('Clear Filters'), `clear button shown: ${view.actions}`);
  });

  async function rowsOfFilter() {
    const rows = await ui.rows({ view: VIEW });
    const filter = rows.find((r) => r.level === 1 && r.name.startsWith('Filtered:'));
    const project = rows.find((r) => r.level === 1 && !r.name.startsWith('Filtered:'));
    assert.ok(filter && project, JSON.stringify(rows.slice(0, 3)));
    assert.ok(filter.index < project.index, 'the filter row comes first');
    return { filter, project };
  }

  test('Filter by Job Type with an argument, then from the palette with the current choice ticked', async () => {
    await vscode.commands.executeCommand('workspaceJobs.clearFilters');
    await ui.runFromPalette('Workspace Jobs: Filter by Job Type');
    const unfiltered = await ui.waitForQuickInput((q) => q.items.length === 3);
    // The same rule as the status picker: nothing ticked while nothing is filtered.
    assert.deepEqual(
      unfiltered.items.filter((i) => i.checked),
      [],
    );
    assert.equal(unfiltered.placeholder, 'Tick the job types to show; none ticked shows all');
    await ui.press('Escape');
    await vscode.commands.executeCommand('workspaceJobs.filterByStatus', 'FAILED');
    await waitForViewRows((r) => JSON.stringify(statusGroups(r).map((g) => g.split(' ')[0])) === '["FAILED"]');
    await ui.sleep(500);
    const before = simulator.requests.length;
    assert.equal(await vscode.commands.executeCommand('workspaceJobs.filterByJobType', ['DELETE_SERVER']), true);
    await waitFor(async () => /DELETE_SERVER/.test(await filterLine()));
    await waitFor(() => requestsSince(before).some((r) => r.query.job_type === 'DELETE_SERVER'), 5_000);
    // The count call takes the job types as one comma-separated parameter: now only DELETE_SERVER.
    assert.deepEqual(new Set(requestsSince(before).map((r) => r.query.job_type)), new Set(['DELETE_SERVER']));

    await ui.runFromPalette('Workspace Jobs: Filter by Job Type');
    const pick = await ui.waitForQuickInput((q) => q.items.length === 3);
    assert.deepEqual(
      pick.items.filter((i) => i.checked).map((i) => i.label),
      ['DELETE_SERVER'],
    );
    await ui.press('Escape');
  });

  test('an invalid argument is refused with a message, and the filter stays', async () => {
    assert.equal(await vscode.commands.executeCommand('workspaceJobs.filterByStatus', 'DONE'), false);
    await ui.waitForNotification(/Unknown status "DONE"; expected RUNNING, WAITING/);
    await waitFor(async () => /FAILED/.test(await filterLine()), 5_000, { message: 'the filter line' });
    await vscode.commands.executeCommand('notifications.clearAll');
  });

  test('Filter by Job ID validates in the input box, and a job with no sub-jobs says so', async () => {
    await ui.runFromPalette('Workspace Jobs: Filter by Job ID');
    await ui.waitForQuickInput((q) => (q.title ?? '').includes('Filter by Job ID'));
    await ui.type('x'.repeat(129));
    const refused = await ui.waitForQuickInput((q) => q.severity === 'error');
    assert.match(refused.message ?? '', /at most 128 characters; this one has 129/);
    await ui.press('Control+a');
    await ui.type('  999999999999999999  ', { enter: true });
    const rows = await waitForViewRows((r) => r.some((x) => x.name.startsWith('No sub-jobs match')));
    assert.match(
      rows.find((x) => x.name.startsWith('No sub-jobs match'))!.name,
      /^No sub-jobs match job_id=9999…9999, DELETE_SERVER, FAILED$/,
    );
    await waitFor(async () => /job_id=9999…9999/.test(await filterLine()), 5_000, { message: 'the filter line' });
    await ui.screenshot('tree-no-match');
  });

  test('Filter by This Job from the context menu and Clear Filters from the title bar', async () => {
    await vscode.commands.executeCommand('workspaceJobs.clearFilters');
    const failedJob = simulator.subJobs().find((s) => s.status === 'FAILED')!;
    await vscode.commands.executeCommand('workspaceJobs.filterByStatus', 'FAILED');
    await waitForViewRows((r) => statusGroups(r).length === 1);
    await ui.clickRow({ label: 'FAILED', view: VIEW });
    const name = failedJob.job_resource_info.resource_name;
    await waitForViewRows((r) => r.some((x) => x.name === name));
    await ui.clickRow({ label: name, view: VIEW, button: 'right' });
    const menu = await waitFor(async () => {
      const items = await ui.menu();
      return items.length ? items : undefined;
    });
    const labels = menu.map((m) => m.label);
    for (const wanted of ['Show Details', 'Filter by This Job', 'Copy Sub-Job ID', 'Copy Job ID'])
      assert.ok(labels.includes(wanted), `${wanted} in ${labels}`);
    await ui.click({ text: 'Filter by This Job', selector: '.context-view .action-label' });
    const siblings = simulator.subJobs().filter((s) => s.job_id === failedJob.job_id && s.status === 'FAILED').length;
    await waitFor(async () => (await filterLine()).includes(`job_id=${failedJob.job_id.slice(0, 4)}`));
    await waitForViewRows((r) => JSON.stringify(statusGroups(r)) === JSON.stringify([`FAILED ${siblings}`]));
    await ui.screenshot('tree-filtered');

    await ui.click({
      selector:
        '.pane-header .action-label[aria-label^="Clear Filters"], .title-actions .action-label[aria-label^="Clear Filters"]',
    });
    await waitFor(async () => (await filterLine()) === '');
    // The title bar redraws a moment after the context key behind the button changes.
    await waitFor(async () => !(await ui.view(VIEW)).actions?.includes('Clear Filters'), 5_000, {
      message: () => 'the clear button hides once nothing is filtered',
    });
    await waitForViewRows((r) => statusGroups(r).length > 1);
  });
});
