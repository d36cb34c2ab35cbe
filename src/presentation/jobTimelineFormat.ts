import * as l10n from '@vscode/l10n';
import { displayLocale } from '../model/locale';
import { formatDurationMs } from '../model/time';

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

/** The same text as formatDateTime (medium date and time, this machine's clock), fast for many times. */
export function formatBarTime(epochMs: number): string {
  const locale = displayLocale();
  const format = remember(
    dateTimeFormats,
    locale,
    () => new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'medium' }),
  );
  const minute = Math.floor(epochMs / MINUTE) * MINUTE;
  const parts = remember(minutes, `${locale}:${minute}`, () => {
    // V8's format() writes a plain space where formatToParts() keeps ICU's narrow one (before "AM").
    const split = format.formatToParts(minute).map((p) => ({ type: p.type, value: p.value.replace(/\u202f/g, ' ') }));
    // Parts that still read differently from format() are not used.
    return split.map((p) => p.value).join('') === format.format(minute) ? split : [];
  });
  if (!parts.length) return format.format(epochMs);
  const seconds = String(Math.floor((epochMs - minute) / 1000)).padStart(2, '0');
  return parts.map((p) => (p.type === 'second' ? seconds : p.value)).join('');
}
