/**
 * CountSubJobs' API page lists four job types; the app-server family sends the ten ListSubJobs
 * takes. Against a simulator whose count takes only the documented four (countJobTypes=documented),
 * the first 400 switches the session to counting with the list call for its life: the counts stay
 * exact, the refresh does not fail, the log says so once. Over loopback, with a fake clock.
 */
import assert from 'node:assert/strict';
import { afterEach, test } from 'node:test';
import { TokenAuthorizer } from '../../../src/api/authorizer';
import { CountMode } from '../../../src/api/countMode';
import type { Logger } from '../../../src/api/logger';
import { SubJobClient } from '../../../src/api/subJobClient';
import { ProjectSession } from '../../../src/core/projectSession';
import { familySessionKey } from '../../../src/core/sessionSpec';
import { APP_SERVER_JOB_TYPES } from '../../../src/model/family';
import { STATUSES } from '../../../src/model/subJob';
import { RunningSimulator, startSimulator } from '../../../src/simulator/server';
import { FakeClock } from '../fakeClock';
import { OpenedInTest, simulatorAuthorizer, simulatorSessionSpec } from '../simulatorClient';

const opened = new OpenedInTest();
afterEach(() => opened.closeAll());

// The real time: an access key's signature must be within 15 minutes of the simulator's clock.
const NOW = Date.now();
const isCount = (r: { path: string }) => r.path.endsWith('/actions/count');

function recordingLogger(lines: string[]): Logger {
  const add = (level: string) => (message: string) => void lines.push(`${level}: ${message}`);
  return { debug: () => {}, info: add('info'), warn: add('warn'), error: add('error') };
}

async function appServerSession(faults: string, credential: 'token' | 'accessKey' = 'token') {
  const simulator = opened.track(
    await startSimulator({ now: () => NOW, progress: false, size: 20, appServerSize: 90, seed: 17, faults }),
  );
  const lines: string[] = [];
  const client = new SubJobClient({
    endpoint: simulator.url,
    projectId: simulator.projectId,
    family: 'appServer',
    authorizer: simulatorAuthorizer(simulator, credential),
    userAgent: 'test',
    logger: recordingLogger(lines),
  });
  const spec = simulatorSessionSpec(simulator, {
    key: familySessionKey(`${simulator.url}|${simulator.projectId}`, 'appServer'),
    family: 'appServer',
    query: { jobTypes: APP_SERVER_JOB_TYPES },
    ...(credential === 'accessKey' && { cautious: true }),
  });
  const session = new ProjectSession(spec, client, undefined, {
    clock: new FakeClock(NOW),
    logger: recordingLogger(lines),
  });
  opened.track({ close: async () => session.dispose() });
  return { simulator, session, lines };
}

/** The counts a session shows when the count call takes every job type: what the fallback must match. */
async function exactCounts(): Promise<ReadonlyMap<string, number>> {
  const { session } = await appServerSession('');
  await session.refresh('reference');
  assert.equal(session.state.failure, undefined);
  return session.state.counts!;
}

function sentSince(simulator: RunningSimulator, before: number) {
  const sent = simulator.requests.slice(before);
  return {
    counts: sent.filter(isCount).length,
    lists: sent.filter((r) => !isCount(r)).length,
    refused: sent.filter((r) => r.status !== 200).length,
  };
}

test('a count refused 400 for its job-type list: the refresh completes with exact counts, by listing, for the session', async () => {
  const expected = await exactCounts();
  assert.ok(
    [...expected.values()].some((n) => n > 0),
    'the reference has sub-jobs',
  );
  const { simulator, session, lines } = await appServerSession('counttypes=documented');
  await session.refresh('first');
  assert.equal(session.state.failure, undefined, session.state.failure?.message);
  assert.deepEqual(session.state.counts, expected);

  const before = simulator.requests.length;
  await session.refresh('second');
  assert.equal(session.state.failure, undefined);
  assert.deepEqual(session.state.counts, expected);
  // Even the user's Refresh does not ask the refused list again: the answer will not change within a session.
  const second = sentSince(simulator, before);
  assert.deepEqual(
    { counts: second.counts, refused: second.refused },
    { counts: 0, refused: 0 },
    'the second refresh sends no count call and meets no refusal',
  );
  assert.ok(second.lists >= STATUSES.length * APP_SERVER_JOB_TYPES.length, `${second.lists} list calls`);
  const said = lines.filter((l) => /CountSubJobs/.test(l) && /400/.test(l));
  assert.equal(said.length, 1, lines.join('\n'));
  assert.match(said[0]!, /list call/);
  assert.doesNotMatch(lines.join('\n'), new RegExp(simulator.token));
});

test('an unproven access key whose first request (the count) is refused 400 is proven by a list call and counts', async () => {
  const expected = await exactCounts();
  const { simulator, session } = await appServerSession('counttypes=documented', 'accessKey');
  await session.refresh('first');
  assert.equal(session.state.failure, undefined, session.state.failure?.message);
  assert.equal(session.refused, false);
  assert.deepEqual(session.state.counts, expected);
  assert.equal(simulator.requests.filter((r) => r.status === 401).length, 0);
});

test('a count refused 400 whose list call is refused too: the error is thrown and the count call is asked next time', async () => {
  const simulator = opened.track(await startSimulator({ now: () => NOW, progress: false, size: 40, seed: 2 }));
  const client = opened.track(
    new SubJobClient({
      endpoint: simulator.url,
      projectId: simulator.projectId,
      authorizer: new TokenAuthorizer(simulator.token),
      userAgent: 'test',
    }),
  );
  const mode = new CountMode();
  const signal = new AbortController().signal;
  // One job type: one list call in the count's place, so nothing is still in flight when it fails.
  const types = ['CREATE_SERVER'] as const;
  simulator.failNext(2, 400, { error_code: 'WKS.00211102', error_msg: 'Invalid parameter.' });
  await assert.rejects(mode.count(client, types, {}, signal), /HTTP 400/);
  assert.equal(mode.byListing, false, 'nothing was learnt from a list call that failed too');
  const before = simulator.requests.length;
  const total = await mode.count(client, types, {}, signal);
  assert.deepEqual(
    simulator.requests.slice(before).map((r) => r.path.endsWith('/actions/count')),
    [true],
    'one count call',
  );
  assert.equal(total, simulator.subJobs().filter((s) => types.includes(s.job_type as never)).length);
});
