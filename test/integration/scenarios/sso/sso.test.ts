// Runs in the "sso" scenario (test/harness/scenarios.mjs): IAM Identity Center sign-in in the real
// workbench, against the simulator's device flow, approved by posting its page's form as a browser does.
import * as assert from 'node:assert/strict';
import * as http from 'node:http';
import * as vscode from 'vscode';
import { RunningSimulator, SSO_START_PATH, startSimulator } from '../../../../src/simulator/server';
import { ui, waitFor } from '../../ui';
import {
  closeNotifications,
  configure,
  resetExtension,
  showView,
  statusGroups,
  waitForViewRows,
} from '../../workbench';

/** The browser's side of the verification page: one request, its body as text. */
function send(url: URL, method: string, body?: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const request = http.request(
      url,
      { method, headers: body ? { 'content-type': 'application/x-www-form-urlencoded' } : {} },
      (response) => {
        let text = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => (text += chunk));
        response.on('end', () => resolve(text));
      },
    );
    request.on('error', reject);
    request.end(body);
  });
}

/** GET the verification page, POST its form with Allow, as the browser would. */
async function allowOnPage(page: string): Promise<void> {
  const html = await send(new URL(page), 'GET');
  const userCode = /name="user_code" value="([^"]+)"/.exec(html)?.[1];
  assert.ok(userCode, `the page has the form: ${html.slice(0, 200)}`);
  await send(
    new URL('/sso/verify', page),
    'POST',
    new URLSearchParams({ user_code: userCode, decision: 'allow' }).toString(),
  );
}

suite('Sign In with IAM Identity Center', function () {
  this.timeout(60_000);
  let simulator: RunningSimulator;

  suiteSetup(async function () {
    if (!ui.available) this.skip();
    simulator = await startSimulator({ progress: false, size: 8, seed: 3, sso: { intervalSeconds: 1 } });
    await resetExtension();
    await vscode.commands.executeCommand('workspaceJobs.clearCredentials');
    await configure({ projectId: simulator.projectId, endpoint: simulator.url, refreshInterval: 5 });
    await showView();
  });

  suiteTeardown(async () => {
    await vscode.commands.executeCommand('workspaceJobs.clearCredentials');
    await resetExtension();
    await simulator?.close();
  });

  /** Start URL and region typed into the real boxes; resolves once the code waits in the browser. */
  async function startFlow(): Promise<{ done: Thenable<unknown> }> {
    const pending = simulator.sso.pending().length;
    const done = vscode.commands.executeCommand('workspaceJobs.signInWithSso');
    await ui.waitForQuickInput((q) => (q.title ?? '').includes('(1/2)'));
    await ui.type(`${simulator.url}${SSO_START_PATH}`, { enter: true });
    await ui.waitForQuickInput((q) => (q.title ?? '').includes('(2/2)'));
    await ui.type('cn-north-4', { enter: true });
    await waitFor(() => simulator.sso.pending().length > pending, 10_000);
    // Wrapped: an async function returning the command's thenable would wait for it to settle.
    return { done };
  }

  async function pick(title: RegExp, label: string): Promise<void> {
    await ui.waitForQuickInput((q) => title.test(q.title ?? ''));
    await ui.type(label, { enter: true });
  }

  test('the device flow approved in the "browser", account and agency picked: the sub-jobs show, signed with the temporary keys', async () => {
    const from = simulator.requests.length;
    const { done } = await startFlow();
    await allowOnPage(simulator.sso.pending().at(-1)!.verificationUriComplete);
    await pick(/which account/, 'dev');
    await pick(/which agency/, 'WorkspaceReadOnly');
    assert.equal(await done, true);
    const rows = await waitForViewRows((r) => statusGroups(r).length > 0);
    assert.ok(statusGroups(rows).length > 0);
    const signed = simulator.requests
      .slice(from)
      .filter((r) => r.path.includes('image-server-sub-jobs') && r.status === 200);
    assert.ok(signed.length > 0 && signed.every((r) => r.headers['x-sdk-date'] && r.headers['x-security-token']));
    await closeNotifications();
  });

  test('Sign Out during the device flow: nothing is sent after it', async () => {
    const { done } = await startFlow();
    await waitFor(() => simulator.requests.some((r) => r.path === '/v1/tokens'), 5_000);
    await vscode.commands.executeCommand('workspaceJobs.signOut');
    const count = simulator.requests.length;
    assert.equal(await done, false);
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    assert.deepEqual(
      simulator.requests.slice(count).map((r) => r.path),
      [],
    );
    await closeNotifications();
  });

  test('Sign Out during a renewal of the temporary keys: nothing is sent after it', async () => {
    simulator.sso.configure({ keyLifetimeMs: 8_000 });
    const { done } = await startFlow();
    await allowOnPage(simulator.sso.pending().at(-1)!.verificationUriComplete);
    await pick(/which account/, 'ops');
    assert.equal(await done, true);
    const issued = simulator.requests.filter((r) => r.path === '/v1/credentials').length;
    // The renewal's request waits 4 s for its answer: Sign Out lands while it is in flight.
    simulator.setFaults({ latencyMs: 4_000 });
    await waitFor(() => simulator.requests.filter((r) => r.path === '/v1/credentials').length > issued, 15_000);
    await vscode.commands.executeCommand('workspaceJobs.signOut');
    const count = simulator.requests.length;
    simulator.clearFaults();
    await new Promise((resolve) => setTimeout(resolve, 6_000));
    assert.deepEqual(
      simulator.requests.slice(count).map((r) => r.path),
      [],
    );
    await closeNotifications();
  });
});
