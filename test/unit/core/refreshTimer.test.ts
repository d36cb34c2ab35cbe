import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Clock, RefreshTimer } from '../../../src/core/refreshTimer';
import { effectiveRefreshInterval } from '../../../src/core/connection';

/** A clock that moves only when the test says so. */
export class FakeClock implements Clock {
  time = 0;
  private timers = new Map<number, { at: number; callback: () => void }>();
  private next = 1;
  now = () => this.time;
  setTimeout = (callback: () => void, ms: number) => {
    const id = this.next++;
    this.timers.set(id, { at: this.time + ms, callback });
    return id;
  };
  clearTimeout = (handle: unknown) => {
    this.timers.delete(handle as number);
  };
  async advance(ms: number): Promise<void> {
    const end = this.time + ms;
    for (;;) {
      const due = [...this.timers.entries()].filter(([, t]) => t.at <= end).sort((a, b) => a[1].at - b[1].at)[0];
      if (!due) break;
      this.timers.delete(due[0]);
      this.time = due[1].at;
      due[1].callback();
      await new Promise((r) => setImmediate(r));
    }
    this.time = end;
  }
  get pending(): number {
    return this.timers.size;
  }
}

test('refreshes once per interval, counted from the end of the previous refresh', async () => {
  const clock = new FakeClock();
  const runs: number[] = [];
  const timer = new RefreshTimer(async () => {
    runs.push(clock.now());
  }, clock);
  timer.setInterval(30);
  await clock.advance(29_999);
  assert.deepEqual(runs, []);
  await clock.advance(1);
  await clock.advance(30_000);
  assert.deepEqual(runs, [30_000, 60_000]);
  timer.dispose();
  await clock.advance(60_000);
  assert.equal(runs.length, 2);
  assert.equal(clock.pending, 0);
});

test('a manual refresh pushes the next automatic one a full interval away', async () => {
  const clock = new FakeClock();
  const runs: number[] = [];
  const timer = new RefreshTimer(async () => void runs.push(clock.now()), clock);
  timer.setInterval(10);
  await clock.advance(8_000);
  timer.restart();
  await clock.advance(9_000);
  assert.deepEqual(runs, []);
  await clock.advance(1_000);
  assert.deepEqual(runs, [18_000]);
});

test('interval 0 turns automatic refresh off', async () => {
  const clock = new FakeClock();
  let runs = 0;
  const timer = new RefreshTimer(async () => void runs++, clock);
  timer.setInterval(0);
  await clock.advance(3_600_000);
  assert.equal(runs, 0);
  assert.equal(timer.scheduled, false);
});

test('intervals below 5 s are raised to 5 s; 0 and junk mean off', () => {
  assert.equal(effectiveRefreshInterval(1), 5);
  assert.equal(effectiveRefreshInterval(30), 30);
  assert.equal(effectiveRefreshInterval(0), 0);
  assert.equal(effectiveRefreshInterval(Number.NaN), 0);
  assert.equal(effectiveRefreshInterval(-3), 0);
});
