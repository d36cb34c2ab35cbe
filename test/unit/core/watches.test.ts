import { AsyncLocalStorage } from 'node:async_hooks';
import { afterEach, test } from 'node:test';
import assert from 'node:assert/strict';
import { KeyValueStore } from '../../../src/core/filterStore';
import { Emitter, Event } from '../../../src/core/events';
import { FollowedWatches, UNDO_MEMORY_MS, WatchSessions } from '../../../src/core/followWatches';
import { ProjectSession, SessionSpec } from '../../../src/core/projectSession';
import { isWatchGone, MAX_WATCHES, Watch, WatchEnding, WatchList } from '../../../src/core/watches';
import { RawSubJob, RunningSimulator, startSimulator } from '../../../src/simulator/server';
import { FakeClock } from '../fakeClock';
import { OpenedInTest, tokenClient, simulatorSessionSpec } from '../simulatorClient';

const opened = new OpenedInTest();
afterEach(() => opened.closeAll());

function memory(): KeyValueStore & { data: Map<string, unknown>; writes: number } {
  const data = new Map<string, unknown>();
  const store = {
    data,
    writes: 0,
    get: <T>(key: string, fallback: T) => (data.has(key) ? (data.get(key) as T) : fallback),
    update: async (key: string, value: unknown) => {
      store.writes++;
      data.set(key, value);
    },
  };
  return store;
}

const settle = async () => {
  for (let i = 0; i < 5; i++) await new Promise<void>((resolve) => setImmediate(resolve));
};

function spec(simulator: RunningSimulator): SessionSpec {
  return simulatorSessionSpec(simulator, { key: 'k' });
}

/** The sessions shown: one, of key 'k', which a test may replace (a credential change). */
class ShownSessions implements WatchSessions {
  private readonly changes = new Emitter<readonly ProjectSession[]>();
  readonly onDidChangeSessions: Event<readonly ProjectSession[]> = this.changes.event;
  private shown = true;
  constructor(public session: ProjectSession) {}
  get(key: string): ProjectSession | undefined {
    return key === 'k' && this.shown ? this.session : undefined;
  }
  /** Remove Project: the project's session goes; putBack (its Undo) shows a new one for the same project. */
  removeProject(): void {
    this.shown = false;
    this.session.dispose();
    this.changes.fire([]);
  }
  putBack(session: ProjectSession): void {
    this.shown = true;
    this.session = session;
    this.changes.fire([session]);
  }
  replace(session: ProjectSession): void {
    const old = this.session;
    this.session = session;
    old.dispose();
    this.changes.fire([session]);
  }
}

async function setUp(storage = memory(), prepare?: (simulator: RunningSimulator) => void, now?: () => number) {
  const simulator = opened.track(await startSimulator({ progress: false, token: 'tok', size: 30, seed: 21 }));
  prepare?.(simulator);
  const watches = new WatchList(storage);
  const clock = new FakeClock(Date.now());
  const told: Array<readonly WatchEnding[]> = [];
  let inFlight = 0;
  let mostInFlight = 0;
  const nested = new AsyncLocalStorage<boolean>();
  const counted = async <T>(call: () => Promise<T>): Promise<T> => {
    inFlight++;
    mostInFlight = Math.max(mostInFlight, inFlight);
    try {
      return await call();
    } finally {
      inFlight--;
    }
  };
  /** A session on a client that would send any number at once: the engine is what keeps look-ups to a few. */
  const newSession = () => {
    const client = tokenClient(simulator, 'tok', { concurrency: 1000 });
    for (const name of ['findSubJob', 'showJob', 'listAll'] as const) {
      const call = client[name].bind(client) as (...args: unknown[]) => Promise<unknown>;
      (client as unknown as Record<string, unknown>)[name] = (...args: unknown[]) =>
        // A look-up may make another of these calls (ShowImageJob, a listing): one in flight all the same.
        nested.getStore() ? call(...args) : nested.run(true, () => counted(() => call(...args)));
    }
    const session = new ProjectSession(spec(simulator), client, undefined, { clock });
    session.setInterval(30);
    opened.track({ close: async () => session.dispose() });
    return session;
  };
  const sessions = new ShownSessions(newSession());
  const follows = new FollowedWatches({ watches, sessions, ...(now && { now }) });
  follows.onDidEnd((endings) => told.push(endings));
  opened.track({ close: async () => follows.dispose() });
  const poll = async () => {
    await sessions.session.followEngine.poll();
    await settle();
  };
  /** Real HTTP answers between the fake clock's ticks: waits until no look-up is in flight. */
  const answered = async () => {
    do await new Promise<void>((resolve) => setTimeout(resolve, 10));
    while (inFlight > 0);
  };
  /** Look-ups a watch makes (ShowImageJob, or a listing by job): the session's own refreshes are counts. */
  const lookups = () => simulator.requests.filter((r) => r.path.includes('/image-server-jobs/') || r.query.job_id);
  return {
    answered,
    simulator,
    storage,
    watches,
    clock,
    told,
    ended: () => told.flat(),
    follows,
    sessions,
    newSession,
    lookups,
    poll,
    mostInFlight: () => mostInFlight,
  };
}

function subJobWatch(s: { id: string; job_type: string; job_id: string }): Watch {
  return {
    kind: 'subJob',
    id: s.id,
    sessionKey: 'k',
    label: s.id,
    ref: { id: s.id, jobType: s.job_type, jobId: s.job_id },
  };
}

test('a watched sub-job is told once when it ends, with how; the watch ends itself', async () => {
  const { simulator, watches, ended, poll } = await setUp();
  const running = simulator.subJobs().find((s) => s.status === 'RUNNING')!;
  await watches.add(subJobWatch(running));
  await poll();
  assert.equal(ended().length, 0);
  simulator.setStatus(running.id, 'SUCCESS');
  await poll();
  await poll();
  assert.equal(ended().length, 1);
  const end = ended()[0];
  assert.ok(!isWatchGone(end));
  assert.equal(end.status, 'SUCCESS');
  assert.ok(end.endTime);
  assert.equal(watches.has('k', running.id), false);
});

test('a watched parent job ends when it and all its sub-jobs have', async () => {
  const { simulator, watches, ended, poll } = await setUp();
  const a = simulator.addSubJob({ status: 'RUNNING', job_id: '900000000000000001' });
  const b = simulator.addSubJob({ status: 'RUNNING', job_id: '900000000000000001' });
  await watches.add({ kind: 'job', id: a.job_id, sessionKey: 'k', label: `job ${a.job_id}` });
  simulator.setStatus(a.id, 'FAILED');
  await poll();
  assert.equal(ended().length, 0, 'one sub-job still runs');
  simulator.setStatus(b.id, 'SUCCESS');
  await poll();
  assert.equal(ended().length, 1);
  assert.equal((ended()[0] as { status: string }).status, 'FAILED');
});

test('watches survive a reload; one in a project no longer shown waits, costing nothing', async () => {
  const { storage, watches, clock, answered, lookups } = await setUp();
  await watches.add({ kind: 'subJob', id: 'x1', sessionKey: 'gone', label: 'elsewhere' });
  assert.deepEqual(
    new WatchList(storage).all.map((w) => w.id),
    ['x1'],
  );
  const before = lookups().length;
  await clock.runUntil(clock.now() + 3 * 30_000 + 1, answered);
  assert.equal(lookups().length, before);
  assert.ok(watches.has('gone', 'x1'));
});

test('polls once an interval, one request per watch, only while something is watched', async () => {
  const { simulator, sessions, watches, clock, answered, lookups } = await setUp();
  assert.equal(sessions.session.followEngine.scheduled, false, 'no timer with nothing watched');
  const running = simulator.subJobs().find((s) => s.status === 'RUNNING')!;
  await watches.add({ kind: 'job', id: running.job_id, sessionKey: 'k', label: 'job' });
  const before = lookups().length;
  await clock.runUntil(clock.now() + 5 * 30_000 + 1, answered);
  const made = lookups().slice(before);
  assert.equal(made.length, 5, `${made.length} requests in five intervals`);
  assert.ok(made.every((r) => r.path.includes('/image-server-jobs/')));
  await watches.remove('k', running.job_id);
  assert.equal(sessions.session.followEngine.scheduled, false, 'no timer once nothing is watched');
});

test('a watch that told its ending still counts as watched for a while, so a refresh does not tell it again', async () => {
  const { simulator, watches, poll } = await setUp();
  const running = simulator.subJobs().find((s) => s.status === 'RUNNING')!;
  await watches.add(subJobWatch(running));
  simulator.setStatus(running.id, 'SUCCESS');
  await poll();
  assert.equal(watches.has('k', running.id), false);
  assert.ok(watches.announcedByWatch('k').has(running.id));
});

test('a job watch where ShowImageJob is not offered ends from the listings', async () => {
  const { simulator, watches, ended, poll } = await setUp();
  const a = simulator.addSubJob({ status: 'RUNNING', job_id: '900000000000000007' });
  await watches.add({ kind: 'job', id: a.job_id, sessionKey: 'k', label: 'job' });
  simulator.failNext(1, 403, { error_code: 'APIGW.0302', error_msg: 'The IAM user is not authorized' });
  await poll();
  assert.equal(ended().length, 0, 'still running, seen in the listings');
  simulator.setStatus(a.id, 'FAILED');
  simulator.failNext(1, 405, { error_code: 'WKS.0405', error_msg: 'Method Not Allowed' });
  await poll();
  assert.equal(ended().length, 1);
  assert.equal((ended()[0] as { status: string }).status, 'FAILED');
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

// Old WatchPoller: no ending, still watched, 20 requests in 10 intervals, a timer still pending.
test('a watched sub-job deleted: the watch ends, "gone" is told once, and requests stop', async () => {
  const { simulator, sessions, watches, clock, told, answered, lookups } = await setUp();
  const s = simulator.addSubJob({ status: 'RUNNING', job_id: '900000000000000011' });
  await watches.add(subJobWatch(s));
  simulator.setStatus(s.id, 'SUCCESS');
  await sessions.session.batchDelete([s.id]);
  const before = lookups().length;
  await clock.runUntil(clock.now() + 10 * 30_000 + 1, answered);
  assert.equal(told.length, 1, 'told once');
  assert.deepEqual(told[0], [{ watch: subJobWatch(s), gone: true }]);
  assert.equal(watches.has('k', s.id), false);
  const made = lookups().length - before;
  // Two polls find it missing (a listing read page by page may miss an item once); then nothing.
  assert.ok(made <= 4, `${made} requests in ten intervals`);
  assert.equal(sessions.session.followEngine.scheduled, false, 'no follow timer left');
});

// Old WatchPoller: 300 onEnded calls, 300 look-ups in flight at once, 300 storage writes.
test('300 watched sub-jobs ending together: one event, at most 8 look-ups in flight, one write', async () => {
  const storage = memory();
  let added: RawSubJob[] = [];
  const { simulator, watches, told, poll, mostInFlight } = await setUp(storage, (simulator) => {
    added = Array.from({ length: 300 }, () => simulator.addSubJob({ status: 'RUNNING', job_id: '900000000000000012' }));
    // Stored by a version that had no limit: kept, and followed.
    storage.data.set('workspaceJobs.watches', added.map(subJobWatch));
  });
  assert.equal(watches.all.length, 300);
  for (const s of added) simulator.setStatus(s.id, 'FAILED');
  const writes = storage.writes;
  await poll();
  assert.equal(told.length, 1, `${told.length} events`);
  assert.equal(told[0].length, 300);
  assert.ok(mostInFlight() <= 8, `${mostInFlight()} look-ups in flight at once`);
  assert.equal(storage.writes - writes, 1, 'the ended watches are removed in one write');
  assert.equal(watches.all.length, 0);
});

// Old WatchList: the 101st (and every further) watch was added.
test('at most 100 watches: the 101st is refused', async () => {
  const { watches } = await setUp();
  for (let i = 0; i < MAX_WATCHES; i++)
    assert.equal(await watches.add({ kind: 'job', id: `j${i}`, sessionKey: 'k', label: 'job' }), 'added');
  assert.equal(await watches.add({ kind: 'job', id: 'j100', sessionKey: 'k', label: 'job' }), 'full');
  assert.equal(await watches.add({ kind: 'job', id: 'j1', sessionKey: 'k', label: 'job' }), 'already');
  assert.equal(watches.all.length, MAX_WATCHES);
});

test('a session replaced by a new one (the credential changed) carries its watches over', async () => {
  const { simulator, sessions, newSession, watches, clock, answered, lookups, ended } = await setUp();
  const running = simulator.subJobs().find((s) => s.status === 'RUNNING')!;
  await watches.add(subJobWatch(running));
  const old = sessions.session;
  assert.ok(
    old.followEngine.isFollowed({ kind: 'subJob', id: running.id, ref: { id: running.id, jobType: '', jobId: '' } }),
  );
  const replacement = newSession();
  sessions.replace(replacement);
  assert.equal(replacement.followEngine.size, 1, 'followed again on the new session');
  assert.equal(old.followEngine.size, 0);
  const before = lookups().length;
  await clock.runUntil(clock.now() + 2 * 30_000 + 1, answered);
  assert.equal(lookups().length - before, 2, 'one look-up an interval, from the new session only');
  simulator.setStatus(running.id, 'FAILED');
  await clock.runUntil(clock.now() + 30_000 + 1, answered);
  assert.equal(ended().length, 1, 'the ending is told through the new session');
  assert.equal(watches.has('k', running.id), false);
});

test('a project taken off the view takes its watches along', async () => {
  const { watches, sessions, newSession } = await setUp();
  await watches.add({ kind: 'job', id: 'j1', sessionKey: 'k', label: 'job' });
  await watches.add({ kind: 'job', id: 'j2', sessionKey: 'gone', label: 'job' });
  sessions.replace(newSession());
  await settle();
  assert.deepEqual(
    watches.all.map((w) => w.id),
    ['j1'],
  );
});

// Review: checkNew looked at every watch followed since the last one, each on its own (5 stored
// watches that ended while VS Code was closed made 5 toasts when a 6th was added).
test('adding a watch looks at that watch alone: the stored ones that ended wait for the poll and are told together', async () => {
  const storage = memory();
  let stored: RawSubJob[] = [];
  const { simulator, watches, told, poll, follows, lookups, answered } = await setUp(storage, (simulator) => {
    stored = Array.from({ length: 5 }, () => simulator.addSubJob({ status: 'RUNNING', job_id: '900000000000000013' }));
    storage.data.set('workspaceJobs.watches', stored.map(subJobWatch));
  });
  for (const s of stored) simulator.setStatus(s.id, 'FAILED');
  const fresh = simulator.addSubJob({ status: 'RUNNING', job_id: '900000000000000014' });
  const before = lookups().length;
  await watches.add(subJobWatch(fresh));
  await follows.checkNew('k', fresh.id);
  await answered();
  await settle();
  assert.equal(told.length, 0, `${told.length} endings events from adding one watch`);
  assert.ok(lookups().length - before <= 2, `${lookups().length - before} look-ups for one new watch`);
  await poll();
  assert.equal(told.length, 1);
  assert.equal(told[0].length, 5);
});

// Old code: Remove Project forgot the project's watches at once, and its Undo (the same project
// shown again) did not bring them back: [] instead of ['j1', 's1'].
test("Remove Project's Undo brings the project's watches back, followed again", async () => {
  const { simulator, watches, sessions, newSession } = await setUp();
  const running = simulator.subJobs().find((s) => s.status === 'RUNNING')!;
  await watches.add({ kind: 'job', id: 'j1', sessionKey: 'k', label: 'job' });
  await watches.add({ ...subJobWatch(running), id: running.id });
  await watches.add({ kind: 'job', id: 'j2', sessionKey: 'other', label: 'job' });
  sessions.removeProject();
  await settle();
  assert.deepEqual(
    watches.all.map((w) => w.id),
    [],
    'a removed project is not watched meanwhile',
  );
  const back = newSession();
  sessions.putBack(back);
  await settle();
  assert.deepEqual(
    watches.all.map((w) => w.id),
    ['j1', running.id],
  );
  assert.equal(back.followEngine.size, 2, 'followed again on the project put back');
});

// Old code: the refresh that saw the watched sub-job fail told nothing (0 endings); the watch told
// it at its next poll, up to an interval later.
test("a watched sub-job's ending seen by a refresh is told at that refresh, once", async () => {
  const { simulator, sessions, watches, told, poll } = await setUp();
  const session = sessions.session;
  session.setTracking(true);
  await session.refresh('first');
  const running = simulator.subJobs().find((s) => s.status === 'RUNNING')!;
  await watches.add(subJobWatch(running));
  simulator.setStatus(running.id, 'FAILED', { code: 'WKS.1', message: 'broken' });
  await session.refresh('second');
  await settle();
  assert.equal(told.length, 1, 'told at the refresh');
  const end = told[0][0];
  assert.ok(!isWatchGone(end));
  assert.equal(end.status, 'FAILED');
  assert.equal(end.subJob?.errorCode, 'WKS.1');
  assert.equal(watches.has('k', running.id), false);
  assert.ok(watches.announcedByWatch('k').has(running.id), 'the refresh does not announce it a second time');
  await poll();
  assert.equal(told.length, 1, 'the poll does not tell it again');
});

// Old code: a job's end carried its status only ("Job … ended: FAILED"), no sub-jobs to count.
test("a watched job's end carries its sub-jobs, to say how many succeeded and failed", async () => {
  const { simulator, watches, ended, poll } = await setUp();
  const jobId = '900000000000000021';
  const subJobs = [0, 1, 2, 3].map(() => simulator.addSubJob({ status: 'RUNNING', job_id: jobId }));
  await watches.add({ kind: 'job', id: jobId, sessionKey: 'k', label: jobId });
  await poll();
  simulator.setStatus(subJobs[0].id, 'FAILED');
  simulator.setStatus(subJobs[1].id, 'SUCCESS');
  simulator.setStatus(subJobs[2].id, 'SUCCESS');
  simulator.setStatus(subJobs[3].id, 'ABNORMAL');
  await poll();
  assert.equal(ended().length, 1);
  const end = ended()[0];
  assert.ok(!isWatchGone(end));
  assert.deepEqual(end.subJobs?.map((s) => s.status).sort(), ['ABNORMAL', 'FAILED', 'SUCCESS', 'SUCCESS']);
});

// Review 15 #7: the view's refresh and the watch's own poll both see the watched sub-job end; each
// must not tell it (the notifier would toast it twice).
test('a watched sub-job ended by a refresh and by the poll at the same moment is told once', async () => {
  const { simulator, sessions, watches, ended, poll } = await setUp();
  const session = sessions.session;
  session.setTracking(true);
  await session.refresh('first');
  const running = simulator.subJobs().find((s) => s.status === 'RUNNING')!;
  await watches.add(subJobWatch(running));
  await poll();
  simulator.setStatus(running.id, 'FAILED', { code: 'WKS.1', message: 'broken' });
  await Promise.all([session.refresh('second'), poll()]);
  await settle();
  assert.equal(ended().length, 1, `${ended().length} endings told`);
});

// Review 15 #16. Old code: the watches of a removed project were kept for as long as VS Code ran,
// and came back whenever the project was added again, days later: ['j1'] instead of [].
test('removed watches expire on their own after UNDO_MEMORY_MS', async () => {
  let now = 1_000;
  const { watches, sessions, newSession } = await setUp(memory(), undefined, () => now);
  await watches.add({ kind: 'job', id: 'j1', sessionKey: 'k', label: 'job' });
  sessions.removeProject();
  await settle();
  now += UNDO_MEMORY_MS + 1;
  sessions.putBack(newSession());
  await settle();
  assert.deepEqual(
    watches.all.map((w) => w.id),
    [],
  );
});

// Review 15 #16. Old code: a job's last looked-up sub-jobs stayed in memory after Unwatch (1 entry).
test("Unwatch forgets the job's sub-jobs looked up for its end", async () => {
  const { simulator, watches, follows, poll } = await setUp();
  const jobId = '900000000000000031';
  simulator.addSubJob({ status: 'RUNNING', job_id: jobId });
  await watches.add({ kind: 'job', id: jobId, sessionKey: 'k', label: jobId });
  await poll();
  const kept = (follows as unknown as { jobSubJobs: Map<string, unknown> }).jobSubJobs;
  assert.equal(kept.size, 1, 'looked up while watched');
  await watches.remove('k', jobId);
  await settle();
  assert.equal(kept.size, 0);
});

test('the same id in the image and the app-server family is two watches: added, marked, told and removed apart', async () => {
  const watches = new WatchList(memory());
  const image: Watch = {
    kind: 'subJob',
    id: '702364884037271552',
    sessionKey: 'https://ep|p1',
    label: 'image',
    ref: { id: '702364884037271552', jobType: 'CREATE_SERVER', jobId: 'J1' },
  };
  const appServer: Watch = { ...image, sessionKey: 'https://ep|p1#appServer', label: 'app server' };
  const imageJob: Watch = { kind: 'job', id: 'J1', sessionKey: 'https://ep|p1', label: 'job J1' };
  assert.equal(await watches.add(image), 'added');
  assert.equal(await watches.add(appServer), 'added');
  assert.equal(await watches.add(imageJob), 'added');
  assert.equal(watches.all.length, 3);
  // The image family's job J1 says nothing of app-server sub-jobs whose parent id reads J1 too.
  assert.deepEqual([...watches.announcedByWatch(appServer.sessionKey)], [appServer.id]);
  assert.equal(await watches.remove(appServer.sessionKey, appServer.id), true);
  assert.deepEqual(
    watches.all.map((w) => w.label),
    ['image', 'job J1'],
  );
  await watches.removeEnded([image]);
  assert.deepEqual(
    watches.all.map((w) => w.label),
    ['job J1'],
  );
  assert.ok(watches.announcedByWatch(image.sessionKey).has(image.id), 'ended recently, in its own session');
  assert.equal(watches.announcedByWatch(appServer.sessionKey).has(image.id), false);
});

test('a family turned off keeps its watches, paused, past UNDO_MEMORY_MS; a project removed loses them', async () => {
  const storage = memory();
  const watches = new WatchList(storage);
  const changes = new Emitter<readonly ProjectSession[]>();
  let now = 0;
  const sessions: WatchSessions = { get: () => undefined, onDidChangeSessions: changes.event };
  const follows = new FollowedWatches({ watches, sessions, now: () => now });
  await watches.add({ kind: 'subJob', id: '1', sessionKey: 'ep|p1', label: 'image watch' });
  await watches.add({ kind: 'subJob', id: '2', sessionKey: 'ep|p2', label: 'removed project' });
  // workspaceJobs.families = ["appServer"]: p1 shows its app-server session only.
  const appOnly = { spec: { key: 'ep|p1#appServer', projectKey: 'ep|p1', family: 'appServer' } };
  changes.fire([appOnly as unknown as ProjectSession]);
  await settle();
  now += UNDO_MEMORY_MS + 1;
  changes.fire([appOnly as unknown as ProjectSession]);
  await settle();
  assert.deepEqual(
    new WatchList(storage).all.map((w) => w.label),
    ['image watch'],
  );
  follows.dispose();
});
