import * as l10n from '@vscode/l10n';
import { displayLocale, wordsLocale } from '../model/locale';
import { formatDateTime, formatDuration } from '../model/time';
import { SubJob } from '../model/subJob';
import { statusStyle } from './statusStyle';

// The small pieces of the details panel's markup: escaping, values, times, icons. Every API string
// passes escapeHtml here before it reaches the page.

/** Escapes text for HTML element content and quoted attribute values alike. */
export function escapeHtml(value: unknown): string {
  return String(value ?? '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

/** 'charts.blue' → '--vscode-charts-blue', the CSS variable VS Code defines for a theme colour. */
export function themeColorVariable(colorId: string): string {
  return `--vscode-${colorId.replace(/\./g, '-')}`;
}

/** The class media/details.css colours with a theme colour's variable (no inline styles under the CSP); '' for none. */
export function themeColorClass(colorId: string | undefined): string {
  return colorId ? `tc-${colorId.replace(/\./g, '-')}` : '';
}

/** Rows whose values are plain text, escaped here. */
export function definitionList(rows: Array<[string, string]>, className: string): string {
  return `<dl class="${className}">\n${rows.map(([name, value]) => `<dt>${escapeHtml(name)}</dt><dd>${escapeHtml(value)}</dd>`).join('\n')}\n</dl>`;
}

export function valueOrEmpty(value: string, mono = false): string {
  if (!value) return '<span class="empty">—</span>';
  return mono
    ? `<code class="mono selectable">${escapeHtml(value)}</code>`
    : `<span class="selectable">${escapeHtml(value)}</span>`;
}

/** A time as the panel's zone reads it (not a zone: this machine's), with the ISO text the API sent. */
export function timeValue(iso: string, missing: string, timeZone?: string): string {
  if (!iso) return `<span class="empty">${missing ? escapeHtml(missing) : '—'}</span>`;
  const time = Date.parse(iso);
  if (Number.isNaN(time)) return `<span class="selectable">${escapeHtml(iso)}</span>`;
  const local = escapeHtml(localTime(time, timeZone));
  return `<time datetime="${escapeHtml(iso)}"${intlLang()}>${local}</time> <code class="mono iso selectable">${escapeHtml(iso)}</code>`;
}

export function durationValue(subJob: SubJob, active: boolean, now: number): string {
  const done = formatDuration(subJob.beginTime, subJob.endTime);
  if (done) return intlText(done);
  if (active && subJob.beginTime && !subJob.endTime) {
    const sofar = formatDuration(subJob.beginTime, new Date(now).toISOString());
    if (sofar) {
      const soFar = l10n.t({
        message: 'so far',
        comment: ['Follows the duration of a sub-job still running, e.g. "10 min 0 sec so far"'],
      });
      return `${intlText(sofar)} <span class="empty">${escapeHtml(soFar)}</span>`;
    }
  }
  return '<span class="empty">—</span>';
}

/**
 * Times and durations come from Intl in the display language even when the words around them are
 * English (no bundle for it): their own lang lets a screen reader pick the right voice.
 */
export function intlLang(): string {
  const locale = displayLocale();
  return locale === wordsLocale() ? '' : ` lang="${escapeHtml(locale)}"`;
}

/** Text from Intl, escaped, in a span that says its language when the words around it differ. */
export function intlText(text: string): string {
  const lang = intlLang();
  return lang ? `<span${lang}>${escapeHtml(text)}</span>` : escapeHtml(text);
}

export function localTime(epochMs: number, timeZone?: string): string {
  return formatDateTime(epochMs, displayLocale(), timeZone);
}

/** The status's word in the text colour (status colours are for icons: as text they fail contrast). */
export function statusBadge(status: string): string {
  const style = statusStyle(status);
  return `<span class="status-badge">${statusIcon(status, 'status-icon small')}<span>${escapeHtml(style.title)}</span></span>`;
}

/** The status's codicon drawn inline (no icon font to load under the CSP), in the status's theme colour. */
export function statusIcon(status: string, className: string): string {
  const style = statusStyle(status);
  const [name, modifier] = style.codicon.split('~');
  const classes = `${className} ${themeColorClass(style.color)}${modifier === 'spin' ? ' spin' : ''}`;
  const attributes = `class="${classes}" data-status="${escapeHtml(status)}" title="${escapeHtml(style.title)}"`;
  return `<span ${attributes} aria-hidden="true">${svg(ICONS[name] ?? ICONS.circle)}</span>`;
}

const SVG_ATTRIBUTES =
  'viewBox="0 0 16 16" width="16" height="16" fill="none" stroke="currentColor" stroke-width="1.5" ' +
  'stroke-linecap="round" stroke-linejoin="round" aria-hidden="true" focusable="false"';

export function svg(paths: string, className?: string): string {
  return `<svg${className ? ` class="${className}"` : ''} ${SVG_ATTRIBUTES}>${paths}</svg>`;
}

/** Simple 16×16 line drawings of the codicons STATUS_STYLES names, plus the buttons' icons. */
export const ICONS: Record<string, string> = {
  sync:
    '<path d="M13.25 7.5a5.25 5.25 0 0 0-9.4-2.6"/><path d="M3.6 2.2v2.9h2.9"/>' +
    '<path d="M2.75 8.5a5.25 5.25 0 0 0 9.4 2.6"/><path d="M12.4 13.8v-2.9H9.5"/>',
  clock: '<circle cx="8" cy="8" r="6.25"/><path d="M8 4.5V8l2.5 1.75"/>',
  discard: '<path d="M5.5 2.75 2.5 5.75l3 3"/><path d="M2.75 5.75h6.5a4 4 0 0 1 0 8H5.5"/>',
  'circle-slash': '<circle cx="8" cy="8" r="6.25"/><path d="m3.6 12.4 8.8-8.8"/>',
  error: '<circle cx="8" cy="8" r="6.25"/><path d="m5.75 5.75 4.5 4.5m0-4.5-4.5 4.5"/>',
  warning: '<path d="M8 1.9 14.6 13.6H1.4z"/><path d="M8 6.25v3.5"/><path d="M8 11.75v.01"/>',
  pass: '<circle cx="8" cy="8" r="6.25"/><path d="m5.25 8.25 1.9 1.9 3.6-3.9"/>',
  circle: '<circle cx="8" cy="8" r="6.25"/>',
  info: '<circle cx="8" cy="8" r="6.25"/><path d="M8 7.25v4"/><path d="M8 4.75v.01"/>',
  refresh: '<path d="M13.25 8a5.25 5.25 0 1 1-1.54-3.71"/><path d="M12.25 1.75v2.9h-2.9"/>',
  pin: '<path d="M10 1.75 14.25 6l-2 .75-2.5 2.5-.5 3-1.5 1.5-5.5-5.5 1.5-1.5 3-.5 2.5-2.5z"/><path d="m5 11-3.25 3.25"/>',
  timeline: '<path d="M2.5 4h6"/><path d="M5 8h8"/><path d="M3.5 12h5"/>',
  copy: '<rect x="5.25" y="5.25" width="8.5" height="8.5" rx="1"/><path d="M10.75 5.25v-2a1 1 0 0 0-1-1h-6.5a1 1 0 0 0-1 1v6.5a1 1 0 0 0 1 1h2"/>',
};
