import { afterEach, test } from 'node:test';
import assert from 'node:assert/strict';
import { SessionSpec } from '../../../src/core/projectSession';
import { SessionPlan, Sessions } from '../../../src/core/sessions';
import { RunningSimulator, startSimulator } from '../../../src/simulator/server';
import { FakeClock } from '../fakeClock';
import { OpenedInTest, tokenSessionPlan } from '../simulatorClient';

const opened = new OpenedInTest();
afterEach(() => opened.closeAll());

function plan(simulator: RunningSimulator, generation = 0, overrides: Partial<SessionSpec> = {}): SessionPlan {
  return tokenSessionPlan(simulator, overrides, String(generation));
}

const settled = () => new Promise<void>((resolve) => setTimeout(resolve, 100));

async function refreshed(sessions: Sessions): Promise<void> {
  await new Promise<void>((resolve) => {
    const done = sessions.onDidRefresh(() => {
      done.dispose();
      resolve();
    });
  });
}

for (const interval of [30, 0]) {
  test(`a window nobody looks at sends nothing at start-up; the first refresh comes with attention (interval ${interval} s)`, async () => {
    const simulator = opened.track(await startSimulator({ progress: false, token: 'tok', size: 20, seed: 5 }));
    const clock = new FakeClock();
    const sessions = new Sessions({ clock });
    opened.track({ close: async () => sessions.dispose() });
    sessions.setAttention(false);
    sessions.configure([plan(simulator)], interval);
    await settled();
    await clock.advance(5 * 60_000);
    assert.equal(simulator.requests.length, 0, 'no request while the window is unfocused and the view hidden');
    const counts = () => sessions.all[0].state.counts;
    assert.equal(counts(), undefined);
    // A credential change (SecretStorage tells every window) rebuilds the session: still nothing sent.
    sessions.configure([plan(simulator, 1)], interval);
    await settled();
    assert.equal(simulator.requests.length, 0, 'a rebuilt session waits as well');
    const answered = refreshed(sessions);
    sessions.setAttention(true);
    await answered;
    const first = simulator.requests.length;
    assert.ok(first > 0, 'refreshed as soon as someone may look');
    assert.ok((counts()?.size ?? 0) > 0);
    await settled();
    assert.equal(simulator.requests.length, first, 'one refresh, not one from the schedule as well');
  });
}

test('with attention, a new session refreshes at once, as before', async () => {
  const simulator = opened.track(await startSimulator({ progress: false, token: 'tok', size: 20, seed: 6 }));
  const sessions = new Sessions({ clock: new FakeClock() });
  opened.track({ close: async () => sessions.dispose() });
  const answered = refreshed(sessions);
  sessions.configure([plan(simulator)], 30);
  await answered;
  assert.ok(simulator.requests.length > 0);
});
