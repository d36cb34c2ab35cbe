// Runs in the "koocli-only" scenario (test/harness/scenarios.mjs): a home holding only KooCLI's
// config, one plain-text profile and one encrypted; no SDK variables, no SDK file, no project.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { RunningSimulator, startSimulator } from '../../../../src/simulator/server';
import { ui, waitFor } from '../../ui';
import { closeNotifications, EXTENSION_ID, showView, statusGroups, VIEW, waitForViewRows } from '../../workbench';

const KOOCLI_KEY = { ak: 'KOOCLIAK000000000003', sk: 'koocli-secret-key-3' };

suite('A new user with only a KooCLI profile', function () {
  let simulator: RunningSimulator;

  suiteSetup(async function () {
    if (!ui.available) this.skip();
    simulator = await startSimulator({
      port: Number(process.env.WORKSPACE_JOBS_SIM_PORT),
      progress: false,
      size: 30,
      seed: 17,
      accessKeys: [KOOCLI_KEY],
    });
  });

  suiteTeardown(async () => {
    await simulator?.close();
  });

  test('one click on the welcome view shows the sub-jobs signed with the plain profile, no typing', async function () {
    this.timeout(90_000);
    await waitFor(() => vscode.extensions.getExtension(EXTENSION_ID)?.isActive, 15_000);
    await showView();
    const view = await waitFor(async () => {
      const v = await ui.view(VIEW);
      return v.welcome?.buttons.includes('Use a KooCLI profile') ? v : undefined;
    }, 15_000);
    const buttons = view.welcome?.buttons ?? [];
    assert.ok(!buttons.includes('Use the access key from HUAWEICLOUD_SDK_AK'), 'no environment key is offered');
    assert.ok(!buttons.includes('Use the SDK credentials file'), 'no SDK file is offered');
    await ui.click({ text: 'Use a KooCLI profile', selector: 'a, .monaco-button' });
    // The encrypted profile cannot sign, so the plain one is used without a pick.
    const rows = await waitForViewRows((r) => statusGroups(r).length > 0, 30_000);
    assert.ok(statusGroups(rows).length > 0);
    const signers = new Set(simulator.requests.filter((r) => r.path.startsWith('/v1/')).map((r) => r.accessKeyId));
    assert.deepEqual([...signers], [KOOCLI_KEY.ak], 'every sub-job call is signed with the profile’s key');
    assert.ok(
      simulator.requests.every((r) => r.status !== 401 && r.status !== 403),
      'no request was refused',
    );
    const config = vscode.workspace.getConfiguration('workspaceJobs');
    assert.equal(config.inspect('projectId')?.globalValue, simulator.projectId, 'the profile’s project is set up');
    assert.equal(config.inspect('region')?.globalValue, 'cn-north-4');
    await ui.screenshot('found-credentials-koocli');
    await closeNotifications();
  });
});
