/**
 * When a session counts with the list call, and when it stops: only once a list call worked, never
 * while listing is refused too, and the count call is tried again on the user's Refresh or after an
 * hour. An unproven access key still sends one request first in listing mode. A list answer without
 * `count` cannot be counted by listing. Against the simulator over loopback.
 */
import assert from 'node:assert/strict';
import { afterEach, test } from 'node:test';
import { countByListing, CountMode, RETRY_COUNT_CALL_MS } from '../../../src/api/countMode';
import { ProjectSession, RefreshReport } from '../../../src/core/projectSession';
import { JOB_TYPES, STATUSES } from '../../../src/model/subJob';
import { RunningSimulator, startSimulator } from '../../../src/simulator/server';
import { FakeClock } from '../fakeClock';
import { accessKeyClient, OpenedInTest, simulatorSessionSpec, tokenClient } from '../simulatorClient';

const opened = new OpenedInTest();
afterEach(() => opened.closeAll());
const signal = () => new AbortController().signal;
const isCount = (r: { path: string }) => r.path.endsWith('/actions/count');

async function setUp(deny: string[], cautious = false) {
  const simulator = opened.track(
    await startSimulator({ progress: false, size: 300, seed: 21, faults: { deny: deny as never } }),
  );
  const client = opened.track(cautious ? accessKeyClient(simulator) : tokenClient(simulator, simulator.token));
  const clock = new FakeClock(Date.now());
  const session = new ProjectSession(
    simulatorSessionSpec(simulator, { ...(cautious && { cautious: true }) }),
    client,
    undefined,
    {
      clock,
    },
  );
  opened.track({ close: async () => session.dispose() });
  const reports: RefreshReport[] = [];
  session.onDidRefresh((r) => reports.push(r));
  return { simulator, session, clock, reports };
}

function sentSince(simulator: RunningSimulator, before: number) {
  const sent = simulator.requests.slice(before);
  return { counts: sent.filter(isCount).length, lists: sent.filter((r) => !isCount(r)).length, sent };
}

test('a policy that denies every call; once it grants them the session counts with the count call again', async () => {
  const { simulator, session } = await setUp(['countImageSubJobs', 'listImageSubJobs']);
  await session.refresh('first');
  assert.ok(session.state.failure?.denied);
  assert.notEqual(session.state.countingByListing, true, 'the tooltip does not say counts come from listing');
  simulator.setFaults({});
  await session.refresh('the policy now grants everything');
  assert.equal(session.state.failure, undefined);
  assert.notEqual(session.state.countingByListing, true);
  const before = simulator.requests.length;
  await session.refresh('next');
  const { counts, lists } = sentSince(simulator, before);
  assert.deepEqual({ counts, lists }, { counts: STATUSES.length + 1, lists: 0 });
});

test("the user's Refresh tries the count call again: granted now, the session counts with it and says so no more", async () => {
  const { simulator, session } = await setUp(['countImageSubJobs']);
  await session.refresh('first');
  assert.equal(session.state.countingByListing, true);
  simulator.setFaults({});
  await session.refresh('the user');
  assert.notEqual(session.state.countingByListing, true);
  const before = simulator.requests.length;
  await session.refresh('next');
  assert.deepEqual(sentSince(simulator, before).lists, 0);
});

test('an automatic refresh tries the count call again after an hour of counting by listing, not before', async () => {
  const simulator = opened.track(
    await startSimulator({ progress: false, size: 300, seed: 21, faults: { deny: ['countImageSubJobs'] } }),
  );
  const client = opened.track(tokenClient(simulator, simulator.token));
  const mode = new CountMode();
  await mode.count(client, JOB_TYPES, {}, signal());
  const start = Date.parse('2026-03-07T10:00:00Z');
  mode.reconsider(false, start);
  mode.reconsider(false, start + RETRY_COUNT_CALL_MS - 1);
  assert.equal(mode.byListing, true, 'within the hour');
  simulator.setFaults({});
  mode.reconsider(false, start + RETRY_COUNT_CALL_MS);
  assert.equal(mode.byListing, false);
  const before = simulator.requests.length;
  await mode.count(client, JOB_TYPES, {}, signal());
  assert.deepEqual(
    simulator.requests.slice(before).map((r) => isCount(r)),
    [true],
  );
});

test('after a refusal, an unproven access key counting by listing sends one request first, and every request is counted', async () => {
  const { simulator, session, reports } = await setUp(['countImageSubJobs'], true);
  await session.refresh('first');
  assert.equal(session.state.countingByListing, true);
  assert.equal(reports.at(-1)!.requests, simulator.requests.length, 'every request of the first refresh counted');
  // The key is refused (a signature the gateway no longer accepts) while proven: the counts were out at once.
  const refusal = { error_code: 'APIGW.0301', error_msg: 'Incorrect IAM authentication information' };
  simulator.failNext(STATUSES.length + 1, 401, refusal);
  let before = simulator.requests.length;
  await session.refresh('refused');
  assert.equal(session.refused, true);
  assert.equal(simulator.requests.length - before, STATUSES.length + 1);
  // Each of the user's Refreshes while it is refused: one request, whatever the counting mode.
  for (let i = 0; i < 2; i++) {
    simulator.failNext(1, 401, refusal);
    before = simulator.requests.length;
    await session.refresh('the user asks again');
    assert.equal(session.refused, true);
    assert.equal(simulator.requests.length - before, 1, 'one request while the key is unproven');
  }
  assert.equal(reports.at(-1)!.requests, 1);
});

test('in listing mode an unproven credential is proven with one limit=1 list call, counted', async () => {
  const simulator = opened.track(
    await startSimulator({ progress: false, size: 300, seed: 21, faults: { deny: ['countImageSubJobs'] } }),
  );
  const client = opened.track(tokenClient(simulator, simulator.token));
  const mode = new CountMode();
  await mode.count(client, JOB_TYPES, {}, signal());
  assert.equal(mode.byListing, true);
  const before = simulator.requests.length;
  let sent = 0;
  assert.equal(await mode.probe(client, JOB_TYPES, {}, signal(), () => sent++), undefined);
  const probe = simulator.requests.slice(before);
  assert.deepEqual(
    probe.map((r) => [r.query.limit, r.status]),
    [['1', 200]],
  );
  assert.equal(sent, 1);
});

test('a list answer without "count" is not counted by listing: counting fails loudly instead of saying 0 or 1', async () => {
  const simulator = opened.track(await startSimulator({ progress: false, size: 0 }));
  const client = opened.track(tokenClient(simulator, simulator.token));
  const item = {
    id: '702364884037271552',
    job_type: 'CREATE_SERVER',
    status: 'SUCCESS',
    begin_time: '2026-01-01T00:00:00Z',
  };
  simulator.failNext(JOB_TYPES.length, 200, { items: [item] });
  await assert.rejects(countByListing(client, [], {}, signal()), /count/);
});
