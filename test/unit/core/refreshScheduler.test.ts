import { test } from 'node:test';
import assert from 'node:assert/strict';
import { RefreshKind } from '../../../src/core/refreshPolicy';
import { BACKOFF_CAP_MS, FULL_REFRESH_EVERY_CHECKS, planRefresh } from '../../../src/core/refreshPolicy';
import { RefreshOutcome, RefreshScheduler } from '../../../src/core/refreshScheduler';
import { FakeClock } from '../fakeClock';

/** A scheduler whose refreshes answer with the outcomes the test queues. */
function harness(outcomes: Array<Partial<RefreshOutcome>>) {
  const clock = new FakeClock();
  const runs: Array<{ at: number; kind: RefreshKind }> = [];
  const scheduler: RefreshScheduler = new RefreshScheduler(async (kind) => {
    runs.push({ at: clock.now(), kind });
    const next = outcomes.shift() ?? {};
    scheduler.recordOutcome(kind, { ok: true, active: false, hasData: true, ...next });
  }, clock);
  return { clock, runs, scheduler };
}

test('while something runs, every count (and the expanded pages) each interval', async () => {
  const { clock, runs, scheduler } = harness(Array.from({ length: 12 }, () => ({ active: true })));
  scheduler.recordOutcome('counts', { ok: true, active: true, hasData: true });
  scheduler.setInterval(30);
  await clock.advance(90_000);
  assert.deepEqual(runs, [
    { at: 30_000, kind: 'counts' },
    { at: 60_000, kind: 'counts' },
    { at: 90_000, kind: 'counts' },
  ]);
});

test('when everything is finished, one count call each interval, with every count now and then', async () => {
  const { clock, runs, scheduler } = harness([]);
  scheduler.recordOutcome('counts', { ok: true, active: false, hasData: true });
  scheduler.setInterval(30);
  await clock.advance(30_000 * (FULL_REFRESH_EVERY_CHECKS + 1));
  const kinds = runs.map((r) => r.kind);
  assert.deepEqual(kinds.slice(0, FULL_REFRESH_EVERY_CHECKS), Array(FULL_REFRESH_EVERY_CHECKS).fill('check'));
  assert.equal(kinds[FULL_REFRESH_EVERY_CHECKS], 'counts');
});

test('no polling without attention; on regaining it, refresh at once if the data is old', async () => {
  const { clock, runs, scheduler } = harness([]);
  scheduler.setInterval(30);
  scheduler.recordOutcome('counts', { ok: true, active: true, hasData: true });
  scheduler.setAttention(false);
  await clock.advance(600_000);
  assert.equal(runs.length, 0);
  assert.equal(scheduler.scheduled, false);
  scheduler.setAttention(true);
  await clock.advance(0);
  assert.deepEqual(runs, [{ at: 600_000, kind: 'counts' }]);
});

test('regaining attention soon after a refresh waits for the rest of the interval', async () => {
  const { clock, runs, scheduler } = harness([]);
  scheduler.setInterval(30);
  scheduler.recordOutcome('counts', { ok: true, active: true, hasData: true });
  await clock.advance(5_000);
  scheduler.setAttention(false);
  scheduler.setAttention(true);
  await clock.advance(1_000);
  assert.equal(runs.length, 0);
});

test('failures back off exponentially up to the cap, then recover by themselves', async () => {
  const failures = Array.from({ length: 8 }, () => ({ ok: false }));
  const { clock, runs, scheduler } = harness([...failures, { ok: true, active: true }]);
  scheduler.setInterval(30);
  scheduler.recordOutcome('counts', { ok: false, active: false, hasData: true });
  await clock.advance(40 * 60_000);
  const gaps = runs.map((r, i) => r.at - (i ? runs[i - 1].at : 0));
  // Runs 0–7 fail, run 8 gets through; after it the interval applies again.
  assert.deepEqual(gaps.slice(0, 10), [30_000, 60_000, 120_000, 240_000, ...Array(5).fill(BACKOFF_CAP_MS), 30_000]);
  assert.ok(
    gaps.slice(10).every((g) => g === 30_000),
    `back to the interval after recovery: ${gaps}`,
  );
});

test('a 429 waits as long as Retry-After says', async () => {
  const { clock, runs, scheduler } = harness([]);
  scheduler.setInterval(30);
  scheduler.recordOutcome('counts', { ok: false, active: false, hasData: true, retryAfterMs: 7_000 });
  await clock.advance(7_000);
  // A failing service is retried with one count call while there is data to compare it with.
  assert.deepEqual(runs, [{ at: 7_000, kind: 'check' }]);
});

test('a manual refresh restarts the count: the scheduled one does not follow right behind', async () => {
  const { clock, runs, scheduler } = harness([]);
  scheduler.setInterval(30);
  scheduler.recordOutcome('counts', { ok: true, active: true, hasData: true });
  await clock.advance(25_000);
  scheduler.recordOutcome('counts', { ok: true, active: true, hasData: true });
  await clock.advance(29_000);
  assert.equal(runs.length, 0);
  await clock.advance(1_000);
  assert.equal(runs.length, 1);
});

test('interval 0 turns automatic refresh off; disposal stops everything', async () => {
  const { clock, runs, scheduler } = harness([]);
  scheduler.setInterval(0);
  scheduler.recordOutcome('counts', { ok: true, active: true, hasData: true });
  await clock.advance(3_600_000);
  assert.equal(runs.length, 0);
  scheduler.setInterval(10);
  scheduler.dispose();
  await clock.advance(60_000);
  assert.equal(runs.length, 0);
  assert.equal(clock.pending, 0);
});

test('the plan itself', () => {
  const base = { intervalMs: 30_000, attention: true, active: false, failures: 0, checksSinceFull: 0, hasData: true };
  assert.deepEqual(planRefresh(base), { kind: 'check', delayMs: 30_000 });
  assert.deepEqual(planRefresh({ ...base, hasData: false }), { kind: 'counts', delayMs: 30_000 });
  assert.equal(planRefresh({ ...base, attention: false }), undefined);
  assert.deepEqual(planRefresh({ ...base, failures: 1, retryAfterMs: 100 }), { kind: 'check', delayMs: 1000 });
  assert.deepEqual(planRefresh({ ...base, failures: 2, hasData: false }), { kind: 'counts', delayMs: 60_000 });
  assert.deepEqual(planRefresh({ ...base, active: true }), { kind: 'counts', delayMs: 30_000 });
});

test('refused credentials are never retried automatically; new credentials or a manual refresh resume', async () => {
  const { clock, runs, scheduler } = harness([]);
  scheduler.setInterval(30);
  scheduler.recordOutcome('counts', { ok: false, active: false, hasData: true, halt: true });
  await clock.advance(60 * 60_000);
  assert.equal(runs.length, 0, 'a signature failure is not retried: five of them lock the access key');
  scheduler.setAttention(false);
  scheduler.setAttention(true);
  await clock.advance(0);
  assert.equal(runs.length, 0);
  scheduler.recordOutcome('counts', { ok: true, active: true, hasData: true });
  await clock.advance(30_000);
  assert.equal(runs.length, 1, 'a successful manual refresh resumes the schedule');
  scheduler.recordOutcome('counts', { ok: false, active: false, hasData: true, halt: true });
  scheduler.reset();
  await clock.advance(30_000);
  assert.equal(runs.length, 2, 'new credentials (reset) resume it too');
});
