// The parent job timeline, inside the webview: draws the bars of the sub-jobs the extension sends
// (only those in view: a job may have thousands), the same data as a table for screen readers, and
// the header and summary the extension rendered (every API string escaped there). API text from a
// bar is set as text, never as markup. Bundled by esbuild into media/timeline.js.
import {
  parseTimelinePanelMessage,
  TimelineBar,
  TimelinePanelState,
  TimelineScriptMessage,
  timelineScriptMessages,
  TimelineView,
} from '../model/jobProtocol';
import { setDisplayLocale } from '../model/locale';
import { barTarget, visibleWindow } from '../model/timelineKeys';
import { barSpan } from '../model/timelineScale';
import { element, StatusIcons, subJobTable } from './timelineDom';

declare function acquireVsCodeApi(): {
  postMessage(message: TimelineScriptMessage): void;
  setState(state: TimelinePanelState): void;
};

const vscode = acquireVsCodeApi();
const ROW_HEIGHT = 26;

let view: TimelineView | undefined;
/** The extension's clock minus this page's, so a running bar grows to the extension's now. */
let clockOffset = 0;
let focusIndex = 0;
let focusedId: string | undefined;
let showingTable = false;
const drawn = new Map<number, HTMLElement>();
const icons = new StatusIcons();

function byId(id: string): HTMLElement {
  return document.getElementById(id) as HTMLElement;
}

/** The page's parts, made once; later renders fill them. */
function skeleton(root: HTMLElement): void {
  root.textContent = '';
  for (const id of ['header', 'notice']) root.append(Object.assign(element('div'), { id }));
  const section = Object.assign(element('section', 'chart-section'), { id: 'chart-section' });
  const tools = element('div', 'toolbar');
  const toggle = Object.assign(element('button', 'secondary'), { id: 'toggle', type: 'button' });
  toggle.setAttribute('aria-pressed', 'false');
  toggle.addEventListener('click', () => setTable(!showingTable));
  // Asks the session's engine for a look-up now: the panel keeps no timer of its own.
  const refresh = Object.assign(element('button', 'secondary'), { id: 'refresh', type: 'button' });
  refresh.addEventListener('click', () => vscode.postMessage(timelineScriptMessages.refresh()));
  tools.append(toggle, refresh);
  const axis = Object.assign(element('div', 'axis'), { id: 'axis' });
  axis.setAttribute('aria-hidden', 'true');
  const chart = Object.assign(element('div', 'chart'), { id: 'chart' });
  chart.setAttribute('role', 'listbox');
  const spacer = Object.assign(element('div', 'spacer'), { id: 'spacer' });
  chart.append(spacer);
  chart.addEventListener('scroll', () => drawWindow());
  chart.addEventListener('keydown', keyDown);
  chart.addEventListener('click', (event) => {
    const row = event.target instanceof Element ? event.target.closest<HTMLElement>('[role="option"]') : null;
    if (row) open(Number(row.dataset.index));
  });
  chart.addEventListener('mouseover', (event) => {
    const row = event.target instanceof Element ? event.target.closest<HTMLElement>('[role="option"]') : null;
    if (row) byId('detail').textContent = row.dataset.label ?? '';
  });
  chart.addEventListener('focusin', (event) => {
    const row = event.target instanceof HTMLElement ? event.target : null;
    if (row?.dataset.index) byId('detail').textContent = row.dataset.label ?? '';
  });
  const detail = Object.assign(element('p', 'detail'), { id: 'detail' });
  // The focused bar's own label is what a screen reader says: this line is for the eyes.
  detail.setAttribute('aria-hidden', 'true');
  const table = Object.assign(element('div', 'table-host'), { id: 'table-host', hidden: true });
  section.append(tools, axis, chart, detail, table);
  root.append(section, Object.assign(element('div'), { id: 'summary' }));
  const announcer = Object.assign(element('div', 'visually-hidden'), { id: 'announcer' });
  announcer.setAttribute('role', 'status');
  document.body.append(announcer);
}

/** Replaces a part the extension rendered only when its markup changed, keeping open failure groups open. */
function fill(id: string, html: string): void {
  const part = byId(id);
  if (part.dataset.html === html) return;
  const open = new Set([...part.querySelectorAll('details[open]')].map((d) => d.getAttribute('data-code')));
  part.innerHTML = html;
  part.dataset.html = html;
  for (const details of part.querySelectorAll('details'))
    if (open.has(details.getAttribute('data-code'))) details.setAttribute('open', '');
}

function fillIn(template: string, bar: TimelineBar): string {
  const values = [bar.name, bar.statusText, bar.begin, bar.end, bar.duration];
  return template.replace(/\{(\d)\}/g, (_, i: string) => values[Number(i)] ?? '');
}

/** What hovering or focusing a bar says: name, status, times, duration. */
function labelOf(bar: TimelineBar): string {
  return fillIn(view?.words.barLabel ?? '{0}', bar);
}

/** The same after the status: what a row says beyond the words it shows (its accessible name starts with those). */
function labelTail(bar: TimelineBar): string {
  const template = view?.words.barLabel ?? '';
  const at = template.indexOf('{1}');
  return at < 0 ? '' : fillIn(template.slice(at + 3), bar);
}

function place(barElement: HTMLElement, bar: TimelineBar): void {
  if (!view) return;
  const span = barSpan(view.scale, bar.beginMs, bar.endMs, Date.now() + clockOffset);
  barElement.hidden = !span;
  if (!span) return;
  barElement.style.left = `${(span.left * 100).toFixed(3)}%`;
  barElement.style.width = `${(span.width * 100).toFixed(3)}%`;
}

function row(index: number, bar: TimelineBar, count: number): HTMLElement {
  const option = element('div', 'bar-row');
  option.setAttribute('role', 'option');
  option.id = `bar-${index}`;
  option.dataset.index = String(index);
  option.setAttribute('aria-setsize', String(count));
  option.setAttribute('aria-posinset', String(index + 1));
  const label = element('span', 'bar-label');
  // The name is what the row shows, then what the eye reads off the bar: its times and duration.
  const rest = element('span', 'visually-hidden', labelTail(bar));
  label.append(element('span', 'bar-name', bar.name), icons.badge(bar), rest);
  const track = element('span', 'track');
  const drawnBar = element('span', `bar st-${bar.status.replace(/[^A-Za-z]/g, '')}${bar.running ? ' running' : ''}`);
  place(drawnBar, bar);
  track.append(drawnBar);
  option.append(label, track);
  option.style.top = `${index * ROW_HEIGHT}px`;
  const text = labelOf(bar);
  option.dataset.label = text;
  option.title = text;
  return option;
}

/** Draws the rows in view (and a margin), drops the others; the focused row is always among them. */
function drawWindow(redraw = false): void {
  if (!view) return;
  const chart = byId('chart');
  const spacer = byId('spacer');
  const count = view.bars.length;
  const { first, last } = visibleWindow(chart.scrollTop, chart.clientHeight || 400, ROW_HEIGHT, count);
  const wanted = new Set<number>();
  for (let i = first; i <= last; i++) wanted.add(i);
  if (count) wanted.add(focusIndex);
  for (const [i, drawnRow] of drawn)
    if (redraw || !wanted.has(i)) {
      if (document.activeElement === drawnRow && wanted.has(i) && !redraw) continue;
      drawnRow.remove();
      drawn.delete(i);
    }
  for (const i of wanted) {
    if (drawn.has(i)) continue;
    const made = row(i, view.bars[i], count);
    drawn.set(i, made);
    spacer.append(made);
  }
  for (const [i, drawnRow] of drawn) {
    drawnRow.tabIndex = i === focusIndex ? 0 : -1;
    drawnRow.setAttribute('aria-selected', String(i === focusIndex));
  }
}

function moveFocus(index: number): void {
  if (!view) return;
  focusIndex = index;
  focusedId = view.bars[index]?.id;
  const chart = byId('chart');
  const top = index * ROW_HEIGHT;
  if (top < chart.scrollTop) chart.scrollTop = top;
  else if (top + ROW_HEIGHT > chart.scrollTop + chart.clientHeight)
    chart.scrollTop = top + ROW_HEIGHT - chart.clientHeight;
  drawWindow();
  drawn.get(index)?.focus();
}

function keyDown(event: KeyboardEvent): void {
  if (!view || event.altKey || event.ctrlKey || event.metaKey) return;
  if (event.key === 'Enter' || event.key === ' ') {
    event.preventDefault();
    open(focusIndex);
    return;
  }
  const page = Math.max(1, Math.floor(byId('chart').clientHeight / ROW_HEIGHT) - 1);
  const next = barTarget(event.key, focusIndex, view.bars.length, page);
  if (next === undefined) return;
  event.preventDefault();
  moveFocus(next);
}

function open(index: number): void {
  const bar = view?.bars[index];
  if (!bar) return;
  if (index !== focusIndex) moveFocus(index);
  vscode.postMessage(timelineScriptMessages.open(bar.id));
}

function drawAxis(): void {
  if (!view) return;
  const axis = byId('axis');
  axis.textContent = '';
  const track = element('span', 'track');
  const range = Math.max(1, view.scale.endMs - view.scale.startMs);
  for (const tick of view.ticks) {
    const mark = element('span', 'tick', tick.label);
    mark.style.left = `${(((tick.atMs - view.scale.startMs) / range) * 100).toFixed(3)}%`;
    track.append(mark);
  }
  axis.append(element('span', 'bar-label'), track);
}

function setTable(on: boolean): void {
  if (!view) return;
  showingTable = on;
  const toggle = byId('toggle');
  toggle.textContent = view.words.showTable;
  toggle.setAttribute('aria-pressed', String(on));
  byId('chart').hidden = on;
  byId('axis').hidden = on;
  byId('detail').hidden = on;
  byId('table-host').hidden = !on;
  if (on) {
    const host = byId('table-host');
    host.textContent = '';
    host.append(subJobTable(view, icons));
  }
}

function render(next: TimelineView): void {
  const first = view === undefined;
  view = next;
  clockOffset = next.nowMs - Date.now();
  icons.reset(next.icons);
  document.title = next.title;
  // Pointers only: after a window reload the extension finds the session and the job again.
  if (next.state) vscode.setState(next.state);
  byId('refresh').textContent = next.words.refresh;
  fill('header', next.headerHtml);
  fill('notice', next.noticeHtml);
  fill('summary', next.summaryHtml);
  const chart = byId('chart');
  chart.setAttribute('aria-label', next.words.listLabel);
  byId('spacer').style.height = `${next.bars.length * ROW_HEIGHT}px`;
  chart.style.height = `${Math.min(Math.max(next.bars.length, 1) * ROW_HEIGHT + 2, 480)}px`;
  // The bar that had the focus keeps it, wherever the update moved it.
  const kept = focusedId ? next.bars.findIndex((b) => b.id === focusedId) : -1;
  focusIndex = kept >= 0 ? kept : Math.min(focusIndex, Math.max(0, next.bars.length - 1));
  const hadFocus = chart.contains(document.activeElement);
  drawAxis();
  drawWindow(true);
  if (hadFocus) drawn.get(focusIndex)?.focus();
  const detail = byId('detail');
  if (first || !detail.textContent) detail.textContent = next.bars.length ? next.words.hint : next.words.empty;
  setTable(showingTable);
}

/** Running bars grow between updates; only those drawn are touched. */
function grow(): void {
  if (!view?.live || showingTable) return;
  for (const [i, drawnRow] of drawn) {
    const bar = view.bars[i];
    const barElement = drawnRow.querySelector<HTMLElement>('.bar');
    if (bar?.running && barElement) place(barElement, bar);
  }
}

function announce(text: string): void {
  const region = byId('announcer');
  region.textContent = '';
  setTimeout(() => (region.textContent = text), 50);
}

function start(root: HTMLElement): void {
  setDisplayLocale(root.getAttribute('data-locale') ?? 'en');
  let built = false;
  window.addEventListener('message', (event: MessageEvent) => {
    const parsed = parseTimelinePanelMessage(event.data);
    if (!parsed.ok) return;
    const message = parsed.message;
    if (message.type === 'announce') return announce(message.text);
    if (!built) skeleton(root);
    built = true;
    render(message.view);
  });
  setInterval(grow, 1000);
  vscode.postMessage(timelineScriptMessages.ready());
}

const root = document.getElementById('timeline');
if (root) start(root);
