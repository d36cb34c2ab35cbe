/**
 * A least-privilege policy that grants listing but not counting: the session counts with the list
 * call (limit=1 per status and job type) in the same refresh, says so once, and keeps refreshing.
 * A policy's 403 on listing too is the policy's, not a refused credential. Against the simulator over loopback.
 */
import assert from 'node:assert/strict';
import { afterEach, test } from 'node:test';
import { Logger } from '../../../src/api/logger';
import { ProjectSession, RefreshReport } from '../../../src/core/projectSession';
import { JOB_TYPES, STATUSES } from '../../../src/model/subJob';
import { RunningSimulator, startSimulator } from '../../../src/simulator/server';
import { FakeClock } from '../fakeClock';
import { accessKeyClient, OpenedInTest, simulatorSessionSpec, tokenClient } from '../simulatorClient';

const opened = new OpenedInTest();
afterEach(() => opened.closeAll());

const COUNT_ACTION = 'workspace:imageServer:countImageSubJobs';

async function setUp(deny: string[], options: { cautious?: boolean } = {}) {
  const simulator = opened.track(
    await startSimulator({ progress: false, size: 300, seed: 21, faults: { deny: deny as never } }),
  );
  const client = options.cautious ? accessKeyClient(simulator) : tokenClient(simulator, simulator.token);
  const warnings: string[] = [];
  const logger: Logger = { debug() {}, info() {}, warn: (m) => warnings.push(m), error: (m) => warnings.push(m) };
  const clock = new FakeClock(Date.now());
  const session = new ProjectSession(
    simulatorSessionSpec(simulator, { ...(options.cautious && { cautious: true }) }),
    client,
    undefined,
    { clock, logger },
  );
  opened.track({ close: async () => session.dispose() });
  const reports: RefreshReport[] = [];
  session.onDidRefresh((r) => reports.push(r));
  return { simulator, session, warnings, reports, clock };
}

function truth(simulator: RunningSimulator): string[] {
  const counts = new Map<string, number>();
  for (const s of simulator.subJobs()) counts.set(s.status, (counts.get(s.status) ?? 0) + 1);
  return STATUSES.filter((s) => counts.has(s)).map((s) => `${s} ${counts.get(s)}`);
}
const shown = (session: ProjectSession) =>
  [...(session.state.counts ?? new Map<string, number>())].map(([s, n]) => `${s} ${n}`);
const isCount = (r: { path: string }) => r.path.endsWith('/actions/count');

for (const cautious of [false, true]) {
  test(`a 403 on the count call counts with the list call in the same refresh, and says so once${cautious ? ' (an access key, tried with one count first)' : ''}`, async () => {
    const { simulator, session, warnings, reports, clock } = await setUp(['countImageSubJobs'], { cautious });
    session.setInterval(60);
    await session.refresh('first');
    assert.equal(session.state.failure, undefined, session.state.failure?.message);
    assert.equal(session.refused, false);
    assert.deepEqual(shown(session), truth(simulator), 'every status group with its count');
    assert.equal(session.state.countingByListing, true);
    assert.equal(reports.at(-1)!.ok, true);
    const told = warnings.filter((w) => w.includes(COUNT_ACTION));
    assert.equal(told.length, 1, warnings.join('\n'));

    // From now on automatic refreshes make no count call: one limit=1 list call per status (and one
    // without) and job type. (The user's Refresh asks the count call again.)
    const before = simulator.requests.length;
    const heard = reports.length;
    await clock.runUntil(clock.time + 60_000, () => new Promise((resolve) => setTimeout(resolve, 40)));
    // The automatic refresh runs over loopback: wait for its report, not for a time.
    for (let i = 0; i < 250 && reports.length === heard; i++) await new Promise((resolve) => setTimeout(resolve, 20));
    session.setInterval(0);
    assert.equal(reports.length, heard + 1, 'one automatic refresh');
    const sent = simulator.requests.slice(before);
    assert.equal(sent.filter(isCount).length, 0);
    const counting = sent.filter((r) => r.query.limit === '1');
    assert.equal(counting.length, (STATUSES.length + 1) * JOB_TYPES.length);
    assert.ok(counting.every((r) => r.status === 200));
    assert.equal(reports.at(-1)!.ok, true);
    assert.equal(reports.at(-1)!.requests, sent.length);
    assert.equal(warnings.filter((w) => w.includes(COUNT_ACTION)).length, 1, 'said once');

    simulator.addSubJob({ status: 'WAITING' });
    await session.refresh('moved');
    assert.deepEqual(shown(session), truth(simulator), 'keeps refreshing');
  });
}

test('the first refresh asks one list call once the count calls are refused, then every other at once: two more round trips, not one per status', async () => {
  const { simulator, session } = await setUp(['countImageSubJobs']);
  // Rounds, not time: an answer is held until every call of its round went out. Were the list calls
  // sent one status after another, a round would never fill: the guard releases it and says so.
  // One list call first tells whether listing works (a policy denying it too then costs one request).
  const rounds = {
    count: new Round(STATUSES.length + 1),
    trial: new Round(1),
    list: new Round((STATUSES.length + 1) * JOB_TYPES.length),
  };
  const watch = opened.track(tokenClient(simulator, simulator.token));
  const watched = new ProjectSession(
    simulatorSessionSpec(simulator),
    {
      findSubJob: (ref, signal) => watch.findSubJob(ref, signal),
      showJob: (jobId, signal) => watch.showJob(jobId, signal),
      listAll: (query, signal) => watch.listAll(query, signal),
      batchDelete: (ids, signal) => watch.batchDelete(ids, signal),
      close: () => watch.close(),
      count: (jobTypes, filter, signal) => rounds.count.join(watch.count(jobTypes, filter, signal)),
      listPage: (query, signal) => (rounds.trial.sent ? rounds.list : rounds.trial).join(watch.listPage(query, signal)),
    },
    undefined,
  );
  opened.track({ close: async () => watched.dispose() });
  session.dispose();
  await watched.refresh('first');
  assert.deepEqual(shown(watched), truth(simulator));
  assert.deepEqual(
    [rounds.count.sent, rounds.trial.sent, rounds.list.sent],
    [STATUSES.length + 1, 1, (STATUSES.length + 1) * JOB_TYPES.length],
  );
  assert.deepEqual(
    [rounds.count.filled, rounds.trial.filled, rounds.list.filled],
    [true, true, true],
    'three rounds: the counts, one list call, then the lists',
  );
});

/** Calls expected to go out together: each answer waits until all were sent (or a guard gives up). */
class Round {
  sent = 0;
  filled = false;
  private release!: () => void;
  private readonly all = new Promise<void>((resolve) => (this.release = resolve));
  private readonly guard: NodeJS.Timeout;

  constructor(private readonly size: number) {
    this.guard = setTimeout(() => this.release(), 10_000);
  }

  async join<T>(call: Promise<T>): Promise<T> {
    if (++this.sent === this.size) {
      this.filled = true;
      clearTimeout(this.guard);
      this.release();
    }
    try {
      return await call;
    } finally {
      await this.all;
    }
  }
}

test('a policy that denies the list call too is a permission problem naming the list action, not a refused credential', async () => {
  const { session, reports } = await setUp(['countImageSubJobs', 'listImageSubJobs']);
  await session.refresh('first');
  assert.equal(session.refused, false, 'a 403 "Policy doesn’t allow" says the service accepted the credential');
  assert.equal(session.state.failure?.authFailure, false);
  assert.equal(session.state.failure?.denied?.action, 'workspace:imageServer:listImageSubJobs');
  assert.equal(reports.at(-1)!.ok, false);
});

test('a session that may count does not list to count', async () => {
  const { simulator, session } = await setUp([]);
  await session.refresh('first');
  assert.equal(session.state.countingByListing, undefined);
  assert.ok(simulator.requests.every(isCount));
});
