// The parent job timeline, inside the webview: draws the bars of the sub-jobs the extension sends
// (only those in view: a job may have thousands), the same data as a table for screen readers, and
// the header and summary the extension rendered (every API string escaped there). API text from a
// bar is set as text, never as markup. Bundled by esbuild into media/timeline.js.
import {
  parseTimelinePanelMessage,
  TimelinePanelState,
  TimelineScriptMessage,
  timelineScriptMessages,
  TimelineView,
} from '../model/jobProtocol';
import { setDisplayLocale } from '../model/locale';
import { ownTimeZone } from '../model/timeZone';
import { barTarget, visibleWindow } from '../model/timelineKeys';
import { element, setText, StatusIcons, SubJobTable } from './timelineDom';
import { makeRow, patchRow, place, ROW_HEIGHT, setAttribute } from './timelineRows';
import { patchPart } from './timelinePatch';

declare function acquireVsCodeApi(): {
  postMessage(message: TimelineScriptMessage): void;
  setState(state: TimelinePanelState): void;
};

const vscode = acquireVsCodeApi();

let view: TimelineView | undefined;
/** The extension's clock minus this page's, so a running bar grows to the extension's now. */
let clockOffset = 0;
let focusIndex = 0;
let focusedId: string | undefined;
let showingTable = false;
let table: SubJobTable | undefined;
/** The bar rows drawn, by sub-job id: an update patches them, it does not make them again. */
const drawn = new Map<string, HTMLElement>();
const icons = new StatusIcons();
let growTimer: number | undefined;

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

/**
 * Draws the rows in view (and a margin), drops the others; the focused row is always among them.
 * `patch`: an update came, rows already drawn are patched too (else only new ones are made).
 */
function drawWindow(patch = false): void {
  if (!view) return;
  const chart = byId('chart');
  const spacer = byId('spacer');
  const count = view.bars.length;
  const { first, last } = visibleWindow(chart.scrollTop, chart.clientHeight || 400, ROW_HEIGHT, count);
  const wanted = new Map<string, number>();
  for (let i = first; i <= last && i < count; i++) wanted.set(view.bars[i].id, i);
  if (count) wanted.set(view.bars[focusIndex].id, focusIndex);
  for (const [id, drawnRow] of drawn)
    if (!wanted.has(id)) {
      drawnRow.remove();
      drawn.delete(id);
    }
  for (const [id, i] of wanted) {
    let drawnRow = drawn.get(id);
    const made = !drawnRow;
    if (!drawnRow) drawn.set(id, (drawnRow = makeRow(view.bars[i], icons)));
    if (made || patch) patchRow(drawnRow, view.bars[i], i, { view, icons, nowMs: Date.now() + clockOffset });
    if (made) spacer.append(drawnRow);
    drawnRow.tabIndex = i === focusIndex ? 0 : -1;
    setAttribute(drawnRow, 'aria-selected', String(i === focusIndex));
  }
}

function focusedRow(): HTMLElement | undefined {
  const id = view?.bars[focusIndex]?.id;
  return id === undefined ? undefined : drawn.get(id);
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
  focusedRow()?.focus();
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
  setText(toggle, view.words.showTable);
  setAttribute(toggle, 'aria-pressed', String(on));
  byId('chart').hidden = on;
  byId('axis').hidden = on;
  byId('detail').hidden = on;
  const host = byId('table-host');
  host.hidden = !on;
  // Made when shown, patched while shown, dropped when hidden: a hidden table costs nothing.
  if (on && !table) host.append((table = new SubJobTable(view, icons)).element);
  else if (!on && table) {
    table.dispose();
    table.element.remove();
    table = undefined;
  }
  syncGrowTimer();
}

function render(next: TimelineView): void {
  const started = performance.now();
  const first = view === undefined;
  view = next;
  clockOffset = next.nowMs - Date.now();
  icons.reset(next.icons);
  document.title = next.title;
  // Pointers only: after a window reload the extension finds the session and the job again.
  if (next.state) vscode.setState(next.state);
  setText(byId('refresh'), next.words.refresh);
  patchPart(byId('header'), next.headerHtml);
  patchPart(byId('notice'), next.noticeHtml);
  patchPart(byId('summary'), next.summaryHtml);
  const chart = byId('chart');
  setAttribute(chart, 'aria-label', next.words.listLabel);
  byId('spacer').style.height = `${next.bars.length * ROW_HEIGHT}px`;
  chart.style.height = `${Math.min(Math.max(next.bars.length, 1) * ROW_HEIGHT + 2, 480)}px`;
  // The bar that had the focus keeps it, wherever the update moved it.
  const kept = focusedId ? next.bars.findIndex((b) => b.id === focusedId) : -1;
  focusIndex = kept >= 0 ? kept : Math.min(focusIndex, Math.max(0, next.bars.length - 1));
  const hadFocus = chart.contains(document.activeElement);
  drawAxis();
  drawWindow(true);
  // Only when the focused sub-job left the job is another row given the focus.
  if (hadFocus && !chart.contains(document.activeElement)) focusedRow()?.focus();
  const detail = byId('detail');
  if (first || !detail.textContent) detail.textContent = next.bars.length ? next.words.hint : next.words.empty;
  setTable(showingTable);
  table?.update(next);
  // Measured, never asserted: what drawing this update cost the page, up to its next frame.
  requestAnimationFrame(() =>
    vscode.postMessage(timelineScriptMessages.drawn(Math.round(performance.now() - started), next.bars.length)),
  );
}

/** Running bars grow between updates; only those drawn are touched. */
function grow(): void {
  if (!view) return;
  for (const drawnRow of drawn.values()) {
    const bar = view.bars[Number(drawnRow.dataset.index)];
    const barElement = drawnRow.querySelector<HTMLElement>('.bar');
    if (bar?.running && barElement) place(barElement, bar, view.scale, Date.now() + clockOffset);
  }
}

/** The one-second growth runs only while a bar runs and the chart is seen: it draws, it polls nothing. */
function syncGrowTimer(): void {
  const wanted =
    !!view?.live && !showingTable && document.visibilityState === 'visible' && view.bars.some((b) => b.running);
  if (wanted && growTimer === undefined) growTimer = window.setInterval(grow, 1000);
  else if (!wanted && growTimer !== undefined) {
    window.clearInterval(growTimer);
    growTimer = undefined;
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
  document.addEventListener('visibilitychange', syncGrowTimer);
  // The extension host may run elsewhere (SSH, WSL, a container): times are shown in this page's zone.
  vscode.postMessage(timelineScriptMessages.ready(ownTimeZone()));
}

const root = document.getElementById('timeline');
if (root) start(root);
