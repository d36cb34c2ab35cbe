import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  Announcement,
  AnnouncementBatch,
  AnnouncementBatcher,
  COALESCE_MS,
  jobOutcome,
  MAX_HOLD_MS,
  namesOf,
} from '../../../src/core/announcements';
import { WatchEnding } from '../../../src/core/watches';
import { SubJob } from '../../../src/model/subJob';
import { aSubJob } from '../builders';
import { FakeClock } from '../fakeClock';

const failures = (n: number): Announcement => ({
  kind: n === 1 ? 'one' : 'many',
  failed: Array.from({ length: n }, () => aSubJob({ status: 'FAILED' })),
  succeeded: [],
  more: 0,
});

function setUp(intervalMs = 30_000) {
  const clock = new FakeClock(1_000_000);
  const shown: Array<{ at: number; batch: AnnouncementBatch }> = [];
  const batcher = new AnnouncementBatcher({
    clock,
    intervalMs: () => intervalMs,
    show: (batch) => shown.push({ at: clock.now(), batch }),
  });
  return { clock, shown, batcher };
}

// Old code: each refresh's failures made a toast of their own (no batcher existed: 3 toasts here).
test('failures of two refreshes and another project within one interval make one batch', async () => {
  const { clock, shown, batcher } = setUp();
  batcher.add('p1', failures(3));
  await clock.advance(500);
  batcher.add('p2', failures(1));
  await clock.advance(COALESCE_MS);
  assert.equal(shown.length, 1, 'one toast for what came close together');
  const first = shown[0].batch;
  assert.equal(first.kind, 'many');
  assert.equal(first.failed.length, 4);
  assert.deepEqual([...new Set(first.failed.map((f) => f.sessionKey))], ['p1', 'p2']);
  // Within the interval after a toast: held, and told together once the interval has passed.
  await clock.advance(10_000);
  batcher.add('p1', failures(1));
  await clock.advance(10_000);
  batcher.add('p1', failures(1));
  await clock.advance(5_000);
  assert.equal(shown.length, 1, 'nothing more within the interval');
  await clock.advance(10_000);
  assert.equal(shown.length, 2);
  assert.equal(shown[1].batch.failed.length, 2);
  assert.equal(shown[1].at - shown[0].at, 30_000, 'at most one toast an interval');
});

test('a lone failure after a quiet interval is told after the short window, as one', async () => {
  const { clock, shown, batcher } = setUp();
  batcher.add('p1', failures(1));
  await clock.advance(COALESCE_MS - 1);
  assert.equal(shown.length, 0);
  await clock.advance(1);
  assert.equal(shown[0].batch.kind, 'one');
  await clock.advance(60_000);
  batcher.add('p1', { kind: 'away', failed: [aSubJob({ status: 'FAILED' })], succeeded: [], more: 2 });
  await clock.advance(COALESCE_MS);
  assert.equal(shown[1].batch.kind, 'away');
  assert.equal(shown[1].batch.more, 2);
  batcher.add('p1', failures(2));
  batcher.dispose();
  await clock.advance(60_000);
  assert.equal(shown.length, 2, 'nothing after dispose');
});

test('names up to three, resource name or a short id, and how many more', () => {
  const named = [1, 2, 3, 4, 5].map((i) => aSubJob({ resourceName: `img-${i}` }));
  assert.deepEqual(namesOf(named), { names: ['img-1', 'img-2', 'img-3'], more: 2 });
  const bare = aSubJob({ resourceName: '', resourceId: '', id: '702364884037271552' });
  assert.deepEqual(namesOf([bare]), { names: ['7023…552'], more: 0 });
});

test("a job's end counts its sub-jobs' outcomes and names its failures first", () => {
  const subJobs = [
    aSubJob({ status: 'SUCCESS' }),
    aSubJob({ status: 'FAILED', resourceName: 'bad-1' }),
    aSubJob({ status: 'ABNORMAL', resourceName: 'bad-2' }),
    aSubJob({ status: 'SUCCESS' }),
  ];
  const outcome = jobOutcome(subJobs);
  assert.equal(outcome.succeeded, 2);
  assert.deepEqual(
    outcome.failed.map((s) => s.resourceName),
    ['bad-1', 'bad-2'],
  );
});

// Review 15 #2. Old code: held until the interval after the last toast had passed — with an hour's
// interval a failure 60 s after a toast was shown 3,600 s after it (at 3,602 s, not 62 s + the cap).
test('a failure after a toast is held at most MAX_HOLD_MS, however long the refresh interval', async () => {
  const { clock, shown, batcher } = setUp(3_600_000);
  const start = clock.now();
  batcher.add('p1', failures(1));
  await clock.advance(COALESCE_MS);
  assert.equal(shown.length, 1);
  await clock.advance(60_000);
  batcher.add('p2', failures(1));
  await clock.advance(COALESCE_MS);
  assert.equal(shown.length, 2, 'the second failure is told within the cap, not an hour later');
  assert.ok(shown[1].at - start <= 62_000 + COALESCE_MS, `told at ${(shown[1].at - start) / 1000} s`);
  // Still at most one toast per MAX_HOLD_MS: two more within the cap are told together.
  batcher.add('p1', failures(1));
  await clock.advance(5_000);
  batcher.add('p1', failures(1));
  await clock.advance(MAX_HOLD_MS);
  assert.equal(shown.length, 3);
  assert.equal(shown[2].batch.failed.length, 2);
  assert.ok(shown[2].at - shown[1].at >= MAX_HOLD_MS);
});

const watchEnd = (status: string, sessionKey = 'p1'): WatchEnding => {
  const subJob = aSubJob({ status: status as SubJob['status'] });
  return {
    watch: { kind: 'subJob', id: subJob.id, sessionKey, label: subJob.resourceName },
    status,
    beginTime: subJob.beginTime,
    endTime: subJob.endTime,
    subJob,
  };
};

// Review 15 #7. Old code: a watch's end went straight to a toast of its own, beside the refresh's
// toast of the other failures (no batcher path for it: two toasts for one refresh).
test('a watch ending and the failures of the same refresh make one batch, the watch end counted in it', async () => {
  const { clock, shown, batcher } = setUp();
  batcher.add('p1', failures(2));
  batcher.addEndings([watchEnd('FAILED')]);
  await clock.advance(COALESCE_MS);
  assert.equal(shown.length, 1);
  const batch = shown[0].batch;
  assert.equal(batch.kind, 'many');
  assert.equal(batch.failed.length, 3, 'the watched failure is one of the failures told');
  assert.equal(batch.watchEndings.length, 1);
});

test('a lone watch ending is a batch of its own kind, told with the watch wording; a gone one counted apart', async () => {
  const { clock, shown, batcher } = setUp();
  batcher.addEndings([watchEnd('SUCCESS')]);
  await clock.advance(COALESCE_MS);
  assert.equal(shown[0].batch.kind, 'watch');
  assert.equal(shown[0].batch.succeeded.length, 1);
  await clock.advance(60_000);
  const gone = watchEnd('FAILED');
  batcher.addEndings([{ watch: gone.watch, gone: true }, watchEnd('FAILED', 'p2')]);
  await clock.advance(COALESCE_MS);
  const second = shown[1].batch;
  assert.equal(second.kind, 'many');
  assert.equal(second.gone, 1);
  assert.equal(second.failed.length, 1);
  assert.deepEqual(second.sessionKeys, ['p1', 'p2']);
});
