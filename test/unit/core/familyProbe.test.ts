import { afterEach, test } from 'node:test';
import assert from 'node:assert/strict';
import { SessionPlan, Sessions } from '../../../src/core/sessions';
import { Family } from '../../../src/model/family';
import { DEFAULT_ACCESS_KEY, RunningSimulator, startSimulator } from '../../../src/simulator/server';
import { FakeClock } from '../fakeClock';
import { familySessionPlan, OpenedInTest } from '../simulatorClient';

const opened = new OpenedInTest();
afterEach(() => opened.closeAll());

/** A project's plan for one family, carrying an access key (cautious: five bad signatures lock it). */
function familyPlan(simulator: RunningSimulator, family: Family, secretKey: string): SessionPlan {
  return familySessionPlan(simulator, family, 'access key', secretKey);
}

async function configured(simulator: RunningSimulator, secretKey: string): Promise<Sessions> {
  const sessions = new Sessions({ clock: new FakeClock() });
  opened.track({ close: async () => sessions.dispose() });
  sessions.configure([familyPlan(simulator, 'image', secretKey), familyPlan(simulator, 'appServer', secretKey)], 0);
  // configure starts both families' first refreshes together; wait until each has answered.
  await new Promise<void>((resolve) => {
    let answered = 0;
    sessions.onDidRefresh(() => ++answered === 2 && resolve());
  });
  return sessions;
}

test('a wrong access key watched in both families sends one bad signature for the project, not one per family', async () => {
  const simulator = opened.track(await startSimulator({ progress: false, size: 30, appServerSize: 30, seed: 21 }));
  const sessions = await configured(simulator, 'not-the-secret');
  assert.deepEqual(
    simulator.requests.map((r) => r.status),
    [401],
    'five bad signatures in a row lock the key: the app-server family waits for the image family’s verdict',
  );
  assert.ok(sessions.all.every((session) => session.state.failure?.authFailure));
  assert.ok(sessions.all.every((session) => session.refused));
});

test('a right access key watched in both families is proven once, then both families count', async () => {
  const simulator = opened.track(await startSimulator({ progress: false, size: 30, appServerSize: 30, seed: 22 }));
  const sessions = await configured(simulator, DEFAULT_ACCESS_KEY.sk);
  assert.ok(sessions.all.every((session) => session.state.counts && !session.state.failure));
  assert.ok(simulator.requests.some((r) => r.path.includes('/app-server-sub-jobs')));
  assert.ok(simulator.requests.some((r) => r.path.includes('/image-server-sub-jobs')));
});
