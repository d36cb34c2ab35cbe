/**
 * A page with one item built to hurt (its status an array nested 20,000 deep): the group shows every
 * good sub-job and the log says once what was skipped. Against the simulator's hostileItem fault.
 */
import assert from 'node:assert/strict';
import { afterEach, test } from 'node:test';
import { Logger } from '../../../src/api/logger';
import { ProjectSession } from '../../../src/core/projectSession';
import { startSimulator } from '../../../src/simulator/server';
import { FakeClock } from '../fakeClock';
import { OpenedInTest, simulatorSessionSpec, tokenClient } from '../simulatorClient';

const opened = new OpenedInTest();
afterEach(() => opened.closeAll());

test('a hostile page shows every good sub-job and one log line', async () => {
  const simulator = opened.track(await startSimulator({ progress: false, size: 60, seed: 4, faults: 'hostile=1' }));
  const client = opened.track(tokenClient(simulator, simulator.token));
  const lines: string[] = [];
  const logger: Logger = { debug() {}, info() {}, warn: (m) => lines.push(m), error: (m) => lines.push(m) };
  const session = new ProjectSession(simulatorSessionSpec(simulator), client, undefined, {
    clock: new FakeClock(Date.now()),
    logger,
  });
  opened.track({ close: async () => session.dispose() });
  await session.refresh('first');
  assert.equal(session.state.failure, undefined, session.state.failure?.message);
  await session.expand('SUCCESS');
  const good = simulator
    .subJobs()
    .filter((s) => s.status === 'SUCCESS')
    .map((s) => s.id);
  assert.ok(good.length > 0);
  assert.deepEqual(
    session.state.groups.get('SUCCESS')?.subJobs.map((s) => s.id),
    good,
  );
  assert.ok(simulator.requests.some((r) => r.fault?.includes('hostile')));
  const skipped = lines.filter((l) => /malformed/.test(l));
  assert.equal(skipped.length, 1, lines.join('\n'));
  assert.ok(skipped[0]!.length < 600, `${skipped[0]!.length} characters`);
});
