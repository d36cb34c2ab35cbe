// IAM Identity Center end to end against the simulator over loopback: the device flow approved
// through the simulator's page (its form posted as a browser posts it), the portal's picks, and
// temporary keys that sign requests until they expire.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { lazySso } from '../../../src/api/lazySso';
import { ssoEndpointsFor } from '../../../src/api/ssoEndpoints';
import { AkskAuthorizer } from '../../../src/api/akskSigner';
import { SubJobClient } from '../../../src/api/subJobClient';
import { ApiError } from '../../../src/api/errors';
import { signInWithSso, SsoChoices, SsoFlowEnded } from '../../../src/core/ssoSignIn';
import { RunningSimulator, SSO_START_PATH, startSimulator } from '../../../src/simulator/server';
import type { DeviceAuthorization } from '../../../src/api/ssoOidc';
import { isVerificationPage } from '../../../src/api/ssoOidc';

let simulator: RunningSimulator;
let offset = 0;
const now = () => Date.now() + offset;

before(async () => {
  simulator = await startSimulator({ now, progress: false, size: 5, sso: { keyLifetimeMs: 60_000 } });
});
after(() => simulator.close());

/** What a browser does with the page: GET it, read the form, POST it with the button pressed. */
export async function pressOnPage(page: string, decision: 'allow' | 'deny'): Promise<string> {
  const html = await (await fetch(page)).text();
  const action = /<form method="post" action="([^"]+)"/.exec(html)?.[1];
  const userCode = /name="user_code" value="([^"]+)"/.exec(html)?.[1];
  assert.ok(action && userCode, `a form on ${page}`);
  const response = await fetch(new URL(action, page), {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ user_code: userCode, decision }).toString(),
  });
  return response.text();
}

function choices(decision: 'allow' | 'deny', picks: string[] = []): SsoChoices & { shown: DeviceAuthorization[] } {
  const shown: DeviceAuthorization[] = [];
  return {
    shown,
    showCode: (authorization) => {
      shown.push(authorization);
      void pressOnPage(authorization.verificationUriComplete ?? authorization.verificationUri, decision);
    },
    pickAccount: async (accounts) => {
      picks.push(`accounts:${accounts.map((a) => a.accountName).join(',')}`);
      return accounts[0];
    },
    pickAgency: async (agencies) => {
      picks.push(`agencies:${agencies.map((a) => a.agencyName).join(',')}`);
      return agencies[1];
    },
  };
}

const request = (signal = new AbortController().signal) => {
  const startUrl = `${simulator.url}${SSO_START_PATH}`;
  return { startUrl, region: 'cn-north-4', endpoints: ssoEndpointsFor(startUrl, 'cn-north-4')!, signal };
};

describe('IAM Identity Center sign-in (simulator)', () => {
  test('the device flow, approved on the page, gives keys of the picked agency that sign WorkspaceApp calls', async () => {
    const picks: string[] = [];
    const credential = await signInWithSso(request(), { api: lazySso, choices: choices('allow', picks) });
    assert.ok(credential);
    assert.deepEqual(picks, ['accounts:dev,ops', 'agencies:WorkspaceReadOnly,WorkspaceAdmin']);
    assert.equal(credential.accountName, 'dev');
    assert.equal(credential.agencyName, 'WorkspaceAdmin');
    assert.ok(credential.keysExpireAt > now() + 50_000 && credential.keysExpireAt <= now() + 60_000);
    const portalCalls = simulator.requests.filter(
      (r) => r.path.startsWith('/v1/assigned') || r.path === '/v1/credentials',
    );
    assert.ok(
      portalCalls.every((r) => r.headers['access-token'] === '[redacted]'),
      'the token travels in access-token',
    );
    const client = new SubJobClient({
      endpoint: simulator.url,
      projectId: simulator.projectId,
      authorizer: new AkskAuthorizer({ ...credential, projectId: simulator.projectId }),
      userAgent: 'test',
    });
    try {
      assert.equal((await client.count(['CREATE_SERVER'], {}, new AbortController().signal)) >= 0, true);
      offset += 61_000;
      await assert.rejects(
        client.count(['CREATE_SERVER'], {}, new AbortController().signal),
        (error: unknown) =>
          error instanceof ApiError && error.status === 401 && /security token has expired/.test(error.message),
      );
    } finally {
      offset = 0;
      await client.close();
    }
  });

  test('Sign Out (the abort) during the device flow: the simulator hears nothing more', async () => {
    const stop = new AbortController();
    let shown!: () => void;
    const codeShown = new Promise<void>((resolve) => (shown = resolve));
    const flow = signInWithSso(request(stop.signal), {
      api: lazySso,
      choices: { ...choices('allow'), showCode: () => shown() },
    }).catch((e: unknown) => e);
    await codeShown;
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    const polled = simulator.requests.filter((r) => r.path === '/v1/tokens').length;
    assert.ok(polled >= 1, 'it was polling');
    stop.abort(new Error('signed out'));
    const count = simulator.requests.length;
    assert.equal(((await flow) as Error).message, 'signed out');
    await new Promise((resolve) => setTimeout(resolve, 2_500));
    assert.equal(simulator.requests.length, count);
  });

  test('Deny on the page ends the flow with "denied"', async () => {
    await assert.rejects(
      signInWithSso(request(), { api: lazySso, choices: choices('deny') }),
      (error: unknown) => error instanceof SsoFlowEnded && error.reason === 'denied',
    );
  });

  test('polling faster than the interval is answered slow_down; an old device code expired_token', async () => {
    const call = { endpoint: simulator.url, signal: new AbortController().signal };
    const client = await lazySso.registerClient(call, 'test');
    const authorization = await lazySso.startDeviceAuthorization(call, client, 'http://127.0.0.1/start');
    const answer = (p: Promise<unknown>) =>
      p.then(
        () => 'token',
        (e: { answer?: string }) => e.answer,
      );
    assert.equal(await answer(lazySso.createToken(call, client, authorization.deviceCode)), 'authorization_pending');
    assert.equal(await answer(lazySso.createToken(call, client, authorization.deviceCode)), 'slow_down');
    offset += 11 * 60_000;
    try {
      assert.equal(await answer(lazySso.createToken(call, client, authorization.deviceCode)), 'expired_token');
    } finally {
      offset = 0;
    }
  });

  test('the portal refuses an unknown SSO token with a 401 that keeps the request id', async () => {
    await assert.rejects(
      lazySso.listAccounts({ endpoint: simulator.url, accessToken: 'nope', signal: new AbortController().signal }),
      (error: unknown) => error instanceof ApiError && error.status === 401 && error.requestId !== '',
    );
  });
});

test('only an https page (or http on this machine) from the OIDC answer is ever opened', () => {
  for (const page of [
    'https://device.example.com/verify?code=AB',
    'http://127.0.0.1:3000/verify',
    'http://localhost/v',
  ])
    assert.ok(isVerificationPage(page), page);
  for (const page of [
    'file:///etc/passwd',
    'vscode://ms-vscode.remote/open',
    'command:workbench.action.terminal.new',
    'http://evil.example.com/verify',
    'javascript:alert(1)',
    'not a url',
  ])
    assert.ok(!isVerificationPage(page), page);
});
