import { afterEach, test } from 'node:test';
import assert from 'node:assert/strict';
import { ProjectSession } from '../../../src/core/projectSession';
import { Sessions } from '../../../src/core/sessions';
import { Family } from '../../../src/model/family';
import { RunningSimulator, startSimulator } from '../../../src/simulator/server';
import * as simErrors from '../../../src/simulator/errors';
import { FakeClock } from '../fakeClock';
import { familySessionPlan, OpenedInTest } from '../simulatorClient';

// A family an IAM policy denies must cost almost nothing while it stays denied, and heal by itself once granted.

const opened = new OpenedInTest();
afterEach(() => opened.closeAll());
type Credential = 'access key' | 'token';
const DENY_APP_SERVER = 'deny=listSubJobs/countSubJobs/getJob';

const familyPlan = familySessionPlan;

/** Lets each automatic refresh finish (over loopback) before the fake clock moves on. */
const settle = () => new Promise<void>((resolve) => setTimeout(resolve, 40));

async function start(faults: string, credential: Credential, interval: number) {
  const simulator = opened.track(await startSimulator({ progress: false, size: 30, appServerSize: 30, seed: 22 }));
  simulator.setFaults(faults);
  const clock = new FakeClock();
  const sessions = new Sessions({ clock });
  opened.track({ close: async () => sessions.dispose() });
  const first = new Promise<void>((resolve) => {
    let n = 0;
    sessions.onDidRefresh(() => ++n === 2 && resolve());
  });
  sessions.configure(
    (['image', 'appServer'] as const).map((f) => familyPlan(simulator, f, credential)),
    interval,
  );
  await first;
  const of = (f: Family): ProjectSession => sessions.all.find((s) => s.spec.family === f)!;
  return { simulator, clock, of };
}

const appServerRequests = (simulator: RunningSimulator) =>
  simulator.requests.filter((q) => q.path.includes('app-server') || q.path.includes('/job/')).length;

async function advance(clock: FakeClock, seconds: number, step = 30): Promise<void> {
  for (let t = 0; t < seconds; t += step) await clock.runUntil(clock.time + step * 1000, settle);
}

for (const credential of ['access key', 'token'] as const)
  test(`a family denied for an hour at a 30 s interval sends at most 15 requests, and heals within one back-off step (${credential})`, async () => {
    const { simulator, clock, of } = await start(DENY_APP_SERVER, credential, 30);
    const appServer = of('appServer');
    assert.ok(appServer.state.failure?.denied, 'the first refresh met the denial');
    assert.equal(appServer.refused, false);
    const first = appServerRequests(simulator);
    await advance(clock, 3600);
    const inTheHour = appServerRequests(simulator) - first;
    assert.ok(inTheHour <= 15, `requests of the denied family in one hour: ${inTheHour} (first refresh: ${first})`);
    assert.ok(appServer.state.failure?.denied, 'still denied');
    assert.equal(of('image').state.failure, undefined, 'the image family is not concerned');

    simulator.setFaults({});
    await advance(clock, 330);
    assert.equal(appServer.state.failure, undefined, 'healed within one back-off step (5 min) after the grant');
    assert.ok(appServer.state.counts, 'counts are shown again');
  });

test('a refresh that meets a 403 on the count and then on listing sends nothing more', async () => {
  const { simulator, of } = await start(DENY_APP_SERVER, 'token', 0);
  const mark = simulator.requests.length;
  await of('appServer').refresh('user');
  const sent = simulator.requests.slice(mark).filter((q) => q.path.includes('app-server'));
  const lists = sent.filter((q) => !q.path.endsWith('count'));
  assert.ok(
    lists.length <= 1,
    `list calls after the count calls were refused: ${lists.length} (${sent.length} requests)`,
  );
  assert.ok(of('appServer').state.failure?.denied);
});

test('a policy 403 without the word "policy" (zh-CN) denies one family and refuses no credential', async () => {
  // The simulator's denial in Chinese: the service's wording is not documented, its code is.
  const original = simErrors.actionDenied;
  (simErrors as { actionDenied: typeof original }).actionDenied = (action) => ({
    status: 403,
    body: { error_code: simErrors.FORBIDDEN_CODE, error_msg: `策略不允许执行 ${action}。` },
  });
  try {
    for (const credential of ['access key', 'token'] as const) {
      const { of } = await start('deny=listImageSubJobs/countImageSubJobs/getImageJob', credential, 30);
      const image = of('image');
      assert.equal(image.refused, false, credential);
      assert.equal(image.state.failure?.authFailure, false, credential);
      assert.equal(image.state.failure?.denied?.action, 'workspace:imageServer:listImageSubJobs', credential);
      assert.ok(of('appServer').state.counts, credential);
    }
  } finally {
    (simErrors as { actionDenied: typeof original }).actionDenied = original;
  }
});

test('a gateway 403 after both families worked refuses the credential and stops asking', async () => {
  const { simulator, clock, of } = await start('', 'access key', 30);
  simulator.failNext(100000, 403, {
    error_code: 'APIGW.0306',
    error_msg: 'API access denied: the source IP is not allowed',
    request_id: 'r',
  });
  const mark = simulator.requests.length;
  await advance(clock, 3600);
  for (const family of ['image', 'appServer'] as const) {
    assert.equal(of(family).refused, true, family);
    assert.equal(of(family).state.failure?.denied, undefined, family);
    assert.equal(of(family).state.failure?.authFailure, true, family);
  }
  const sent = simulator.requests.length - mark;
  // One refresh per family (its counts, then one list call): then nothing, until the credential changes or the user refreshes.
  assert.ok(sent <= 20, `requests in the hour after the gateway began refusing: ${sent}`);
});

test('watches and open panels of a denied family follow again once an automatic refresh of it works', async () => {
  const { simulator, clock, of } = await start('', 'token', 30);
  const appServer = of('appServer');
  await appServer.expand('RUNNING');
  await clock.runUntil(clock.time + 1000, settle);
  const active = appServer.loadedSubJobs().find((s) => s.jobId);
  assert.ok(active, 'an active app-server sub-job');
  const handle = appServer.follow({ kind: 'job', id: active.jobId }, 'panel');
  await advance(clock, 60);
  simulator.setFaults(DENY_APP_SERVER);
  await advance(clock, 600);
  assert.ok(appServer.state.failure?.denied, 'denied');
  simulator.setFaults({});
  const mark = simulator.requests.length;
  await advance(clock, 600);
  assert.equal(appServer.state.failure, undefined, 'the tree healed');
  const lookUps = simulator.requests.slice(mark).filter((q) => q.path.includes('/job/')).length;
  assert.ok(lookUps > 0, `parent-job look-ups in the 10 minutes after the grant: ${lookUps}`);
  handle.dispose();
});

for (const credential of ['access key', 'token'] as const)
  test(`one 401 among a refresh's calls in flight is judged once: the calls the fence stopped do not refuse again (${credential})`, async () => {
    const { simulator, of } = await start('', credential, 30);
    const appServer = of('appServer');
    const gate = (appServer as unknown as { gate: { options: { onRefused: (error: unknown) => void } } }).gate;
    const refused: unknown[] = [];
    const told = gate.options.onRefused;
    gate.options.onRefused = (error) => {
      refused.push(error);
      told(error);
    };
    simulator.failNext(1, 401, { error_code: 'APIGW.0301', error_msg: 'Incorrect IAM authentication information' });
    await appServer.refresh('user');
    assert.equal(appServer.refused, true);
    assert.equal(refused.length, 1, `the refusal was told ${refused.length} times`);
  });
