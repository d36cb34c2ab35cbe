import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { DEFAULT_IAM_USER, DEFAULT_MFA_USER, RunningSimulator, startSimulator } from '../../../src/simulator/server';
import { simulatedUserId } from '../../../src/simulator/iam';
import { totpCode } from '../../../src/simulator/totp';
import { ui } from '../ui';
import {
  answer,
  closeNotifications,
  configure,
  resetExtension,
  showView,
  statusGroups,
  waitForViewRows,
} from '../workbench';

// IAM documents no answer of its own to the password alone of a user with virtual MFA; the simulator
// gives the ordinary 401, as IAM most likely does, so the user is asked whether a code is needed.
suite('Sign In with a virtual MFA code', function () {
  // Five to seven boxes typed into, and IAM asked two or three times.
  this.timeout(90_000);
  let simulator: RunningSimulator;
  const seed = DEFAULT_MFA_USER.mfaSeed!;
  const userId = simulatedUserId(DEFAULT_MFA_USER);

  suiteSetup(async function () {
    if (!ui.available) this.skip();
    simulator = await startSimulator({ progress: false, size: 12, seed: 4 });
    await resetExtension();
    await showView();
  });

  suiteTeardown(async () => {
    await resetExtension();
    await vscode.commands.executeCommand('workspaceJobs.clearCredentials');
    await simulator?.close();
  });

  /** The command's result within 20 s, or what was on screen instead. */
  async function settled(done: Thenable<unknown>): Promise<unknown> {
    const late = new Promise((resolve) => setTimeout(() => resolve('late'), 20_000));
    const result = await Promise.race([done, late]);
    if (result === 'late') {
      const shot = await ui.screenshot('mfa-late');
      const box = await ui.quickInput();
      const notes = (await ui.notifications()).map((n) => n.message);
      assert.fail(
        `sign-in still open: ${JSON.stringify({ ...box, items: [] })}; notifications ${JSON.stringify(notes)}; ${shot}`,
      );
    }
    return result;
  }

  /** Account, user and password typed into the real boxes, then "ask me again" picked. */
  async function passwordSteps(): Promise<{ done: Thenable<unknown> }> {
    const { done } = await answer('workspaceJobs.signIn', [
      DEFAULT_MFA_USER.domain,
      DEFAULT_MFA_USER.user,
      DEFAULT_MFA_USER.password,
    ]);
    await ui.waitForQuickInput((q) => (q.title ?? '').includes('(4/4)'));
    await ui.press('Enter');
    // Wrapped: an async function returning the command's thenable would wait for it to settle.
    return { done };
  }

  /** Statuses of IAM's answers to the token requests since `from`. */
  const tokenCalls = (from: number) =>
    simulator.requests
      .slice(from)
      .filter((r) => r.path === '/v3/auth/tokens')
      .map((r) => r.status);

  test('IAM refuses the password alone with the usual 401; Enter MFA Code asks the user ID and code, and the tree loads', async () => {
    await vscode.commands.executeCommand('workspaceJobs.clearCredentials');
    await configure({ projectId: undefined, endpoint: simulator.url });
    await closeNotifications();
    const from = simulator.requests.length;
    const { done } = await passwordSteps();
    const refusal = await ui.waitForNotification(/IAM refused the user name or password/);
    assert.match(refusal.message, /virtual MFA device gets the same answer/);
    assert.deepEqual(refusal.buttons, ['Enter MFA Code', 'Try Again']);
    await ui.click({ selector: '.notification-toast-container .monaco-button', text: 'Enter MFA Code' });
    const idBox = await ui.waitForQuickInput((q) => (q.title ?? '').includes('(5/6)'));
    assert.match(idBox.message ?? '', /IAM user ID/);
    await ui.type(userId, { enter: true });
    const codeBox = await ui.waitForQuickInput((q) => (q.title ?? '').includes('(6/6)'));
    assert.equal(codeBox.password, true, 'the code is typed into a password box');
    await ui.type(totpCode(seed, Date.now()), { enter: true });
    assert.equal(await settled(done), true);
    await waitForViewRows((r) => statusGroups(r).length > 0);
    assert.deepEqual(tokenCalls(from), [401, 201], 'the password alone, refused; then password + code');
    await closeNotifications();
  });

  test('a second Sign In of the same user goes straight to the code: no password-only request', async () => {
    const from = simulator.requests.length;
    const { done } = await passwordSteps();
    const codeBox = await ui.waitForQuickInput((q) => (q.title ?? '').includes('(5/5)'));
    assert.equal(codeBox.password, true);
    await ui.type(totpCode(seed, Date.now()), { enter: true });
    assert.equal(await settled(done), true);
    assert.deepEqual(tokenCalls(from), [201]);
    await closeNotifications();
  });

  test('a wrong code is asked again with the user ID kept, and a non-MFA user sees no MFA step', async () => {
    const { done } = await passwordSteps();
    // Known from the sign-in before: only the code is asked, as the last step.
    await ui.waitForQuickInput((q) => (q.title ?? '').includes('(5/5)'));
    // A code other than the one just used, so IAM's refusal is about this one.
    const right = totpCode(seed, Date.now());
    await ui.type(right === '000000' ? '111111' : '000000', { enter: true });
    const again = await ui.waitForQuickInput((q) => (q.title ?? '').includes('(5/6)'));
    assert.equal(again.value, userId);
    assert.match(again.message ?? '', /The verification code is wrong/, "IAM's own words");
    await ui.press('Enter');
    const retry = await ui.waitForQuickInput((q) => (q.title ?? '').includes('(6/6)'));
    assert.match(retry.message ?? '', /refused/);
    await ui.type(totpCode(seed, Date.now()), { enter: true });
    assert.equal(await settled(done), true);
    await closeNotifications();

    const plain = await answer('workspaceJobs.signIn', [
      DEFAULT_IAM_USER.domain,
      DEFAULT_IAM_USER.user,
      DEFAULT_IAM_USER.password,
    ]);
    await ui.waitForQuickInput((q) => (q.title ?? '').includes('(4/4)'));
    await ui.press('Enter');
    assert.equal(await settled(plain.done), true);
    await closeNotifications();
  });
});
