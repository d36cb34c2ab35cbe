// Runs in the "untrusted" scenario (test/harness/scenarios.mjs): workspace trust is on and the
// folder, a cloned repository, is not trusted. Its .vscode/settings.json narrows the job types (it
// may), sets the refresh interval to 7 s (restricted) and points the endpoint at a decoy (user only).
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { RunningSimulator, startSimulator } from '../../../../src/simulator/server';
import { ui } from '../../ui';
import { EXTENSION_ID, setTokenThroughInputBox, showView, statusGroups, waitForViewRows } from '../../workbench';

suite('An untrusted workspace', function () {
  let simulator: RunningSimulator;
  let decoy: RunningSimulator;

  suiteSetup(async function () {
    if (!ui.available) this.skip();
    simulator = await startSimulator({
      port: Number(process.env.WORKSPACE_JOBS_SIM_PORT),
      progress: false,
      token: 'untrusted-token',
      size: 20,
    });
    decoy = await startSimulator({
      port: Number(process.env.WORKSPACE_JOBS_DECOY_PORT),
      progress: false,
      token: 'untrusted-token',
      size: 5,
    });
    await vscode.extensions.getExtension(EXTENSION_ID)?.activate();
  });

  suiteTeardown(async () => {
    await simulator?.close();
    await decoy?.close();
  });

  test('opens in restricted mode, and the extension still runs', () => {
    assert.equal(vscode.workspace.isTrusted, false);
    assert.equal(vscode.extensions.getExtension(EXTENSION_ID)?.isActive, true);
  });

  test('the repository cannot set the refresh interval (restricted) nor where credentials go (user settings only)', async () => {
    const config = vscode.workspace.getConfiguration('workspaceJobs');
    assert.deepEqual(
      config.get('jobTypes'),
      ['CREATE_SERVER', 'DELETE_SERVER'],
      'VS Code did read the file (a setting a workspace may set)',
    );
    assert.equal(config.get('refreshInterval'), 30, 'but an untrusted workspace does not get to set it');
    await showView();
    await setTokenThroughInputBox('untrusted-token');
    const rows = await waitForViewRows((r) => statusGroups(r).length > 0);
    assert.equal(rows[0].description, `cn-north-4 · 127.0.0.1:${new URL(simulator.url).port}`);
    assert.equal(decoy.requests.length, 0, 'the decoy never saw the token');
    const before = simulator.requests.length;
    await ui.sleep(9_000);
    // At the workspace's 7 s there would be a refresh by now; at the user's 30 s there is none.
    assert.equal(simulator.requests.length, before);
  });
});
