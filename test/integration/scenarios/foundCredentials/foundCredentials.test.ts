// Runs in the "found-credentials" scenario (test/harness/scenarios.mjs): the extension host started
// with the SDK variables, and a home holding the SDK credentials file and KooCLI profiles.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { RunningSimulator, startSimulator } from '../../../../src/simulator/server';
import { DEFAULT_ACCESS_KEY } from '../../../../src/simulator/signature';
import { ui, waitFor } from '../../ui';
import { closeNotifications, EXTENSION_ID, showView, statusGroups, VIEW, waitForViewRows } from '../../workbench';

const FILE_KEY = { ak: 'FILEAK00000000000001', sk: 'file-secret-key-1' };
const EDITED_FILE_KEY = { ak: 'FILEAK00000000000002', sk: 'file-secret-key-2' };
const KOOCLI_KEY = { ak: 'KOOCLIAK000000000003', sk: 'koocli-secret-key-3' };

suite('Credentials the user already keeps (SDK variables, SDK file, KooCLI)', function () {
  let simulator: RunningSimulator;

  suiteSetup(async function () {
    if (!ui.available) this.skip();
    const port = Number(process.env.WORKSPACE_JOBS_SIM_PORT);
    simulator = await startSimulator({
      port,
      progress: false,
      size: 30,
      seed: 17,
      accessKeys: [DEFAULT_ACCESS_KEY, FILE_KEY, EDITED_FILE_KEY, KOOCLI_KEY],
    });
  });

  suiteTeardown(async () => {
    await simulator?.close();
  });

  /** The access key ids that signed the sub-job calls from `from` on. */
  const signers = (from: number) =>
    new Set(
      simulator.requests
        .slice(from)
        .filter((r) => r.path.startsWith('/v1/'))
        .map((r) => r.accessKeyId),
    );

  const waitForSigner = (ak: string, from: number, message: string) =>
    waitFor(
      () => {
        const asked = simulator.requests.slice(from).filter((r) => r.accessKeyId === ak && !r.path.startsWith('/v3/'));
        return asked.some((r) => r.status === 200) && asked;
      },
      20_000,
      { message },
    );

  test('one click on the welcome view shows the sub-jobs of the key in HUAWEICLOUD_SDK_AK, no typing', async function () {
    this.timeout(90_000);
    await waitFor(() => vscode.extensions.getExtension(EXTENSION_ID)?.isActive, 15_000);
    await showView();
    const view = await waitFor(async () => {
      const v = await ui.view(VIEW);
      return v.welcome?.buttons.includes('Use the access key from HUAWEICLOUD_SDK_AK') ? v : undefined;
    }, 15_000);
    assert.ok(view.welcome?.buttons.includes('Use the SDK credentials file'), 'the SDK file is offered too');
    assert.ok(view.welcome?.buttons.includes('Use a KooCLI profile'), 'and the plain KooCLI profile');
    const before = simulator.requests.length;
    await ui.click({ text: 'Use the access key from HUAWEICLOUD_SDK_AK', selector: 'a, .monaco-button' });
    const rows = await waitForViewRows((r) => statusGroups(r).length > 0, 30_000);
    assert.ok(statusGroups(rows).length > 0);
    // No project id in the environment: IAM named the project, signed with the same key.
    const iam = simulator.requests.slice(before).find((r) => r.path === '/v3/auth/projects');
    assert.equal(iam?.accessKeyId, DEFAULT_ACCESS_KEY.ak);
    assert.equal(iam?.status, 200);
    assert.deepEqual([...signers(before)], [DEFAULT_ACCESS_KEY.ak]);
    const config = vscode.workspace.getConfiguration('workspaceJobs');
    assert.equal(config.inspect('projectId')?.globalValue, simulator.projectId);
    assert.equal(config.inspect('region')?.globalValue, 'cn-north-4');
    await ui.screenshot('found-credentials-env');
    await closeNotifications();
  });

  test('Switch Credential: the encrypted profile is shown as such; the plain KooCLI profile signs from then on', async function () {
    this.timeout(60_000);
    const before = simulator.requests.length;
    const done = vscode.commands.executeCommand('workspaceJobs.switchCredential');
    const pick = await ui.waitForQuickInput((q) => q.items.some((i) => i.label.includes('KooCLI profile locked')));
    const locked = pick.items.find((i) => i.label.includes('KooCLI profile locked'))!;
    assert.match(locked.detail, /encrypted by KooCLI.*--cli-auth-encrypt=false/);
    assert.ok(
      pick.items.some((i) => i.label.includes('KooCLI profile sso')),
      'the SSO profile is listed',
    );
    assert.ok(pick.items.some((i) => /Environment \(HUAWEICLOUD_SDK_AK\).*\(in use\)/.test(i.label)));
    await ui.screenshot('found-credentials-switch');
    await ui.type('dev-sh');
    await ui.waitForQuickInput((q) => q.items.length === 1);
    await ui.press('Enter');
    await done;
    await waitForSigner(KOOCLI_KEY.ak, before, 'requests are signed with the KooCLI profile’s key');
    const settled = simulator.requests.length;
    await ui.sleep(6_000);
    assert.deepEqual([...signers(settled)].filter(Boolean), [KOOCLI_KEY.ak], 'and only with it');
    await closeNotifications();
  });

  test('the SDK credentials file: chosen, then edited: the session restarts with the new key', async function () {
    this.timeout(60_000);
    const before = simulator.requests.length;
    const done = vscode.commands.executeCommand('workspaceJobs.switchCredential');
    await ui.waitForQuickInput((q) => q.items.some((i) => i.label.includes('SDK credentials file')));
    await ui.type('SDK credentials file');
    await ui.waitForQuickInput((q) => q.items.length === 1);
    await ui.press('Enter');
    await done;
    await waitForSigner(FILE_KEY.ak, before, 'requests are signed with the file’s key');
    const edited = simulator.requests.length;
    const file = path.join(os.homedir(), '.huaweicloud', 'credentials');
    fs.writeFileSync(file, `[basic]\nak = ${EDITED_FILE_KEY.ak}\nsk = ${EDITED_FILE_KEY.sk}\n`);
    await waitForSigner(EDITED_FILE_KEY.ak, edited, 'the edited file was read again and its key signs');
    await closeNotifications();
  });
  test('Switch Credential from the palette with two projects: All projects replaces a project’s own choice', async function () {
    this.timeout(60_000);
    const config = vscode.workspace.getConfiguration('workspaceJobs');
    const second = 'second0000000000000000000000000a';
    const endpoint = String(config.inspect('endpoint')?.globalValue ?? '');
    await config.update(
      'projects',
      [
        { projectId: simulator.projectId, region: 'cn-north-4', endpoint },
        { projectId: second, region: 'cn-north-4', endpoint },
      ],
      vscode.ConfigurationTarget.Global,
    );
    let done: Thenable<unknown> | undefined;
    let ownChoiceReplaced = false;
    try {
      // The first project gets its own choice (as "Add the projects of …" gives); the default stays the SDK file.
      await vscode.commands.executeCommand('workspaceJobs.useFoundCredential', 'env', simulator.projectId);
      await closeNotifications();
      const before = simulator.requests.length;
      done = vscode.commands.executeCommand('workspaceJobs.switchCredential');
      await ui.waitForQuickInput((q) => q.items.some((i) => i.label.includes('All projects')));
      await ui.type('All projects');
      await ui.waitForQuickInput((q) => q.items.length === 1);
      await ui.press('Enter');
      const pick = await ui.waitForQuickInput((q) => q.items.some((i) => i.label.includes('KooCLI profile dev-sh')));
      // What signs each project, not the default alone.
      assert.ok(
        pick.items.some((i) => /Environment \(HUAWEICLOUD_SDK_AK\).*\(in use by 1 of 2 projects\)/.test(i.label)),
      );
      assert.ok(pick.items.some((i) => /SDK credentials file.*\(in use by 1 of 2 projects\)/.test(i.label)));
      await ui.type('dev-sh');
      await ui.waitForQuickInput((q) => q.items.length === 1);
      await ui.press('Enter');
      await done;
      ownChoiceReplaced = true;
      // The project that had its own choice switches too.
      await waitFor(
        () =>
          simulator.requests
            .slice(before)
            .some((r) => r.path.includes(simulator.projectId) && r.accessKeyId === KOOCLI_KEY.ak && r.status === 200),
        20_000,
        { message: 'the first project’s requests are signed with the KooCLI key' },
      );
    } finally {
      // A failure half-way must not leave a quick pick open, two projects, or the first project's own
      // choice to whatever runs next.
      await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
      await Promise.race([Promise.resolve(done).catch(() => undefined), ui.sleep(5_000)]);
      await config.update('projects', undefined, vscode.ConfigurationTarget.Global);
      // With one project, the scope is "All projects" without asking: every project's own choice is dropped.
      if (!ownChoiceReplaced) await vscode.commands.executeCommand('workspaceJobs.useFoundCredential', 'sdkFile');
      await closeNotifications();
    }
  });
});
