import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  byBeginTime,
  durationStats,
  failureGroups,
  ParentJob,
  percentile,
  statusCounts,
  timelineScale,
} from '../../../src/presentation/jobTimeline';
import { axisTicks, tickStep, tickTimes } from '../../../src/presentation/jobTimelineAxis';
import { timelineView } from '../../../src/presentation/jobTimelineHtml';
import { formatBarTime, formatMs } from '../../../src/presentation/jobTimelineFormat';
import { formatDateTime } from '../../../src/model/time';
import { barSpan, MIN_BAR_WIDTH } from '../../../src/model/timelineScale';
import { parseTimelinePanelMessage, parseTimelineScriptMessage } from '../../../src/model/jobProtocol';
import { aSubJob } from '../builders';

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

test('bars are sorted by begin time, those not begun last', () => {
  const late = aSubJob({ beginTime: iso(T0 + 5 * MIN) });
  const early = aSubJob({ beginTime: iso(T0 + MIN) });
  const none = aSubJob({ beginTime: '', status: 'WAITING', endTime: '' });
  assert.deepEqual(
    byBeginTime([none, late, early]).map((s) => s.id),
    [early.id, late.id, none.id],
  );
});

test('p50 and p95 are nearest-rank over the finished sub-jobs; a running one counts among the slowest by its time so far', () => {
  const finished = Array.from({ length: 20 }, (_, i) =>
    aSubJob({ beginTime: iso(T0), endTime: iso(T0 + (i + 1) * MIN) }),
  );
  const running = aSubJob({ status: 'RUNNING', beginTime: iso(T0), endTime: '' });
  const stats = durationStats([...finished, running], T0 + 60 * MIN);
  assert.equal(stats.finished, 20);
  assert.equal(stats.p50Ms, 10 * MIN);
  assert.equal(stats.p95Ms, 19 * MIN);
  assert.equal(stats.slowest[0].subJob.id, running.id);
  assert.equal(stats.slowest[0].running, true);
  assert.equal(stats.slowest.length, 5);
  assert.equal(percentile([], 50), undefined);
  assert.equal(percentile([7], 95), 7);
});

test('failures are grouped by error code, the largest group first, with their messages and resources', () => {
  const subJobs = [
    ...Array.from({ length: 12 }, (_, i) =>
      aSubJob({ status: 'FAILED', errorCode: 'WKS.00129901', errorMessage: 'quota', resourceName: `srv-${i}` }),
    ),
    aSubJob({ status: 'ABNORMAL', errorCode: 'WKS.0001', errorMessage: 'boom' }),
    aSubJob({ status: 'FAILED', errorCode: '', errorMessage: '' }),
    aSubJob({ status: 'SUCCESS' }),
    aSubJob({ status: 'ROLLBACK', errorCode: 'WKS.0002' }),
  ];
  const groups = failureGroups(subJobs);
  assert.deepEqual(
    groups.map((g) => [g.code, g.count]),
    [
      ['WKS.00129901', 12],
      ['', 1],
      ['WKS.0001', 1],
    ],
  );
  assert.deepEqual(groups[0].messages, ['quota']);
  assert.equal(groups[0].subJobs.length, 12);
});

test('counts per status follow the tree order, an unknown status last as sent', () => {
  const counts = statusCounts([
    aSubJob({ status: 'SUCCESS' }),
    aSubJob({ status: 'PAUSED' }),
    aSubJob({ status: 'FAILED' }),
    aSubJob({ status: 'SUCCESS' }),
  ]);
  assert.deepEqual(counts, [
    { status: 'FAILED', count: 1 },
    { status: 'SUCCESS', count: 2 },
    { status: 'PAUSED', count: 1 },
  ]);
});

test('a running job has room to grow past now; a finished one ends at its last end', () => {
  const done = aSubJob({ beginTime: iso(T0), endTime: iso(T0 + 10 * MIN) });
  const now = T0 + 20 * MIN;
  const finished = timelineScale(job([done], { status: 'SUCCESS', endTime: iso(T0 + 10 * MIN) }), now, 30_000);
  assert.deepEqual(finished, { startMs: T0, endMs: T0 + 10 * MIN });
  const running = timelineScale(
    job([done, aSubJob({ status: 'RUNNING', beginTime: iso(T0 + MIN), endTime: '' })]),
    now,
    30_000,
  );
  assert.equal(running.startMs, T0);
  assert.ok(running.endMs > now, 'room past now');
});

test('a running bar reaches now and grows with it; a bar is never thinner than the least width', () => {
  const scale = { startMs: 0, endMs: 1000 };
  assert.deepEqual(barSpan(scale, 100, undefined, 500, true), { left: 0.1, width: 0.4 });
  assert.equal(barSpan(scale, 100, undefined, 800, true)?.width.toFixed(6), '0.700000');
  assert.equal(barSpan(scale, 500, 500, 900, false)?.width, MIN_BAR_WIDTH);
  assert.equal(barSpan(scale, undefined, undefined, 900, true), undefined);
  assert.equal(barSpan(scale, 100, 5000, 900, false)?.width, 0.9, 'clamped to the axis');
});

test('ticks fall on round local times, at most eight, inside the axis', () => {
  const scale = { startMs: T0 + 7_000, endMs: T0 + 37 * MIN };
  const step = tickStep(scale);
  assert.equal(step, 5 * MIN);
  const ticks = tickTimes(scale);
  assert.ok(ticks.length >= 6 && ticks.length <= 8, `${ticks.length} ticks`);
  for (const at of ticks) {
    assert.ok(at >= scale.startMs && at <= scale.endMs);
    const local = new Date(at);
    assert.equal(local.getSeconds(), 0);
    assert.equal(local.getMinutes() % 5, 0);
  }
  assert.ok(axisTicks(scale).every((t) => t.label.length > 0));
});

test('every API string in the rendered parts is escaped; the bars carry it as plain text', () => {
  const hostile = '<img src=x onerror=alert(1)>';
  const view = timelineView({
    jobId: '7023',
    job: job(
      [
        aSubJob({ status: 'FAILED', resourceName: hostile, errorCode: hostile, errorMessage: hostile }),
        aSubJob({ status: 'RUNNING', beginTime: iso(T0), endTime: '', resourceName: 'ok' }),
      ],
      { jobType: hostile },
    ),
    nowMs: T0 + 10 * MIN,
    intervalMs: 30_000,
  });
  for (const html of [view.headerHtml, view.summaryHtml, view.noticeHtml]) assert.ok(!html.includes('<img'), html);
  assert.ok(view.summaryHtml.includes('&lt;img src=x onerror=alert(1)&gt; × 1'));
  assert.equal(view.bars.find((b) => b.status === 'FAILED')?.name, hostile);
  assert.equal(view.live, true);
  assert.equal(view.bars.find((b) => b.status === 'RUNNING')?.running, true);
});

test("the script's messages are checked before anyone acts on them", () => {
  assert.deepEqual(parseTimelineScriptMessage({ type: 'open', id: '1', extra: 1 }), {
    ok: true,
    message: { type: 'open', id: '1' },
  });
  assert.equal(parseTimelineScriptMessage({ type: 'open', id: 'x'.repeat(129) }).ok, false);
  assert.equal(parseTimelineScriptMessage({ type: 'open' }).ok, false);
  assert.equal(parseTimelineScriptMessage({ type: 'toString' }).ok, false);
  assert.equal(parseTimelineScriptMessage('ready').ok, false);
  assert.equal(parseTimelinePanelMessage({ type: 'render', view: { bars: [] } }).ok, false);
  assert.equal(parseTimelinePanelMessage({ type: 'announce', text: 'hi' }).ok, true);
});

test("a bar's times read exactly as the details panel's, minute by minute", () => {
  for (const ms of [T0, T0 + 59_999, T0 + 61_000, T0 + 3_600_000 + 7_000, Date.parse('2026-03-29T01:30:05Z')])
    assert.equal(formatBarTime(ms), formatDateTime(ms));
  assert.equal(formatMs(61_000), formatMs(61_400));
});
