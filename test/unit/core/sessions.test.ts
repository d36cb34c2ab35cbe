import { afterEach, test } from 'node:test';
import assert from 'node:assert/strict';
import { setListenerErrorLog } from '../../../src/core/events';
import { ProjectSession, SessionSpec } from '../../../src/core/projectSession';
import { SessionPlan, Sessions } from '../../../src/core/sessions';
import { sessionEndOf } from '../../../src/core/sessionEnd';
import { JOB_TYPES } from '../../../src/model/subJob';
import { RunningSimulator, startSimulator } from '../../../src/simulator/server';
import { FakeClock } from '../fakeClock';
import { OpenedInTest, tokenClient, tokenSessionPlan } from '../simulatorClient';

const opened = new OpenedInTest();
afterEach(() => opened.closeAll());

function plan(simulator: RunningSimulator, overrides: Partial<SessionSpec> = {}, generation = 0): SessionPlan {
  return tokenSessionPlan(simulator, overrides, String(generation));
}

async function settle(sessions: Sessions): Promise<void> {
  // A configure starts refreshes without waiting for them; these tests look once they are done.
  await sessions.refreshAll('settle');
}

test('two projects side by side; one failing does not hide the other', async () => {
  const healthy = opened.track(await startSimulator({ progress: false, token: 'tok', size: 30, seed: 1 }));
  const failing = opened.track(
    await startSimulator({ progress: false, token: 'tok', size: 30, seed: 2, projectId: 'p2' }),
  );
  failing.setFaults({ errorRate: { rate: 1, statuses: [503] } });
  const sessions = new Sessions({ clock: new FakeClock() });
  opened.track({ close: async () => sessions.dispose() });
  sessions.configure([plan(healthy), plan(failing)], 0);
  await settle(sessions);
  const [a, b] = sessions.all;
  assert.ok(a.state.counts && a.state.counts.size > 0 && !a.state.failure);
  assert.match(b.state.failure?.message ?? '', /503/);
  assert.equal(b.state.counts, undefined);
});

test('the same plans keep the same sessions; a changed one is rebuilt alone, before the old one goes', async () => {
  const one = opened.track(await startSimulator({ progress: false, token: 'tok', size: 10, seed: 3 }));
  const two = opened.track(await startSimulator({ progress: false, token: 'tok', size: 10, seed: 4, projectId: 'p2' }));
  const sessions = new Sessions({ clock: new FakeClock() });
  opened.track({ close: async () => sessions.dispose() });
  let setChanges = 0;
  sessions.onDidChangeSessions(() => setChanges++);
  sessions.configure([plan(one), plan(two)], 30);
  const [a, b] = sessions.all;
  sessions.configure([plan(one), plan(two)], 60);
  assert.deepEqual(sessions.all, [a, b], 'an interval change rebuilds nothing');
  assert.equal(setChanges, 1);
  sessions.configure([plan(one), plan(two, { query: { jobTypes: ['CREATE_SERVER'] } })], 60);
  assert.equal(sessions.all[0], a);
  assert.notEqual(sessions.all[1], b);
  assert.equal(setChanges, 2);
  // The credential changed: rebuilt, but it shows what the old session showed until it answers.
  await settle(sessions);
  const counts = sessions.all[0].state.counts;
  sessions.configure([plan(one, {}, 1), plan(two, { query: { jobTypes: ['CREATE_SERVER'] } }, 1)], 60);
  assert.notEqual(sessions.all[0], a);
  assert.deepEqual(sessions.all[0].state.counts, counts);
});

test('a client that cannot be built (an unusable proxy) is a session with a problem, not a gap', async () => {
  const simulator = opened.track(await startSimulator({ progress: false, token: 'tok' }));
  const sessions = new Sessions({ clock: new FakeClock() });
  opened.track({ close: async () => sessions.dispose() });
  sessions.configure(
    [
      {
        ...plan(simulator),
        connect: () => {
          throw new Error('the proxy setting uses socks5://, which this extension cannot use');
        },
      },
    ],
    0,
  );
  assert.equal(sessions.all.length, 1);
  assert.deepEqual(sessions.all[0].state.problem, {
    kind: 'badProxy',
    reason: 'the proxy setting uses socks5://, which this extension cannot use',
  });
  await settle(sessions);
  assert.equal(simulator.requests.length, 0);
});

test('events carry their session; a removed session is disposed and stays silent', async () => {
  const simulator = opened.track(await startSimulator({ progress: false, token: 'tok', size: 10 }));
  const sessions = new Sessions({ clock: new FakeClock() });
  opened.track({ close: async () => sessions.dispose() });
  const seen: ProjectSession[] = [];
  sessions.onDidChangeSession(({ session }) => seen.push(session));
  sessions.configure([plan(simulator)], 0);
  await settle(sessions);
  const first = sessions.all[0];
  assert.ok(seen.includes(first));
  sessions.configure([], 0);
  const before = simulator.requests.length;
  await first.refresh('after removal');
  assert.equal(simulator.requests.length, before);
});

test('a listener that throws is isolated: the others hear every event and the refresh resolves', async () => {
  const isolated: unknown[] = [];
  setListenerErrorLog((error) => isolated.push(error));
  const simulator = opened.track(await startSimulator({ progress: false, token: 'tok', size: 10 }));
  const sessions = new Sessions({ clock: new FakeClock() });
  opened.track({ close: async () => sessions.dispose() });
  const heard = { sets: 0, changes: 0, refreshes: 0 };
  sessions.onDidChangeSessions(() => {
    throw new Error('faulty');
  });
  sessions.onDidChangeSession(() => {
    throw new Error('faulty');
  });
  sessions.onDidRefresh(() => {
    throw new Error('faulty');
  });
  sessions.onDidChangeSessions(() => heard.sets++);
  sessions.onDidChangeSession(() => heard.changes++);
  sessions.onDidRefresh(() => heard.refreshes++);
  sessions.configure([plan(simulator)], 0);
  await assert.doesNotReject(settle(sessions));
  setListenerErrorLog(() => undefined);
  assert.equal(heard.sets, 1);
  assert.ok(heard.changes >= 1);
  assert.ok(heard.refreshes >= 1);
  assert.ok(isolated.length >= 3);
  assert.ok(sessions.all[0].state.counts, 'the session has its counts');
});

test('a plan with a problem builds no client', () => {
  let built = 0;
  const sessions = new Sessions({ clock: new FakeClock() });
  sessions.configure(
    [
      {
        spec: {
          key: 'k',
          projectId: 'p',
          location: 'cn-north-4',
          endpoint: 'https://x',
          sampleData: false,
          credential: 'none',
          query: { jobTypes: JOB_TYPES },
        },
        problem: { kind: 'noCredentials' },
        connect: () => {
          built++;
          return tokenClient({ url: 'https://x', projectId: 'p' }, 't');
        },
        credentialFingerprint: '',
      },
    ],
    0,
  );
  assert.equal(built, 0);
  assert.equal(sessions.all[0].connected, false);
  sessions.dispose();
});

test('firstAnswer: a credential saved is judged by the first answer of the session it brings, not by an older one', async () => {
  const simulator = opened.track(await startSimulator({ progress: false, token: 'tok', size: 5, seed: 8 }));
  const sessions = new Sessions({ clock: new FakeClock() });
  opened.track({ close: async () => sessions.dispose() });
  sessions.configure([plan(simulator)], 0);
  await settle(sessions);

  const accepted = sessions.firstAnswer(simulator.projectId, 5_000);
  // The old session answering again says nothing about the new credential.
  await sessions.refreshAll('an unrelated refresh');
  sessions.configure([plan(simulator, {}, 1)], 0);
  const fared = await accepted;
  assert.equal(fared?.session, sessions.all[0]);
  assert.equal(fared?.report?.ok, true);

  const refused = sessions.firstAnswer(simulator.projectId, 5_000);
  sessions.configure([{ ...plan(simulator, {}, 2), connect: () => tokenClient(simulator, 'wrong') }], 0);
  const no = await refused;
  assert.equal(no?.report?.ok, false);
  assert.equal(no?.report?.failure?.authFailure, true);

  // The credential in use saved again: nothing is rebuilt; the refused session is asked again, and
  // its answer counts.
  const refusedSession = sessions.all[0];
  const asked = simulator.requests.length;
  const again = sessions.firstAnswer(simulator.projectId, 5_000, true);
  await sessions.refreshProject(simulator.projectId, 'the same token saved again');
  const answered = await again;
  assert.equal(answered?.session, refusedSession);
  assert.equal(answered?.report?.failure?.authFailure, true);
  assert.ok(simulator.requests.length > asked, 'asked again although refused');
  await sessions.refreshProject('another-project', 'nothing of ours');
  assert.equal(sessions.all[0], refusedSession);

  const blocked = sessions.firstAnswer(simulator.projectId, 5_000);
  sessions.configure(
    [
      {
        spec: plan(simulator).spec,
        problem: { kind: 'badEndpoint', reason: 'plain http' },
        credentialFingerprint: '3',
      },
    ],
    0,
  );
  assert.equal((await blocked)?.problem?.kind, 'badEndpoint');

  assert.equal(await sessions.firstAnswer('another-project', 50), undefined, 'no answer in time: undefined');
});

test('a session configure ends says why: sample data stopped, a project removed, or replaced', async () => {
  const simulator = opened.track(await startSimulator({ progress: false, token: 'tok', size: 10 }));
  const other = opened.track(await startSimulator({ progress: false, token: 'tok', size: 10, projectId: 'p2' }));
  const sessions = new Sessions({ clock: new FakeClock() });
  opened.track({ close: async () => sessions.dispose() });
  sessions.configure([plan(simulator, { sampleData: true, key: `simulator|${simulator.projectId}` })], 0);
  const sample = sessions.all[0];
  sessions.configure([plan(simulator), plan(other)], 0);
  assert.equal(sessionEndOf(sample.signal), 'sampleDataStopped');
  const [project, second] = sessions.all;
  sessions.configure([plan(simulator, {}, 1)], 0);
  assert.equal(sessionEndOf(project.signal), 'replaced', 'a new credential: the same project goes on');
  assert.equal(sessionEndOf(second.signal), 'projectRemoved');
  const last = sessions.all[0];
  sessions.dispose();
  assert.equal(sessionEndOf(last.signal), 'shutdown');
});

test('hiding a family ends its session as that family hidden, not projectMoved: the project goes on in the other family', async () => {
  const simulator = opened.track(await startSimulator({ progress: false, token: 'tok', size: 10, appServerSize: 10 }));
  const sessions = new Sessions({ clock: new FakeClock() });
  opened.track({ close: async () => sessions.dispose() });
  const projectKey = `${simulator.url}|${simulator.projectId}`;
  const appServer = plan(simulator, { projectKey, family: 'appServer', key: `${projectKey}#appServer` });
  sessions.configure([plan(simulator, { projectKey, family: 'image' }), appServer], 0);
  const [, appServers] = sessions.all;
  sessions.configure([plan(simulator, { projectKey, family: 'image' })], 0);
  assert.equal(sessionEndOf(appServers.signal), 'appServerFamilyHidden');
});
