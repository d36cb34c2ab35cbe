/**
 * Answers of absurd size: a body beyond MAX_RESPONSE_BYTES, a count no project reaches, and a
 * count that announces many pages. All through the simulator over loopback.
 */
import assert from 'node:assert/strict';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { after, before, describe, it } from 'node:test';
import { Agent } from 'undici';
import { ResponseError } from '../../../src/api/errors';
import { PAGE_LIMIT, SubJobClient } from '../../../src/api/subJobClient';
import { MAX_RESPONSE_BYTES, requestJson } from '../../../src/api/transport';
import { MalformedResponseError, MAX_PLAUSIBLE_COUNT } from '../../../src/model/validate';
import { RunningSimulator, startSimulator } from '../../../src/simulator/server';
import { tokenClient } from '../simulatorClient';

const signal = () => new AbortController().signal;
const page = { jobType: 'CREATE_SERVER' as const, offset: 0, limit: 100 };

describe('response bodies are capped in bytes', () => {
  let simulator: RunningSimulator;
  let client: SubJobClient;
  /** 1 MiB more than the cap: about 17 MB. */
  const huge = `{"count":1,"items":[],"padding":"${'x'.repeat(MAX_RESPONSE_BYTES + 1024 * 1024)}"}`;

  before(async () => {
    simulator = await startSimulator({ size: 3, progress: false });
    client = tokenClient(simulator, simulator.token);
  });
  after(async () => {
    await client.close();
    await simulator.close();
  });

  it('the cap is generous: hundreds of full pages', () => {
    assert.equal(MAX_RESPONSE_BYTES, 16 * 1024 * 1024);
  });

  it('refuses a body whose Content-Length is beyond the cap, saying so', async () => {
    simulator.failNext(1, 200, huge);
    const error = await client.listPage(page, signal()).catch((e: unknown) => e);
    assert.ok(error instanceof ResponseError, String(error));
    assert.match(error.message, /the response was larger than 16 MB/);
    assert.match(error.message, /request id [0-9a-f]{32}/);
  });

  it('refuses a chunked body of unannounced length as soon as it passes the cap', async () => {
    simulator.failNext(1, 200, huge, { 'Transfer-Encoding': 'chunked' });
    const error = await client.listPage(page, signal()).catch((e: unknown) => e);
    assert.ok(error instanceof ResponseError, String(error));
    assert.match(error.message, /the response was larger than 16 MB/);
  });

  it('caps an error body too', async () => {
    simulator.failNext(1, 500, huge, { 'Transfer-Encoding': 'chunked' });
    const error = await client.listPage(page, signal()).catch((e: unknown) => e);
    assert.ok(error instanceof ResponseError, String(error));
    assert.match(error.message, /larger than 16 MB/);
  });

  it('caps the body whatever dispatcher the caller brings', async () => {
    const plain = new Agent();
    try {
      simulator.failNext(1, 200, huge, { 'Transfer-Encoding': 'chunked' });
      const url = new URL(`/v1/${simulator.projectId}/image-server-sub-jobs?job_type=CREATE_SERVER`, simulator.url);
      const error = await requestJson(plain, url, { method: 'GET', headers: { 'X-Auth-Token': simulator.token } }, signal()).catch((e: unknown) => e);
      assert.ok(error instanceof ResponseError, String(error));
      assert.match(error.message, /larger than 16 MB/);
    } finally {
      await plain.close();
    }
  });

  it('the client still reads a normal answer on the same connections afterwards', async () => {
    const result = await client.listPage(page, signal());
    assert.equal(result.count, simulator.subJobs().filter((s) => s.job_type === 'CREATE_SERVER').length);
  });
});

describe('counts that announce absurd numbers of pages', () => {
  let simulator: RunningSimulator;
  before(async () => {
    simulator = await startSimulator({ size: 2500, seed: 3, progress: false });
  });
  after(() => simulator.close());

  it('{count: 200000000, items: []} fails fast as malformed, after one request', async () => {
    const client = tokenClient(simulator, simulator.token, { concurrency: 6 });
    const before = simulator.requests.length;
    simulator.failNext(1, 200, { count: 200_000_000, items: [] });
    const histogram = monitorEventLoopDelay({ resolution: 10 });
    histogram.enable();
    const started = Date.now();
    const error = await client.listAll({ jobTypes: ['CREATE_SERVER'] }, signal()).catch((e: unknown) => e);
    const elapsed = Date.now() - started;
    histogram.disable();
    await client.close();
    assert.ok(error instanceof MalformedResponseError, String(error));
    assert.ok(error instanceof ResponseError, 'names the request');
    assert.match(error.message, /"count" is 200000000/);
    assert.equal(simulator.requests.length - before, 1, 'no page after the first was asked for');
    assert.ok(elapsed < 1000, `took ${elapsed} ms`);
    assert.ok(histogram.max < 500e6, `the event loop was blocked for ${histogram.max / 1e6} ms`);
  });

  it('a plausible but huge count queues pages as slots free up, not all at once', async () => {
    const client = tokenClient(simulator, simulator.token, { concurrency: 2 });
    const before = simulator.requests.length;
    // The first page claims the largest plausible count (100,000 pages); the next answer fails.
    simulator.failNext(1, 200, { count: MAX_PLAUSIBLE_COUNT, items: [] });
    simulator.failNext(1, 503);
    const started = Date.now();
    const error = await client.listAll({ jobTypes: ['CREATE_SERVER'] }, signal()).catch((e: unknown) => e);
    await client.close();
    assert.ok(error instanceof Error && /HTTP 503/.test(error.message), String(error));
    assert.ok(simulator.requests.length - before <= 3, `${simulator.requests.length - before} requests`);
    assert.ok(Date.now() - started < 1000);
  });

  it('at most `concurrency` pages of a series wait in the queue, however many there are', async () => {
    const client = tokenClient(simulator, simulator.token, { concurrency: 2 });
    const result = await client.listAll({ jobTypes: ['CREATE_SERVER'] }, signal());
    await client.close();
    const expected = simulator.subJobs().filter((s) => s.job_type === 'CREATE_SERVER').length;
    assert.ok(expected > 8 * PAGE_LIMIT, `${expected} sub-jobs make enough pages`);
    assert.equal(result.subJobs.length, expected);
    assert.equal(result.requests, Math.ceil(expected / PAGE_LIMIT));
    assert.ok(result.peakQueued !== undefined && result.peakQueued <= 2, `peak queue ${result.peakQueued}`);
    assert.equal(result.peakConcurrency, 2);
  });
});
