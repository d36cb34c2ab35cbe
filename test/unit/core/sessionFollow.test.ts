import { afterEach, test } from 'node:test';
import assert from 'node:assert/strict';
import { FollowChange } from '../../../src/core/followEngine';
import { FollowItem } from '../../../src/core/followLookup';
import { ProjectSession, RefreshReport, SessionSpec } from '../../../src/core/projectSession';
import { RawSubJob, RunningSimulator, startSimulator } from '../../../src/simulator/server';
import { FakeClock } from '../fakeClock';
import { accessKeyClient, OpenedInTest, tokenClient, simulatorSessionSpec } from '../simulatorClient';

const opened = new OpenedInTest();
afterEach(() => opened.closeAll());

const INTERVAL = 30;

function spec(simulator: RunningSimulator, cautious = false): SessionSpec {
  return simulatorSessionSpec(simulator, cautious ? { cautious: true } : {});
}

async function setUp(credential: 'token' | 'badAccessKey' = 'token') {
  const simulator = opened.track(await startSimulator({ progress: false, token: 'tok', size: 60, seed: 41 }));
  const client = credential === 'token' ? tokenClient(simulator, 'tok') : accessKeyClient(simulator, 'not-the-secret');
  const clock = new FakeClock(Date.now());
  const session = new ProjectSession(spec(simulator, credential !== 'token'), client, undefined, { clock });
  session.setInterval(INTERVAL);
  // Disposing the session closes its client.
  opened.track({ close: async () => session.dispose() });
  const changes: FollowChange[] = [];
  session.onDidChangeSubJob((change) => changes.push(change));
  /** Requests a follower makes (ShowImageJob, or a listing by job); the session's own refreshes are counts. */
  const sent = () => simulator.requests.filter((r) => r.path.includes('/image-server-jobs/') || r.query.job_id).length;
  /** Real HTTP answers between the fake clock's ticks: until the simulator hears nothing more for a while. */
  const answered = async () => {
    let seen: number;
    do {
      seen = simulator.requests.length;
      await new Promise<void>((resolve) => setTimeout(resolve, 40));
    } while (simulator.requests.length !== seen);
  };
  const intervals = (n: number) => clock.runUntil(clock.now() + n * INTERVAL * 1000 + 1, answered);
  return { simulator, session, clock, changes, sent, intervals };
}

function itemOf(s: RawSubJob): FollowItem {
  return { kind: 'subJob', id: s.id, ref: { id: s.id, jobType: s.job_type, jobId: s.job_id } };
}

const running = (simulator: RunningSimulator) => simulator.subJobs().find((s) => s.status === 'RUNNING')!;

test('the session follows: a watched sub-job is looked up once an interval through the session', async () => {
  const { simulator, session, sent, intervals } = await setUp();
  session.follow(itemOf(running(simulator)), 'watch');
  const before = sent();
  await intervals(3);
  assert.equal(sent() - before, 3, 'one look-up an interval');
  assert.ok(session.requestCount >= 3, 'counted as the session’s own requests');
});

test('a disposed session leaves no timer and sends nothing; a follow after it is inactive', async () => {
  const { simulator, session, clock, sent, intervals } = await setUp();
  const watch = session.follow(itemOf(running(simulator)), 'watch');
  session.follow(itemOf(simulator.subJobs()[1]), 'panel');
  assert.ok(clock.pending > 0);
  session.dispose();
  assert.equal(clock.pending, 0, 'no timer after dispose');
  assert.equal(watch.active, false);
  const before = sent();
  await intervals(5);
  assert.equal(sent(), before, 'nothing sent after dispose');
  const late = session.follow(itemOf(running(simulator)), 'watch');
  assert.equal(late.active, false);
  await late.checkNow();
  assert.equal(sent(), before);
  assert.equal(clock.pending, 0);
});

test('a refused credential: the session’s followers send nothing, not even a check', async () => {
  const { simulator, session, sent, intervals } = await setUp('badAccessKey');
  await session.refresh('first');
  assert.ok(session.refused, 'the simulator refused the signature');
  const before = sent();
  const handle = session.follow(itemOf(running(simulator)), 'watch');
  await handle.checkNow();
  await intervals(5);
  assert.equal(sent() - before, 0, 'no request from a follower with a refused access key');
});

test('a panel’s follow paused while hidden sends nothing; shown again when stale, it looks at once', async () => {
  const { simulator, session, sent, intervals, changes } = await setUp();
  const s = running(simulator);
  const panel = session.follow(itemOf(s), 'panel');
  await panel.checkNow();
  assert.equal(changes.length, 1, 'the first look-up is told');
  panel.setPaused(true);
  const before = sent();
  await intervals(4);
  assert.equal(sent(), before, 'nothing while hidden');
  panel.setPaused(false);
  await intervals(0);
  assert.equal(sent() - before, 1, 'one look-up when shown again, its data being stale');
});

test('what a refresh loads reaches a followed panel at once, with no request of its own', async () => {
  const { simulator, session, changes } = await setUp();
  const s = running(simulator);
  await session.refresh('first');
  await session.expand('RUNNING');
  await session.expand('FAILED');
  const panel = session.follow(itemOf(s), 'panel');
  await panel.checkNow();
  changes.length = 0;
  simulator.setStatus(s.id, 'FAILED', { code: 'WKS.001', message: 'broken' });
  const before = simulator.requests.length;
  await session.refresh('again');
  const told = changes.filter((c): c is FollowChange & { subJob: { status: string } } => 'subJob' in c);
  assert.equal(told.length, 1, `${changes.length} changes told`);
  assert.equal(told[0].subJob.status, 'FAILED');
  assert.equal(told[0].item.id, s.id);
  const lookups = simulator.requests.slice(before).filter((r) => r.path.includes('/image-server-jobs/'));
  assert.equal(lookups.length, 0, 'no look-up: the refresh’s own data');
});

test('a look-up that fails is told to the panel; the item stays followed', async () => {
  const { simulator, session, changes } = await setUp();
  const panel = session.follow(itemOf(running(simulator)), 'panel');
  simulator.failNext(1, 503, { error_code: 'WKS.00050902', error_msg: 'busy' });
  await panel.checkNow();
  assert.equal(changes.length, 1);
  assert.ok('error' in changes[0]);
  assert.ok(panel.active);
});

test('an ending a refresh looked up reaches the panel in that refresh, with no look-up of its own', async () => {
  const { simulator, session, changes } = await setUp();
  const s = running(simulator);
  session.setTracking(true);
  // Only RUNNING is loaded: the refresh finds the ending by a look-up, not in a loaded FAILED group.
  await session.refresh('first');
  await session.expand('RUNNING');
  const panel = session.follow(itemOf(s), 'panel');
  await panel.checkNow();
  await session.refresh('baseline');
  changes.length = 0;
  simulator.setStatus(s.id, 'FAILED', { code: 'WKS.001', message: 'broken' });
  const reports: RefreshReport[] = [];
  session.onDidRefresh((report) => reports.push(report));
  await session.refresh('again');
  assert.deepEqual(
    reports.flatMap((r) => r.transitions.map((t) => t.subJob.id)),
    [s.id],
    'the refresh reports the ending (the toast)',
  );
  const told = changes.filter((c): c is FollowChange & { subJob: { status: string } } => 'subJob' in c);
  assert.deepEqual(
    told.map((c) => c.subJob.status),
    ['FAILED'],
    `the panel was told in the same refresh (${changes.length} changes)`,
  );
});

test('records the session deleted: a panel following one is told at once that it is gone', async () => {
  const { simulator, session, changes, sent } = await setUp();
  const done = simulator.subJobs().find((x) => x.status === 'SUCCESS')!;
  await session.refresh('first');
  const panel = session.follow(itemOf(done), 'panel');
  await panel.checkNow();
  changes.length = 0;
  const before = sent();
  session.removeSubJobs([{ id: done.id, status: done.status }]);
  assert.deepEqual(
    changes.map((c) => [c.item.id, 'gone' in c]),
    [[done.id, true]],
  );
  assert.equal(sent(), before, 'no look-up');
});
