import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { AkskAuthorizer, sign } from '../../../src/api/akskSigner';
import { ApiError } from '../../../src/api/errors';
import { SubJobClient } from '../../../src/api/subJobClient';
import { JOB_TYPES } from '../../../src/model/subJob';
import { DEFAULT_ACCESS_KEY, RunningSimulator, startSimulator } from '../../../src/simulator/server';
import { SignatureVerifier } from '../../../src/simulator/signature';

const START = Date.parse('2026-03-07T10:40:43.858Z');
const MINUTE = 60_000;
const KEY = { ak: 'HPUAK1234567890ABCDE', sk: 'sk-for-the-signature-tests-0123456789abc' };
const TEMPORARY = { ak: 'STSAK1234567890ABCDE', sk: 'sts-secret', securityToken: 'gQpjbi1ub3J0aC00-sts-token' };
const OTHER = { ak: 'OTHERAK4567890ABCDEF', sk: 'other-secret' };

interface Keys {
  readonly ak: string;
  readonly sk: string;
  readonly securityToken?: string;
}

interface Reply {
  readonly status: number;
  readonly body: { error_code?: string; error_msg?: string; request_id?: string; count?: number };
}

let sim: RunningSimulator;
let now = START;

before(async () => {
  sim = await startSimulator({ now: () => now, progress: false, size: 20, accessKeys: [KEY, TEMPORARY, OTHER] });
});
after(() => sim.close());

const listPath = () => `/v1/${sim.projectId}/image-server-sub-jobs?job_type=CREATE_SERVER&limit=5`;

/** Signs like the extension does, then lets a test spoil one part of the request before sending. */
async function signedCall(
  keys: Keys,
  options: { path?: string; date?: number; spoil?: (url: URL, headers: Record<string, string>) => void } = {},
): Promise<Reply> {
  const url = new URL(options.path ?? listPath(), sim.url);
  const headers: Record<string, string> = { 'Content-Type': 'application/json' };
  const signed = sign(
    { method: 'GET', url, headers },
    { accessKeyId: keys.ak, secretKey: keys.sk, securityToken: keys.securityToken, projectId: sim.projectId },
    new Date(options.date ?? now),
  );
  Object.assign(headers, signed.headers);
  options.spoil?.(url, headers);
  const response = await fetch(url, { headers });
  return { status: response.status, body: (await response.json()) as Reply['body'] };
}

function assertRefused(reply: Reply, detail: RegExp): void {
  assert.equal(reply.status, 401);
  assert.equal(reply.body.error_code, 'APIGW.0301');
  assert.match(reply.body.error_msg ?? '', /^Incorrect IAM authentication information: /);
  assert.match(reply.body.error_msg ?? '', detail);
  assert.match(reply.body.request_id ?? '', /^[0-9a-f]{32}$/);
}

describe('simulator AK/SK verification', () => {
  it('accepts a correct signature and answers the call', async () => {
    const reply = await signedCall(KEY);
    assert.equal(reply.status, 200);
    assert.equal(typeof reply.body.count, 'number');
    assert.equal(sim.requests.at(-1)?.headers.authorization, '[redacted]');
  });

  it('accepts the sample key by default', async () => {
    const plain = await startSimulator({ size: 1 });
    try {
      const url = new URL(`/v1/${plain.projectId}/image-server-sub-jobs/actions/count`, plain.url);
      const headers: Record<string, string> = {};
      new AkskAuthorizer({ accessKeyId: DEFAULT_ACCESS_KEY.ak, secretKey: DEFAULT_ACCESS_KEY.sk }).authorize({
        method: 'GET',
        url,
        headers,
      });
      assert.equal((await fetch(url, { headers })).status, 200);
    } finally {
      await plain.close();
    }
  });

  it('answers the documented body for a wrong secret key', async () => {
    const reply = await signedCall({ ...OTHER, sk: 'not-the-secret' });
    assert.equal(reply.status, 401);
    assert.deepEqual(
      { error_code: reply.body.error_code, error_msg: reply.body.error_msg },
      { error_code: 'APIGW.0301', error_msg: 'Incorrect IAM authentication information: verify aksk signature fail' },
    );
  });

  it('refuses a request changed after signing: query, path, a signed header, the host', async () => {
    const spoilers: Array<[string, (url: URL, headers: Record<string, string>) => void]> = [
      ['query', (url) => url.searchParams.set('limit', '6')],
      [
        'path',
        (url) => (url.pathname = url.pathname.replace('image-server-sub-jobs', 'image-server-sub-jobs/actions/count')),
      ],
      ['signed header', (_url, headers) => (headers['X-Project-Id'] = 'someone-else')],
      ['host', (url) => (url.hostname = 'localhost')],
    ];
    // A correct call first clears the failure of the test before; four failures then stay under the lock.
    assert.equal((await signedCall(OTHER)).status, 200);
    for (const [name, spoil] of spoilers) {
      const reply = await signedCall(OTHER, { spoil });
      assert.equal(reply.body.error_msg, 'Incorrect IAM authentication information: verify aksk signature fail', name);
      assertRefused(reply, /./);
    }
    assert.equal((await signedCall(OTHER)).status, 200, 'not locked after four failures');
  });

  it('accepts an unsigned header added after signing (the gateway only checks what was signed)', async () => {
    const reply = await signedCall(KEY, { spoil: (_url, headers) => (headers['X-Trace'] = 'added-later') });
    assert.equal(reply.status, 200);
  });

  it('refuses an X-Sdk-Date more than 15 minutes off, either way, and accepts 14', async () => {
    for (const offset of [16 * MINUTE, -16 * MINUTE]) {
      assertRefused(
        await signedCall(KEY, { date: now + offset }),
        /X-Sdk-Date \d{8}T\d{6}Z is out of range: more than 15 minutes/,
      );
    }
    assert.equal((await signedCall(KEY, { date: now - 14 * MINUTE })).status, 200);
    assert.equal((await signedCall(KEY, { date: now + 14 * MINUTE })).status, 200);
  });

  it('refuses a missing or malformed X-Sdk-Date', async () => {
    assertRefused(
      await signedCall(KEY, { spoil: (_url, headers) => delete headers['X-Sdk-Date'] }),
      /X-Sdk-Date is missing/,
    );
    assertRefused(
      await signedCall(KEY, { spoil: (_url, headers) => (headers['X-Sdk-Date'] = '2026-03-07T10:40:43Z') }),
      /X-Sdk-Date is missing or not in the form/,
    );
  });

  it('refuses an unknown access key, naming it', async () => {
    assertRefused(
      await signedCall({ ak: 'UNKNOWNAK00000000000', sk: 'x' }),
      /Get secretKey failed,ak:UNKNOWNAK00000000000,err:ak not exist/,
    );
  });

  it('refuses a malformed Authorization header', async () => {
    assertRefused(
      await signedCall(KEY, { spoil: (_url, headers) => (headers.Authorization = 'SDK-HMAC-SHA256 Access=x') }),
      /verify aksk signature fail/,
    );
  });

  it('requires the security token of a temporary key, signed', async () => {
    assert.equal((await signedCall(TEMPORARY)).status, 200);
    assertRefused(
      await signedCall({ ...TEMPORARY, securityToken: undefined }),
      /verify aksk signature fail|security token/,
    );
    assertRefused(await signedCall({ ...TEMPORARY, securityToken: 'forged' }), /verify security token fail/);
  });

  it('locks an AK for five minutes after five failed signatures, then lets it in again', async () => {
    const lockable = await startSimulator({ now: () => now, size: 1, accessKeys: [KEY, OTHER] });
    const call = async (keys: Keys): Promise<Reply> => {
      const url = new URL(`/v1/${lockable.projectId}/image-server-sub-jobs/actions/count`, lockable.url);
      const headers: Record<string, string> = {};
      new AkskAuthorizer({ accessKeyId: keys.ak, secretKey: keys.sk, now: () => new Date(now) }).authorize({
        method: 'GET',
        url,
        headers,
      });
      const response = await fetch(url, { headers });
      return { status: response.status, body: (await response.json()) as Reply['body'] };
    };
    try {
      for (let i = 0; i < 5; i++) assertRefused(await call({ ...KEY, sk: 'wrong' }), /verify aksk signature fail$/);
      assertRefused(await call(KEY), /AK access failed to reach the limit,forbidden\.$/);
      assert.equal((await call(OTHER)).status, 200, 'other keys are not locked');
      now = START + 5 * MINUTE - 1;
      assertRefused(await call(KEY), /AK access failed to reach the limit/);
      now = START + 5 * MINUTE;
      assert.equal((await call(KEY)).status, 200);
    } finally {
      now = START;
      await lockable.close();
    }
  });

  it('lets a token request through unchanged and still refuses a bare Authorization', async () => {
    assert.equal((await fetch(new URL(listPath(), sim.url), { headers: { 'X-Auth-Token': sim.token } })).status, 200);
    const reply = await fetch(new URL(listPath(), sim.url), { headers: { Authorization: 'Basic abc' } });
    assert.equal(reply.status, 401);
  });
});

describe('SignatureVerifier', () => {
  const verifier = new SignatureVerifier([KEY], () => START);
  const url = new URL('http://127.0.0.1:8080/v1/p/things?x=1');

  function signedHeaders(body: string): Record<string, string> {
    const headers: Record<string, string> = { host: url.host, 'content-type': 'application/json' };
    const signed = sign(
      { method: 'POST', url, headers, body },
      { accessKeyId: KEY.ak, secretKey: KEY.sk },
      new Date(START),
    );
    for (const [name, value] of Object.entries(signed.headers)) headers[name.toLowerCase()] = value;
    return headers;
  }

  it('covers the body: the same bytes pass, other bytes fail', () => {
    const headers = signedHeaders('{"items":["1"]}');
    assert.equal(
      verifier.verify({ method: 'POST', url, headers, body: Buffer.from('{"items":["1"]}') }, 'r'),
      undefined,
    );
    assert.equal(
      verifier.verify({ method: 'POST', url, headers, body: Buffer.from('{"items":["2"]}') }, 'r')?.status,
      401,
    );
  });

  it('insists that host and X-Sdk-Date are signed', () => {
    const headers = signedHeaders('');
    headers.authorization = headers.authorization.replace(
      'SignedHeaders=content-type;host;x-sdk-date',
      'SignedHeaders=content-type;x-sdk-date',
    );
    assert.equal(verifier.verify({ method: 'POST', url, headers, body: Buffer.alloc(0) }, 'r')?.status, 401);
  });
});

describe('the extension against a signature failure', () => {
  it('makes one call per job type and does not retry a 401', async () => {
    const client = new SubJobClient({
      endpoint: sim.url,
      projectId: sim.projectId,
      authorizer: new AkskAuthorizer({
        accessKeyId: OTHER.ak,
        secretKey: 'wrong',
        projectId: sim.projectId,
        now: () => new Date(now),
      }),
      userAgent: 'test',
    });
    const before = sim.requests.length;
    try {
      await assert.rejects(
        client.listAll({ jobTypes: JOB_TYPES }, new AbortController().signal),
        (e: unknown) => e instanceof ApiError && e.status === 401,
      );
    } finally {
      await client.close();
    }
    const calls = sim.requests.slice(before);
    assert.ok(calls.length <= JOB_TYPES.length, `${calls.length} calls: a signature failure must not be retried`);
    assert.ok(calls.every((c) => c.status === 401));
  });

  it('lists every sub-job with a correct key', async () => {
    const client = new SubJobClient({
      endpoint: sim.url,
      projectId: sim.projectId,
      authorizer: new AkskAuthorizer({
        accessKeyId: KEY.ak,
        secretKey: KEY.sk,
        projectId: sim.projectId,
        now: () => new Date(now),
      }),
      userAgent: 'test',
    });
    try {
      const result = await client.listAll({ jobTypes: JOB_TYPES }, new AbortController().signal);
      assert.equal(result.subJobs.length, sim.subJobs().length);
    } finally {
      await client.close();
    }
  });
});
