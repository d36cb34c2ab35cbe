import { afterEach, test } from 'node:test';
import assert from 'node:assert/strict';
import { KeyValueStore } from '../../../src/core/filterStore';
import { Watch, WatchEnd, WatchList, WatchPoller } from '../../../src/core/watches';
import { startSimulator } from '../../../src/simulator/server';
import { JOB_TYPES } from '../../../src/model/subJob';
import { FakeClock } from '../fakeClock';
import { OpenedInTest, tokenClient } from '../simulatorClient';

const opened = new OpenedInTest();
afterEach(() => opened.closeAll());

function memory(): KeyValueStore & { data: Map<string, unknown> } {
  const data = new Map<string, unknown>();
  return {
    data,
    get: <T>(key: string, fallback: T) => (data.has(key) ? (data.get(key) as T) : fallback),
    update: async (key, value) => void data.set(key, value),
  };
}

async function setUp() {
  const simulator = opened.track(await startSimulator({ progress: false, token: 'tok', size: 30, seed: 21 }));
  const client = opened.track(tokenClient(simulator, 'tok'));
  const storage = memory();
  const watches = new WatchList(storage);
  const clock = new FakeClock(Date.now());
  const ended: WatchEnd[] = [];
  const source = {
    findSubJob: client.findSubJob.bind(client),
    showJob: client.showJob.bind(client),
    listJob: async (jobId: string, signal: AbortSignal) =>
      (await client.listAll({ jobTypes: JOB_TYPES, jobId }, signal)).subJobs,
  };
  const poller = new WatchPoller({
    watches,
    source: (key) => (key === 'k' ? source : undefined),
    intervalSeconds: () => 30,
    onEnded: (e) => ended.push(e),
    clock,
  });
  opened.track({ close: async () => poller.dispose() });
  return { simulator, storage, watches, clock, ended, poller, client };
}

test('a watched sub-job is told once when it ends, with how; the watch ends itself', async () => {
  const { simulator, watches, ended, poller } = await setUp();
  const running = simulator.subJobs().find((s) => s.status === 'RUNNING')!;
  const watch: Watch = {
    kind: 'subJob',
    id: running.id,
    sessionKey: 'k',
    label: 'build',
    ref: { id: running.id, jobType: running.job_type, jobId: running.job_id },
  };
  await watches.add(watch);
  await poller.poll();
  assert.equal(ended.length, 0);
  simulator.setStatus(running.id, 'SUCCESS');
  await poller.poll();
  await poller.poll();
  assert.equal(ended.length, 1);
  assert.equal(ended[0].status, 'SUCCESS');
  assert.ok(ended[0].endTime);
  assert.equal(watches.has(running.id), false);
});

test('a watched parent job ends when it and all its sub-jobs have', async () => {
  const { simulator, watches, ended, poller } = await setUp();
  const a = simulator.addSubJob({ status: 'RUNNING', job_id: '900000000000000001' });
  const b = simulator.addSubJob({ status: 'RUNNING', job_id: '900000000000000001' });
  await watches.add({ kind: 'job', id: a.job_id, sessionKey: 'k', label: `job ${a.job_id}` });
  simulator.setStatus(a.id, 'FAILED');
  await poller.poll();
  assert.equal(ended.length, 0, 'one sub-job still runs');
  simulator.setStatus(b.id, 'SUCCESS');
  await poller.poll();
  assert.equal(ended.length, 1);
  assert.equal(ended[0].status, 'FAILED');
});

test('watches survive a reload; one in a project no longer shown waits, costing nothing', async () => {
  const { simulator, storage, watches, poller } = await setUp();
  await watches.add({ kind: 'subJob', id: 'x1', sessionKey: 'gone', label: 'elsewhere' });
  assert.deepEqual(
    new WatchList(storage).all.map((w) => w.id),
    ['x1'],
  );
  const before = simulator.requests.length;
  await poller.poll();
  assert.equal(simulator.requests.length, before);
  assert.ok(watches.has('x1'));
});

test('polls once an interval, one request per watch, only while something is watched', async () => {
  const { simulator, watches, clock, poller } = await setUp();
  poller.schedule();
  assert.equal(clock.pending, 0, 'no timer with nothing watched');
  const running = simulator.subJobs().find((s) => s.status === 'RUNNING')!;
  await watches.add({ kind: 'job', id: running.job_id, sessionKey: 'k', label: 'job' });
  poller.schedule();
  const before = simulator.requests.length;
  // Real HTTP answers between the fake ticks.
  await clock.runUntil(clock.now() + 5 * 30_000 + 1, () => new Promise((resolve) => setTimeout(resolve, 40)));
  const made = simulator.requests.length - before;
  assert.equal(made, 5, `${made} requests in five intervals`);
  assert.ok(simulator.requests.slice(before).every((r) => r.path.includes('/image-server-jobs/')));
});

test('a watch that told its ending still counts as watched for a while, so a refresh does not tell it again', async () => {
  const { simulator, watches, poller } = await setUp();
  const running = simulator.subJobs().find((s) => s.status === 'RUNNING')!;
  await watches.add({
    kind: 'subJob',
    id: running.id,
    sessionKey: 'k',
    label: 'build',
    ref: { id: running.id, jobType: running.job_type, jobId: running.job_id },
  });
  simulator.setStatus(running.id, 'SUCCESS');
  await poller.poll();
  assert.equal(watches.has(running.id), false);
  assert.ok(watches.announcedByWatch.has(running.id));
});

test('a job watch where ShowImageJob is not offered ends from the listings', async () => {
  const { simulator, watches, ended, poller } = await setUp();
  const a = simulator.addSubJob({ status: 'RUNNING', job_id: '900000000000000007' });
  await watches.add({ kind: 'job', id: a.job_id, sessionKey: 'k', label: 'job' });
  simulator.failNext(1, 403, { error_code: 'APIGW.0302', error_msg: 'The IAM user is not authorized' });
  await poller.poll();
  assert.equal(ended.length, 0, 'still running, seen in the listings');
  simulator.setStatus(a.id, 'FAILED');
  simulator.failNext(1, 405, { error_code: 'WKS.0405', error_msg: 'Method Not Allowed' });
  await poller.poll();
  assert.equal(ended.length, 1);
  assert.equal(ended[0].status, 'FAILED');
});

test('watches of projects no longer configured are forgotten', async () => {
  const { watches } = await setUp();
  await watches.add({ kind: 'job', id: 'j1', sessionKey: 'k', label: 'job' });
  await watches.add({ kind: 'job', id: 'j2', sessionKey: 'gone', label: 'job' });
  await watches.keepOnly(new Set(['k']));
  assert.deepEqual(
    watches.all.map((w) => w.id),
    ['j1'],
  );
});
