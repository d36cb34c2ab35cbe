import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CHUNK } from '../../../src/api/subJobDeletion';
import { planDeletion } from '../../../src/core/deletionPlan';
import { logLinesOf, reportOf, summaryOf } from '../../../src/core/deletionReport';
import { runDeletion, RunOptions } from '../../../src/core/deletionRun';
import type { RunningSimulator } from '../../../src/simulator/server';
import { FakeClock } from '../fakeClock';
import { OpenedInTest, tokenClient } from '../simulatorClient';
import { SIMULATOR_START, simulatorPerFile } from '../simulatorPerFile';
import { SimulatorSource } from './deletionFixture';

const TOKEN = 'deletion-run-token';

let sim: RunningSimulator;
const opened = new OpenedInTest();
const signal = () => new AbortController().signal;

simulatorPerFile({ token: TOKEN }, opened, (started) => (sim = started));

const source = () => new SimulatorSource(sim, opened.track(tokenClient(sim, TOKEN)));
const add = (n: number, status = 'SUCCESS') => Array.from({ length: n }, () => sim.addSubJob({ status }).id);
const patches = (from: number) => sim.requests.slice(from).filter((r) => r.method === 'PATCH').length;
const options = (overrides: Partial<RunOptions> = {}): RunOptions => ({
  signal: signal(),
  confirmGrown: () => Promise.resolve(false),
  ...overrides,
});

/** Loads the ids' group and plans them, as the command does after a selection. */
async function planned(ids: readonly string[], status: 'SUCCESS' | 'FAILED' = 'SUCCESS') {
  const s = source();
  await s.load(status);
  const plan = await planDeletion([s], { kind: 'subJobs', refs: ids.map((id) => ({ id })) }, signal());
  return { s, plan };
}

describe('runDeletion and its report', () => {
  it('deletes what was planned, takes it off the view, and says so in one short line', async () => {
    const ids = add(45);
    const { s, plan } = await planned(ids);
    const outcome = await runDeletion(plan, options());
    const report = reportOf(plan, outcome);
    assert.deepEqual([...report.deleted].sort(), [...ids].sort());
    assert.equal(s.removed.length, 45);
    assert.deepEqual(summaryOf(report), { severity: 'info', message: 'Workspace Jobs: deleted 45 sub-job records.' });
  });

  it('a group that grew while the dialog was open is asked about again; declined, nothing is sent', async () => {
    add(3, 'FAILED');
    const s = source();
    s.countNow();
    const plan = await planDeletion([s], { kind: 'group', sessionKey: s.spec.key, status: 'FAILED' }, signal());
    add(2, 'FAILED');
    const asked: Array<[number, number]> = [];
    const from = sim.requests.length;
    const outcome = await runDeletion(
      plan,
      options({ confirmGrown: (listed, confirmed) => (asked.push([listed, confirmed]), Promise.resolve(false)) }),
    );
    assert.deepEqual(asked, [[5, 3]]);
    assert.equal(patches(from), 0);
    const report = reportOf(plan, outcome);
    assert.equal(report.notSent[0].count, 5);
    assert.match(summaryOf(report).message, /5 not sent: the group held 5, more than the 3 confirmed/);
    // Confirmed again: what the listing holds is deleted.
    const again = await runDeletion(plan, options({ confirmGrown: () => Promise.resolve(true) }));
    assert.equal(reportOf(plan, again).deleted.length, 5);
    assert.equal(sim.subJobs().length, 0);
  });

  it('429 with Retry-After 60 on every call: at most 2 calls and one grouped message', async () => {
    // The old code sent 87 calls in about 100 ms and joined 87 "HTTP 429" reasons (14,875 characters).
    const ids = add(87 * CHUNK);
    const { plan } = await planned(ids);
    sim.setFaults({ throttle: { rate: 1, retryAfterSeconds: 60 } });
    const from = sim.requests.length;
    const report = reportOf(plan, await runDeletion(plan, options()));
    assert.ok(patches(from) <= 2, `${patches(from)} calls`);
    const { severity, message } = summaryOf(report);
    assert.equal(severity, 'warning');
    assert.equal(message.match(/HTTP 429/g)?.length, 1, message);
    assert.ok(message.length < 600, `${message.length} characters`);
    assert.match(message, /1740 not sent: stopped: the service is throttling requests and asked to wait 60 s/);
    assert.equal(sim.subJobs().length, ids.length);
  });

  it('a Retry-After of a second is waited out on the clock, then the rest is deleted', async () => {
    const ids = add(45);
    const { plan } = await planned(ids);
    sim.failNext(1, 429, undefined, { 'Retry-After': '1' });
    const clock = new FakeClock(SIMULATOR_START);
    let finished = false;
    const running = runDeletion(plan, options({ clock })).then((o) => ((finished = true), o));
    while (!finished) {
      await clock.advance(500);
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    assert.equal(reportOf(plan, await running).deleted.length, 45);
  });

  it('a reset after the service handled the call is reported as outcome unknown, not as not deleted', async () => {
    // The old code said "0 deleted, 192 not deleted" while the service had deleted all 192.
    const ids = add(20);
    const { plan } = await planned(ids);
    sim.setFaults({ dropAnswer: 1 });
    const report = reportOf(plan, await runDeletion(plan, options()));
    sim.clearFaults();
    assert.equal(sim.subJobs().length, 0, 'the service deleted them');
    assert.deepEqual(report.notSent, []);
    assert.deepEqual(report.refused, []);
    assert.equal(report.unknown[0].count, 20);
    assert.match(summaryOf(report).message, /20 outcome unknown, the service may have deleted them/);
  });

  it('Cancel after a 500 still reports the 500, and names what was never sent', async () => {
    // The old command said only "(cancelled)" and hid the 500.
    const ids = add(60);
    const { plan } = await planned(ids);
    sim.failNext(1, 500);
    const controller = new AbortController();
    const report = reportOf(
      plan,
      await runDeletion(plan, options({ signal: controller.signal, onProgress: () => controller.abort() })),
    );
    assert.equal(report.refused[0].count, 20);
    assert.equal(report.cancelled, true);
    const { message } = summaryOf(report);
    assert.match(message, /20 refused: HTTP 500/);
    assert.match(message, /40 not sent: cancelled/);
  });

  it('refusals with the same words are one reason, however many calls; the log has every id and request id', async () => {
    const ids = add(60);
    const { plan } = await planned(ids);
    sim.setFaults({ errorRate: { rate: 1, statuses: [503] } });
    const report = reportOf(plan, await runDeletion(plan, options()));
    assert.equal(report.refused.length, 1, 'two 503 answers, one reason');
    assert.equal(report.refused[0].count, 40);
    assert.equal(report.refused[0].requestIds.length, 2);
    const log = logLinesOf(report).join('\n');
    for (const id of ids) assert.ok(log.includes(id), id);
    assert.match(log, /request ids [0-9a-f]{32}, [0-9a-f]{32}/);
  });

  it('a refused credential stops the deletion: one call, the rest not sent', async () => {
    const ids = add(45);
    const s = new SimulatorSource(sim, opened.track(tokenClient(sim, 'expired-token')));
    const good = source();
    await good.load('SUCCESS');
    s.loaded = good.loaded;
    const plan = await planDeletion([s], { kind: 'subJobs', refs: ids.map((id) => ({ id })) }, signal());
    const from = sim.requests.length;
    const report = reportOf(plan, await runDeletion(plan, options()));
    assert.equal(patches(from), 1);
    assert.match(summaryOf(report).message, /25 not sent: stopped: the credential was refused \(HTTP 401/);
  });
});
