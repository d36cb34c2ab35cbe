/**
 * Answers of absurd size: a body beyond MAX_RESPONSE_BYTES, a count no project reaches, and a
 * count that announces many pages. All through the simulator over loopback. Outcomes only (errors,
 * request counts, queue sizes): the machines running this are too noisy for clocks.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Agent } from 'undici';
import { ResponseError } from '../../../src/api/errors';
import { PAGE_LIMIT, SubJobClient } from '../../../src/api/subJobClient';
import { MAX_RESPONSE_BYTES, requestJson } from '../../../src/api/transport';
import { MalformedResponseError, MAX_PLAUSIBLE_COUNT } from '../../../src/model/validate';
import { RunningSimulator, startSimulator } from '../../../src/simulator/server';
import { tokenClient } from '../simulatorClient';
import { simulatorWithClient } from '../simulatorPerFile';

const signal = () => new AbortController().signal;
const page = { jobType: 'CREATE_SERVER' as const, offset: 0, limit: 100 };

describe('response bodies are capped in bytes', () => {
  let simulator: RunningSimulator;
  let client: SubJobClient;
  /** 1 MiB more than the cap: about 17 MB. */
  const huge = `{"count":1,"items":[],"padding":"${'x'.repeat(MAX_RESPONSE_BYTES + 1024 * 1024)}"}`;

  simulatorWithClient({ size: 3 }, (started, startedClient) => {
    simulator = started;
    client = startedClient;
  });

  it('the cap is generous: a body just under it, hundreds of full pages long, is read whole', async () => {
    const item = JSON.stringify({ ...simulator.subJobs()[0], id: '702364884037271552' });
    const items = Array.from({ length: PAGE_LIMIT }, () => item).join(',');
    const onePage = `{"count":1,"items":[${items}]}`.length;
    // What fits under the cap besides one page of items: padding for the rest.
    const padding = 'x'.repeat(MAX_RESPONSE_BYTES - onePage - 64);
    const body = `{"count":1,"items":[${items}],"padding":"${padding}"}`;
    assert.ok(
      body.length < MAX_RESPONSE_BYTES && body.length > 300 * onePage,
      `${body.length} bytes, ${onePage} a page`,
    );
    simulator.failNext(1, 200, body, { 'Transfer-Encoding': 'chunked' });
    const read = await client.listPage(page, signal());
    assert.equal(read.items.length, PAGE_LIMIT);
    assert.equal(read.count, 1);
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
      const error = await requestJson(
        plain,
        url,
        { method: 'GET', headers: { 'X-Auth-Token': simulator.token } },
        signal(),
      ).catch((e: unknown) => e);
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
    const error = await client.listAll({ jobTypes: ['CREATE_SERVER'] }, signal()).catch((e: unknown) => e);
    await client.close();
    assert.ok(error instanceof MalformedResponseError, String(error));
    assert.ok(error instanceof ResponseError, 'names the request');
    assert.match(error.message, /"count" is 200000000, more than the 10,000,000 sub-jobs any project holds/);
    assert.equal(simulator.requests.length - before, 1, 'no page after the first was asked for');
  });

  it('a huge count on a full page fails at the first failing page, with no more than `concurrency` pages after the first', async () => {
    const client = tokenClient(simulator, simulator.token, { concurrency: 2 });
    const before = simulator.requests.length;
    // The first page is full and claims the largest plausible count (100,000 pages); the next answer fails.
    const full = simulator
      .subJobs()
      .filter((s) => s.job_type === 'CREATE_SERVER')
      .slice(0, PAGE_LIMIT);
    simulator.failNext(1, 200, { count: MAX_PLAUSIBLE_COUNT, items: full });
    simulator.failNext(1, 503);
    const error = await client.listAll({ jobTypes: ['CREATE_SERVER'] }, signal()).catch((e: unknown) => e);
    await client.close();
    assert.ok(error instanceof Error && /HTTP 503/.test(error.message), String(error));
    assert.ok(simulator.requests.length - before <= 1 + 2, `${simulator.requests.length - before} requests`);
  });

  it('a plausible but huge count with an empty first page ends the listing there', async () => {
    const client = tokenClient(simulator, simulator.token, { concurrency: 2 });
    const before = simulator.requests.length;
    // The first page claims the largest plausible count (100,000 pages) and holds nothing; a
    // second page, were it asked for, would fail the listing.
    simulator.failNext(1, 200, { count: MAX_PLAUSIBLE_COUNT, items: [] });
    simulator.failNext(1, 503);
    const result = await client.listAll({ jobTypes: ['CREATE_SERVER'] }, signal());
    assert.equal(simulator.requests.length - before, 1);
    assert.equal(result.requests, 1);
    assert.deepEqual(result.subJobs, []);
    assert.equal(result.peakQueued, 0);
    // The 503 is still waiting for a second request: none was sent.
    await assert.rejects(client.listPage(page, signal()), /HTTP 503/);
    await client.close();
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

describe('hostile pages: a bad item costs that item, never the page', () => {
  let simulator: RunningSimulator;
  let client: SubJobClient;
  simulatorWithClient({ size: 3 }, (started, startedClient) => {
    simulator = started;
    client = startedClient;
  });

  /** The simulator's CREATE_SERVER items as JSON text, and one whose status is nested 20,000 deep. */
  function hostilePage(count: string): { body: string; good: string[] } {
    const good = simulator.subJobs().slice(0, 2);
    const deep = `{"id":"702364884037271599","status":${'['.repeat(20_000)}${']'.repeat(20_000)}}`;
    const items = [JSON.stringify(good[0]), deep, JSON.stringify(good[1])].join(',');
    return { body: `{${count}"items":[${items}]}`, good: good.map((s) => s.id) };
  }

  it('an item whose status is nested 20,000 deep is skipped, its neighbours are listed', async () => {
    const { body, good } = hostilePage('"count":3,');
    simulator.failNext(1, 200, body);
    const read = await client.listPage(page, signal());
    assert.deepEqual(
      read.items.map((s) => s.id),
      good,
    );
    assert.equal(read.rejected.length, 1);
    assert.ok(read.rejected[0].length < 300, `${read.rejected[0].length} characters`);
  });

  it('a whole listing of such a page keeps every good item and counts the bad one', async () => {
    const { body, good } = hostilePage('"count":3,');
    simulator.failNext(1, 200, body);
    const result = await client.listAll({ jobTypes: ['CREATE_SERVER'] }, signal());
    assert.deepEqual(
      result.subJobs.map((s) => s.id),
      good,
    );
    assert.equal(result.rejected.length, 1);
    assert.equal(result.total, 3);
  });

  it('a page without count is read: its total is the items it carried', async () => {
    const { body, good } = hostilePage('');
    simulator.failNext(1, 200, body);
    const result = await client.listAll({ jobTypes: ['CREATE_SERVER'] }, signal());
    assert.deepEqual(
      result.subJobs.map((s) => s.id),
      good,
    );
    assert.equal(result.total, 3);
    assert.equal(result.requests, 1);
  });

  it('a 5 MB count string is a malformed answer said in one short line', async () => {
    simulator.failNext(1, 200, `{"count":"${'9'.repeat(5_000_000)}","items":[]}`);
    const error = await client.listPage(page, signal()).catch((e: unknown) => e);
    assert.ok(error instanceof ResponseError, String(error));
    assert.ok(error.message.length < 600, `${error.message.length} characters`);
    assert.match(error.message, /"count" is a string of 5,000,000 characters/);
  });
});
