// The time zone a panel's times are shown in: the one its webview runs in (the user's browser or
// desktop), which over Remote-SSH, WSL or a container is not the extension host's. A zone comes from
// the page, so it is data, not trust: only an IANA name Intl accepts is used; anything else (undefined
// below) is the host's, Intl's default.

/** Longer than any IANA name ("America/Argentina/ComodRivadavia" is 32): a longer string is not one. */
const MAX_ZONE_CHARS = 64;
const ZONE_SYNTAX = /^[A-Za-z][A-Za-z0-9_+\-/]*$/;

/** Zones already checked (the canonical name, or null for refused); bounded, a hostile page sends many. */
const checked = new Map<string, string | null>();
const MAX_CHECKED = 64;

/** The canonical IANA name of a zone Intl accepts ("asia/shanghai" → "Asia/Shanghai"); undefined for anything else. */
export function checkedTimeZone(value: unknown): string | undefined {
  if (typeof value !== 'string' || value.length > MAX_ZONE_CHARS || !ZONE_SYNTAX.test(value)) return undefined;
  let zone = checked.get(value);
  if (zone === undefined) {
    try {
      zone = new Intl.DateTimeFormat('en-US', { timeZone: value }).resolvedOptions().timeZone;
    } catch {
      zone = null;
    }
    if (checked.size >= MAX_CHECKED) checked.clear();
    checked.set(value, zone);
  }
  return zone ?? undefined;
}

const offsetFormats = new Map<string, Intl.DateTimeFormat>();

/** A zone's wall clock at a moment, field by field (whole seconds). */
function wallClock(epochMs: number, zone: string): number {
  let format = offsetFormats.get(zone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      era: 'short',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    offsetFormats.set(zone, format);
  }
  const fields: Record<string, string> = {};
  for (const part of format.formatToParts(epochMs)) fields[part.type] = part.value;
  const year = Number(fields.year) * (fields.era === 'BC' || fields.era === 'B' ? -1 : 1);
  const utc = new Date(0);
  utc.setUTCFullYear(year, Number(fields.month) - 1, Number(fields.day));
  utc.setUTCHours(Number(fields.hour), Number(fields.minute), Number(fields.second), 0);
  return utc.getTime();
}

/**
 * A zone's offset from UTC at a moment (ms to add to UTC): what its wall clock reads, less the moment.
 * Intl knows the zone's rules, daylight saving and the +05:45s included. Not a zone: this machine's.
 */
export function zoneOffsetMs(epochMs: number, timeZone?: string): number {
  const zone = checkedTimeZone(timeZone);
  if (!zone) return -new Date(epochMs).getTimezoneOffset() * 60_000 || 0;
  const at = Math.floor(epochMs / 1000) * 1000;
  return wallClock(at, zone) - at;
}

/** The zone's calendar day of a moment, as a key ("2026-3-29"), to tell whether a range spans days there. */
export function zoneDayKey(epochMs: number, zone?: string): string {
  const wall = new Date(epochMs + zoneOffsetMs(epochMs, zone));
  return `${wall.getUTCFullYear()}-${wall.getUTCMonth() + 1}-${wall.getUTCDate()}`;
}

/** The zone this JavaScript runs in: in a webview, the user's browser's or desktop's. */
export function ownTimeZone(): string | undefined {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || undefined;
  } catch {
    return undefined;
  }
}
