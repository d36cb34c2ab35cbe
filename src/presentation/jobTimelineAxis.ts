import { displayLocale } from '../model/locale';
import type { TimelineScale } from '../model/timelineScale';
import { checkedTimeZone, zoneDayKey, zoneOffsetMs } from '../model/timeZone';

// The timeline's time axis: ticks at round moments of the user's clock (every 5 min, on the hour…),
// labelled in their time zone (the panel's webview's; this machine's when it is not known) in the
// display language.

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

/** The moment a local wall-clock time (as ms since a local epoch) is at, with the offset in force then. */
function atLocal(localMs: number, guessOffsetMs: number, zone: string | undefined): number {
  const guess = localMs - guessOffsetMs;
  return localMs - zoneOffsetMs(guess, zone);
}

/**
 * The ticks within the axis, on multiples of the step in the zone's local time (+05:45 included).
 * The offset is taken per tick: across a daylight-saving change the ticks stay on round local times.
 */
export function tickTimes(scale: TimelineScale, maxTicks = MAX_TICKS, timeZone?: string): number[] {
  const zone = checkedTimeZone(timeZone);
  const step = tickStep(scale, maxTicks);
  let offset = zoneOffsetMs(scale.startMs, zone);
  const ticks: number[] = [];
  for (let local = Math.ceil((scale.startMs + offset) / step) * step; ticks.length < maxTicks; local += step) {
    const at = atLocal(local, offset, zone);
    offset = zoneOffsetMs(at, zone);
    if (at > scale.endMs) break;
    // A local time the change skipped (or repeated) falls where the one before it fell: one tick.
    if (at >= scale.startMs && at > (ticks.at(-1) ?? -Infinity)) ticks.push(at);
  }
  return ticks;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

/** How much of the date a tick label needs: none within a day, the day across days, the year across years. */
export type TickDates = 'none' | 'days' | 'years';

/** Time of day (with seconds when ticks are under a minute apart, with the date when they span days, and the year across years). */
export function tickLabel(
  epochMs: number,
  step: number,
  dates: TickDates,
  locale = displayLocale(),
  timeZone?: string,
): string {
  const zone = checkedTimeZone(timeZone);
  const kind = `${step < MINUTE ? 's' : 'm'}${dates}:${locale}:${zone ?? ''}`;
  let format = formatters.get(kind);
  if (!format) {
    format = new Intl.DateTimeFormat(locale, {
      ...(zone && { timeZone: zone }),
      ...(dates === 'years' && { year: 'numeric' }),
      ...(dates !== 'none' && { month: 'short', day: 'numeric' }),
      hour: 'numeric',
      minute: '2-digit',
      ...(step < MINUTE && { second: '2-digit' }),
    });
    formatters.set(kind, format);
  }
  return format.format(epochMs);
}

/** The axis's ticks with their labels, in a zone (not a zone: this machine's). */
export function axisTicks(
  scale: TimelineScale,
  maxTicks = MAX_TICKS,
  timeZone?: string,
): Array<{ atMs: number; label: string }> {
  const zone = checkedTimeZone(timeZone);
  const step = tickStep(scale, maxTicks);
  const [first, last] = [zoneDayKey(scale.startMs, zone), zoneDayKey(scale.endMs, zone)];
  const dates: TickDates = first === last ? 'none' : first.split('-')[0] === last.split('-')[0] ? 'days' : 'years';
  return tickTimes(scale, maxTicks, zone).map((atMs) => ({
    atMs,
    label: tickLabel(atMs, step, dates, displayLocale(), zone),
  }));
}
