import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { AddressInfo } from 'node:net';
import { inspect } from 'node:util';
import { after, before, describe, it } from 'node:test';
import { ApiError, NetworkError, ResponseError } from '../../../src/api/errors';
import { iamEndpointForRegion, ProjectTokenRequest, requestProjectToken } from '../../../src/api/iamClient';
import { REGIONS } from '../../../src/api/regions';
import { DEFAULT_IAM_USER, RunningSimulator, startSimulator } from '../../../src/simulator/server';
import { tokenClient } from '../simulatorClient';
import { signInRequest } from './iamSignIn';

const START = Date.parse('2026-03-07T10:40:43.858Z');
const DAY = 24 * 60 * 60_000;
const PASSWORD = 'Corr3ct-Horse!';
const USER = { domain: 'acme', user: 'alice', password: PASSWORD };

let simulator: RunningSimulator;
let now = START;
const signal = () => new AbortController().signal;

before(async () => {
  simulator = await startSimulator({
    now: () => now,
    progress: false,
    size: 30,
    iamUsers: [USER, DEFAULT_IAM_USER],
    projectName: 'ap-southeast-1',
  });
});
after(() => simulator.close());

function signIn(overrides: Partial<ProjectTokenRequest> = {}) {
  return requestProjectToken(signInRequest(simulator, USER, 'ap-southeast-1', overrides));
}

async function listWith(token: string): Promise<number> {
  const client = tokenClient(simulator, token);
  try {
    return (await client.listPage({ jobType: 'CREATE_SERVER', offset: 0, limit: 5 }, signal())).count;
  } finally {
    await client.close();
  }
}

function assertNoPassword(error: unknown): void {
  for (const shown of [
    String(error),
    JSON.stringify(error),
    inspect(error, { depth: 10 }),
    (error as Error).stack ?? '',
  ]) {
    assert.ok(!shown.includes(PASSWORD), `the password leaked into: ${shown}`);
  }
}

describe('iamEndpointForRegion', () => {
  it('names the regional IAM endpoint', () => {
    assert.equal(iamEndpointForRegion('cn-north-4'), 'https://iam.cn-north-4.myhuaweicloud.com');
    assert.equal(iamEndpointForRegion('ap-southeast-1'), 'https://iam.ap-southeast-1.myhuaweicloud.com');
  });

  it('uses the global IAM endpoint where the SDK knows no regional one (cn-north-11, af-north-1)', () => {
    assert.equal(iamEndpointForRegion('cn-north-11'), 'https://iam.myhuaweicloud.com');
    assert.equal(iamEndpointForRegion('af-north-1'), 'https://iam.myhuaweicloud.com');
    for (const region of REGIONS.filter((r) => r !== 'cn-north-11' && r !== 'af-north-1')) {
      assert.equal(iamEndpointForRegion(region), `https://iam.${region}.myhuaweicloud.com`, region);
    }
  });

  it('refuses what is not a region id', () => {
    for (const bad of ['', 'CN-NORTH-4', 'cn-north', 'evil.com/x', 'cn-north-4.evil.com'])
      assert.throws(() => iamEndpointForRegion(bad), RangeError, bad);
  });
});

describe('requestProjectToken against the simulated IAM', () => {
  it('gets a 24-hour token scoped by region name that the API then accepts', async () => {
    const before = simulator.requests.length;
    const token = await signIn();
    assert.match(token.token, /^MII/);
    assert.equal(token.projectId, simulator.projectId);
    assert.equal(token.projectName, 'ap-southeast-1');
    assert.equal(Date.parse(token.expiresAt), START + DAY);
    assert.match(token.expiresAt, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$/, 'IAM writes microseconds');
    // issued_at, with expires_at, gives the lifetime on IAM's clock whatever the local clock says.
    assert.equal(Date.parse(token.issuedAt ?? ''), START);
    const call = simulator.requests[before];
    assert.deepEqual(
      [call.method, call.path, call.query.nocatalog, call.status],
      ['POST', '/v3/auth/tokens', 'true', 201],
    );
    assert.equal(await listWith(token.token), simulator.subJobs().filter((s) => s.job_type === 'CREATE_SERVER').length);
  });

  it('scopes by project id when given one', async () => {
    const token = await signIn({ projectName: undefined, projectId: simulator.projectId });
    assert.equal(token.projectId, simulator.projectId);
  });

  it('issues a fresh token each time', async () => {
    const [a, b] = await Promise.all([signIn(), signIn()]);
    assert.notEqual(a.token, b.token);
  });

  it("turns a wrong password into a 401 ApiError with IAM's message, and never shows the password", async () => {
    const wrong = `${PASSWORD}x`;
    const error = await signIn({ password: wrong }).catch((e: unknown) => e);
    assert.ok(error instanceof ApiError);
    assert.equal(error.status, 401);
    assert.equal(error.errorCode, 'Unauthorized');
    assert.match(
      error.message,
      /^HTTP 401 Unauthorized: The username or password is wrong\. \(request id [0-9a-f]{32}\)$/,
    );
    assert.ok(error.isAuthFailure);
    assertNoPassword(error);
    assert.ok(!String(error).includes(wrong));
  });

  it('refuses a wrong user or account the same way', async () => {
    for (const overrides of [{ userName: 'mallory' }, { domainName: 'other' }]) {
      await assert.rejects(
        signIn(overrides),
        (e: unknown) => e instanceof ApiError && e.status === 401 && /username or password is wrong/.test(e.message),
      );
    }
  });

  it('reports a project the account does not have', async () => {
    await assert.rejects(
      signIn({ projectName: 'cn-north-4' }),
      (e: unknown) => e instanceof ApiError && e.status === 400 && /cn-north-4/.test(e.message),
    );
  });

  it('lets a token lapse 24 hours after issue, with a message that says so', async () => {
    const token = await signIn();
    now = START + DAY - 1;
    try {
      assert.ok((await listWith(token.token)) >= 0, 'still valid a millisecond before');
      now = START + DAY;
      const error = await listWith(token.token).catch((e: unknown) => e);
      assert.ok(error instanceof ApiError);
      assert.equal(error.status, 401);
      assert.equal(error.errorCode, 'APIGW.0301');
      assert.match(
        error.errorMsg,
        /^Incorrect IAM authentication information: the token expired at 2026-03-08T10:40:43\.858Z$/,
      );
    } finally {
      now = START;
    }
  });

  it('passes Huawei-style IAM errors through', async () => {
    simulator.failNext(1, 403, { error_code: 'IAM.0003', error_msg: 'The user has no access to the project.' });
    await assert.rejects(
      signIn(),
      (e: unknown) => e instanceof ApiError && e.status === 403 && e.errorCode === 'IAM.0003',
    );
    simulator.failNext(1, 500, '<html>Internal Server Error</html>', { 'content-type': 'text/html' });
    await assert.rejects(
      signIn(),
      (e: unknown) => e instanceof ApiError && e.status === 500 && /Internal Server Error/.test(e.message),
    );
  });

  it('refuses a 201 without a token or without a project', async () => {
    simulator.failNext(1, 201, { token: { expires_at: '2026-03-08T10:40:43.858000Z', project: { id: 'p' } } });
    await assert.rejects(signIn(), (e: unknown) => e instanceof ResponseError && /X-Subject-Token/.test(e.message));
    simulator.failNext(1, 201, { token: { expires_at: '2026-03-08T10:40:43.858000Z' } }, { 'X-Subject-Token': 'MIIx' });
    await assert.rejects(signIn(), (e: unknown) => e instanceof ResponseError && /token\.project\.id/.test(e.message));
    simulator.failNext(
      1,
      201,
      { token: { expires_at: 'tomorrow', project: { id: 'p' } } },
      { 'X-Subject-Token': 'MIIx' },
    );
    await assert.rejects(signIn(), (e: unknown) => e instanceof ResponseError && /expires_at/.test(e.message));
  });
});

describe('requestProjectToken before and around the network', () => {
  it('never sends the password over plain http to a remote host', async () => {
    const error = await signIn({ iamEndpoint: 'http://iam.cn-north-4.myhuaweicloud.com' }).catch((e: unknown) => e);
    assert.match(String(error), /IAM endpoint refused: .*plain http/);
    assertNoPassword(error);
  });

  it('needs a user, a password and a project', async () => {
    await assert.rejects(signIn({ password: '' }), /password is empty/);
    await assert.rejects(signIn({ userName: '' }), /user name/);
    await assert.rejects(signIn({ projectName: undefined }), /project/);
  });

  it('reports an unreachable IAM as a NetworkError without the password', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const error = await signIn({ iamEndpoint: `http://127.0.0.1:${port}` }).catch((e: unknown) => e);
    assert.ok(error instanceof NetworkError);
    assert.match(error.message, /connection refused/);
    assertNoPassword(error);
  });

  it('stops when aborted', async () => {
    const controller = new AbortController();
    controller.abort(new Error('stopped by the user'));
    await assert.rejects(signIn({ signal: controller.signal }), /stopped by the user/);
  });
});
