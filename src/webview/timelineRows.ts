// The chart's bar rows: made once per sub-job drawn, then patched in place at each update (a row
// with the focus stays the same element). API text is set as text, never as markup.
import type { TimelineBar, TimelineView } from '../model/jobProtocol';
import { barSpan, TimelineScale } from '../model/timelineScale';
import { element, setText, StatusIcons } from './timelineDom';

export const ROW_HEIGHT = 26;

/** What patching a row needs: the view it shows, the icons, the extension's now. */
export interface RowContext {
  readonly view: TimelineView;
  readonly icons: StatusIcons;
  readonly nowMs: number;
}

function fillIn(template: string, bar: TimelineBar): string {
  const values = [bar.name, bar.statusText, bar.begin, bar.end, bar.duration];
  return template.replace(/\{(\d)\}/g, (_, i: string) => values[Number(i)] ?? '');
}

/** What hovering or focusing a bar says: name, status, times, duration. */
function labelOf(view: TimelineView, bar: TimelineBar): string {
  return fillIn(view.words.barLabel, bar);
}

/** The same after the status: what a row says beyond the words it shows (its accessible name starts with those). */
function labelTail(view: TimelineView, bar: TimelineBar): string {
  const template = view.words.barLabel;
  const at = template.indexOf('{1}');
  return at < 0 ? '' : fillIn(template.slice(at + 3), bar);
}

export function place(barElement: HTMLElement, bar: TimelineBar, scale: TimelineScale, nowMs: number): void {
  const span = barSpan(scale, bar.beginMs, bar.endMs, nowMs, bar.running);
  barElement.hidden = !span;
  if (!span) return;
  barElement.style.left = `${(span.left * 100).toFixed(3)}%`;
  barElement.style.width = `${(span.width * 100).toFixed(3)}%`;
}

export function setAttribute(target: HTMLElement, name: string, value: string): void {
  if (target.getAttribute(name) !== value) target.setAttribute(name, value);
}

export function makeRow(bar: TimelineBar, icons: StatusIcons): HTMLElement {
  const option = element('div', 'bar-row');
  option.setAttribute('role', 'option');
  const label = element('span', 'bar-label');
  // The name is what the row shows, then what the eye reads off the bar: its times and duration.
  label.append(element('span', 'bar-name'), icons.badge(bar), element('span', 'visually-hidden'));
  const track = element('span', 'track');
  track.append(element('span', 'bar'));
  option.append(label, track);
  return option;
}

/** Makes a drawn row say what its bar says now, changing only what differs. */
export function patchRow(option: HTMLElement, bar: TimelineBar, index: number, row: RowContext): void {
  const { view, icons } = row;
  const count = view.bars.length;
  if (option.id !== `bar-${index}`) option.id = `bar-${index}`;
  setAttribute(option, 'data-index', String(index));
  setAttribute(option, 'aria-setsize', String(count));
  setAttribute(option, 'aria-posinset', String(index + 1));
  option.style.top = `${index * ROW_HEIGHT}px`;
  const [label, track] = [...option.children] as HTMLElement[];
  setText(label.querySelector<HTMLElement>('.bar-name') as HTMLElement, bar.name);
  icons.patchBadge(label, bar);
  setText(label.lastElementChild as HTMLElement, labelTail(view, bar));
  const drawnBar = track.firstElementChild as HTMLElement;
  const kind = `bar st-${bar.status.replace(/[^A-Za-z]/g, '')}${bar.running ? ' running' : ''}${bar.endUnknown ? ' end-unknown' : ''}`;
  if (drawnBar.className !== kind) drawnBar.className = kind;
  place(drawnBar, bar, view.scale, row.nowMs);
  const text = labelOf(view, bar);
  if (option.dataset.label !== text) {
    option.dataset.label = text;
    option.title = text;
  }
}
