import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseScriptMessage } from '../../../src/model/detailsProtocol';
import { parseTimelineScriptMessage } from '../../../src/model/jobProtocol';
import { formatDateTime } from '../../../src/model/time';
import { checkedTimeZone, zoneOffsetMs } from '../../../src/model/timeZone';
import { renderDetailsBody } from '../../../src/presentation/detailsHtml';
import { axisTicks, tickTimes } from '../../../src/presentation/jobTimelineAxis';
import { formatBarTime } from '../../../src/presentation/jobTimelineFormat';
import { timelineView } from '../../../src/presentation/jobTimelineHtml';
import { aSubJob } from '../builders';
import { job } from './parentJobs';

// The webviews run where the user is (a browser, the desktop); the extension host may be a UTC
// container over Remote-SSH. Every time a panel shows is formatted in the zone its webview sent.

const HOUR = 3_600_000;
/** 02:05 UTC: 10:05 in Shanghai, 21:05 the day before in New York (EST). */
const AT = Date.parse('2026-11-27T02:05:00.000Z');
const JUNK = ['Mars/Base', '</script>', 'x'.repeat(10 * 1024), '', 'UTC<img>', '../../etc/passwd'];

/** Runs `body` with the extension host's clock in UTC, as in a dev container (Node reads TZ when it changes). */
function onUtcHost(body: () => void): void {
  const before = process.env.TZ;
  process.env.TZ = 'UTC';
  try {
    body();
  } finally {
    if (before === undefined) delete process.env.TZ;
    else process.env.TZ = before;
  }
}

/** The wall clock of a zone at a moment, as numbers. */
function wallClock(epochMs: number, timeZone: string): { day: number; hour: number; minute: number; second: number } {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
  }).formatToParts(epochMs);
  const value = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  return { day: value('day'), hour: value('hour'), minute: value('minute'), second: value('second') };
}

test('the same instant reads as Shanghai and New York wall-clock times, whatever the host zone', () => {
  onUtcHost(() => {
    assert.equal(formatDateTime(AT, 'en', 'Asia/Shanghai'), 'Nov 27, 2026, 10:05:00 AM');
    assert.equal(formatDateTime(AT, 'en', 'America/New_York'), 'Nov 26, 2026, 9:05:00 PM');
    // The bars' fast path reads exactly the same, seconds included.
    assert.equal(formatBarTime(AT + 7_000, 'Asia/Shanghai'), formatDateTime(AT + 7_000, 'en', 'Asia/Shanghai'));
    assert.equal(formatBarTime(AT + 7_000, 'America/New_York'), 'Nov 26, 2026, 9:05:07 PM');
  });
});

test("the timeline's header, bars and the details panel use the panel's zone", () => {
  onUtcHost(() => {
    const subJob = aSubJob({ beginTime: new Date(AT).toISOString(), endTime: new Date(AT + 60_000).toISOString() });
    const view = timelineView({
      jobId: '7023',
      job: job([subJob], { beginTime: subJob.beginTime }),
      nowMs: AT + HOUR,
      intervalMs: 30_000,
      timeZone: 'Asia/Shanghai',
    });
    assert.equal(view.bars[0].begin, 'Nov 27, 2026, 10:05:00 AM');
    assert.equal(view.bars[0].end, 'Nov 27, 2026, 10:06:00 AM');
    assert.ok(view.headerHtml.includes('Nov 27, 2026, 10:05:00 AM'), view.headerHtml);
    assert.ok(!view.headerHtml.includes('2:05:00 AM'), 'no UTC time in the header');
    const details = renderDetailsBody({
      subJob,
      lastUpdated: AT + HOUR,
      loading: false,
      refreshing: false,
      cspSource: '',
      nonce: '',
      styleUri: '',
      scriptUri: '',
      now: AT + HOUR,
      timeZone: 'America/New_York',
    });
    assert.ok(details.includes('>Nov 26, 2026, 9:05:00 PM</time>'), 'begin time in New York');
    assert.ok(details.includes('>Nov 26, 2026, 10:05:00 PM</time>'), 'last updated in New York');
  });
});

test('axis ticks in Kathmandu (+05:45) fall on its round hours, labelled with its hours', () => {
  onUtcHost(() => {
    const scale = { startMs: Date.parse('2026-11-27T02:00:00Z'), endMs: Date.parse('2026-11-27T09:40:00Z') };
    const ticks = tickTimes(scale, 8, 'Asia/Kathmandu');
    assert.ok(ticks.length >= 6, `${ticks.length} ticks`);
    const clocks = ticks.map((at) => wallClock(at, 'Asia/Kathmandu'));
    assert.deepEqual(
      clocks.filter((c) => c.minute !== 0 || c.second !== 0),
      [],
      `Kathmandu minutes: ${clocks.map((c) => `${c.hour}:${c.minute}`).join(' ')}`,
    );
    // 02:15 UTC is 08:00 in Kathmandu: the first round hour inside the axis.
    assert.equal(ticks[0], Date.parse('2026-11-27T02:15:00Z'));
    assert.equal(axisTicks(scale, 8, 'Asia/Kathmandu')[0].label, '8:00 AM');
    // Half-hour steps fall on :00 and :30 there too (not on :15 and :45, as UTC's would).
    const halfHours = tickTimes({ startMs: scale.startMs, endMs: scale.startMs + 3 * HOUR }, 8, 'Asia/Kathmandu');
    assert.deepEqual(
      halfHours.map((at) => wallClock(at, 'Asia/Kathmandu').minute % 30),
      halfHours.map(() => 0),
    );
  });
});

test("a range across Berlin's spring-forward keeps its ticks on round Berlin hours", () => {
  onUtcHost(() => {
    // Summer time begins 2026-03-29 at 02:00 Berlin (01:00 UTC): +01:00 before, +02:00 after.
    const scale = { startMs: Date.parse('2026-03-28T19:00:00Z'), endMs: Date.parse('2026-03-29T19:00:00Z') };
    const ticks = tickTimes(scale, 8, 'Europe/Berlin');
    const clocks = ticks.map((at) => wallClock(at, 'Europe/Berlin'));
    assert.ok(ticks.length >= 6, `${ticks.length} ticks`);
    assert.deepEqual(
      clocks.filter((c) => c.hour % 3 !== 0 || c.minute !== 0),
      [],
      `Berlin times: ${clocks.map((c) => `${c.day}th ${c.hour}:${c.minute}`).join(' ')}`,
    );
    // Hourly ticks across the change: 01:00, then 03:00 (02:00 never happened), one hour of real time apart.
    const hourly = tickTimes(
      { startMs: Date.parse('2026-03-28T23:30:00Z'), endMs: Date.parse('2026-03-29T03:30:00Z') },
      4,
      'Europe/Berlin',
    );
    assert.deepEqual(
      hourly.map((at) => `${wallClock(at, 'Europe/Berlin').hour}:${wallClock(at, 'Europe/Berlin').minute}`),
      ['1:0', '3:0', '4:0', '5:0'],
    );
    assert.equal(hourly[1] - hourly[0], HOUR);
    // The axis labels the day (it spans two Berlin days) in Berlin's own dates.
    assert.match(axisTicks(scale, 8, 'Europe/Berlin')[0].label, /^Mar 28/);
  });
});

test('a zone that is not a time zone falls back to the host zone without throwing', () => {
  onUtcHost(() => {
    for (const zone of JUNK) {
      const label = `zone ${JSON.stringify(zone.slice(0, 20))}`;
      assert.equal(formatDateTime(AT, 'en', zone), formatDateTime(AT, 'en'), label);
      assert.equal(formatBarTime(AT, zone), formatDateTime(AT, 'en'), label);
      const scale = { startMs: AT, endMs: AT + 8 * HOUR };
      assert.deepEqual(axisTicks(scale, 8, zone), axisTicks(scale, 8), label);
      const view = timelineView({ jobId: '1', job: job([aSubJob()]), nowMs: AT, intervalMs: 30_000, timeZone: zone });
      assert.equal(view.bars.length, 1, label);
    }
  });
});

test('the webviews say their zone in their first message; a zone that is not one is dropped, the message kept', () => {
  assert.deepEqual(parseTimelineScriptMessage({ type: 'ready', timeZone: 'Asia/Shanghai' }), {
    ok: true,
    message: { type: 'ready', timeZone: 'Asia/Shanghai' },
  });
  assert.deepEqual(parseScriptMessage({ type: 'ready', timeZone: 'America/New_York' }), {
    ok: true,
    message: { type: 'ready', timeZone: 'America/New_York' },
  });
  for (const zone of [...JUNK, 42, null, { toString: () => 'UTC' }]) {
    assert.deepEqual(parseTimelineScriptMessage({ type: 'ready', timeZone: zone }), {
      ok: true,
      message: { type: 'ready' },
    });
    assert.deepEqual(parseScriptMessage({ type: 'ready', timeZone: zone }), { ok: true, message: { type: 'ready' } });
  }
  assert.deepEqual(parseScriptMessage({ type: 'ready' }), { ok: true, message: { type: 'ready' } });
});

test("a zone's offset comes from Intl: +05:45, and Berlin's before and after its change", () => {
  onUtcHost(() => {
    assert.equal(zoneOffsetMs(AT, 'Asia/Kathmandu'), 5 * HOUR + 45 * 60_000);
    assert.equal(zoneOffsetMs(Date.parse('2026-03-29T00:59:59Z'), 'Europe/Berlin'), HOUR);
    assert.equal(zoneOffsetMs(Date.parse('2026-03-29T01:00:00Z'), 'Europe/Berlin'), 2 * HOUR);
    assert.equal(zoneOffsetMs(AT, 'America/St_Johns'), -3.5 * HOUR);
    assert.equal(zoneOffsetMs(AT, 'Mars/Base'), 0, 'the UTC host');
    assert.equal(checkedTimeZone('asia/shanghai'), 'Asia/Shanghai');
    assert.equal(checkedTimeZone('Asia/Shanghai\n'), undefined);
  });
});
