import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { DEFAULT_ACCESS_KEY, RunningSimulator, startSimulator } from '../../../src/simulator/server';
import { ui, waitFor } from '../ui';
import {
  closeNotifications,
  configure,
  expandRow,
  EXTENSION_ID,
  resetExtension,
  showView,
  statusGroups,
  VIEW,
  waitForViewRows,
} from '../workbench';

const stepOf = (n: number) => (q: { title?: string }) => (q.title ?? '').includes(`(${n}/`);

suite('Prompts that keep what was typed', function () {
  let simulator: RunningSimulator;

  suiteSetup(async function () {
    if (!ui.available) this.skip();
    simulator = await startSimulator({ progress: false, size: 12, seed: 15 });
    await vscode.extensions.getExtension(EXTENSION_ID)!.activate();
    await resetExtension();
    await vscode.commands.executeCommand('workspaceJobs.clearCredentials');
    await vscode.commands.executeCommand('workspaceJobs.clearFilters');
  });

  suiteTeardown(async () => {
    await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
    await resetExtension();
    await vscode.commands.executeCommand('workspaceJobs.clearCredentials');
    await simulator?.close();
  });

  test('Escape on a security token typed asks first; the access key is kept either way', async () => {
    await configure({ projectId: simulator.projectId, endpoint: simulator.url, refreshInterval: 5 });
    await showView();
    const before = simulator.requests.length;
    const done = vscode.commands.executeCommand('workspaceJobs.setAccessKey');
    await ui.waitForQuickInput(stepOf(1));
    await ui.type(DEFAULT_ACCESS_KEY.ak, { enter: true });
    await ui.waitForQuickInput(stepOf(2));
    await ui.type(DEFAULT_ACCESS_KEY.sk, { enter: true });
    await ui.waitForQuickInput(stepOf(3));
    await typeIntoBox('half-a-token');
    // Something typed in the optional box: Escape asks instead of dropping it.
    await ui.press('Escape');
    const isQuestion = (q: { items: Array<{ label: string }> }) =>
      q.items.some((i) => /Save without a security token/.test(i.label));
    const question = await ui.waitForQuickInput(isQuestion, 5_000);
    assert.deepEqual(
      question.items.map((i) => i.label),
      ['Save with the security token typed', 'Save without a security token', 'Go back to the step'],
    );
    assert.match(question.placeholder ?? '', /security token typed/);
    await ui.screenshot('prompt-escape-typed-token');
    // Escape on the question goes back to the box, with what was typed.
    await ui.press('Escape');
    const again = await ui.waitForQuickInput(stepOf(3), 5_000);
    assert.equal(again.value, 'half-a-token');
    await ui.press('Escape');
    await ui.waitForQuickInput(isQuestion, 5_000);
    await ui.type('without', { enter: true });
    assert.equal(await done, true, 'Set Access Key finished with the key saved');
    await ui.waitForNotification(/without a security token/);
    await closeNotifications();
    await waitForViewRows((r) => statusGroups(r).length > 0);
    const signed = simulator.requests.slice(before).filter((r) => r.headers.authorization === '[redacted]');
    assert.ok(signed.length > 0, 'requests are signed with the access key');
    assert.ok(signed.every((r) => r.status === 200));
  });

  test('a watched row shows an eye; the status bar says (filtered); the funnel offers every filter', async () => {
    const running = simulator.subJobs().find((x) => x.status === 'RUNNING')!;
    const name = running.job_resource_info.resource_name;
    await expandRow('RUNNING');
    await waitForViewRows((r) => r.some((x) => x.name === name));
    await ui.clickRow({ label: name, view: VIEW, button: 'right' });
    await ui.menuSelect('Watch Sub-Job');
    const rows = await waitForViewRows((r) => r.some((x) => x.name === name && /watched/.test(x.description)));
    assert.equal(rows.find((x) => x.name === name)!.icon, 'eye');
    await ui.screenshot('tree-watched-row');
    await vscode.commands.executeCommand('workspaceJobs.unwatch', running.id);

    await vscode.commands.executeCommand('workspaceJobs.filterByStatus', 'RUNNING');
    const item = await waitFor(async () =>
      (await ui.statusBar()).find((i) => /Workspace Jobs/.test(i.ariaLabel) && /\(filtered\)/.test(i.text)),
    );
    assert.match(item.text, /in progress/);
    await vscode.commands.executeCommand('workspaceJobs.clearFilters');
    await waitFor(async () =>
      (await ui.statusBar()).find((i) => /in progress|all finished/.test(i.text) && !/filtered/.test(i.text)),
    );

    const menu = vscode.commands.executeCommand('workspaceJobs.filter');
    const pick = await ui.waitForQuickInput((q) => q.items.length >= 3);
    assert.deepEqual(
      pick.items.map((i) => i.label),
      ['Job Type…', 'Job ID…', 'Status…'],
    );
    await ui.press('Escape');
    assert.equal(await menu, false);
  });

  test('Back returns to the previous step with its value kept, and forward shows the step Back was pressed on', async () => {
    const done = vscode.commands.executeCommand('workspaceJobs.setAccessKey');
    await ui.waitForQuickInput(stepOf(1));
    await typeIntoBox('HPUABACKBACK1234');
    await ui.press('Enter');
    await ui.waitForQuickInput(stepOf(2));
    await typeIntoBox('secret-typed-before-back');
    await vscode.commands.executeCommand('workbench.action.quickInputBack');
    const first = await ui.waitForQuickInput(stepOf(1), 5_000);
    assert.equal(first.value, 'HPUABACKBACK1234');
    await ui.press('Enter');
    const second = await ui.waitForQuickInput(stepOf(2), 5_000);
    assert.equal(second.value, 'secret-typed-before-back', 'the secret typed before Back');
    // Escape on a required step with something typed asks first; the first item discards.
    await ui.press('Escape');
    await ui.waitForQuickInput((q) => q.items.some((i) => /Discard/.test(i.label)), 5_000);
    await ui.press('Enter');
    assert.equal(await done, false, 'Discard cancels');
  });

  test('two Escapes in Configure Project do not save the project', async () => {
    await resetExtension();
    const done = vscode.commands.executeCommand('workspaceJobs.configureProject');
    await ui.waitForQuickInput(stepOf(1));
    await typeIntoBox(simulator.projectId);
    await ui.press('Enter');
    await ui.waitForQuickInput(stepOf(2));
    await ui.press('Enter');
    await ui.waitForQuickInput(stepOf(3));
    await ui.press('Escape');
    await ui.sleep(300);
    await ui.press('Escape');
    await ui.sleep(500);
    const config = vscode.workspace.getConfiguration('workspaceJobs');
    assert.equal(config.inspect('projectId')?.globalValue, undefined, 'nothing saved after two Escapes');
    // The question's Escape went back to the step, with what was typed; leave for good this time.
    const again = await ui.waitForQuickInput(stepOf(3), 5_000);
    assert.ok(again.visible);
    await ui.press('Escape');
    await ui.waitForQuickInput((q) => q.items.some((i) => /Discard/.test(i.label)), 5_000);
    await ui.press('Enter');
    assert.equal(await done, false);
    assert.equal(config.inspect('projectId')?.globalValue, undefined);
  });

  test('Configure Project says where the project id is, warns about a region name, finds a region by city', async () => {
    await resetExtension();
    const done = vscode.commands.executeCommand('workspaceJobs.configureProject');
    const first = await ui.waitForQuickInput(stepOf(1));
    assert.match(first.message ?? '', /My Credentials/, 'where to find the id, before anything is typed');
    await typeIntoBox('cn-north-4');
    // The step's own hint names "the region" too: wait for the warning about what was typed.
    const warned = await ui.waitForQuickInput((q) => /cn-north-4/.test(q.message ?? ''), 5_000);
    assert.match(warned.message ?? '', /region/i);
    assert.match(warned.message ?? '', /cn-north-4/);
    await typeIntoBox(simulator.projectId);
    await ui.press('Enter');
    await ui.waitForQuickInput(stepOf(2));
    await typeIntoBox('singapore');
    const found = await ui.waitForQuickInput((q) => q.items.length > 0, 5_000);
    // Huawei Cloud's AP-Singapore is ap-southeast-3 (ap-southeast-1 is CN-Hong Kong).
    assert.equal(found.items[0].label, 'ap-southeast-3');
    await ui.press('Enter');
    await ui.waitForQuickInput(stepOf(3));
    await ui.press('Enter');
    assert.equal(await done, true);
    await ui.waitForNotification(/ap-southeast-3/);
    assert.equal(vscode.workspace.getConfiguration('workspaceJobs').get('region'), 'ap-southeast-3');
    await closeNotifications();
  });

  test('an unknown region typed and Enter says so', async () => {
    const done = vscode.commands.executeCommand('workspaceJobs.configureProject');
    // One project configured: the first step picks which to change.
    await ui.waitForQuickInput((q) => stepOf(1)(q) && q.items.length > 0);
    await ui.press('Enter');
    await ui.waitForQuickInput(stepOf(2));
    await ui.press('Enter');
    await ui.waitForQuickInput(stepOf(3));
    await typeIntoBox('xx-nowhere-9');
    await ui.press('Enter');
    const said = await ui.waitForQuickInput((q) => q.items.some((i) => /xx-nowhere-9/.test(i.label)), 5_000);
    assert.match(said.items.find((i) => /xx-nowhere-9/.test(i.label))!.label, /No WorkspaceApp region matches/);
    await ui.sleep(300);
    assert.ok((await ui.quickInput()).visible, 'Enter on it keeps the region step open');
    assert.match((await ui.quickInput()).title ?? '', /\(3\/4\)/);
    await ui.press('Escape');
    await done;
  });

  test('Add Credentials offers the access key first, from the "No credentials" row', async () => {
    await vscode.commands.executeCommand('workspaceJobs.clearCredentials');
    await configure({ projectId: simulator.projectId, endpoint: simulator.url, region: undefined });
    await showView();
    await waitForViewRows((r) => r.some((x) => x.name.startsWith('No credentials')));
    // The settings and credentials written just above reload the view more than once; a click on a
    // row redrawn meanwhile reaches a command VS Code has already let go of. A user clicks again.
    let pick: Awaited<ReturnType<typeof ui.waitForQuickInput>> | undefined;
    for (let attempt = 0; attempt < 3 && !pick; attempt++) {
      await ui.clickRow({ label: (await waitForRow(/^No credentials/)).name });
      pick = await ui.waitForQuickInput((q) => q.items.length >= 3, 3_000).catch(() => undefined);
    }
    assert.ok(pick, 'no picker after three clicks on the "No credentials" row');
    assert.match(pick.items[0].label, /access key/i);
    assert.match(pick.items[1].label, /token/i);
    assert.match(pick.items[2].label, /sign in/i);
    await ui.press('Escape');
  });
});

/**
 * Types into the open input box as a user does, and again when the keys went elsewhere: a box just
 * shown (after settings were reset, notifications closed) may not have taken the focus yet.
 */
async function typeIntoBox(text: string): Promise<void> {
  for (let attempt = 0; attempt < 3; attempt++) {
    await ui.sleep(100 * attempt);
    await ui.press('Control+a');
    await ui.type(text);
    if (
      await ui
        .waitForQuickInput((q) => q.value === text, 2_000)
        .then(
          () => true,
          () => false,
        )
    )
      return;
  }
  assert.fail(`the input box never held "${text}"`);
}

async function waitForRow(name: RegExp) {
  const rows = await waitForViewRows((r) => r.some((x) => name.test(x.name)));
  return rows.find((x) => name.test(x.name))!;
}
