import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ApiError } from '../../../src/api/errors';
import { FollowChange, FollowEnding, FollowEngine } from '../../../src/core/followEngine';
import { FollowItem, FollowSource } from '../../../src/core/followLookup';
import { SubJob } from '../../../src/model/subJob';
import { FakeClock } from '../fakeClock';

const settle = async () => {
  for (let i = 0; i < 10; i++) await new Promise<void>((resolve) => setImmediate(resolve));
};

function subJob(id: string, status: string): SubJob {
  return {
    id,
    jobType: 'CREATE_SERVER',
    status,
    resourceId: '',
    resourceName: `r-${id}`,
    beginTime: '2025-01-01T00:00:00Z',
    endTime: status === 'RUNNING' ? '' : '2025-01-01T01:00:00Z',
    errorCode: '',
    errorMessage: '',
    projectId: 'p',
    jobId: 'j',
  };
}

/** Sub-jobs by id; a missing id answers "not found"; `fail` makes every call throw it. */
class FakeSource implements FollowSource {
  readonly states = new Map<string, string>();
  calls = 0;
  readonly looked: string[] = [];
  fail: unknown;
  findSubJob = async (ref: { id: string }) => {
    this.calls++;
    this.looked.push(ref.id);
    await Promise.resolve();
    if (this.fail) throw this.fail;
    const status = this.states.get(ref.id);
    return status === undefined ? undefined : subJob(ref.id, status);
  };
  showJob = () => Promise.reject(new Error('not used'));
  listJob = () => Promise.reject(new Error('not used'));
}

const item = (id: string): FollowItem => ({ kind: 'subJob', id, ref: { id, jobType: 'CREATE_SERVER', jobId: 'j' } });

function setUp(interval = 30) {
  const clock = new FakeClock(1_000_000);
  const source = new FakeSource();
  const lifetime = new AbortController();
  const engine = new FollowEngine({ source, intervalSeconds: () => interval, clock, signal: lifetime.signal });
  const changes: FollowChange[] = [];
  const endings: Array<readonly FollowEnding[]> = [];
  engine.onDidChangeSubJob((c) => changes.push(c));
  engine.onDidEnd((e) => endings.push(e));
  return { clock, source, engine, changes, endings, lifetime };
}

test('an item is followed while any reason holds, by one look-up an interval', async () => {
  const { clock, source, engine } = setUp();
  source.states.set('a', 'RUNNING');
  const watch = engine.follow(item('a'), 'watch');
  const panel = engine.follow(item('a'), 'panel');
  assert.equal(engine.size, 1);
  await clock.advance(30_000);
  assert.equal(source.calls, 1, 'one look-up for two reasons');
  watch.dispose();
  assert.ok(engine.isFollowed(item('a')), 'the panel still follows it');
  engine.unfollow(item('a'), 'panel');
  assert.equal(panel.active, false);
  assert.equal(engine.size, 0);
  assert.equal(clock.pending, 0, 'no timer with nothing followed');
});

test('one change event per change, the first look-up included; none when nothing changed', async () => {
  const { clock, source, engine, changes } = setUp();
  source.states.set('a', 'RUNNING');
  engine.follow(item('a'), 'panel');
  await clock.advance(30_000);
  await clock.advance(30_000);
  assert.equal(changes.length, 1);
  source.states.set('a', 'FAILED');
  await clock.advance(30_000);
  assert.equal(changes.length, 2);
  assert.equal((changes[1] as { subJob: SubJob }).subJob.status, 'FAILED');
  await clock.advance(5 * 30_000);
  assert.equal(source.calls, 3, 'an ended sub-job is polled no more');
  assert.equal(clock.pending, 0);
});

test('a hidden panel is not polled; shown again with stale data it is looked up at once', async () => {
  const { clock, source, engine } = setUp();
  source.states.set('a', 'RUNNING');
  const panel = engine.follow(item('a'), 'panel');
  await panel.checkNow();
  panel.setPaused(true);
  await clock.advance(10 * 30_000);
  assert.equal(source.calls, 1, 'nothing while hidden');
  assert.equal(clock.pending, 0);
  panel.setPaused(false);
  await settle();
  assert.equal(source.calls, 2, 'looked up at once');
  panel.setPaused(true);
  source.states.set('b', 'RUNNING');
  const watch = engine.follow(item('b'), 'watch');
  await clock.advance(3 * 30_000);
  // The look-up on showing was the poll (one was due): the next is an interval later, once an interval.
  assert.deepEqual(source.looked, ['a', 'a', 'b', 'b', 'b'], 'a watch is polled while the panel is hidden');
  watch.dispose();
});

test('all endings of one poll in one event, with why each was followed', async () => {
  const { clock, source, engine, endings } = setUp();
  for (const id of ['a', 'b', 'c']) source.states.set(id, 'RUNNING');
  engine.follow(item('a'), 'watch');
  engine.follow(item('b'), 'ending');
  engine.follow(item('c'), 'panel');
  await clock.advance(30_000);
  for (const id of ['a', 'b', 'c']) source.states.set(id, id === 'a' ? 'FAILED' : 'SUCCESS');
  await clock.advance(30_000);
  assert.equal(endings.length, 1);
  assert.deepEqual(
    endings[0].map((e) => [e.item.id, e.reasons, e.outcome === 'ended' && e.status]),
    [
      ['a', ['watch'], 'FAILED'],
      ['b', ['ending'], 'SUCCESS'],
      ['c', ['panel'], 'SUCCESS'],
    ],
  );
});

test('not found twice in a row: gone, told once, followed no more', async () => {
  const { clock, source, engine, endings, changes } = setUp();
  engine.follow(item('x'), 'watch');
  await clock.advance(30_000);
  assert.equal(endings.length, 0, 'one miss is not enough');
  await clock.advance(5 * 30_000);
  assert.deepEqual(endings, [[{ item: item('x'), reasons: ['watch'], outcome: 'gone' }]]);
  assert.deepEqual(changes, [{ item: item('x'), gone: true }]);
  assert.equal(source.calls, 2);
  assert.equal(clock.pending, 0);
});

test('at most 8 look-ups in flight, however many are followed', async () => {
  const { source, engine } = setUp();
  for (let i = 0; i < 50; i++) {
    source.states.set(`s${i}`, 'RUNNING');
    engine.follow(item(`s${i}`), 'watch');
  }
  await engine.poll();
  assert.equal(source.calls, 50);
  assert.equal(engine.mostInFlight, 8);
});

test('throttled: the rest of the poll is not sent, and the next waits as asked', async () => {
  const { clock, source, engine } = setUp();
  for (let i = 0; i < 50; i++) engine.follow(item(`s${i}`), 'watch');
  source.fail = new ApiError(429, 'APIGW.0308', 'throttled', 'r', 120);
  await engine.poll();
  assert.ok(source.calls <= 8, `${source.calls} calls after a 429`);
  const after = source.calls;
  await clock.advance(119_000);
  assert.equal(source.calls, after, 'Retry-After: 120 s honoured');
  source.fail = undefined;
  for (let i = 0; i < 50; i++) source.states.set(`s${i}`, 'RUNNING');
  await clock.advance(1_000);
  assert.equal(source.calls, after + 50);
});

test('failing: backs off, doubling from the interval', async () => {
  const { clock, source, engine } = setUp();
  engine.follow(item('a'), 'watch');
  source.fail = new Error('connection reset');
  await clock.advance(30_000);
  await clock.advance(30_000);
  assert.equal(source.calls, 2);
  await clock.advance(30_000);
  assert.equal(source.calls, 2, 'the second wait is twice the interval');
  await clock.advance(30_000);
  assert.equal(source.calls, 3);
});

test('refused: nothing more is sent until resumed', async () => {
  const { clock, source, engine } = setUp();
  source.states.set('a', 'RUNNING');
  engine.follow(item('a'), 'watch');
  source.fail = new ApiError(401, 'APIGW.0301', 'bad signature', 'r');
  await clock.advance(30_000);
  await clock.advance(10 * 30_000);
  assert.equal(source.calls, 1);
  assert.equal(clock.pending, 0);
  source.fail = undefined;
  engine.resume();
  await clock.advance(0);
  assert.equal(source.calls, 2, 'resumed long after the last poll: at once');
});

test('the lifetime signal ends everything: no timer, handles inactive, later follows inert', async () => {
  const { clock, source, engine, lifetime } = setUp();
  source.states.set('a', 'RUNNING');
  const handle = engine.follow(item('a'), 'watch');
  lifetime.abort();
  assert.equal(clock.pending, 0);
  assert.equal(handle.active, false);
  const late = engine.follow(item('b'), 'watch');
  assert.equal(late.active, false);
  await late.checkNow();
  await clock.advance(10 * 30_000);
  assert.equal(source.calls, 0);
});

test('a throwing subscriber neither stops the others nor the schedule', async () => {
  const { clock, source, engine, changes } = setUp();
  engine.onDidChangeSubJob(() => {
    throw new Error('faulty listener');
  });
  const after: FollowChange[] = [];
  engine.onDidChangeSubJob((c) => after.push(c));
  source.states.set('a', 'RUNNING');
  engine.follow(item('a'), 'watch');
  await clock.advance(30_000);
  source.states.set('a', 'ABNORMAL');
  await clock.advance(30_000);
  assert.equal(changes.length, 2);
  assert.equal(after.length, 2);
});

// From the details poller this engine replaces: no overlapping look-ups, none once terminal.
test('a panel never has two look-ups at once: checks and polls join the one under way', async () => {
  const { clock, source, engine } = setUp();
  source.states.set('a', 'RUNNING');
  const panel = engine.follow(item('a'), 'panel');
  await Promise.all([panel.checkNow(), panel.checkNow(), engine.poll()]);
  assert.equal(source.calls, 1);
  source.states.set('a', 'FAILED');
  await clock.advance(30_000);
  assert.equal(source.calls, 2);
  await clock.advance(10 * 30_000);
  assert.equal(source.calls, 2, 'no polling once terminal');
  assert.equal(clock.pending, 0);
});

test('a panel’s Refresh that misses its sub-job is told "gone" at once; the follow ends on the next miss', async () => {
  const { clock, engine, changes, endings } = setUp();
  const panel = engine.follow(item('a'), 'panel');
  await panel.checkNow();
  assert.deepEqual(changes, [{ item: item('a'), gone: true }]);
  assert.ok(panel.active, 'one miss may be a listing read while newer sub-jobs arrived');
  await clock.advance(30_000);
  assert.equal(panel.active, false);
  assert.equal(endings.flat()[0]?.outcome, 'gone');
});

test('a panel on a finished sub-job is polled no more, yet hears what the session reads of it', async () => {
  const { clock, source, engine, changes } = setUp();
  source.states.set('a', 'SUCCESS');
  const panel = engine.follow(item('a'), 'panel');
  await panel.checkNow();
  await clock.advance(5 * 30_000);
  assert.equal(source.calls, 1, 'not polled once finished');
  assert.equal(clock.pending, 0);
  changes.length = 0;
  engine.seen([{ ...subJob('a', 'SUCCESS'), resourceName: 'renamed' }]);
  assert.deepEqual(
    changes.map((c) => 'subJob' in c && c.subJob.resourceName),
    ['renamed'],
  );
});

test('sub-jobs the session deleted are told gone at once, with no look-up', async () => {
  const { source, engine, changes, endings } = setUp();
  source.states.set('a', 'SUCCESS');
  source.states.set('b', 'FAILED');
  const panel = engine.follow(item('a'), 'panel');
  await panel.checkNow();
  engine.follow(item('b'), 'watch');
  changes.length = 0;
  const calls = source.calls;
  engine.removed(['a', 'b', 'not-followed']);
  assert.deepEqual(
    changes.map((c) => [c.item.id, 'gone' in c]),
    [
      ['a', true],
      ['b', true],
    ],
  );
  assert.equal(source.calls, calls);
  // The panel's sub-job had ended already (told then); the watch's ends now, gone.
  assert.deepEqual(
    endings.flat().map((e) => [e.item.id, e.outcome]),
    [
      ['a', 'ended'],
      ['b', 'gone'],
    ],
  );
});

test('a followed sub-job a refresh reads as finished is polled no more: the panel already shows how it ended', async () => {
  const { clock, source, engine, changes, endings } = setUp();
  source.states.set('a', 'RUNNING');
  const panel = engine.follow(item('a'), 'panel');
  const watch = engine.follow(item('a'), 'watch');
  await panel.checkNow();
  const calls = source.calls;
  source.states.set('a', 'FAILED');
  engine.seen([subJob('a', 'FAILED')]);
  assert.deepEqual(
    changes.map((c) => 'subJob' in c && c.subJob.status),
    ['RUNNING', 'FAILED'],
  );
  await clock.advance(5 * 30_000);
  assert.equal(source.calls - calls, 0, 'no look-up sent after the refresh told it ended');
  assert.equal(clock.pending, 0);
  assert.ok(panel.active, 'the panel rests on it, still told what the session reads');
  assert.equal(watch.active, false, 'the watch has heard how it ended');
  assert.deepEqual(
    endings.flat().map((e) => [e.item.id, e.outcome, e.outcome === 'ended' && e.status]),
    [['a', 'ended', 'FAILED']],
  );
});

test('checkNow says whether it looked the item up: not on a gone follow, nor while the session may not send', async () => {
  const clock = new FakeClock(1_000_000);
  const source = new FakeSource();
  let mayCall = true;
  const engine = new FollowEngine({ source, intervalSeconds: () => 30, clock, mayCall: () => mayCall });
  source.states.set('a', 'RUNNING');
  const panel = engine.follow(item('a'), 'panel');
  assert.equal(await panel.checkNow(), true);
  source.states.set('a', 'SUCCESS');
  await clock.advance(30_000);
  assert.ok(panel.active, 'an ended job: the panel rests on it');
  assert.equal(await panel.checkNow(), true, 'and its Refresh still looks it up');
  mayCall = false;
  const calls = source.calls;
  assert.equal(await panel.checkNow(), false);
  assert.equal(source.calls, calls, 'nothing sent');
  mayCall = true;
  source.states.delete('a');
  await panel.checkNow();
  await clock.advance(30_000);
  await panel.checkNow();
  assert.equal(panel.active, false, 'gone after two misses');
  assert.equal(await panel.checkNow(), false);
  engine.dispose();
});
