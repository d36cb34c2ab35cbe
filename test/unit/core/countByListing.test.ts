/**
 * A least-privilege policy that grants listing but not counting: the session counts with the list
 * call (limit=1 per status and job type) in the same refresh, says so once, and keeps refreshing.
 * A 403 on listing is still a refused credential. Against the simulator over loopback.
 */
import assert from 'node:assert/strict';
import { afterEach, test } from 'node:test';
import { AkskAuthorizer } from '../../../src/api/akskSigner';
import { Logger } from '../../../src/api/logger';
import { SubJobClient } from '../../../src/api/subJobClient';
import { ProjectSession, RefreshReport } from '../../../src/core/projectSession';
import { JOB_TYPES, STATUSES } from '../../../src/model/subJob';
import { DEFAULT_ACCESS_KEY, RunningSimulator, startSimulator } from '../../../src/simulator/server';
import { FakeClock } from '../fakeClock';
import { OpenedInTest, simulatorSessionSpec, tokenClient } from '../simulatorClient';

const opened = new OpenedInTest();
afterEach(() => opened.closeAll());

const COUNT_ACTION = 'workspace:imageServer:countImageSubJobs';

async function setUp(deny: string[], options: { cautious?: boolean } = {}) {
  const simulator = opened.track(
    await startSimulator({ progress: false, size: 300, seed: 21, faults: { deny: deny as never } }),
  );
  const client = options.cautious
    ? new SubJobClient({
        endpoint: simulator.url,
        projectId: simulator.projectId,
        authorizer: new AkskAuthorizer({
          accessKeyId: DEFAULT_ACCESS_KEY.ak,
          secretKey: DEFAULT_ACCESS_KEY.sk,
          projectId: simulator.projectId,
        }),
        userAgent: 'test',
      })
    : tokenClient(simulator, simulator.token);
  const warnings: string[] = [];
  const logger: Logger = { debug() {}, info() {}, warn: (m) => warnings.push(m), error: (m) => warnings.push(m) };
  const session = new ProjectSession(
    simulatorSessionSpec(simulator, { ...(options.cautious && { cautious: true }) }),
    client,
    undefined,
    { clock: new FakeClock(Date.now()), logger },
  );
  opened.track({ close: async () => session.dispose() });
  const reports: RefreshReport[] = [];
  session.onDidRefresh((r) => reports.push(r));
  return { simulator, session, warnings, reports };
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
    const { simulator, session, warnings, reports } = await setUp(['countImageSubJobs'], { cautious });
    await session.refresh('first');
    assert.equal(session.state.failure, undefined, session.state.failure?.message);
    assert.equal(session.refused, false);
    assert.deepEqual(shown(session), truth(simulator), 'every status group with its count');
    assert.equal(session.state.countingByListing, true);
    assert.equal(reports.at(-1)!.ok, true);
    const told = warnings.filter((w) => w.includes(COUNT_ACTION));
    assert.equal(told.length, 1, warnings.join('\n'));

    // From now on no count call: one limit=1 list call per status (and one without) and job type.
    const before = simulator.requests.length;
    await session.refresh('again');
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

test('the first refresh sends the list calls as soon as the count calls are refused: one more round trip, not one per status', async () => {
  const { simulator, session } = await setUp(['countImageSubJobs']);
  simulator.setFaults({ deny: ['countImageSubJobs'], latencyMs: 100 });
  const started = Date.now();
  await session.refresh('first');
  const elapsed = Date.now() - started;
  assert.deepEqual(shown(session), truth(simulator));
  // Two rounds of 100 ms (the refused counts, then the lists), never eight.
  assert.ok(elapsed < 400, `${elapsed} ms`);
});

test('a 403 on the list call is still a refused credential', async () => {
  const { session, reports } = await setUp(['countImageSubJobs', 'listImageSubJobs']);
  await session.refresh('first');
  assert.equal(session.refused, true);
  assert.equal(session.state.failure?.authFailure, true);
  assert.equal(reports.at(-1)!.ok, false);
});

test('a session that may count does not list to count', async () => {
  const { simulator, session } = await setUp([]);
  await session.refresh('first');
  assert.equal(session.state.countingByListing, undefined);
  assert.ok(simulator.requests.every(isCount));
});
