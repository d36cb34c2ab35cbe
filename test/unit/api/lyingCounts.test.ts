/**
 * A count is only a claim. A server (or anything in the way) that answers every page with
 * `{count: 9999999, items: []}` once got 15,701 requests in 3 s from listAll, which queued pages
 * until the offset reached the count. Every way of paging must end a series at the first page with
 * fewer items than asked for. A tiny loopback server here answers whatever the test says to every
 * request, counts them, and aborts the caller after GUARD requests so that a regression fails in
 * a moment instead of sending a million requests.
 */
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { AddressInfo } from 'node:net';
import { afterEach, describe, it } from 'node:test';
import { listNewest } from '../../../src/api/newestPages';
import { findById, scanNewest } from '../../../src/api/scanNewest';
import { PAGE_LIMIT, SubJobClient } from '../../../src/api/subJobClient';
import { JOB_TYPES } from '../../../src/model/subJob';
import { OpenedInTest, tokenClient } from '../simulatorClient';

const LIE = 9_999_999;
/**
 * A smaller lie where a broken client would send the pages it claims all at once: 200 pages per
 * job type trip the guard at once, where 100,000 would be sent before it could act.
 */
const SMALLER_LIE = 20_000;
const GUARD = 50;

const opened = new OpenedInTest();
afterEach(() => opened.closeAll());

interface Liar {
  readonly url: string;
  readonly projectId: string;
  /** Aborted once the server has seen more than GUARD requests. */
  readonly signal: AbortSignal;
  /** The list requests answered, as `job_type@offset`. */
  readonly pages: string[];
  close(): Promise<void>;
}

/** A loopback server answering every request with `answer(query)` as JSON. */
async function liar(answer: (query: URLSearchParams) => unknown): Promise<Liar> {
  const guard = new AbortController();
  const pages: string[] = [];
  const server = createServer((request, response) => {
    const query = new URL(request.url ?? '/', 'http://127.0.0.1').searchParams;
    pages.push(`${query.get('job_type')}@${query.get('offset')}`);
    if (pages.length > GUARD) guard.abort(new Error(`more than ${GUARD} requests`));
    const body = JSON.stringify(answer(query));
    response.writeHead(200, {
      'content-type': 'application/json',
      'content-length': Buffer.byteLength(body),
      'x-request-id': 'liar',
    });
    response.end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return opened.track({
    url,
    projectId: 'p',
    signal: guard.signal,
    pages,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  });
}

function clientFor(server: Liar, concurrency?: number): SubJobClient {
  return opened.track(tokenClient(server, 'any-token', concurrency === undefined ? {} : { concurrency }));
}

/** `n` well-formed items whose ids follow from their offset, so every page holds new ones. */
function items(offset: number, n: number): unknown[] {
  return Array.from({ length: n }, (_, i) => ({
    id: String(700_000_000_000_000_000n + BigInt(offset + i)),
    status: 'SUCCESS',
    begin_time: new Date(Date.UTC(2026, 0, 1) - (offset + i) * 1000).toISOString(),
  }));
}

const offsetOf = (query: URLSearchParams) => Number(query.get('offset'));
const empty = () => ({ count: LIE, items: [] });

describe('a count that claims more than the pages hold', () => {
  it('listAll: {count: 9999999, items: []} to every page ends each series after its first page', async () => {
    const server = await liar(empty);
    const result = await clientFor(server).listAll({ jobTypes: ['CREATE_SERVER'] }, server.signal);
    assert.ok(server.pages.length <= 2, `${server.pages.length} requests`);
    assert.equal(result.requests, server.pages.length);
    assert.deepEqual(result.subJobs, []);
  });

  it('listAll: every series of every job type and status stops at its first empty page', async () => {
    const server = await liar(empty);
    const result = await clientFor(server).listAll(
      { jobTypes: JOB_TYPES, statuses: ['RUNNING', 'SUCCESS'] },
      server.signal,
    );
    assert.equal(server.pages.length, JOB_TYPES.length * 2);
    assert.equal(result.requests, JOB_TYPES.length * 2);
  });

  it('listAll: after full pages, the first short page ends the series; only pages already in flight follow it', async () => {
    // Two full pages, then one of 30 items, then nothing, all claiming millions.
    const server = await liar((q) => ({
      count: LIE,
      items: offsetOf(q) < 200 ? items(offsetOf(q), PAGE_LIMIT) : offsetOf(q) === 200 ? items(200, 30) : [],
    }));
    const concurrency = 3;
    const result = await clientFor(server, concurrency).listAll({ jobTypes: ['CREATE_SERVER'] }, server.signal);
    assert.equal(result.subJobs.length, 230);
    // Pages 0, 1 and 2 are needed; at most `concurrency` more were queued before page 2 answered.
    assert.ok(server.pages.length <= 3 + concurrency, `${server.pages.length} requests: ${server.pages.join(' ')}`);
  });

  it('listAll: a count that changes on every answer does not make empty pages multiply', async () => {
    let n = 0;
    const server = await liar(() => ({ count: LIE - ++n, items: [] }));
    await clientFor(server).listAll({ jobTypes: ['DELETE_SERVER'] }, server.signal);
    assert.ok(server.pages.length <= 2, `${server.pages.length} requests`);
  });

  it('listNewest: one request per job type, whatever the limit', async () => {
    const server = await liar(empty);
    const result = await listNewest(
      clientFor(server),
      { jobTypes: JOB_TYPES, status: 'SUCCESS', limit: 5000 },
      server.signal,
    );
    assert.equal(server.pages.length, JOB_TYPES.length);
    assert.equal(result.requests, JOB_TYPES.length);
    assert.equal(result.total, JOB_TYPES.length * LIE, 'the count is reported as the answers say it');
  });

  it('listNewest: a lying count as the hint costs the pages the limit asks for, once, and no more', async () => {
    const server = await liar(empty);
    const result = await listNewest(
      clientFor(server),
      { jobTypes: JOB_TYPES, status: 'SUCCESS', limit: 300, expected: SMALLER_LIE },
      server.signal,
    );
    assert.equal(server.pages.length, JOB_TYPES.length * 3);
    assert.equal(result.requests, JOB_TYPES.length * 3);
  });

  it('listNewest: after a full page, a lying count costs at most the pages the limit allows, and the short page ends the group', async () => {
    const server = await liar((q) => ({
      count: SMALLER_LIE,
      items: offsetOf(q) === 0 ? items(0, PAGE_LIMIT) : offsetOf(q) === 100 ? items(100, 10) : [],
    }));
    const result = await listNewest(
      clientFor(server),
      { jobTypes: ['CREATE_SERVER'], status: 'SUCCESS', limit: 1000 },
      server.signal,
    );
    assert.equal(result.subJobs.length, 110);
    // The first page's count asks for the pages the limit allows, at once; nothing after them.
    assert.equal(server.pages.length, 10);
  });

  it('listNewest: pages that disagree on an empty series are read again at most once each', async () => {
    let n = 0;
    const server = await liar(() => ({ count: SMALLER_LIE - ++n, items: [] }));
    await listNewest(
      clientFor(server),
      { jobTypes: ['CREATE_SERVER'], status: 'SUCCESS', limit: 1000, expected: SMALLER_LIE },
      server.signal,
    );
    // Ten pages at once (the hint); they disagree, so the series is read again: from its first page only.
    assert.ok(server.pages.length <= 10 + 2, `${server.pages.length} requests`);
  });

  it('scanNewest: one request per job type, and the scan is complete', async () => {
    const server = await liar(empty);
    const result = await scanNewest(
      clientFor(server),
      { jobTypes: JOB_TYPES, wanted: () => true, enough: 5 },
      server.signal,
    );
    assert.equal(server.pages.length, JOB_TYPES.length);
    assert.equal(result.requests, JOB_TYPES.length);
    assert.equal(result.complete, true);
  });

  it('findById: pages of one item each end the scan at once', async () => {
    const server = await liar((q) => ({ count: LIE, items: items(offsetOf(q), 1) }));
    const result = await findById(clientFor(server), { jobTypes: JOB_TYPES, id: '1', maxPages: 40 }, server.signal);
    assert.equal(server.pages.length, JOB_TYPES.length);
    assert.deepEqual(result.subJobs, []);
  });

  it('findSubJob: a listing whose pages hold one item each is searched one page deep, not to its count', async () => {
    const server = await liar((q) => ({ count: LIE, items: items(offsetOf(q), 1) }));
    const found = await clientFor(server).findSubJob({ id: '1', jobType: 'CREATE_SERVER', jobId: '' }, server.signal);
    assert.equal(found, undefined);
    assert.equal(server.pages.length, 1);
  });
});
