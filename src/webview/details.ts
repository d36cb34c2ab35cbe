// Sub-job details panel, inside the webview: turns button clicks into messages for the extension,
// brings in the content the extension renders, and keeps the sub-job's reference in the webview
// state so the panel can be restored after a window reload. It never builds markup from data
// itself: the extension escapes every API string before the HTML reaches this page, and words every
// text in the display language.
// Bundled by esbuild into media/details.js (the only folder the webview may load from).
import { DetailsState, parseDetailsState } from '../model/detailsState';
import { dispatch, messageForAction, parsePanelMessage, ScriptMessage, scriptMessages } from '../model/detailsProtocol';
import { setDisplayLocale } from '../model/locale';
import { ownTimeZone } from '../model/timeZone';
import { formatRelativeTime } from '../model/time';
import { refocusAfterRedraw, toolbarTarget } from '../model/toolbarKeys';

interface WebviewApi {
  postMessage(message: ScriptMessage): void;
  setState(state: DetailsState): void;
}

declare function acquireVsCodeApi(): WebviewApi;

const vscode = acquireVsCodeApi();
const root = document.getElementById('details');

function saveState(state: DetailsState | undefined): void {
  if (state) vscode.setState(state);
}

function readInitialState(details: HTMLElement): void {
  const raw = details.getAttribute('data-state');
  if (!raw) return;
  try {
    saveState(parseDetailsState(JSON.parse(raw)));
  } catch {
    // A state this page cannot read is not worth keeping.
  }
}

/** "(5 min. ago)" goes stale while nothing is refetched (a finished sub-job), so it is kept current here. */
function updateRelativeTimes(details: HTMLElement): void {
  for (const element of details.querySelectorAll('[data-since]')) {
    const since = Number(element.getAttribute('data-since'));
    if (!Number.isFinite(since)) continue;
    const text = formatRelativeTime(new Date(since).toISOString(), Date.now());
    if (element.textContent !== text) element.textContent = text;
  }
}

/** What identifies a top-level part of the panel from one render to the next. */
function partKey(element: Element, index: number): string {
  return element.getAttribute('data-part') || element.id || `#${index}`;
}

/**
 * The markup each part was rendered from. Compared with the next render rather than the live DOM,
 * which changes under it (relative times kept current here, the find widget's highlights).
 */
const renderedFrom = new WeakMap<Element, string>();

/**
 * Brings the panel up to date part by part: a part whose markup did not change is left alone, so a
 * screen reader does not announce an unchanged error (role="alert") again on every refresh, and
 * focus and selection inside it survive.
 */
function update(details: HTMLElement, html: string): void {
  const incoming = document.createElement('template');
  incoming.innerHTML = html;
  const next = [...incoming.content.children];
  const current = new Map([...details.children].map((element, i) => [partKey(element, i), element]));
  // Parts that went are removed first and the line breaks between parts dropped, so a kept part is
  // never taken out and put back (a moved alert is announced again).
  const nextKeys = new Set(next.map((element, i) => partKey(element, i)));
  for (const [key, element] of current) {
    if (nextKeys.has(key)) continue;
    element.remove();
    current.delete(key);
  }
  for (const node of [...details.childNodes]) if (node.nodeType !== Node.ELEMENT_NODE) node.remove();
  let anchor: Element | null = null;
  next.forEach((element, i) => {
    const key = partKey(element, i);
    const existing = current.get(key);
    current.delete(key);
    const markup = element.outerHTML;
    renderedFrom.set(element, markup);
    let placed: Element;
    if (existing && renderedFrom.get(existing) === markup) placed = existing;
    else if (existing) {
      existing.replaceWith(element);
      placed = element;
    } else placed = element;
    const wanted: Element | null = anchor ? anchor.nextElementSibling : details.firstElementChild;
    if (placed !== wanted) details.insertBefore(placed, wanted);
    anchor = placed;
  });
}

/** A polite live region: what a copy button did is said, not only shown in the status bar. */
function announcer(): HTMLElement {
  let region = document.getElementById('announcer');
  if (!region) {
    region = document.createElement('div');
    region.id = 'announcer';
    region.className = 'visually-hidden';
    region.setAttribute('role', 'status');
    region.setAttribute('aria-live', 'polite');
    document.body.appendChild(region);
  }
  return region;
}

function announce(text: string): void {
  const region = announcer();
  // The same words twice in a row are announced again only if the region changes in between.
  region.textContent = '';
  setTimeout(() => (region.textContent = text), 50);
}

/** The toolbar's one tab stop is `button`: the one the arrow keys last moved to (roving tabindex). */
function makeTabStop(toolbar: Element, button: HTMLButtonElement): void {
  for (const other of toolbar.querySelectorAll('button')) other.tabIndex = other === button ? 0 : -1;
}

/** ←/→, Home and End move among the toolbar's buttons; Tab leaves it. */
function toolbarKey(event: KeyboardEvent): void {
  const target = event.target instanceof HTMLButtonElement ? event.target : null;
  const toolbar = target?.closest('[role="toolbar"]');
  if (!target || !toolbar || event.altKey || event.ctrlKey || event.metaKey || event.shiftKey) return;
  const buttons = [...toolbar.querySelectorAll('button')];
  const next = toolbarTarget(
    event.key,
    buttons.indexOf(target),
    buttons.map((b) => !b.disabled),
  );
  if (next === undefined) return;
  event.preventDefault();
  makeTabStop(toolbar, buttons[next]);
  buttons[next].focus();
}

/** Brings in new content, keeping the keyboard where it was: in the panel, or wherever else the user is. */
function render(details: HTMLElement, html: string, state: DetailsState | undefined): void {
  const active = document.activeElement;
  const focusedAction = active && details.contains(active) ? active.getAttribute('data-action') : null;
  update(details, html);
  saveState(state);
  // A button that was replaced loses focus; give it back to the same button, or (Keep Open,
  // gone once used; or a Copy button now disabled) to the first enabled one, so the keyboard is not
  // thrown back to the page's start. Not while the page lacks the keyboard: it would take it from the tree.
  const refocus = refocusAfterRedraw({
    buttonWasFocused: focusedAction !== null,
    pageHasFocus: document.hasFocus(),
    stillInside: details.contains(document.activeElement),
  });
  const again =
    focusedAction && !details.contains(document.activeElement)
      ? (details.querySelector(`[data-action="${CSS.escape(focusedAction)}"]:not(:disabled)`) ??
        details.querySelector('button[data-action]:not(:disabled)'))
      : null;
  if (again instanceof HTMLButtonElement && !again.disabled) {
    if (refocus) again.focus();
    else {
      // Back in the panel, Tab lands on the button last used.
      const toolbar = again.closest('[role="toolbar"]');
      if (toolbar) makeTabStop(toolbar, again);
    }
  }
  // A redrawn toolbar keeps its tab stop on the focused button.
  const focused = document.activeElement;
  const toolbar = focused?.closest('[role="toolbar"]');
  if (toolbar && focused instanceof HTMLButtonElement) makeTabStop(toolbar, focused);
  updateRelativeTimes(details);
}

function start(details: HTMLElement): void {
  setDisplayLocale(details.getAttribute('data-locale') ?? document.documentElement.lang ?? 'en');
  for (const part of details.children) renderedFrom.set(part, part.outerHTML);
  announcer();
  document.addEventListener('click', (event) => {
    const target = event.target instanceof Element ? event.target.closest('button[data-action]') : null;
    if (!(target instanceof HTMLButtonElement) || target.disabled) return;
    const message = messageForAction(target.getAttribute('data-action') ?? '');
    if (message) vscode.postMessage(message);
  });

  document.addEventListener('keydown', toolbarKey);
  // A button clicked becomes the toolbar's tab stop, as one reached by the arrow keys does.
  document.addEventListener('focusin', (event) => {
    const button = event.target instanceof HTMLButtonElement ? event.target : null;
    const toolbar = button?.closest('[role="toolbar"]');
    if (button && toolbar) makeTabStop(toolbar, button);
  });

  window.addEventListener('message', (event: MessageEvent) => {
    const parsed = parsePanelMessage(event.data);
    if (!parsed.ok) return;
    dispatch(parsed.message, {
      announce: ({ text }) => announce(text),
      render: ({ html, state }) => render(details, html, state),
    });
  });

  readInitialState(details);
  updateRelativeTimes(details);
  setInterval(() => updateRelativeTimes(details), 10_000);
  // The extension host may run elsewhere (SSH, WSL, a container): times are shown in this page's zone.
  vscode.postMessage(scriptMessages.ready(ownTimeZone()));
}

if (root) start(root);
