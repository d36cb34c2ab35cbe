// Runs in the "user-settings" scenario (test/harness/scenarios.mjs): the project, endpoint and
// interval were written by hand into User/settings.json before code-server started, not through the API.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { RunningSimulator, startSimulator } from '../../../../src/simulator/server';
import { ui, waitFor } from '../../ui';
import {
  closeNotifications,
  EXTENSION_ID,
  rowsOfView,
  setTokenThroughInputBox,
  showView,
  statusGroups,
  VIEW,
  waitForViewRows,
} from '../../workbench';

suite('Settings written by hand into the user settings.json of a remote window', function () {
  let simulator: RunningSimulator;

  suiteSetup(async function () {
    if (!ui.available) this.skip();
    const port = Number(process.env.WORKSPACE_JOBS_SIM_PORT);
    assert.ok(port > 0, 'the harness picked the port the settings point at');
    simulator = await startSimulator({ port, progress: false, token: 'hand-written-token', size: 30, seed: 11 });
    // Not activated here: the first test checks that start-up alone activates the extension.
  });

  suiteTeardown(async () => {
    await simulator?.close();
  });

  test('after start-up with another view in front: the status bar item appears and a RUNNING → FAILED flip is notified, the view never opened', async function () {
    this.timeout(60_000);
    const extension = vscode.extensions.getExtension(EXTENSION_ID)!;
    await waitFor(() => extension.isActive, 15_000, { message: 'the extension activated after start-up by itself' });
    assert.equal((await ui.view(VIEW)).found, false, 'the WorkspaceApp Jobs view was never shown');
    // No credential yet: the item says so, from the session activation made.
    await waitFor(
      async () =>
        (await ui.statusBar()).find((i) => /Workspace Jobs/.test(i.ariaLabel) && /not connected/.test(i.text)),
      10_000,
      { message: 'the status bar item appeared without the view' },
    );
    // A command, not the view: Set Token.
    await setTokenThroughInputBox('hand-written-token');
    const active = simulator.subJobs().filter((s) => ['WAITING', 'RUNNING', 'ROLLBACK', 'ABORTING'].includes(s.status));
    const counted = await waitFor(
      async () => (await ui.statusBar()).find((i) => /Workspace Jobs/.test(i.ariaLabel) && /in progress/.test(i.text)),
      15_000,
      { message: 'the status bar counted the project' },
    );
    assert.equal(counted.text.replace(/\s+/g, ' ').trim(), `${active.length} in progress`);
    // The first refresh's groups are in before one of them fails: it is followed from then on.
    await ui.sleep(6_000);
    const running = active[0];
    simulator.setStatus(running.id, 'FAILED', { code: 'WKS.00129901', message: 'The image could not be built.' });
    const note = await ui.waitForNotification(
      new RegExp(`sub-job ${running.job_resource_info.resource_name} failed`),
      15_000,
    );
    assert.equal(note.severity, 'error');
    // Seen by nobody yet: the status bar says so, beside the badge.
    const told = await waitFor(
      async () => (await ui.statusBar()).find((i) => /Workspace Jobs/.test(i.ariaLabel) && /failed/.test(i.text)),
      10_000,
      { message: 'the status bar shows the failure not seen yet' },
    );
    assert.equal(told.text.replace(/\s+/g, ' ').trim(), `${active.length - 1} in progress · 1 failed`);
    await ui.screenshot('startup-status-bar-without-view');
    assert.equal((await ui.view(VIEW)).found, false, 'still never shown');
    await closeNotifications();
  });

  test('VS Code reads them as user settings', () => {
    const inspected = vscode.workspace.getConfiguration('workspaceJobs').inspect<string>('projectId');
    assert.equal(inspected?.globalValue, simulator.projectId);
    assert.equal(
      vscode.workspace.getConfiguration('workspaceJobs').inspect<string>('endpoint')?.globalValue,
      simulator.url,
    );
  });

  test('a token, then a change of another setting: the tree stays, and commands still see the project', async () => {
    await showView();
    await setTokenThroughInputBox('hand-written-token');
    await waitForViewRows((rows) => statusGroups(rows).length > 0);
    // The first change of any setting is what used to drop machine-scoped values in a remote window.
    await vscode.workspace
      .getConfiguration('workspaceJobs')
      .update('jobTypes', ['CREATE_SERVER', 'DELETE_SERVER'], vscode.ConfigurationTarget.Global);
    const before = simulator.requests.length;
    await waitFor(
      () =>
        simulator.requests
          .slice(before)
          .some((r) => r.query.job_type === 'DELETE_SERVER' || (r.query.job_type ?? '').includes('DELETE_SERVER')),
      10_000,
      {
        message: 'the view refreshed with the new job types',
      },
    );
    const rows = await waitForViewRows((r) => statusGroups(r).length > 0);
    assert.equal(rows[0].name, simulator.projectId);
    const view = await ui.view(VIEW);
    assert.equal(view.welcome ?? null, null, 'the welcome page did not come back');
    // A later command still acts on the configured project.
    await vscode.commands.executeCommand('workspaceJobs.refresh');
    assert.equal((await rowsOfView())[0].name, simulator.projectId);
    await vscode.workspace
      .getConfiguration('workspaceJobs')
      .update('jobTypes', undefined, vscode.ConfigurationTarget.Global);
  });

  test('the Settings editor offers them as user settings', async () => {
    await vscode.commands.executeCommand('workbench.action.openSettings', 'workspaceJobs.projectId');
    const input = await waitFor(
      async () => (await ui.query('.settings-editor .setting-item-contents input')).find((e) => e.visible),
      10_000,
    );
    await ui.screenshot('settings-editor-project-id');
    assert.ok(input, 'the setting is shown with an input box');
    const text = (await ui.query('.settings-editor .setting-item-contents'))[0]?.text ?? '';
    assert.match(text, /A user setting/);
    // The Workspace tab does not offer it: a workspace cannot set where credentials go.
    await ui.click({ selector: '.settings-editor .settings-tabs-widget .action-label', text: 'Workspace' });
    await waitFor(
      async () => !(await ui.query('.settings-editor .setting-item-contents input')).some((e) => e.visible),
      10_000,
      { message: 'no project id input under Workspace' },
    );
    await ui.screenshot('settings-editor-workspace-tab');
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
  });
});
