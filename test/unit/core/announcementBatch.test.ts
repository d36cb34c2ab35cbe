import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  Announcement,
  AnnouncementBatch,
  AnnouncementBatcher,
  COALESCE_MS,
  jobOutcome,
  namesOf,
} from '../../../src/core/announcements';
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
