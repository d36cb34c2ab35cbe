import assert from 'node:assert/strict';
import { after, afterEach, before, beforeEach, describe, it } from 'node:test';
import { ApiError } from '../../../src/api/errors';
import { BatchDeleter, CHUNK, deleteSubJobs } from '../../../src/api/subJobDeletion';
import { RunningSimulator, startSimulator } from '../../../src/simulator/server';
import { OpenedInTest, tokenClient } from '../simulatorClient';

const START = Date.parse('2026-03-07T10:40:43.858Z');
const TOKEN = 'deletion-token';

let sim: RunningSimulator;
const opened = new OpenedInTest();

before(async () => {
  sim = await startSimulator({ now: () => START, progress: false, size: 0, token: TOKEN });
});
after(() => sim.close());
beforeEach(() => sim.removeAll());
afterEach(() => opened.closeAll());

const client = (token = TOKEN) => opened.track(tokenClient(sim, token));
/** Finished sub-jobs, in the order they were added (the order a caller asks for them). */
const finished = (n: number) => Array.from({ length: n }, () => sim.addSubJob({ status: 'SUCCESS' }).id);
const remaining = () =>
  sim
    .subJobs()
    .map((s) => s.id)
    .sort();
const sorted = (ids: readonly string[]) => [...ids].sort();
/** The ids of each deletion call the simulator received since `from`, in arrival order. */
const deletionCalls = (from: number) =>
  sim.requests
    .slice(from)
    .filter((r) => r.method === 'PATCH')
    .map((r) => (JSON.parse(r.body ?? '{}') as { items: string[] }).items);

describe('deleteSubJobs', () => {
  it('deletes 45 sub-jobs in exactly three calls of 20, 20 and 5', async () => {
    const ids = finished(45);
    const kept = finished(2);
    const from = sim.requests.length;
    const result = await deleteSubJobs(client(), ids, {});
    assert.equal(CHUNK, 20);
    assert.deepEqual(result, { deleted: ids, failed: [], notSent: [], cancelled: false });
    const calls = deletionCalls(from);
    assert.deepEqual(
      calls.map((c) => c.length).sort((a, b) => b - a),
      [20, 20, 5],
    );
    assert.deepEqual(sorted(calls.flat()), sorted(ids), 'each id sent once');
    assert.ok(sim.requests.slice(from).every((r) => r.status === 200));
    assert.deepEqual(remaining(), sorted(kept));
  });

  it('goes on past a refused chunk and reports it with its error; the other chunks are deleted', async () => {
    const ids = finished(45);
    const busy = ids[27];
    sim.setStatus(busy, 'RUNNING');
    const refusedChunk = ids.slice(20, 40);
    const result = await deleteSubJobs(client(), ids, { concurrency: 1 });
    assert.deepEqual(result.deleted, [...ids.slice(0, 20), ...ids.slice(40)]);
    assert.equal(result.failed.length, 1);
    assert.deepEqual(result.failed[0].ids, refusedChunk);
    const error = result.failed[0].error;
    assert.ok(error instanceof ApiError && error.status === 400, String(error));
    assert.ok(error.errorMsg.includes(busy));
    assert.deepEqual(result.notSent, []);
    assert.equal(result.cancelled, false);
    assert.deepEqual(remaining(), sorted(refusedChunk), 'the refused chunk is all still there');
  });

  it('stops sending when cancelled after the first chunk, and reports the rest as not sent', async () => {
    const ids = finished(45);
    const controller = new AbortController();
    const from = sim.requests.length;
    const result = await deleteSubJobs(client(), ids, {
      concurrency: 1,
      signal: controller.signal,
      onProgress: () => controller.abort(),
    });
    assert.deepEqual(result, { deleted: ids.slice(0, 20), failed: [], notSent: ids.slice(20), cancelled: true });
    assert.equal(deletionCalls(from).length, 1);
    assert.deepEqual(remaining(), sorted(ids.slice(20)));
  });

  it('sends nothing when already cancelled', async () => {
    const ids = finished(3);
    const from = sim.requests.length;
    const result = await deleteSubJobs(client(), ids, { signal: AbortSignal.abort() });
    assert.deepEqual(result, { deleted: [], failed: [], notSent: ids, cancelled: true });
    assert.equal(sim.requests.length, from);
  });

  it('counts progress in ids answered, out of the unique ids', async () => {
    const ids = finished(45);
    const oneAtATime: Array<[number, number]> = [];
    await deleteSubJobs(client(), [...ids, ids[0]], {
      concurrency: 1,
      onProgress: (done, total) => oneAtATime.push([done, total]),
    });
    assert.deepEqual(oneAtATime, [
      [20, 45],
      [40, 45],
      [45, 45],
    ]);

    const more = finished(45);
    sim.setStatus(more[3], 'WAITING');
    const parallel: number[] = [];
    await deleteSubJobs(client(), more, {
      concurrency: 3,
      onProgress: (done, total) => parallel.push(total === 45 ? done : -1),
    });
    assert.equal(parallel.length, 3);
    assert.equal(parallel.at(-1), 45, 'a refused chunk counts as answered');
    assert.deepEqual(
      [...parallel].sort((a, b) => a - b),
      parallel,
      'never goes back',
    );
  });

  it('a progress callback that throws changes nothing', async () => {
    const ids = finished(25);
    const result = await deleteSubJobs(client(), ids, {
      onProgress: () => {
        throw new Error('the progress bar is gone');
      },
    });
    assert.deepEqual(result.deleted, ids);
    assert.deepEqual(remaining(), []);
  });

  it('sends a duplicated id once', async () => {
    const [a, b, c] = finished(3);
    const from = sim.requests.length;
    const result = await deleteSubJobs(client(), [a, b, a, c, b, a], {});
    assert.deepEqual(deletionCalls(from), [[a, b, c]]);
    assert.deepEqual(result.deleted, [a, b, c]);
    assert.deepEqual(remaining(), []);
  });

  it('sends no request for no ids', async () => {
    const from = sim.requests.length;
    const progress: number[] = [];
    const result = await deleteSubJobs(client(), [], { onProgress: (done) => progress.push(done) });
    assert.deepEqual(result, { deleted: [], failed: [], notSent: [], cancelled: false });
    assert.equal(sim.requests.length, from);
    assert.deepEqual(progress, []);
  });

  it('reports an empty id on its own instead of sending it with good ones', async () => {
    const ids = finished(3);
    const from = sim.requests.length;
    const result = await deleteSubJobs(client(), ['', ...ids], {});
    assert.deepEqual(result.deleted, ids);
    assert.equal(result.failed.length, 1);
    assert.deepEqual(result.failed[0].ids, ['']);
    assert.ok(result.failed[0].error instanceof RangeError);
    assert.deepEqual(deletionCalls(from), [ids]);
  });

  it('stops after a refused credential: the next calls would be refused too (and lock an access key)', async () => {
    const ids = finished(45);
    const from = sim.requests.length;
    const result = await deleteSubJobs(client('expired-token'), ids, { concurrency: 1 });
    assert.equal(sim.requests.length - from, 1);
    assert.deepEqual(result.deleted, []);
    assert.deepEqual(
      result.failed.map((f) => f.ids),
      [ids.slice(0, 20)],
    );
    assert.ok(result.failed[0].error instanceof ApiError && result.failed[0].error.status === 401);
    assert.deepEqual(result.notSent, ids.slice(20));
    assert.equal(result.cancelled, false);
    assert.equal(remaining().length, 45);
  });

  it('keeps at most `concurrency` calls in flight, and uses them all', async () => {
    const released: Array<() => void> = [];
    let inFlight = 0;
    let peak = 0;
    const slow: BatchDeleter = {
      batchDelete: () =>
        new Promise<void>((resolve) => {
          peak = Math.max(peak, ++inFlight);
          released.push(() => {
            inFlight--;
            resolve();
          });
        }),
    };
    const ids = Array.from({ length: 7 * CHUNK }, (_, i) => `id-${i}`);
    const running = deleteSubJobs(slow, ids, { concurrency: 2 });
    // Each release lets one waiting chunk start; a macrotask turn lets it reach batchDelete.
    while (released.length) {
      released.shift()!();
      await new Promise((resolve) => setImmediate(resolve));
    }
    const result = await running;
    assert.equal(peak, 2);
    assert.deepEqual(result.deleted, ids);
  });

  it('reports a chunk aborted in flight as failed with the abort reason, and the rest as not sent', async () => {
    const controller = new AbortController();
    const reason = new Error('cancelled by the user');
    const calls: string[][] = [];
    const hanging: BatchDeleter = {
      batchDelete: (chunk, signal) => {
        calls.push([...chunk]);
        if (signal.aborted) return Promise.reject(signal.reason);
        return new Promise<void>((_, reject) =>
          signal.addEventListener('abort', () => reject(signal.reason), { once: true }),
        );
      },
    };
    const ids = Array.from({ length: 50 }, (_, i) => `id-${i}`);
    const running = deleteSubJobs(hanging, ids, { concurrency: 1, signal: controller.signal });
    await new Promise((resolve) => setImmediate(resolve));
    controller.abort(reason);
    const result = await running;
    assert.equal(calls.length, 1);
    assert.deepEqual(result.deleted, []);
    assert.deepEqual(result.failed, [{ ids: ids.slice(0, 20), error: reason }]);
    assert.deepEqual(result.notSent, ids.slice(20));
    assert.equal(result.cancelled, true);
  });

  it('refuses a concurrency that is not a positive integer', async () => {
    for (const concurrency of [0, -1, 1.5, Number.NaN]) {
      await assert.rejects(deleteSubJobs(client(), ['1'], { concurrency }), RangeError);
    }
  });
});
