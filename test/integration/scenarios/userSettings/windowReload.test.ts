// Runs in the "user-settings" scenario after userSettings.test.ts: the window is reloaded ("Developer:
// Reload Window") with the Explorer in front. The extension host ends with it, and this suite's own
// process too: the reloaded window runs the entry point again (test/integration/index.ts), which
// then runs only the tests titled AFTER_RELOAD, counted together with those before.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { startSimulator } from '../../../../src/simulator/server';
import { AFTER_RELOAD, expectReload, reloaded } from '../../index';
import { ui, waitFor } from '../../ui';
import { closeNotifications, EXTENSION_ID, VIEW } from '../../workbench';

const TOKEN = 'hand-written-token';
const port = () => Number(process.env.WORKSPACE_JOBS_SIM_PORT);
const ours = async (text: RegExp) =>
  (await ui.statusBar()).find((i) => /Workspace Jobs$/.test(i.ariaLabel) && text.test(i.text));

suite('A window reload', function () {
  test('reloads the window with the Explorer in front (the tests after it run in the reloaded window)', async function () {
    if (!ui.available || reloaded) this.skip();
    // This extension host ends with the window: the test never returns.
    this.timeout(0);
    await vscode.commands.executeCommand('workbench.view.explorer');
    await waitFor(async () => !(await ui.view(VIEW)).found, 10_000, { message: 'the Explorer is in front' });
    await closeNotifications();
    expectReload();
    await vscode.commands.executeCommand('workbench.action.reloadWindow');
    await new Promise(() => undefined);
  });
});

suite(`After a window reload with the Explorer in front ${AFTER_RELOAD}`, function () {
  test('the status bar item comes back and a RUNNING → FAILED flip is notified, the view never opened', async function () {
    if (!ui.available || !reloaded) this.skip();
    this.timeout(90_000);
    // The settings point at this port; the token typed before the reload is in the secret store.
    const simulator = await startSimulator({ port: port(), progress: false, token: TOKEN, size: 30, seed: 11 });
    try {
      const extension = vscode.extensions.getExtension(EXTENSION_ID)!;
      await waitFor(() => extension.isActive, 15_000, { message: 'the extension activated after the reload' });
      assert.equal((await ui.view(VIEW)).found, false, 'the WorkspaceApp Jobs view is not shown');
      const active = simulator
        .subJobs()
        .filter((s) => ['WAITING', 'RUNNING', 'ROLLBACK', 'ABORTING'].includes(s.status));
      const counted = await waitFor(() => ours(/in progress/), 20_000, { message: 'the status bar item came back' });
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
      const told = await waitFor(() => ours(/failed/), 10_000, { message: 'the status bar shows the failure' });
      assert.equal(told.text.replace(/\s+/g, ' ').trim(), `${active.length - 1} in progress · 1 failed`);
      await ui.screenshot('status-bar-after-window-reload');
      assert.equal((await ui.view(VIEW)).found, false, 'still never shown');
      await closeNotifications();
    } finally {
      await simulator.close();
    }
  });
});
