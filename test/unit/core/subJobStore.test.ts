import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ApiError } from '../../../src/api/errors';
import { ListQuery, ListResult } from '../../../src/api/subJobClient';
import { StoreState, SubJobSource, SubJobStore } from '../../../src/core/subJobStore';
import { SubJob } from '../../../src/model/subJob';
import { aSubJob } from '../builders';

/** A source whose answers the test releases one by one. */
class ScriptedSource implements SubJobSource {
  calls: Array<{ signal: AbortSignal; resolve(r: SubJob[]): void; reject(e: unknown): void }> = [];
  inFlight = 0;
  mostInFlight = 0;

  counts: number[] = [];
  countCalls = 0;

  async refreshActive(): Promise<ListResult | undefined> {
    return undefined;
  }

  async countAll(): Promise<number> {
    this.countCalls++;
    return this.counts.shift() ?? 0;
  }

  listAll(_query: ListQuery, signal: AbortSignal): Promise<ListResult> {
    this.inFlight++;
    this.mostInFlight = Math.max(this.mostInFlight, this.inFlight);
    return new Promise<ListResult>((resolve, reject) => {
      const finish = () => this.inFlight--;
      signal.addEventListener('abort', () => {
        finish();
        reject(Object.assign(new Error('aborted'), { name: 'AbortError' }));
      });
      this.calls.push({
        signal,
        resolve: (subJobs) => {
          finish();
          resolve({ subJobs, total: subJobs.length, requests: 1, peakConcurrency: 1, rejected: [] });
        },
        reject: (e) => {
          finish();
          reject(e);
        },
      });
    });
  }
}

const query: ListQuery = { jobTypes: ['CREATE_SERVER'] };
const settle = () => new Promise((r) => setImmediate(r));

test('a successful refresh groups the sub-jobs and records the time', async () => {
  const source = new ScriptedSource();
  const store = new SubJobStore(undefined, () => 1000);
  store.setSource('a', source, query);
  const refreshed = store.refresh('test');
  await settle();
  assert.equal(store.current.refreshing, true);
  source.calls[0].resolve([aSubJob({ status: 'FAILED' }), aSubJob({ status: 'RUNNING' })]);
  await refreshed;
  assert.deepEqual(store.current.snapshot?.groups.map((g) => g.status), ['RUNNING', 'FAILED']);
  assert.equal(store.current.snapshot?.fetchedAt, 1000);
  assert.equal(store.current.refreshing, false);
});

test('a failure keeps the last good data beside the error', async () => {
  const source = new ScriptedSource();
  const store = new SubJobStore();
  store.setSource('a', source, query);
  const first = store.refresh('one');
  await settle();
  source.calls[0].resolve([aSubJob({ id: 'kept' })]);
  await first;
  const second = store.refresh('two');
  await settle();
  source.calls[1].reject(new ApiError(401, 'APIGW.0301', 'Incorrect IAM authentication information: verify token fail', 'req-1'));
  const outcome = await second;
  assert.equal(outcome?.halt, true, 'refused credentials stop automatic refresh');
  assert.deepEqual(store.current.snapshot?.subJobs.map((s) => s.id), ['kept']);
  assert.equal(store.current.failure?.authFailure, true);
  assert.match(store.current.failure?.message ?? '', /HTTP 401 APIGW\.0301: Incorrect IAM.*request id req-1/);
});

test('a new refresh aborts the one in flight and the two never overlap', async () => {
  const source = new ScriptedSource();
  const store = new SubJobStore();
  store.setSource('a', source, query);
  const states: StoreState[] = [];
  store.onDidChange((s) => states.push(s));
  const first = store.refresh('one');
  await settle();
  const second = store.refresh('two');
  await first;
  await settle();
  assert.equal(source.calls[0].signal.aborted, true);
  assert.equal(source.calls.length, 2);
  assert.equal(source.mostInFlight, 1);
  source.calls[1].resolve([aSubJob({ id: 'second' })]);
  await second;
  assert.deepEqual(store.current.snapshot?.subJobs.map((s) => s.id), ['second']);
  assert.equal(store.current.failure, undefined, 'an aborted refresh is not a failure');
});

test('switching to another project drops the old data; the same key keeps it', async () => {
  const source = new ScriptedSource();
  const store = new SubJobStore();
  store.setSource('a', source, query);
  const r = store.refresh('one');
  await settle();
  source.calls[0].resolve([aSubJob()]);
  await r;
  assert.equal(store.setSource('a', source, query), false, 'same key: nothing to refetch');
  assert.ok(store.current.snapshot);
  assert.equal(store.setSource('b', source, query), true);
  assert.equal(store.current.snapshot, undefined);
});

test('a check that finds the same count lists nothing; a moved count lists again', async () => {
  const source = new ScriptedSource();
  let time = 1000;
  const store = new SubJobStore(undefined, () => time);
  store.setSource('a', source, query);
  const first = store.refresh('one');
  await settle();
  source.calls[0].resolve([aSubJob({ status: 'SUCCESS' }), aSubJob({ status: 'FAILED' })]);
  assert.deepEqual(await first, { ok: true, hasData: true, active: false });

  time = 2000;
  source.counts = [2, 3];
  assert.deepEqual(await store.refresh('check', 'check'), { ok: true, hasData: true, active: false });
  assert.equal(source.calls.length, 1, 'no listing when the count is unchanged');
  assert.equal(store.current.snapshot?.fetchedAt, 2000);

  const moved = store.refresh('check', 'check');
  await settle();
  assert.equal(source.calls.length, 2, 'the count moved, so it lists');
  source.calls[1].resolve([aSubJob({ status: 'RUNNING' }), aSubJob(), aSubJob()]);
  assert.deepEqual(await moved, { ok: true, hasData: true, active: true });
  assert.equal(source.countCalls, 2);
});

test('a 429 reports its Retry-After to the scheduler', async () => {
  const source = new ScriptedSource();
  const store = new SubJobStore();
  store.setSource('a', source, query);
  const r = store.refresh('one');
  await settle();
  source.calls[0].reject(new ApiError(429, 'APIGW.0308', 'The throttling threshold has been reached', 'rid', 7));
  const outcome = await r;
  assert.deepEqual(outcome, { ok: false, hasData: false, active: false, retryAfterMs: 7000 });
});

test('an active-only refresh is used only where it saves calls', async () => {
  class Counting extends ScriptedSource {
    activeCalls = 0;
    override async refreshActive(): Promise<ListResult | undefined> {
      this.activeCalls++;
      return undefined;
    }
  }
  const source = new Counting();
  const store = new SubJobStore();
  store.setSource('a', source, query);
  const first = store.refresh('one');
  await settle();
  source.calls[0].resolve([aSubJob({ status: 'RUNNING' })]);
  await first;
  const second = store.refresh('active', 'active');
  await settle();
  assert.equal(source.activeCalls, 0, 'a one-call project is listed whole');
  source.calls[1].resolve([aSubJob({ status: 'RUNNING' })]);
  await second;
});
