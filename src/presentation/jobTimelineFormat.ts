import * as l10n from '@vscode/l10n';
import { displayLocale } from '../model/locale';
import { formatDurationMs } from '../model/time';
import { checkedTimeZone } from '../model/timeZone';

// Times and durations for thousands of bars: Intl is exact but slow (tens of µs a call), so each
// distinct minute is formatted once and its seconds filled in, and each duration is worded once.

const MINUTE = 60_000;
/** Enough for a few days of minutes; cleared beyond, never grown without bound. */
const MAX_CACHED = 10_000;

const durations = new Map<string, string>();
const minutes = new Map<string, Array<{ type: string; value: string }>>();
const dateTimeFormats = new Map<string, Intl.DateTimeFormat>();

function remember<V>(map: Map<string, V>, key: string, make: () => V): V {
  let value = map.get(key);
  if (value === undefined) {
    if (map.size >= MAX_CACHED) map.clear();
    map.set(key, (value = make()));
  }
  return value;
}

/** "12 min 3 sec" from milliseconds, in the display language (as the details panel words a duration). */
export function formatMs(ms: number): string {
  const seconds = Math.max(0, Math.round(ms / 1000));
  return remember(durations, `${displayLocale()}:${seconds}`, () => formatDurationMs(seconds * 1000));
}

/** A duration still counting: "10 min 0 sec so far". */
export function soFar(duration: string): string {
  return l10n.t({
    message: '{0} so far',
    args: [duration],
    comment: ['The duration of a sub-job still running, e.g. "10 min 0 sec so far"'],
  });
}

/**
 * The same text as formatDateTime (medium date and time, on the clock of the panel's zone; not a
 * zone: this machine's), fast for many times.
 */
export function formatBarTime(epochMs: number, timeZone?: string): string {
  const locale = displayLocale();
  const zone = checkedTimeZone(timeZone) ?? '';
  const format = remember(
    dateTimeFormats,
    `${locale}:${zone}`,
    () =>
      new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'medium', ...(zone && { timeZone: zone }) }),
  );
  const minute = Math.floor(epochMs / MINUTE) * MINUTE;
  const parts = remember(minutes, `${locale}:${zone}:${minute}`, () => {
    // V8's format() writes a plain space where formatToParts() keeps ICU's narrow one (before "AM").
    const split = format.formatToParts(minute).map((p) => ({ type: p.type, value: p.value.replace(/\u202f/g, ' ') }));
    // Parts that still read differently from format() are not used, nor a zone whose minutes do not
    // start on UTC's (an old local mean time's offset in seconds).
    const whole = split.find((p) => p.type === 'second')?.value === '00';
    return whole && split.map((p) => p.value).join('') === format.format(minute) ? split : [];
  });
  if (!parts.length) return format.format(epochMs);
  const seconds = String(Math.floor((epochMs - minute) / 1000)).padStart(2, '0');
  return parts.map((p) => (p.type === 'second' ? seconds : p.value)).join('');
}
