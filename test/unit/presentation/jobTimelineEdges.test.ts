import { test } from 'node:test';
import assert from 'node:assert/strict';
import { durationStats } from '../../../src/presentation/jobTimeline';
import { timelineView } from '../../../src/presentation/jobTimelineHtml';
import { barSpan } from '../../../src/model/timelineScale';
import { aSubJob } from '../builders';
import { iso, job, MIN, T0 } from './parentJobs';

// The timeline's edges: sub-jobs whose times are missing or unreadable, a job that is not whole,
// statuses named like Object members, thousands of distinct failures.

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

test("a placeholder time (Go's zero time, the epoch, year 9999) is no time: the axis and the slowest list keep to real ones", () => {
  const normal = Array.from({ length: 20 }, (_, i) =>
    aSubJob({ beginTime: iso(T0 + i * MIN), endTime: iso(T0 + (i + 5) * MIN), status: 'SUCCESS' }),
  );
  const zero = aSubJob({ beginTime: '0001-01-01T00:00:00Z', endTime: iso(T0 + 3 * MIN), status: 'SUCCESS' });
  const epoch = aSubJob({ beginTime: '1970-01-01T00:00:00Z', endTime: '9999-12-31T23:59:59Z', status: 'SUCCESS' });
  const finished = job([...normal, zero, epoch], { status: 'SUCCESS', endTime: iso(T0 + 25 * MIN) });
  const view = timelineView({ jobId: '7023', job: finished, nowMs: T0 + 60 * MIN, intervalMs: 5000 });
  assert.equal(view.scale.startMs, T0);
  assert.equal(view.scale.endMs, T0 + 25 * MIN);
  const stats = durationStats(finished.subJobs, T0 + 60 * MIN);
  assert.equal(stats.slowest[0]?.ms, 5 * MIN, 'the slowest is a real five minutes, not 2,025 years');
  assert.ok(
    view.ticks.every((t) => !/\b(1|1970|9999)\b/.test(t.label)),
    view.ticks.map((t) => t.label).join(' | '),
  );
});

test('a live job whose sub-job begins ahead of this clock keeps it on the axis, running for no time yet', () => {
  const ahead = aSubJob({ beginTime: iso(T0 + 40 * MIN), endTime: '', status: 'RUNNING' });
  const view = timelineView({ jobId: '7023', job: job([ahead]), nowMs: T0 + 10 * MIN, intervalMs: 5000 });
  assert.ok(view.scale.endMs > T0 + 40 * MIN, 'the axis reaches its begin');
  assert.equal(durationStats([ahead], T0 + 10 * MIN).slowest[0]?.ms, 0);
  assert.notEqual(view.bars[0]?.duration, '—');
});

test('an axis across New Year says the year in its tick labels', () => {
  const begin = Date.parse('2026-12-31T20:00:00Z');
  const a = aSubJob({ beginTime: iso(begin), endTime: iso(begin + 8 * 60 * MIN), status: 'SUCCESS' });
  const view = timelineView({
    jobId: '7023',
    job: job([a], { beginTime: iso(begin), endTime: iso(begin + 8 * 60 * MIN), status: 'SUCCESS' }),
    nowMs: begin + 9 * 60 * MIN,
    intervalMs: 5000,
    timeZone: 'UTC',
  });
  const labels = view.ticks.map((t) => t.label);
  assert.ok(labels.some((l) => l.includes('2026')) && labels.some((l) => l.includes('2027')), labels.join(' | '));
});
