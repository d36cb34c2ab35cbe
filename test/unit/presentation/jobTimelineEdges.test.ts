import { test } from 'node:test';
import assert from 'node:assert/strict';
import { durationStats, ParentJob } from '../../../src/presentation/jobTimeline';
import { timelineView } from '../../../src/presentation/jobTimelineHtml';
import { barSpan } from '../../../src/model/timelineScale';
import { aSubJob } from '../builders';

// The timeline's edges: sub-jobs whose times are missing or unreadable, a job that is not whole,
// statuses named like Object members, thousands of distinct failures.

const MIN = 60_000;
const T0 = Date.parse('2026-11-27T10:00:00.000Z');
const iso = (ms: number) => new Date(ms).toISOString();

function job(subJobs: ParentJob['subJobs'], overrides: Partial<ParentJob> = {}): ParentJob {
  return {
    id: '7023',
    jobType: 'CREATE_SERVER',
    status: 'RUNNING',
    beginTime: iso(T0),
    endTime: '',
    subJobs,
    ...overrides,
  };
}

test('an ended sub-job without a readable end time is a tick at its begin, said "end unknown", not a bar to the edge', () => {
  const a = aSubJob({ beginTime: iso(T0), endTime: iso(T0 + 60 * MIN), status: 'SUCCESS' });
  const b = aSubJob({ beginTime: iso(T0 + MIN), endTime: '', status: 'FAILED' });
  const view = timelineView({
    jobId: '7023',
    job: job([a, b], { status: 'FAILED', endTime: iso(T0 + 60 * MIN) }),
    nowMs: T0 + 600 * MIN,
    intervalMs: 5000,
  });
  const bar = view.bars.find((x) => x.id === b.id)!;
  const span = barSpan(view.scale, bar.beginMs, bar.endMs, view.nowMs, bar.running)!;
  assert.ok(
    span.left + span.width < 0.05,
    `drawn from ${span.left.toFixed(3)} to ${(span.left + span.width).toFixed(3)}`,
  );
  assert.equal(bar.endUnknown, true);
  assert.equal(bar.end, 'unknown');
});

test('a RUNNING sub-job with an unreadable end time is running for the bars and the percentiles alike', () => {
  const r = aSubJob({ beginTime: iso(T0), endTime: 'not-a-time', status: 'RUNNING' });
  const view = timelineView({ jobId: '7023', job: job([r]), nowMs: T0 + 10 * MIN, intervalMs: 5000 });
  assert.equal(view.bars[0].running, true);
  const stats = durationStats([r], T0 + 10 * MIN);
  assert.equal(stats.finished, 0);
  assert.equal(stats.slowest[0]?.running, true);
});

test('a job the API no longer knows, or a stopped session, is not "running … so far" in the header', () => {
  const r = aSubJob({ beginTime: iso(T0), endTime: '', status: 'RUNNING' });
  for (const why of [{ gone: true }, { stopped: 'The session stopped.' }]) {
    const view = timelineView({ jobId: '7023', job: job([r]), ...why, nowMs: T0 + 10 * MIN, intervalMs: 5000 });
    assert.equal(view.live, false);
    assert.doesNotMatch(view.headerHtml, /so far|running/, JSON.stringify(why));
  }
});

test('a status named like an Object member gets its icon, as every other status', () => {
  const statuses = ['constructor', 'toString', '__proto__'];
  const subJobs = statuses.map((status) => aSubJob({ beginTime: iso(T0), status: status as never }));
  const view = timelineView({ jobId: '7023', job: job(subJobs), nowMs: T0 + 10 * MIN, intervalMs: 5000 });
  const icons = new Map(view.icons);
  for (const status of statuses) assert.match(String(icons.get(status)), /<svg/, status);
});

test('the header counts the sub-jobs the job has, and says how many of them could not be read', () => {
  const subJobs = Array.from({ length: 3 }, () => aSubJob({ beginTime: iso(T0) }));
  const view = timelineView({
    jobId: '7023',
    job: job(subJobs, { subJobsTotal: 5, rejected: ['no id', 'no status'] }),
    nowMs: T0 + 10 * MIN,
    intervalMs: 5000,
  });
  assert.match(view.headerHtml, /3 of 5/);
  assert.match(view.headerHtml, /2 not readable/);
});

test('thousands of distinct failures: the largest groups are shown, the rest counted, long messages clipped', () => {
  const long = 'x'.repeat(2048);
  const subJobs = Array.from({ length: 2000 }, (_, i) =>
    aSubJob({ beginTime: iso(T0), status: 'FAILED', errorCode: `WKS.${i}`, errorMessage: `${i} ${long}` }),
  );
  const view = timelineView({
    jobId: '7023',
    job: job(subJobs, { status: 'FAILED' }),
    nowMs: T0 + 10 * MIN,
    intervalMs: 5000,
  });
  const groups = view.summaryHtml.match(/<details class="failure-group"/g) ?? [];
  assert.equal(groups.length, 20);
  assert.match(view.summaryHtml, /and 1,980 more error codes/);
  assert.ok(view.summaryHtml.length < 200_000, `${(view.summaryHtml.length / 1024).toFixed(0)} KiB of summary`);
});
