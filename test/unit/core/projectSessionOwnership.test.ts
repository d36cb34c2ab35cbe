import { afterEach, test } from 'node:test';
import assert from 'node:assert/strict';
import { AkskAuthorizer } from '../../../src/api/akskSigner';
import { TokenAuthorizer } from '../../../src/api/authorizer';
import { SubJobClient } from '../../../src/api/subJobClient';
import { deleteSubJobs } from '../../../src/api/subJobDeletion';
import { createDispatcher } from '../../../src/api/transport';
import { setListenerErrorLog } from '../../../src/core/events';
import { ProjectSession, SessionSpec } from '../../../src/core/projectSession';
import { CredentialRefusedError, SessionClosedError } from '../../../src/core/sessionGate';
import { DEFAULT_ACCESS_KEY, RunningSimulator, startSimulator, SimulatorOptions } from '../../../src/simulator/server';
import { FakeClock } from '../fakeClock';
import { OpenedInTest, simulatorSessionSpec } from '../simulatorClient';

const opened = new OpenedInTest();
afterEach(() => opened.closeAll());

function spec(simulator: RunningSimulator, overrides: Partial<SessionSpec> = {}): SessionSpec {
  return simulatorSessionSpec(simulator, overrides);
}

/**
 * A session whose client shares its connection pool, as the extension's do (DispatcherFactory):
 * closing the client then stops nothing, so only the session's own signal can.
 */
async function setUp(
  options: SimulatorOptions,
  credential: 'token' | 'badAccessKey',
  overrides: Partial<SessionSpec> = {},
) {
  const simulator = opened.track(await startSimulator({ progress: false, token: 'tok', ...options }));
  const dispatcher = createDispatcher();
  opened.track({ close: () => dispatcher.close() });
  const authorizer =
    credential === 'token'
      ? new TokenAuthorizer('tok')
      : new AkskAuthorizer({
          accessKeyId: DEFAULT_ACCESS_KEY.ak,
          secretKey: 'not-the-secret',
          projectId: simulator.projectId,
        });
  const client = new SubJobClient({
    endpoint: simulator.url,
    projectId: simulator.projectId,
    authorizer,
    userAgent: 'test',
    dispatcher,
  });
  const clock = new FakeClock(Date.now());
  const session = new ProjectSession(
    spec(simulator, { ...(credential === 'badAccessKey' && { cautious: true }), ...overrides }),
    client,
    undefined,
    { clock },
  );
  opened.track({ close: async () => session.dispose() });
  return { simulator, session, clock };
}

const patches = (simulator: RunningSimulator) => simulator.requests.filter((r) => r.method === 'PATCH');
const finishedIds = (simulator: RunningSimulator, n: number) =>
  simulator
    .subJobs()
    .filter((s) => s.status === 'SUCCESS' || s.status === 'FAILED')
    .slice(0, n)
    .map((s) => s.id);

test('disposing the session during a long delete stops it: no PATCH of a call made after dispose reaches the service', async () => {
  const { simulator, session } = await setUp({ size: 400, seed: 31, latencyMs: 150 }, 'token');
  const ids = finishedIds(simulator, 200);
  assert.equal(ids.length, 200);
  let disposed = false;
  const sentAfterDispose = new Set<string>();
  const deletion = deleteSubJobs(
    {
      batchDelete: (chunk, signal) => {
        if (disposed) for (const id of chunk) sentAfterDispose.add(id);
        return session.batchDelete(chunk, signal);
      },
    },
    ids,
    {
      onProgress: (done) => {
        // Sign Out (the session replaced) once three calls were answered.
        if (done >= 60 && !disposed) {
          disposed = true;
          session.dispose();
        }
      },
    },
  );
  const result = await deletion;
  assert.ok(disposed);
  await new Promise((resolve) => setTimeout(resolve, 200));
  const late = patches(simulator).filter((r) =>
    (JSON.parse(r.body ?? '{"items":[]}') as { items: string[] }).items.some((id) => sentAfterDispose.has(id)),
  );
  assert.equal(late.length, 0, `${late.length} PATCH call(s) made after dispose reached the service`);
  assert.ok(patches(simulator).length <= 6, `${patches(simulator).length} PATCH calls in all`);
  assert.ok(result.deleted.length < 200);
  // Calls made after dispose went nowhere: not sent. Calls in flight at dispose may have been handled: unknown.
  for (const id of sentAfterDispose)
    assert.ok(result.notSent.includes(id), `${id} made after dispose is not "not sent"`);
  for (const call of result.unknown) assert.ok(call.error instanceof SessionClosedError && call.error.sent);
  assert.equal(result.deleted.length + result.unknown.flatMap((c) => c.ids).length + result.notSent.length, 200);
});

test('a call made after dispose fails at once with SessionClosedError and sends nothing', async () => {
  const { simulator, session } = await setUp({ size: 40, seed: 32 }, 'token');
  session.dispose();
  const signal = new AbortController().signal;
  await assert.rejects(session.batchDelete(['1'], signal), SessionClosedError);
  await assert.rejects(
    session.findSubJob({ id: '1', jobType: 'CREATE_SERVER', jobId: 'j' }, signal),
    SessionClosedError,
  );
  await assert.rejects(session.showJob('j', signal), SessionClosedError);
  await assert.rejects(session.listJob('j', signal), SessionClosedError);
  await assert.rejects(session.listGroup('FAILED', signal), SessionClosedError);
  await assert.rejects(session.findById('nope', signal), SessionClosedError);
  assert.equal(simulator.requests.length, 0);
});

test('a refused access key: delete through the session sends nothing', async () => {
  const { simulator, session } = await setUp({ size: 60, seed: 33 }, 'badAccessKey');
  await session.refresh('first');
  assert.equal(session.refused, true);
  const before = simulator.requests.length;
  const ids = finishedIds(simulator, 60);
  const result = await deleteSubJobs(session, ids);
  assert.equal(simulator.requests.length - before, 0, `${simulator.requests.length - before} call(s) sent`);
  assert.equal(result.deleted.length, 0);
  assert.deepEqual(result.notSent, ids);
  assert.equal(result.stopped?.kind, 'unsendable');
  assert.ok(result.stopped?.kind === 'unsendable' && result.stopped.error instanceof CredentialRefusedError);
});

test('an unproven access key: three concurrent delete calls and a group listing send one request, then none', async () => {
  const { simulator, session } = await setUp({ size: 100, seed: 34 }, 'badAccessKey');
  const signal = new AbortController().signal;
  const outcomes = await Promise.allSettled([
    deleteSubJobs(session, finishedIds(simulator, 60), { concurrency: 3 }),
    session.listGroup('FAILED', signal),
  ]);
  assert.equal(simulator.requests.length, 1, `${simulator.requests.length} requests with an unproven key`);
  assert.equal(simulator.requests[0].status, 401);
  assert.equal(outcomes[1].status, 'rejected');
  assert.equal(session.refused, true);
});

test('a 401 on a look-up marks the session refused: a later delete sends nothing', async () => {
  const { simulator, session } = await setUp({ size: 40, seed: 35 }, 'token');
  await session.refresh('first');
  simulator.failNext(1, 401, { error_code: 'APIGW.0301', error_msg: 'Incorrect IAM authentication information' });
  const signal = new AbortController().signal;
  await assert.rejects(session.showJob('some-job', signal));
  assert.equal(session.refused, true);
  const before = simulator.requests.length;
  await assert.rejects(session.batchDelete(finishedIds(simulator, 5), signal), CredentialRefusedError);
  assert.equal(simulator.requests.length, before);
  // The user's Refresh asks again, once, and a working credential clears the refusal.
  await session.refresh('manual');
  assert.equal(session.refused, false);
  await session.batchDelete(finishedIds(simulator, 5), signal);
});

test('a 403 on one action (a policy that denies deleting) is not a refused credential: listing goes on', async () => {
  const { simulator, session } = await setUp({ size: 40, seed: 37 }, 'token');
  await session.refresh('first');
  simulator.failNext(1, 403, {
    error_code: 'WKS.00081102',
    error_msg: "Policy doesn't allow workspace:imageServer:batchDeleteImageSubJobs",
  });
  const signal = new AbortController().signal;
  await assert.rejects(session.batchDelete(finishedIds(simulator, 5), signal), /batchDeleteImageSubJobs/);
  assert.equal(session.refused, false, 'a denied action stopped every call');
  const before = simulator.requests.length;
  await session.listGroup('SUCCESS', signal);
  assert.ok(simulator.requests.length > before, 'listing was not sent after a denied delete');
  // A policy's 403 on listing denies listing, not the credential: the session goes on asking.
  simulator.failNext(1, 403, { error_code: 'WKS.00081102', error_msg: "Policy doesn't allow listImageSubJobs" });
  await assert.rejects(session.listGroup('FAILED', signal));
  assert.equal(session.refused, false);
  // The gateway's 403 on listing refuses the credential: everything stops.
  simulator.failNext(1, 403, { error_code: 'APIGW.0306', error_msg: 'API access denied' });
  await assert.rejects(session.listGroup('FAILED', signal));
  assert.equal(session.refused, true);
});

test('a caller aborting its own signal stops its call; the session goes on', async () => {
  const { simulator, session } = await setUp({ size: 40, seed: 36, latencyMs: 100 }, 'token');
  const caller = new AbortController();
  const pending = session.listGroup('FAILED', caller.signal);
  setTimeout(() => caller.abort(), 20);
  await assert.rejects(pending);
  await session.refresh('after');
  assert.ok(session.state.counts);
  assert.ok(simulator.requests.length > 0);
});

test('a listener that throws: refresh resolves, later listeners run, and the schedule does not back off', async () => {
  const isolated: unknown[] = [];
  setListenerErrorLog((error) => isolated.push(error));
  const { simulator, session, clock } = await setUp({ size: 40, seed: 37 }, 'token');
  session.onDidRefresh(() => {
    throw new Error('a faulty subscriber');
  });
  session.onDidChange(() => {
    throw new Error('another faulty subscriber');
  });
  let heard = 0;
  session.onDidRefresh(() => heard++);
  session.setInterval(60);
  await assert.doesNotReject(session.refresh('first'));
  assert.equal(heard, 1, 'the listener after the faulty one heard the refresh');
  const before = simulator.requests.length;
  // Three intervals: three automatic refreshes at the normal pace, none pushed back.
  // Each automatic refresh runs over real loopback: let it finish and schedule the next before the clock moves on
  // (a fixed real pause was too short on a loaded machine).
  const scheduled = async () => {
    for (let waited = 0; clock.pending === 0 && waited < 5000; waited += 5)
      await new Promise((resolve) => setTimeout(resolve, 5));
  };
  await clock.runUntil(clock.time + 3 * 60_000, scheduled);
  assert.equal(heard, 4, `${heard - 1} automatic refreshes in three intervals`);
  assert.ok(simulator.requests.length > before);
  assert.ok(isolated.length >= 4);
  setListenerErrorLog(() => undefined);
});
