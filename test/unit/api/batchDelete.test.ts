import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { AkskAuthorizer } from '../../../src/api/akskSigner';
import { Authorizer, OutgoingRequest, TokenAuthorizer } from '../../../src/api/authorizer';
import { ApiError, NetworkError, ResponseError } from '../../../src/api/errors';
import { SubJobClient } from '../../../src/api/subJobClient';
import { RunningSimulator, startSimulator } from '../../../src/simulator/server';
import { OpenedInTest, tokenClient } from '../simulatorClient';
import { SIMULATOR_START, simulatorPerFile } from '../simulatorPerFile';

const TOKEN = 'batch-delete-token';
const KEY = { ak: 'BDAK1234567890ABCDEF', sk: 'sk-for-the-client-delete-tests-0123456789' };

let sim: RunningSimulator;
const opened = new OpenedInTest();
const signal = () => new AbortController().signal;

simulatorPerFile({ token: TOKEN, accessKeys: [KEY] }, opened, (started) => (sim = started));

const client = (token = TOKEN) => opened.track(tokenClient(sim, token));
const finished = (n: number, status = 'SUCCESS') => Array.from({ length: n }, () => sim.addSubJob({ status }).id);
const remaining = () =>
  sim
    .subJobs()
    .map((s) => s.id)
    .sort();
const deletePath = () => `/v1/${sim.projectId}/image-server-sub-jobs/actions/batch-delete`;

function akskClient(sk = KEY.sk): SubJobClient {
  return opened.track(
    new SubJobClient({
      endpoint: sim.url,
      projectId: sim.projectId,
      authorizer: new AkskAuthorizer({
        accessKeyId: KEY.ak,
        secretKey: sk,
        projectId: sim.projectId,
        now: () => new Date(SIMULATOR_START),
      }),
      userAgent: 'workspace-image-jobs-test',
    }),
  );
}

describe('SubJobClient.batchDelete', () => {
  it('PATCHes {"items": ids} as JSON with the token; a 200 with an empty body resolves', async () => {
    const ids = finished(3);
    const kept = finished(1);
    const from = sim.requests.length;
    assert.equal(await client().batchDelete(ids, signal()), undefined);
    const sent = sim.requests.slice(from);
    assert.equal(sent.length, 1);
    assert.equal(sent[0].method, 'PATCH');
    assert.equal(sent[0].path, deletePath());
    assert.equal(sent[0].status, 200);
    assert.equal(sent[0].body, JSON.stringify({ items: ids }));
    assert.equal(sent[0].headers['content-type'], 'application/json');
    assert.equal(sent[0].headers['x-auth-token'], '[redacted]');
    assert.deepEqual(remaining(), kept);
  });

  it('is signed with AK/SK over the exact body, which the simulator verifies', async () => {
    const ids = finished(20);
    await akskClient().batchDelete(ids, signal());
    assert.deepEqual(remaining(), []);
    assert.equal(sim.requests.at(-1)?.headers.authorization, '[redacted]');
  });

  it('signs what it sends: the authorizer sees the body and the method', async () => {
    const seen: OutgoingRequest[] = [];
    const recording: Authorizer = {
      description: 'recording',
      authorize: (request) => {
        seen.push({ ...request, headers: { ...request.headers } });
        request.headers['X-Auth-Token'] = TOKEN;
      },
    };
    const ids = finished(2);
    const c = opened.track(
      new SubJobClient({ endpoint: sim.url, projectId: sim.projectId, authorizer: recording, userAgent: 'ua' }),
    );
    await c.batchDelete(ids, signal());
    assert.equal(seen.length, 1);
    assert.equal(seen[0].method, 'PATCH');
    assert.equal(seen[0].body, sim.requests.at(-1)?.body);
    assert.equal(seen[0].headers['Content-Type'], 'application/json');
  });

  it('logs each call, successful or refused, without the token or the secret key', async () => {
    const lines: string[] = [];
    const log = (message: string) => lines.push(message);
    const logger = { debug: log, info: log, warn: log, error: log };
    const make = (authorizer: Authorizer) =>
      opened.track(
        new SubJobClient({ endpoint: sim.url, projectId: sim.projectId, authorizer, userAgent: 'ua', logger }),
      );
    await make(new TokenAuthorizer(TOKEN)).batchDelete(finished(2), signal());
    const badKey = new AkskAuthorizer({
      accessKeyId: KEY.ak,
      secretKey: 'wrong-secret',
      now: () => new Date(SIMULATOR_START),
    });
    await assert.rejects(make(badKey).batchDelete(finished(1), signal()), ApiError);
    await assert.rejects(make(new TokenAuthorizer('stolen-token')).batchDelete(finished(1), signal()), ApiError);
    assert.equal(lines.length, 3);
    assert.match(lines[0], /^PATCH \/v1\/.+\/batch-delete \(2 id\(s\)\) → 200/);
    assert.match(lines[1], /failed .*401/);
    for (const secret of [TOKEN, KEY.sk, 'wrong-secret', 'stolen-token'])
      assert.ok(!lines.join('\n').includes(secret), secret);
  });

  it('refuses a wrong secret key with ApiError 401, deleting nothing', async () => {
    const ids = finished(2);
    const error = await akskClient('wrong-secret')
      .batchDelete(ids, signal())
      .catch((e: unknown) => e);
    assert.ok(error instanceof ApiError);
    assert.equal(error.status, 401);
    assert.equal(error.errorCode, 'APIGW.0301');
    assert.ok(!error.message.includes('wrong-secret'), 'the key stays out of the message');
    assert.deepEqual(remaining(), [...ids].sort());
  });

  it("surfaces the service's refusal of an active sub-job as ApiError 400 naming it", async () => {
    const [done] = finished(1);
    const [busy] = finished(1, 'RUNNING');
    const error = await client()
      .batchDelete([done, busy], signal())
      .catch((e: unknown) => e);
    assert.ok(error instanceof ApiError);
    assert.equal(error.status, 400);
    assert.match(error.errorMsg, new RegExp(`"${busy}" is RUNNING`));
    assert.match(error.requestId, /^[0-9a-f]{32}$/);
    assert.deepEqual(remaining(), [done, busy].sort());
  });

  const refusedLocally: Array<[string, () => string[], RegExp]> = [
    ['no ids', () => [], /1 to 20 sub-job ids, not 0/],
    ['21 ids', () => finished(21), /1 to 20 sub-job ids, not 21/],
    ['a duplicate id', () => ['1', '2', '1'], /"1" is listed twice/],
    ['an empty id', () => ['1', ''], /empty/],
  ];
  for (const [name, ids, message] of refusedLocally) {
    it(`refuses ${name} with a RangeError before sending anything`, async () => {
      const list = ids();
      const from = sim.requests.length;
      await assert.rejects(
        client().batchDelete(list, signal()),
        (error: unknown) => error instanceof RangeError && message.test(error.message),
      );
      assert.equal(sim.requests.length, from);
    });
  }

  it('takes 20 ids', async () => {
    await client().batchDelete(finished(20), signal());
    assert.deepEqual(remaining(), []);
  });

  it('reports a body that is not JSON as ResponseError', async () => {
    sim.failNext(1, 200, '<html>captive portal</html>', { 'Content-Type': 'text/html' });
    await assert.rejects(client().batchDelete(['1'], signal()), ResponseError);
  });

  it('reports an unreachable endpoint as NetworkError', async () => {
    const gone = await startSimulator({ size: 0 });
    const url = gone.url;
    await gone.close();
    const c = opened.track(tokenClient({ url, projectId: sim.projectId }, TOKEN));
    await assert.rejects(c.batchDelete(['1'], signal()), NetworkError);
  });

  it('a connection reset after the service deleted is a NetworkError, though the sub-jobs are gone', async () => {
    const ids = finished(3);
    sim.setFaults('drop=1');
    try {
      await assert.rejects(client().batchDelete(ids, signal()), NetworkError);
    } finally {
      sim.clearFaults();
    }
    assert.equal(sim.requests.at(-1)?.fault, 'drop');
    assert.deepEqual(remaining(), []);
  });

  it("carries a 429 answer's Retry-After in seconds", async () => {
    sim.failNext(1, 429, undefined, { 'Retry-After': '60' });
    const error = await client()
      .batchDelete(finished(1), signal())
      .catch((e: unknown) => e);
    assert.ok(error instanceof ApiError && error.status === 429 && error.retryAfterSeconds === 60);
  });

  it('rejects with the abort reason when cancelled', async () => {
    const controller = new AbortController();
    const reason = new Error('cancelled by the user');
    controller.abort(reason);
    await assert.rejects(client().batchDelete(finished(1), controller.signal), (error: unknown) => error === reason);
  });
});
