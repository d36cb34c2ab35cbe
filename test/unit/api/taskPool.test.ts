import { getEventListeners } from 'node:events';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TaskPool } from '../../../src/api/taskPool';

const tick = (ms = 1) => new Promise((r) => setTimeout(r, ms));

test('never runs more than the limit at once, including tasks added by tasks', async () => {
  const pool = new TaskPool(3);
  let running = 0;
  let most = 0;
  let done = 0;
  const work = async () => {
    running++;
    most = Math.max(most, running);
    await tick(2);
    running--;
    done++;
  };
  for (let i = 0; i < 4; i++) {
    pool.add(async () => {
      await work();
      for (let j = 0; j < 5; j++) pool.add(work);
    });
  }
  await pool.drain();
  assert.equal(done, 24);
  assert.equal(most, 3);
  assert.equal(pool.peak, 3);
});

test('the first failure rejects drain and aborts the tasks in flight', async () => {
  const pool = new TaskPool(2);
  let abortedSeen = false;
  pool.add(async (signal) => {
    await new Promise<void>((resolve) => signal.addEventListener('abort', () => resolve()));
    abortedSeen = true;
  });
  pool.add(async () => {
    await tick();
    throw new Error('boom');
  });
  let late = false;
  pool.add(async () => {
    late = true;
  });
  await assert.rejects(pool.drain(), /boom/);
  assert.ok(abortedSeen);
  assert.equal(late, false, 'queued tasks do not start after a failure');
});

test('an outer abort stops the pool', async () => {
  const outer = new AbortController();
  const pool = new TaskPool(1, outer.signal);
  pool.add((signal) => new Promise((_, reject) => signal.addEventListener('abort', () => reject(signal.reason))));
  outer.abort(new Error('superseded'));
  await assert.rejects(pool.drain(), /superseded/);
});

test('an empty pool drains at once; a bad limit is refused', async () => {
  await new TaskPool(2).drain();
  assert.throws(() => new TaskPool(0), /positive integer/);
});

test('a pool lets go of a long-lived outer signal once it has settled', async () => {
  const outer = new AbortController().signal;
  for (let i = 0; i < 50; i++) {
    const pool = new TaskPool(2, outer);
    pool.add(async () => undefined);
    await pool.drain();
  }
  const failing = new TaskPool(2, outer);
  failing.add(async () => {
    throw new Error('boom');
  });
  await failing.drain().catch(() => undefined);
  assert.equal(getEventListeners(outer, 'abort').length, 0);
});
