import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { AddressInfo } from 'node:net';
import { ApiError, NetworkError, ResponseError } from '../../../src/api/errors';
import { PAGE_LIMIT, SubJobClient } from '../../../src/api/subJobClient';
import { JOB_TYPES } from '../../../src/model/subJob';
import { RunningSimulator, startSimulator } from '../../../src/simulator/server';
import { tokenClient } from '../simulatorClient';

let simulator: RunningSimulator;
const TOKEN = 'unit-test-token';

function clientFor(endpoint: string, token = TOKEN, concurrency = 4): SubJobClient {
  return tokenClient(simulator, token, { endpoint, concurrency, userAgent: 'workspace-image-jobs/0.0.0-test' });
}

const signal = () => new AbortController().signal;

before(async () => {
  simulator = await startSimulator({ size: 1234, seed: 11, token: TOKEN, progress: false });
});
after(() => simulator.close());

test('lists every sub-job of every job type, each once, in ceil(n/100) calls per type', async () => {
  const client = clientFor(simulator.url);
  const before = simulator.requests.length;
  const result = await client.listAll({ jobTypes: JOB_TYPES }, signal());
  await client.close();
  const all = simulator.subJobs();
  assert.equal(result.subJobs.length, all.length);
  assert.deepEqual(new Set(result.subJobs.map((s) => s.id)), new Set(all.map((s) => s.id)));
  const perType = JOB_TYPES.map((t) => all.filter((s) => s.job_type === t).length);
  const expectedCalls = perType.reduce((sum, n) => sum + Math.max(1, Math.ceil(n / PAGE_LIMIT)), 0);
  assert.equal(result.requests, expectedCalls);
  assert.equal(simulator.requests.length - before, expectedCalls);
  assert.ok(result.peakConcurrency <= 4 && result.peakConcurrency >= 2, `peak ${result.peakConcurrency}`);
  for (const r of simulator.requests.slice(before)) {
    assert.equal(r.query.limit, '100');
    assert.equal(r.headers['user-agent'], 'workspace-image-jobs/0.0.0-test');
    assert.equal(r.headers['x-auth-token'], '[redacted]');
  }
});

test('filters travel as query parameters', async () => {
  const client = clientFor(simulator.url);
  const before = simulator.requests.length;
  const someJob = simulator.subJobs()[0];
  const result = await client.listAll(
    { jobTypes: ['CREATE_SERVER'], statuses: ['FAILED'], jobId: someJob.job_id },
    signal(),
  );
  await client.close();
  const request = simulator.requests[before];
  assert.deepEqual(
    { ...request.query },
    { job_type: 'CREATE_SERVER', offset: '0', limit: '100', status: 'FAILED', job_id: someJob.job_id },
  );
  for (const s of result.subJobs) {
    assert.equal(s.status, 'FAILED');
    assert.equal(s.jobId, someJob.job_id);
  }
});

test('several statuses make one series of calls each, merged', async () => {
  const client = clientFor(simulator.url);
  const before = simulator.requests.length;
  const result = await client.listAll(
    { jobTypes: ['CREATE_SERVER', 'DELETE_SERVER'], statuses: ['FAILED', 'RUNNING'] },
    signal(),
  );
  await client.close();
  const calls = simulator.requests.slice(before).map((r) => `${r.query.job_type}/${r.query.status}`);
  assert.deepEqual(
    new Set(calls),
    new Set(['CREATE_SERVER/FAILED', 'CREATE_SERVER/RUNNING', 'DELETE_SERVER/FAILED', 'DELETE_SERVER/RUNNING']),
  );
  const expected = simulator
    .subJobs()
    .filter((s) => s.job_type !== 'CREATE_SERVER_IMAGE' && (s.status === 'FAILED' || s.status === 'RUNNING'));
  assert.deepEqual(new Set(result.subJobs.map((s) => s.id)), new Set(expected.map((s) => s.id)));
});

test('the count call takes several job types at once', async () => {
  const client = clientFor(simulator.url);
  const count = await client.count(JOB_TYPES, {}, signal());
  const before = simulator.requests.length;
  const failed = await client.count(['CREATE_SERVER', 'DELETE_SERVER'], { status: 'FAILED' }, signal());
  await client.close();
  assert.equal(count, simulator.subJobs().length);
  assert.equal(
    failed,
    simulator.subJobs().filter((s) => s.status === 'FAILED' && s.job_type !== 'CREATE_SERVER_IMAGE').length,
  );
  assert.equal(simulator.requests[before].query.job_type, 'CREATE_SERVER,DELETE_SERVER');
});

test('a wrong token is an ApiError with status, error_code, error_msg and X-Request-Id', async () => {
  const client = clientFor(simulator.url, 'wrong');
  const error = await client.listAll({ jobTypes: JOB_TYPES }, signal()).catch((e: unknown) => e);
  await client.close();
  assert.ok(error instanceof ApiError, String(error));
  assert.equal(error.status, 401);
  assert.equal(error.errorCode, 'APIGW.0301');
  assert.match(error.errorMsg, /verify token fail/);
  assert.match(error.requestId, /^[0-9a-f]{32}$/);
  assert.ok(error.isAuthFailure);
  assert.ok(!error.message.includes('wrong'), 'the token is not echoed in the message');
});

test('parameter validation errors come back with the WKS code', async () => {
  const client = clientFor(simulator.url);
  const error = await client
    .listPage({ jobType: 'CREATE_SERVER', offset: 0, limit: 101 }, signal())
    .catch((e: unknown) => e);
  await client.close();
  assert.ok(error instanceof ApiError);
  assert.equal(error.status, 400);
  assert.match(error.errorCode, /^WKS\./);
});

test('a 503 in the middle of paging fails the whole listing with that error', async () => {
  const client = clientFor(simulator.url, TOKEN, 1);
  simulator.failNext(1, 503);
  const error = await client.listAll({ jobTypes: JOB_TYPES }, signal()).catch((e: unknown) => e);
  await client.close();
  assert.ok(error instanceof ApiError);
  assert.equal(error.status, 503);
  assert.match(error.message, /^HTTP 503 WKS\.\d+: .+ \(request id [0-9a-f]{32}\)$/);
});

test('a body that is not JSON is reported as malformed, with the request id', async () => {
  const client = clientFor(simulator.url);
  simulator.failNext(1, 200, '<html>gateway</html>');
  const error = await client
    .listPage({ jobType: 'CREATE_SERVER', offset: 0, limit: 10 }, signal())
    .catch((e: unknown) => e);
  await client.close();
  assert.ok(error instanceof ResponseError, String(error));
  assert.match(error.message, /malformed response from \/v1\/.+: the body is not valid JSON/);
  assert.match(error.message, /"<html>gateway<\/html>"/);
});

test('JSON of the wrong shape is reported as malformed', async () => {
  const client = clientFor(simulator.url);
  simulator.failNext(1, 200, { total: 3, list: [] });
  const error = await client
    .listPage({ jobType: 'CREATE_SERVER', offset: 0, limit: 10 }, signal())
    .catch((e: unknown) => e);
  await client.close();
  assert.ok(error instanceof ResponseError);
  assert.match(error.message, /"count" is null, expected a non-negative integer/);
});

test('an unreachable endpoint names the endpoint and the cause', async () => {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as AddressInfo).port;
  await new Promise((r) => server.close(r));
  const client = clientFor(`http://127.0.0.1:${port}`);
  const error = await client.count(JOB_TYPES, {}, signal()).catch((e: unknown) => e);
  await client.close();
  assert.ok(error instanceof NetworkError);
  assert.equal(error.message, `cannot reach http://127.0.0.1:${port}: connection refused (ECONNREFUSED)`);
});

test('aborting stops the listing and is not reported as a failure of the API', async () => {
  const slow = await startSimulator({ size: 500, token: TOKEN, latencyMs: 200 });
  const client = clientFor(slow.url);
  const controller = new AbortController();
  const pending = client.listAll({ jobTypes: JOB_TYPES }, controller.signal);
  setTimeout(() => controller.abort(new DOMException('superseded', 'AbortError')), 50);
  const error = await pending.catch((e: unknown) => e);
  await client.close();
  await slow.close();
  assert.ok(error instanceof Error && error.name === 'AbortError', String(error));
});

test('credentials are refused for plain http to a non-loopback host', () => {
  assert.throws(() => clientFor('http://workspace.example.com'), /refusing to send credentials over plain http/);
});
