import { test } from 'node:test';
import assert from 'node:assert/strict';
import { tickTimes } from '../../../src/presentation/jobTimelineAxis';

const HOUR = 3_600_000;

/** Runs `body` with this process's clock in another time zone (Node reads TZ when it changes). */
function inZone(zone: string, body: () => void): void {
  const before = process.env.TZ;
  process.env.TZ = zone;
  try {
    body();
  } finally {
    if (before === undefined) delete process.env.TZ;
    else process.env.TZ = before;
  }
}

test('across a daylight-saving change, ticks stay on round local times (Lord Howe shifts by 30 minutes)', () => {
  inZone('Australia/Lord_Howe', () => {
    // Summer time ends 2026-04-05 02:00 local (15:00 UTC the day before): clocks go back 30 minutes.
    const scale = { startMs: Date.parse('2026-04-04T10:10:00Z'), endMs: Date.parse('2026-04-04T17:50:00Z') };
    const ticks = tickTimes(scale);
    assert.ok(ticks.length > 4);
    const minutes = ticks.map((at) => new Date(at).getMinutes());
    assert.deepEqual(
      minutes.filter((m) => m !== 0),
      [],
      `local minutes of the hourly ticks: ${minutes.join(',')}`,
    );
  });
  inZone('Europe/Berlin', () => {
    // Summer time begins 2026-03-29 02:00 local: 3-hour ticks stay on multiples of 3 local hours.
    const scale = { startMs: Date.parse('2026-03-28T19:00:00Z'), endMs: Date.parse('2026-03-29T19:00:00Z') };
    const hours = tickTimes(scale).map((at) => new Date(at).getHours());
    assert.deepEqual(
      hours.filter((h) => h % 3 !== 0),
      [],
      `local hours of the ticks: ${hours.join(',')}`,
    );
  });
});

test('never more ticks than asked for', () => {
  for (let span = 1000; span < 30 * 24 * HOUR; span = Math.ceil(span * 1.37)) {
    const scale = { startMs: Date.parse('2026-11-27T10:00:00Z'), endMs: Date.parse('2026-11-27T10:00:00Z') + span };
    for (const max of [4, 8]) assert.ok(tickTimes(scale, max).length <= max, `${span} ms, at most ${max}`);
  }
  // Eight hours from a round hour: a tick at each end would make nine.
  const round = { startMs: Date.parse('2026-11-27T10:00:00Z'), endMs: Date.parse('2026-11-27T18:00:00Z') };
  assert.ok(tickTimes(round).length <= 8, `${tickTimes(round).length} ticks`);
});
