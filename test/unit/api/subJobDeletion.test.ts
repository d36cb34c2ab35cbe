import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ApiError } from '../../../src/api/errors';
import {
  BatchDeleter,
  CHUNK,
  deleteSubJobs,
  MAX_THROTTLED_PER_CALL,
  MAX_THROTTLED_PER_RUN,
  MAX_TROUBLE_IN_A_ROW,
} from '../../../src/api/subJobDeletion';
import type { RunningSimulator } from '../../../src/simulator/server';
import { OpenedInTest, tokenClient } from '../simulatorClient';
import { simulatorPerFile } from '../simulatorPerFile';

const TOKEN = 'deletion-token';

let sim: RunningSimulator;
const opened = new OpenedInTest();

simulatorPerFile({ token: TOKEN }, opened, (started) => (sim = started));

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
    assert.deepEqual(result, { deleted: ids, refused: [], unknown: [], notSent: [] });
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
    assert.equal(result.refused.length, 1);
    assert.deepEqual(result.refused[0].ids, refusedChunk);
    const error = result.refused[0].error;
    assert.ok(error instanceof ApiError && error.status === 400, String(error));
    assert.ok(error.errorMsg.includes(busy));
    assert.deepEqual(result.notSent, []);
    assert.equal(result.stopped, undefined);
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
    assert.deepEqual(result, {
      deleted: ids.slice(0, 20),
      refused: [],
      unknown: [],
      notSent: ids.slice(20),
      stopped: { kind: 'cancelled' },
    });
    assert.equal(deletionCalls(from).length, 1);
    assert.deepEqual(remaining(), sorted(ids.slice(20)));
  });

  it('sends nothing when already cancelled', async () => {
    const ids = finished(3);
    const from = sim.requests.length;
    const result = await deleteSubJobs(client(), ids, { signal: AbortSignal.abort() });
    assert.deepEqual(result, { deleted: [], refused: [], unknown: [], notSent: ids, stopped: { kind: 'cancelled' } });
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
    assert.deepEqual(result, { deleted: [], refused: [], unknown: [], notSent: [] });
    assert.equal(sim.requests.length, from);
    assert.deepEqual(progress, []);
  });

  it('reports an empty id on its own instead of sending it with good ones', async () => {
    const ids = finished(3);
    const from = sim.requests.length;
    const result = await deleteSubJobs(client(), ['', ...ids], {});
    assert.deepEqual(result.deleted, ids);
    assert.equal(result.refused.length, 1);
    assert.deepEqual(result.refused[0].ids, ['']);
    assert.ok(result.refused[0].error instanceof RangeError);
    assert.deepEqual(deletionCalls(from), [ids]);
  });

  it('stops after a refused credential: the next calls would be refused too (and lock an access key)', async () => {
    const ids = finished(45);
    const from = sim.requests.length;
    const result = await deleteSubJobs(client('expired-token'), ids, { concurrency: 1 });
    assert.equal(sim.requests.length - from, 1);
    assert.deepEqual(result.deleted, []);
    assert.deepEqual(
      result.refused.map((f) => f.ids),
      [ids.slice(0, 20)],
    );
    assert.ok(result.refused[0].error instanceof ApiError && result.refused[0].error.status === 401);
    assert.deepEqual(result.notSent, ids.slice(20));
    assert.equal(result.stopped?.kind, 'credential');
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

  it('reports a chunk aborted in flight as outcome unknown with the abort reason, and the rest as not sent', async () => {
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
    assert.deepEqual(result.refused, []);
    assert.deepEqual(result.unknown, [{ ids: ids.slice(0, 20), error: reason }]);
    assert.deepEqual(result.notSent, ids.slice(20));
    assert.deepEqual(result.stopped, { kind: 'cancelled' });
  });

  it('refuses a concurrency that is not a positive integer', async () => {
    for (const concurrency of [0, -1, 1.5, Number.NaN]) {
      await assert.rejects(deleteSubJobs(client(), ['1'], { concurrency }), RangeError);
    }
  });
});

/** A sleep that records how long it was asked to wait and returns at once (or on abort). */
function recordingSleep(waits: number[], hold = false) {
  return (ms: number, signal: AbortSignal) =>
    new Promise<void>((resolve, reject) => {
      waits.push(ms);
      if (signal.aborted) return reject(signal.reason);
      signal.addEventListener('abort', () => reject(signal.reason), { once: true });
      if (!hold) resolve();
    });
}

describe('deleteSubJobs fails safe', () => {
  it('stops at once on 429 with Retry-After 60: one call, the rest not sent, with the gateway words', async () => {
    // The old code sent 87 calls in ~100 ms here and reported 87 separate "HTTP 429" failures.
    const ids = finished(87 * CHUNK);
    sim.setFaults({ throttle: { rate: 1, retryAfterSeconds: 60 } });
    const waits: number[] = [];
    const from = sim.requests.length;
    const result = await deleteSubJobs(client(), ids, { sleep: recordingSleep(waits) });
    assert.ok(deletionCalls(from).length <= 2, `${deletionCalls(from).length} calls`);
    assert.deepEqual(waits, [], 'a minute is not waited out');
    assert.deepEqual(result.deleted, []);
    assert.deepEqual(result.refused, []);
    assert.deepEqual(sorted(result.notSent), sorted(ids));
    assert.equal(result.stopped?.kind, 'throttled');
    const error = (result.stopped as { error: unknown }).error;
    assert.ok(error instanceof ApiError && error.status === 429 && error.retryAfterSeconds === 60);
    assert.equal(remaining().length, ids.length);
  });

  it('waits out a short Retry-After once, then goes on and deletes everything', async () => {
    const ids = finished(45);
    sim.failNext(1, 429, undefined, { 'Retry-After': '1' });
    const waits: number[] = [];
    const from = sim.requests.length;
    const result = await deleteSubJobs(client(), ids, { sleep: recordingSleep(waits) });
    assert.deepEqual(waits, [1000]);
    assert.equal(deletionCalls(from).length, 4, 'the throttled call again, then the three');
    assert.deepEqual(sorted(result.deleted), sorted(ids));
    assert.equal(result.stopped, undefined);
    assert.deepEqual(remaining(), []);
  });

  it('stops when the same call is throttled again and again, even with a short Retry-After', async () => {
    const ids = finished(45);
    sim.setFaults({ throttle: { rate: 1, retryAfterSeconds: 1 } });
    const waits: number[] = [];
    const from = sim.requests.length;
    const result = await deleteSubJobs(client(), ids, { sleep: recordingSleep(waits) });
    assert.equal(deletionCalls(from).length, 1 + MAX_THROTTLED_PER_CALL);
    assert.equal(waits.length, MAX_THROTTLED_PER_CALL);
    assert.equal(result.stopped?.kind, 'throttled');
    assert.deepEqual(sorted(result.notSent), sorted(ids));
  });

  it('Retry-After: 0 still waits a second, and calls throttled together are retried at most twice in all', async () => {
    // Review: "0" meant no wait at all, and three calls in flight each retried (6 calls).
    const ids = finished(100);
    const waits: number[] = [];
    let calls = 0;
    const result = await deleteSubJobs(
      {
        batchDelete: async (chunk, signal) => {
          calls++;
          if (calls === 1) return client().batchDelete(chunk, signal);
          throw new ApiError(429, 'APIGW.0308', 'throttled', 'req', 0);
        },
      },
      ids,
      { sleep: recordingSleep(waits) },
    );
    assert.ok(
      waits.every((ms) => ms >= 1000),
      `waits ${waits.join(', ')}`,
    );
    assert.ok(calls <= 1 + 3 + MAX_THROTTLED_PER_RUN, `${calls} calls`);
    assert.equal(result.stopped?.kind, 'throttled');
    assert.equal(result.deleted.length + result.notSent.length, ids.length);
  });

  it('a call refused before sending stays "not sent" when the user cancelled meanwhile', async () => {
    const ids = finished(20);
    const cancel = new AbortController();
    const result = await deleteSubJobs(
      {
        batchDelete: async () => {
          cancel.abort();
          throw Object.assign(new Error('refused credential'), { sent: false });
        },
      },
      ids,
      { signal: cancel.signal },
    );
    assert.deepEqual(result.unknown, []);
    assert.deepEqual(sorted(result.notSent), sorted(ids));
  });

  it('Cancel during a Retry-After wait stops at once: nothing more is sent', async () => {
    const ids = finished(45);
    sim.failNext(1, 429, undefined, { 'Retry-After': '5' });
    const controller = new AbortController();
    const waits: number[] = [];
    const from = sim.requests.length;
    const running = deleteSubJobs(client(), ids, { signal: controller.signal, sleep: recordingSleep(waits, true) });
    while (!waits.length) await new Promise((resolve) => setImmediate(resolve));
    controller.abort();
    const result = await running;
    assert.equal(deletionCalls(from).length, 1);
    assert.deepEqual(result.stopped, { kind: 'cancelled' });
    assert.deepEqual(sorted(result.notSent), sorted(ids));
  });

  it(`stops after ${MAX_TROUBLE_IN_A_ROW} server errors in a row; what was answered 500 is refused, the rest not sent`, async () => {
    const ids = finished(87 * CHUNK);
    sim.setFaults({ errorRate: { rate: 1, statuses: [500] } });
    const from = sim.requests.length;
    const result = await deleteSubJobs(client(), ids, {});
    assert.equal(deletionCalls(from).length, MAX_TROUBLE_IN_A_ROW);
    assert.equal(result.refused.length, MAX_TROUBLE_IN_A_ROW);
    assert.ok(result.refused.every((r) => r.error instanceof ApiError && r.error.status === 500));
    assert.equal(result.notSent.length, ids.length - MAX_TROUBLE_IN_A_ROW * CHUNK);
    assert.equal(result.stopped?.kind, 'trouble');
  });

  it('one server error is reported and the other calls go on', async () => {
    const ids = finished(45);
    sim.failNext(1, 500);
    const result = await deleteSubJobs(client(), ids, {});
    assert.deepEqual(
      result.refused.map((r) => r.ids),
      [ids.slice(0, 20)],
    );
    assert.deepEqual(sorted(result.deleted), sorted(ids.slice(20)));
    assert.equal(result.stopped, undefined);
  });

  it('a connection reset after the service handled the call is outcome unknown, never "not deleted"', async () => {
    // The old code reported all of these as failed (not deleted) while the service had deleted them.
    const ids = finished(20);
    sim.setFaults({ dropAnswer: 1 });
    const result = await deleteSubJobs(client(), ids, {});
    assert.deepEqual(result.deleted, []);
    assert.deepEqual(result.refused, []);
    assert.deepEqual(
      result.unknown.map((u) => u.ids),
      [ids],
    );
    assert.deepEqual(remaining(), [], 'the service did delete them');
  });

  it('lost answers in a row stop the deletion: two calls with unknown outcome, the rest not sent', async () => {
    const ids = finished(100);
    sim.setFaults({ dropAnswer: 1 });
    const from = sim.requests.length;
    const result = await deleteSubJobs(client(), ids, {});
    assert.equal(deletionCalls(from).length, MAX_TROUBLE_IN_A_ROW);
    assert.equal(result.unknown.flatMap((u) => u.ids).length, MAX_TROUBLE_IN_A_ROW * CHUNK);
    assert.equal(result.notSent.length, 100 - MAX_TROUBLE_IN_A_ROW * CHUNK);
    assert.equal(result.stopped?.kind, 'trouble');
  });

  it('a call refused before sending (a closed session) is not sent, and so is the rest', async () => {
    const closed = new Error('The session was closed.');
    let calls = 0;
    const refusing: BatchDeleter = {
      batchDelete: () => {
        calls++;
        return Promise.reject(closed);
      },
    };
    const ids = Array.from({ length: 45 }, (_, i) => `id-${i}`);
    const result = await deleteSubJobs(refusing, ids, {});
    assert.equal(calls, 1);
    assert.deepEqual(result.notSent.sort(), [...ids].sort());
    assert.deepEqual(result.stopped, { kind: 'unsendable', error: closed });
  });

  it('sends one call first and widens to `concurrency` only after it succeeded', async () => {
    const started: number[] = [];
    let inFlight = 0;
    const released: Array<() => void> = [];
    const slow: BatchDeleter = {
      batchDelete: () =>
        new Promise<void>((resolve) => {
          started.push(++inFlight);
          released.push(() => {
            inFlight--;
            resolve();
          });
        }),
    };
    const ids = Array.from({ length: 5 * CHUNK }, (_, i) => `id-${i}`);
    const running = deleteSubJobs(slow, ids, { concurrency: 3 });
    await new Promise((resolve) => setImmediate(resolve));
    assert.equal(inFlight, 1, 'one call before any answer');
    while (released.length) {
      released.shift()!();
      await new Promise((resolve) => setImmediate(resolve));
    }
    await running;
    assert.equal(Math.max(...started), 3);
  });
});
