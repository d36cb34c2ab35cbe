import { displayLocale } from './locale';
import { checkedTimeZone } from './timeZone';

const UNITS: Array<[Intl.RelativeTimeFormatUnit, number]> = [
  ['year', 365 * 24 * 3600],
  ['month', 30 * 24 * 3600],
  ['week', 7 * 24 * 3600],
  ['day', 24 * 3600],
  ['hour', 3600],
  ['minute', 60],
  ['second', 1],
];

/** Formatters are costly to make and the locale rarely changes: one per locale and kind. */
const cache = new Map<string, Intl.RelativeTimeFormat | Intl.NumberFormat | Intl.DateTimeFormat>();

function cached<T extends Intl.RelativeTimeFormat | Intl.NumberFormat | Intl.DateTimeFormat>(
  key: string,
  make: () => T,
): T {
  let formatter = cache.get(key) as T | undefined;
  if (!formatter) cache.set(key, (formatter = make()));
  return formatter;
}

/**
 * "5 min. ago", "yesterday", "now" — in the display language ("5分钟前", "昨天", "现在"); '' for a
 * missing or unparsable time.
 */
export function formatRelativeTime(iso: string, now: number, locale = displayLocale()): string {
  const time = Date.parse(iso);
  if (!iso || Number.isNaN(time)) return '';
  const relative = cached(
    `rtf:${locale}`,
    () => new Intl.RelativeTimeFormat(locale, { numeric: 'auto', style: 'short' }),
  );
  const seconds = Math.round((time - now) / 1000);
  // Ten seconds either way (a clock slightly off included) is "now".
  if (Math.abs(seconds) < 10) return relative.format(0, 'second');
  for (const [unit, size] of UNITS) {
    if (Math.abs(seconds) >= size) return relative.format(Math.trunc(seconds / size), unit);
  }
  return '';
}

function unit(value: number, name: 'hour' | 'minute' | 'second', locale: string): string {
  return cached(
    `unit:${name}:${locale}`,
    () => new Intl.NumberFormat(locale, { style: 'unit', unit: name, unitDisplay: 'short' }),
  ).format(value);
}

/** "1 hr 4 min", "12 sec" ("1小时 4分钟") in the display language; '' when either end is missing or the order is impossible. */
export function formatDuration(beginIso: string, endIso: string, locale = displayLocale()): string {
  const begin = Date.parse(beginIso);
  const end = Date.parse(endIso);
  if (Number.isNaN(begin) || Number.isNaN(end) || end < begin) return '';
  return formatDurationMs(end - begin, locale);
}

/** The same from milliseconds (negative reads as none). */
export function formatDurationMs(ms: number, locale = displayLocale()): string {
  let seconds = Math.max(0, Math.round(ms / 1000));
  const hours = Math.floor(seconds / 3600);
  seconds -= hours * 3600;
  const minutes = Math.floor(seconds / 60);
  seconds -= minutes * 60;
  if (hours) return `${unit(hours, 'hour', locale)} ${unit(minutes, 'minute', locale)}`;
  if (minutes) return `${unit(minutes, 'minute', locale)} ${unit(seconds, 'second', locale)}`;
  return unit(seconds, 'second', locale);
}

/**
 * A date and time in the display language, on the clock of a zone (a panel's: its webview's; undefined
 * or not a zone: this machine's).
 */
export function formatDateTime(epochMs: number, locale = displayLocale(), timeZone?: string): string {
  const zone = checkedTimeZone(timeZone);
  return cached(
    `dt:${locale}:${zone ?? ''}`,
    () =>
      new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'medium', ...(zone && { timeZone: zone }) }),
  ).format(epochMs);
}

/** A time of day in the display language, on the clock of a zone as formatDateTime's. */
export function formatTime(epochMs: number, locale = displayLocale(), timeZone?: string): string {
  const zone = checkedTimeZone(timeZone);
  return cached(
    `t:${locale}:${zone ?? ''}`,
    () => new Intl.DateTimeFormat(locale, { timeStyle: 'medium', ...(zone && { timeZone: zone }) }),
  ).format(epochMs);
}
