import { afterEach, test } from 'node:test';
import assert from 'node:assert/strict';
import { GROUP_PAGE, ProjectSession, RefreshReport, SessionSpec } from '../../../src/core/projectSession';
import { SessionChange } from '../../../src/core/sessionState';
import { JOB_TYPES, STATUSES } from '../../../src/model/subJob';
import { RunningSimulator, startSimulator, SimulatorOptions } from '../../../src/simulator/server';
import { FakeClock } from '../fakeClock';
import { inBothOrders, orderFaults } from '../listOrders';
import { accessKeyClient, OpenedInTest, tokenClient, simulatorSessionSpec } from '../simulatorClient';

const opened = new OpenedInTest();
afterEach(() => opened.closeAll());

function spec(simulator: RunningSimulator, overrides: Partial<SessionSpec> = {}): SessionSpec {
  return simulatorSessionSpec(simulator, { credential: 'test token', ...overrides });
}

async function setUp(options: SimulatorOptions = {}, overrides: Partial<SessionSpec> = {}) {
  const simulator = opened.track(
    await startSimulator({ progress: false, token: 'tok', faults: orderFaults(), ...options }),
  );
  const client = tokenClient(simulator, 'tok');
  const clock = new FakeClock(Date.now());
  const session = new ProjectSession(spec(simulator, overrides), client, undefined, { clock });
  opened.track({ close: async () => session.dispose() });
  const changes: SessionChange[] = [];
  const reports: RefreshReport[] = [];
  session.onDidChange((c) => changes.push(c));
  session.onDidRefresh((r) => reports.push(r));
  return { simulator, session, changes, reports, clock };
}

/** "STATUS count" in attention order, as the simulator holds them. */
function truth(simulator: RunningSimulator, filter: (s: { status: string }) => boolean = () => true): string[] {
  const counts = new Map<string, number>();
  for (const s of simulator.subJobs().filter(filter)) counts.set(s.status, (counts.get(s.status) ?? 0) + 1);
  return STATUSES.filter((s) => counts.has(s)).map((s) => `${s} ${counts.get(s)}`);
}

const shown = (session: ProjectSession) =>
  [...(session.state.counts ?? new Map<string, number>())].map(([s, n]) => `${s} ${n}`);
const since = (simulator: RunningSimulator, n: number) => simulator.requests.slice(n);

test('the first refresh shows every status group with its count from one round of count calls', async () => {
  const { simulator, session, changes } = await setUp({ size: 500, seed: 4 });
  await session.refresh('test');
  const requests = since(simulator, 0);
  assert.equal(requests.length, STATUSES.length + 1, 'one count call per status, plus the total');
  assert.ok(requests.every((r) => r.path.endsWith('/actions/count') && r.query.job_type === JOB_TYPES.join(',')));
  assert.deepEqual(shown(session), truth(simulator));
  assert.equal(changes.length, 1);
  assert.equal(changes[0].project, true);
  assert.equal(session.state.groups.size, 0, 'no sub-job is listed before a group is expanded');
});

test('a refresh that finds the same data tells nobody', async () => {
  const { session, changes } = await setUp({ size: 120, seed: 5 });
  await session.refresh('first');
  await session.expand('FAILED');
  const before = changes.length;
  await session.refresh('again');
  await session.refresh('and again', 'check');
  assert.equal(changes.length, before);
});

test('with nothing running, a check is one count call; when the total moves, every count follows', async () => {
  const { simulator, session } = await setUp({ size: 60, seed: 7 });
  for (const s of simulator.subJobs())
    if (['RUNNING', 'WAITING', 'ROLLBACK', 'ABORTING'].includes(s.status)) simulator.setStatus(s.id, 'SUCCESS');
  await session.refresh('first');
  let before = simulator.requests.length;
  await session.refresh('idle', 'check');
  assert.equal(since(simulator, before).length, 1);
  simulator.addSubJob({ status: 'WAITING' });
  before = simulator.requests.length;
  await session.refresh('idle', 'check');
  assert.equal(since(simulator, before).length, 1 + STATUSES.length + 1);
  assert.deepEqual(shown(session), truth(simulator));
});

inBothOrders('status groups', (order) => {
  test('expanding a group loads its newest 200, merged across job types, in one round of requests', async () => {
    const { simulator, session, changes } = await setUp({ size: 2_000, seed: 6 });
    await session.refresh('first');
    const largest = [...session.state.counts!].sort((a, b) => b[1] - a[1])[0];
    const before = simulator.requests.length;
    await session.expand(largest[0]);
    const lists = since(simulator, before);
    // Oldest first, a fresh client reads each page's head once to tell the order, then the tail.
    assert.ok(lists.length <= JOB_TYPES.length * (order === 'newest' ? 2 : 4), `${lists.length} list calls`);
    const group = session.state.groups.get(largest[0])!;
    const expected = simulator
      .subJobs()
      .filter((s) => s.status === largest[0])
      .sort((a, b) => Date.parse(b.begin_time) - Date.parse(a.begin_time) || (a.id < b.id ? 1 : -1))
      .slice(0, GROUP_PAGE)
      .map((s) => s.id);
    assert.deepEqual(
      group.subJobs.map((s) => s.id),
      expected,
    );
    assert.deepEqual(changes.at(-1), { project: false, groups: [largest[0]] });
  });

  test('Show more loads the next 200; a collapsed group costs only its count', async () => {
    const { simulator, session } = await setUp({ size: 2_000, seed: 6 });
    await session.refresh('first');
    const [status, count] = [...session.state.counts!].sort((a, b) => b[1] - a[1])[0];
    assert.ok(count > 2 * GROUP_PAGE, `a group of ${count}`);
    await session.expand(status);
    await session.showMore(status);
    assert.equal(session.state.groups.get(status)!.subJobs.length, 2 * GROUP_PAGE);
    session.collapse(status);
    const before = simulator.requests.length;
    await session.refresh('collapsed');
    assert.ok(
      since(simulator, before).every((r) => r.path.endsWith('/actions/count')),
      'no list call for a collapsed group',
    );
  });

  test('a sub-job that moves between two expanded groups while they are read is shown once', async () => {
    const { simulator, session } = await setUp({ size: 300, seed: 8 });
    await session.refresh('first');
    await session.expand('RUNNING');
    await session.expand('SUCCESS');
    // Each list answer moves the newest RUNNING sub-job on to SUCCESS.
    simulator.setFaults({ ...orderFaults(), shift: { everyRequests: 1, from: 'RUNNING', to: 'SUCCESS', max: 2 } });
    await session.refresh('moving');
    simulator.setFaults(orderFaults());
    const ids = [...session.state.groups.values()].flatMap((g) => g.subJobs.map((s) => s.id));
    assert.equal(new Set(ids).size, ids.length, 'no sub-job in two groups');
    await session.refresh('settled');
    const running = simulator
      .subJobs()
      .filter((s) => s.status === 'RUNNING')
      .map((s) => s.id)
      .sort();
    assert.deepEqual(
      session.state.groups
        .get('RUNNING')!
        .subJobs.map((s) => s.id)
        .sort(),
      running,
    );
  });

  test('sub-jobs in a status this version does not know get a group of their own, counted, after the known ones', async () => {
    const { simulator, session } = await setUp({ size: 80, seed: 9 });
    const [a, b] = simulator.subJobs();
    simulator.setStatus(a.id, 'PAUSED');
    simulator.setStatus(b.id, 'PAUSED');
    await session.refresh('first');
    assert.deepEqual(shown(session).at(-1), 'PAUSED 2');
    assert.deepEqual(
      session.state.groups
        .get('PAUSED')!
        .subJobs.map((s) => s.id)
        .sort(),
      [a.id, b.id].sort(),
    );
    assert.equal(session.state.unknownMissing, 0);
    simulator.setStatus(a.id, 'SUCCESS');
    simulator.setStatus(b.id, 'SUCCESS');
    await session.refresh('gone');
    assert.ok(!shown(session).some((g) => g.startsWith('PAUSED')));
  });
});

test('a status filter counts only those statuses, sent as the status parameter', async () => {
  const { simulator, session } = await setUp({ size: 200, seed: 10 }, {});
  const filtered = new ProjectSession(
    spec(simulator, { query: { jobTypes: ['CREATE_SERVER'], statuses: ['FAILED', 'RUNNING'], jobId: undefined } }),
    tokenClient(simulator, 'tok'),
    undefined,
    { clock: new FakeClock() },
  );
  opened.track({ close: async () => filtered.dispose() });
  session.dispose();
  const before = simulator.requests.length;
  await filtered.refresh('filtered');
  const sent = since(simulator, before);
  assert.deepEqual(sent.map((r) => r.query.status).sort(), ['FAILED', 'RUNNING']);
  assert.ok(sent.every((r) => r.query.job_type === 'CREATE_SERVER'));
  assert.deepEqual(
    shown(filtered),
    truth(
      simulator,
      (s) => (s as { job_type?: string }).job_type === 'CREATE_SERVER' && ['FAILED', 'RUNNING'].includes(s.status),
    ),
  );
});

test('refused credentials: an error beside the last good counts, and no automatic retry', async () => {
  const { simulator, session, reports } = await setUp({ size: 40, seed: 11 });
  await session.refresh('first');
  const counts = shown(session);
  simulator.failNext(20, 401, {
    error_code: 'APIGW.0301',
    error_msg: 'Incorrect IAM authentication information: verify token fail',
  });
  await session.refresh('refused');
  assert.match(session.state.failure!.message, /APIGW\.0301/);
  assert.equal(session.state.failure!.authFailure, true);
  assert.deepEqual(shown(session), counts, 'the last good counts stay');
  assert.equal(reports.at(-1)!.ok, false);
});

test('an access key that has not worked yet is tried with one request before the counts go out', async () => {
  const simulator = opened.track(await startSimulator({ progress: false, size: 30, seed: 12 }));
  const wrong = accessKeyClient(simulator, 'not-the-secret');
  const session = new ProjectSession(spec(simulator, { cautious: true }), wrong, undefined, { clock: new FakeClock() });
  opened.track({ close: async () => session.dispose() });
  await session.refresh('first');
  assert.equal(simulator.requests.length, 1, 'one refused signature, not eight (five lock the key)');
  assert.equal(simulator.requests[0].status, 401);
});

test('a session for the same data with a new credential keeps showing the last good counts', async () => {
  const { simulator, session } = await setUp({ size: 40, seed: 13 });
  await session.refresh('first');
  await session.expand('FAILED');
  const next = new ProjectSession(session.spec, tokenClient(simulator, 'wrong'), undefined, { clock: new FakeClock() });
  opened.track({ close: async () => next.dispose() });
  next.inherit(session);
  assert.deepEqual(shown(next), shown(session));
  assert.equal(next.isExpanded('FAILED'), true);
  await next.refresh('new credential');
  assert.ok(next.state.failure?.authFailure);
  assert.deepEqual(shown(next), shown(session), 'stale, not blank');
});

test('a session with a problem sends nothing', async () => {
  const simulator = opened.track(await startSimulator({ progress: false }));
  const session = new ProjectSession(spec(simulator), undefined, { kind: 'noCredentials' }, { clock: new FakeClock() });
  await session.refresh('x');
  assert.equal(session.expand('FAILED'), undefined);
  assert.equal(simulator.requests.length, 0);
  assert.deepEqual(session.state.problem, { kind: 'noCredentials' });
});

test('an open finished group whose count has not moved is not read again; an open active one is', async () => {
  const { simulator, session } = await setUp({ size: 300, seed: 14 });
  await session.refresh('first');
  await session.expand('SUCCESS');
  await session.expand('RUNNING');
  const before = simulator.requests.length;
  await session.refresh('again');
  const lists = since(simulator, before).filter((r) => r.path.endsWith('/image-server-sub-jobs'));
  assert.ok(
    lists.length > 0 && lists.every((r) => r.query.status === 'RUNNING'),
    `listed: ${lists.map((r) => r.query.status)}`,
  );
  // Its count moved: SUCCESS is read again.
  const running = simulator.subJobs().find((s) => s.status === 'RUNNING')!;
  simulator.setStatus(running.id, 'SUCCESS');
  const moved = simulator.requests.length;
  await session.refresh('moved');
  assert.ok(
    since(simulator, moved).some((r) => r.path.endsWith('/image-server-sub-jobs') && r.query.status === 'SUCCESS'),
  );
  assert.ok(session.state.groups.get('SUCCESS')!.subJobs.some((s) => s.id === running.id));
});

test('a group is read again with only the pages each job type can fill', async () => {
  const { simulator, session } = await setUp({ size: 1_500, seed: 15 });
  await session.refresh('first');
  await session.expand('FAILED');
  const count = session.state.counts!.get('FAILED')!;
  assert.ok(count > 100, `FAILED holds ${count}`);
  const group = session.state.groups.get('FAILED')!;
  const pagesNeeded = [...group.totalByJobType!.values()].reduce(
    (n, t) => n + Math.max(1, Math.ceil(Math.min(200, t) / 100)),
    0,
  );
  simulator.setStatus(simulator.subJobs().find((s) => s.status === 'SUCCESS')!.id, 'FAILED');
  const before = simulator.requests.length;
  await session.refresh('again');
  const lists = since(simulator, before).filter((r) => r.path.endsWith('/image-server-sub-jobs'));
  assert.equal(lists.length, pagesNeeded);
});

test('while tracking, a refresh reports which active sub-jobs ended and how, never on the first load', async () => {
  const { simulator, session, reports } = await setUp({ size: 120, seed: 16 });
  session.setTracking(true);
  await session.refresh('first');
  assert.deepEqual(reports.at(-1)!.transitions, [], 'nothing on the first load');
  const running = simulator.subJobs().filter((s) => s.status === 'RUNNING');
  assert.ok(running.length >= 2);
  simulator.setStatus(running[0].id, 'FAILED', {
    code: 'WKS.00129901',
    message: 'The image could not be built.\nDetails follow.',
  });
  simulator.setStatus(running[1].id, 'SUCCESS');
  await session.refresh('second');
  const transitions = reports.at(-1)!.transitions;
  assert.deepEqual(
    transitions.map((t) => [t.subJob.id, t.from, t.subJob.status, t.subJob.errorCode]).sort(),
    [
      [running[0].id, 'RUNNING', 'FAILED', 'WKS.00129901'],
      [running[1].id, 'RUNNING', 'SUCCESS', ''],
    ].sort(),
  );
  await session.refresh('third');
  assert.deepEqual(reports.at(-1)!.transitions, [], 'each ending is reported once');
  assert.ok(reports.at(-1)!.sinceLastMs !== undefined);
});

test('many endings at once: ten looked up, the rest counted', async () => {
  const { simulator, session, reports } = await setUp({ size: 40, seed: 17 });
  for (let i = 0; i < 15; i++) simulator.addSubJob({ status: 'RUNNING' });
  session.setTracking(true);
  await session.refresh('first');
  const running = simulator.subJobs().filter((j) => j.status === 'RUNNING');
  for (const s of running) simulator.setStatus(s.id, 'FAILED');
  const before = simulator.requests.length;
  await session.refresh('all failed');
  const report = reports.at(-1)!;
  assert.equal(report.transitions.length, 10);
  assert.equal(report.unresolved, running.length - 10);
  const lookups = since(simulator, before).filter((r) => r.path.includes('/image-server-jobs/'));
  assert.equal(lookups.length, 10, 'one ShowImageJob per looked-up sub-job');
});

test('without tracking, no active group is read and nothing is reported', async () => {
  const { simulator, session, reports } = await setUp({ size: 120, seed: 16 });
  await session.refresh('first');
  const running = simulator.subJobs().find((s) => s.status === 'RUNNING')!;
  simulator.setStatus(running.id, 'FAILED');
  const before = simulator.requests.length;
  await session.refresh('second');
  assert.ok(since(simulator, before).every((r) => r.path.endsWith('/actions/count')));
  assert.deepEqual(reports.at(-1)!.transitions, []);
});
