/**
 * ListOrder against a simulator that lists oldest first, over loopback: a remembered count never
 * answers without a request, parallel first pages do not race the order's detection, and one skewed
 * begin time does not decide (or flip) the order.
 */
import assert from 'node:assert/strict';
import { afterEach, test } from 'node:test';
import { Logger } from '../../../src/api/logger';
import { ListOrder } from '../../../src/api/listOrder';
import { PageQuery, SubJobClient } from '../../../src/api/subJobClient';
import { formatTime } from '../../../src/simulator/rawSubJob';
import { RunningSimulator, startSimulator } from '../../../src/simulator/server';
import { OpenedInTest, tokenClient } from '../simulatorClient';

const START = Date.parse('2026-03-07T10:00:00Z');
const MINUTE = 60_000;
const signal = () => new AbortController().signal;

const opened = new OpenedInTest();
afterEach(() => opened.closeAll());

async function oldestFirst(): Promise<{ sim: RunningSimulator; client: SubJobClient }> {
  const sim = opened.track(
    await startSimulator({ faults: { listOrder: 'oldest' }, size: 0, progress: false, now: () => START }),
  );
  return { sim, client: opened.track(tokenClient(sim, sim.token)) };
}

/** `n` CREATE_SERVER sub-jobs in `status`, the i-th beginning i minutes after the first. */
function addSeries(sim: RunningSimulator, n: number, status = 'SUCCESS', jobType = 'CREATE_SERVER'): string[] {
  const ids: string[] = [];
  for (let i = 0; i < n; i++)
    ids.push(sim.addSubJob({ job_type: jobType, status, begin_time: formatTime(START - (n - i) * MINUTE) }).id);
  return ids;
}

test('a filter once seen empty is asked again: its new sub-jobs show, each read costs a request', async () => {
  const { sim, client } = await oldestFirst();
  addSeries(sim, 3);
  await client.listPage({ jobType: 'CREATE_SERVER', offset: 0, limit: 100 }, signal());
  assert.equal(client.listOrder, 'oldest');
  const query: PageQuery = { jobType: 'DELETE_SERVER', status: 'FAILED', offset: 0, limit: 100 };
  assert.equal((await client.listPage(query, signal())).count, 0);

  const added = addSeries(sim, 6, 'FAILED', 'DELETE_SERVER');
  const before = sim.requests.length;
  const again = await client.listPage(query, signal());
  assert.ok(sim.requests.length > before, 'a request was sent');
  assert.equal(again.count, 6);
  assert.deepEqual(
    again.items.map((s) => s.id),
    [...added].reverse(),
  );
  // Show more past a remembered count: asked, not answered empty from memory.
  addSeries(sim, 150, 'FAILED', 'DELETE_SERVER');
  const more = await client.listPage({ ...query, offset: 100 }, signal());
  assert.equal(more.count, 156);
  assert.equal(more.items.length, 56);
});

test('a remembered count that moved costs one request more, never a wrong page', async () => {
  const { sim, client } = await oldestFirst();
  const ids = addSeries(sim, 150);
  const query: PageQuery = { jobType: 'CREATE_SERVER', offset: 0, limit: 100 };
  await client.listPage(query, signal());
  const newer = addSeries(sim, 0);
  for (let i = 0; i < 20; i++)
    newer.push(sim.addSubJob({ job_type: 'CREATE_SERVER', status: 'SUCCESS', begin_time: formatTime(START + i) }).id);
  const page = await client.listPage(query, signal());
  assert.deepEqual(
    page.items.map((s) => s.id),
    [...ids, ...newer].reverse().slice(0, 100),
  );
});

test('parallel first pages wait for the order: the newest is shown once and the oldest is not lost', async () => {
  const { sim, client } = await oldestFirst();
  const ids = addSeries(sim, 101);
  // The raw answers in the service's order; the first page's answer is held until the second's came.
  let secondAnswered!: () => void;
  const second = new Promise<void>((resolve) => (secondAnswered = resolve));
  const order = new ListOrder(async (query, s) => {
    const page = await client.listPage({ ...query, anyOrder: true }, s);
    if (query.offset === 0 && query.limit === 100) await second;
    if (query.offset === 100) secondAnswered();
    return page;
  }, silent);
  const [first, next] = await Promise.all([
    order.page({ jobType: 'CREATE_SERVER', offset: 0, limit: 100 }, signal()),
    order.page({ jobType: 'CREATE_SERVER', offset: 100, limit: 100 }, signal()),
  ]);
  const shown = [...first.items, ...next.items].map((s) => s.id);
  assert.deepEqual(shown, [...ids].reverse(), `${sim.requests.length} requests`);
});

test('one skewed begin time neither decides the order nor flips it', async () => {
  const { sim, client } = await oldestFirst();
  const ids = addSeries(sim, 150);
  // The service's first page, with its oldest sub-job's clock a year ahead: its first and last
  // begin times alone would say newest first.
  const response = await fetch(
    `${sim.url}/v1/${sim.projectId}/image-server-sub-jobs?job_type=CREATE_SERVER&offset=0&limit=100`,
    { headers: { 'X-Auth-Token': sim.token } },
  );
  const first = (await response.json()) as { count: number; items: Array<Record<string, unknown>> };
  assert.equal(first.items[0].id, ids[0]);
  first.items[0].begin_time = formatTime(START + 365 * 24 * 60 * MINUTE);
  sim.failNext(1, 200, first);
  const page = await client.listPage({ jobType: 'CREATE_SERVER', offset: 0, limit: 100 }, signal());
  assert.equal(client.listOrder, 'oldest');
  assert.deepEqual(
    page.items.map((s) => s.id),
    [...ids].reverse().slice(0, 100),
  );
  // The tail read with the same skew: the order stays.
  const tail = (await (
    await fetch(`${sim.url}/v1/${sim.projectId}/image-server-sub-jobs?job_type=CREATE_SERVER&offset=50&limit=100`, {
      headers: { 'X-Auth-Token': sim.token },
    })
  ).json()) as { count: number; items: Array<Record<string, unknown>> };
  tail.items[0].begin_time = formatTime(START + 365 * 24 * 60 * MINUTE);
  sim.failNext(1, 200, tail);
  const again = await client.listPage({ jobType: 'CREATE_SERVER', offset: 0, limit: 100 }, signal());
  assert.equal(client.listOrder, 'oldest');
  assert.equal(again.items[0]?.id, ids[149]);
});

test('a page that contradicts the order told is logged and the order told again', async () => {
  const { sim, client } = await oldestFirst();
  addSeries(sim, 150);
  const infos: string[] = [];
  const logger: Logger = { ...silent, info: (m) => infos.push(m) };
  const order = new ListOrder((query, s) => client.listPage({ ...query, anyOrder: true }, s), logger);
  await order.page({ jobType: 'CREATE_SERVER', offset: 0, limit: 100 }, signal());
  assert.equal(order.detected, 'oldest');
  sim.setFaults({ listOrder: 'newest' });
  const page = await order.page({ jobType: 'CREATE_SERVER', offset: 0, limit: 100 }, signal());
  assert.equal(order.detected, 'newest');
  assert.deepEqual(
    page.items.map((s) => s.id),
    sim
      .subJobs()
      .slice(0, 100)
      .map((s) => s.id),
  );
  assert.ok(
    infos.some((m) => /contradict/.test(m)),
    infos.join('\n'),
  );
});

test('a count call for one job type tells where its tail is: the first read costs one request', async () => {
  const { sim, client } = await oldestFirst();
  addSeries(sim, 3);
  await client.listPage({ jobType: 'CREATE_SERVER', offset: 0, limit: 100 }, signal());
  const ids = addSeries(sim, 250, 'FAILED', 'DELETE_SERVER');
  assert.equal(await client.count(['DELETE_SERVER'], { status: 'FAILED' }, signal()), 250);
  const before = sim.requests.length;
  const page = await client.listPage({ jobType: 'DELETE_SERVER', status: 'FAILED', offset: 0, limit: 100 }, signal());
  assert.equal(sim.requests.length - before, 1);
  assert.deepEqual(
    page.items.map((s) => s.id),
    [...ids].reverse().slice(0, 100),
  );
});

const silent: Logger = { debug() {}, info() {}, warn() {}, error() {} };
