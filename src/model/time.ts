const UNITS: Array<[Intl.RelativeTimeFormatUnit, number]> = [
  ['year', 365 * 24 * 3600],
  ['month', 30 * 24 * 3600],
  ['week', 7 * 24 * 3600],
  ['day', 24 * 3600],
  ['hour', 3600],
  ['minute', 60],
  ['second', 1],
];

const relative = new Intl.RelativeTimeFormat('en', { numeric: 'auto', style: 'short' });

/** "5 min. ago", "yesterday"; '' for a missing or unparsable time. */
export function formatRelativeTime(iso: string, now: number): string {
  const time = Date.parse(iso);
  if (!iso || Number.isNaN(time)) return '';
  const seconds = Math.round((time - now) / 1000);
  for (const [unit, size] of UNITS) {
    if (Math.abs(seconds) >= size || unit === 'second') {
      if (unit === 'second' && Math.abs(seconds) < 10) return 'just now';
      return relative.format(Math.trunc(seconds / size), unit);
    }
  }
  return '';
}

/** "1 h 4 min", "12 s"; '' when either end is missing or the order is impossible. */
export function formatDuration(beginIso: string, endIso: string): string {
  const begin = Date.parse(beginIso);
  const end = Date.parse(endIso);
  if (Number.isNaN(begin) || Number.isNaN(end) || end < begin) return '';
  let seconds = Math.round((end - begin) / 1000);
  const hours = Math.floor(seconds / 3600);
  seconds -= hours * 3600;
  const minutes = Math.floor(seconds / 60);
  seconds -= minutes * 60;
  if (hours) return `${hours} h ${minutes} min`;
  if (minutes) return `${minutes} min ${seconds} s`;
  return `${seconds} s`;
}
