import { displayLocale } from '../model/locale';
import type { TimelineScale } from '../model/timelineScale';

// The timeline's time axis: ticks at round moments of this machine's clock (every 5 min, on the
// hour…), labelled in local time in the display language.

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** The steps a tick may fall on, the finest first. */
export const TICK_STEPS: readonly number[] = [
  SECOND,
  2 * SECOND,
  5 * SECOND,
  10 * SECOND,
  15 * SECOND,
  30 * SECOND,
  MINUTE,
  2 * MINUTE,
  5 * MINUTE,
  10 * MINUTE,
  15 * MINUTE,
  30 * MINUTE,
  HOUR,
  2 * HOUR,
  3 * HOUR,
  6 * HOUR,
  12 * HOUR,
  DAY,
  2 * DAY,
  7 * DAY,
];

export const MAX_TICKS = 8;

/** The finest step that puts at most `maxTicks` ticks on the axis. */
export function tickStep(scale: TimelineScale, maxTicks = MAX_TICKS): number {
  const span = Math.max(1, scale.endMs - scale.startMs);
  return TICK_STEPS.find((step) => span / step <= maxTicks) ?? Math.ceil(span / maxTicks / DAY) * DAY;
}

/** The local-clock offset at a moment (ms to add to UTC), so ticks fall on local round times. */
function localOffsetMs(epochMs: number): number {
  return -new Date(epochMs).getTimezoneOffset() * MINUTE;
}

/** The moment a local wall-clock time (as ms since a local epoch) is at, with the offset in force then. */
function atLocal(localMs: number, guessOffsetMs: number): number {
  const guess = localMs - guessOffsetMs;
  return localMs - localOffsetMs(guess);
}

/**
 * The ticks within the axis, on multiples of the step in local time. The offset is taken per tick:
 * across a daylight-saving change the ticks stay on round local times.
 */
export function tickTimes(scale: TimelineScale, maxTicks = MAX_TICKS): number[] {
  const step = tickStep(scale, maxTicks);
  let offset = localOffsetMs(scale.startMs);
  const ticks: number[] = [];
  for (let local = Math.ceil((scale.startMs + offset) / step) * step; ticks.length < maxTicks; local += step) {
    const at = atLocal(local, offset);
    offset = localOffsetMs(at);
    if (at > scale.endMs) break;
    // A local time the change skipped (or repeated) falls where the one before it fell: one tick.
    if (at >= scale.startMs && at > (ticks.at(-1) ?? -Infinity)) ticks.push(at);
  }
  return ticks;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

/** Time of day (with seconds when ticks are under a minute apart, with the date when they span days). */
export function tickLabel(epochMs: number, step: number, spansDays: boolean, locale = displayLocale()): string {
  const kind = `${step < MINUTE ? 's' : 'm'}${spansDays ? 'd' : ''}:${locale}`;
  let format = formatters.get(kind);
  if (!format) {
    format = new Intl.DateTimeFormat(locale, {
      ...(spansDays && { month: 'short', day: 'numeric' }),
      hour: 'numeric',
      minute: '2-digit',
      ...(step < MINUTE && { second: '2-digit' }),
    });
    formatters.set(kind, format);
  }
  return format.format(epochMs);
}

/** The axis's ticks with their labels. */
export function axisTicks(scale: TimelineScale, maxTicks = MAX_TICKS): Array<{ atMs: number; label: string }> {
  const step = tickStep(scale, maxTicks);
  const spansDays = new Date(scale.startMs).toDateString() !== new Date(scale.endMs).toDateString();
  return tickTimes(scale, maxTicks).map((atMs) => ({ atMs, label: tickLabel(atMs, step, spansDays) }));
}
