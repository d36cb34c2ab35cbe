import { displayLocale } from '../model/locale';

// Times and durations for thousands of bars: Intl is exact but slow (tens of µs a call), so each
// distinct minute is formatted once and its seconds filled in, and each duration is worded once.

const MINUTE = 60_000;
/** Enough for a few days of minutes; cleared beyond, never grown without bound. */
const MAX_CACHED = 10_000;

const unitFormats = new Map<string, Intl.NumberFormat>();
const durations = new Map<string, string>();
const minutes = new Map<string, Array<{ type: string; value: string }>>();
const dateTimeFormats = new Map<string, Intl.DateTimeFormat>();

function unitFormat(name: 'hour' | 'minute' | 'second'): Intl.NumberFormat {
  const key = `${displayLocale()}:${name}`;
  let format = unitFormats.get(key);
  if (!format)
    unitFormats.set(
      key,
      (format = new Intl.NumberFormat(displayLocale(), { style: 'unit', unit: name, unitDisplay: 'short' })),
    );
  return format;
}

function remember<V>(map: Map<string, V>, key: string, make: () => V): V {
  let value = map.get(key);
  if (value === undefined) {
    if (map.size >= MAX_CACHED) map.clear();
    map.set(key, (value = make()));
  }
  return value;
}

/** "12 min 3 sec" from milliseconds, in the display language. */
export function formatMs(ms: number): string {
  const seconds = Math.max(0, Math.round(ms / 1000));
  return remember(durations, `${displayLocale()}:${seconds}`, () => {
    const hours = Math.floor(seconds / 3600);
    const mins = Math.floor((seconds % 3600) / 60);
    const rest = seconds % 60;
    const unit = (value: number, name: 'hour' | 'minute' | 'second') => unitFormat(name).format(value);
    if (hours) return `${unit(hours, 'hour')} ${unit(mins, 'minute')}`;
    if (mins) return `${unit(mins, 'minute')} ${unit(rest, 'second')}`;
    return unit(rest, 'second');
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
