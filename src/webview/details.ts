// Sub-job details panel, inside the webview: turns button clicks into messages for the extension,
// brings in the content the extension renders, and keeps the sub-job's reference in the webview
// state so the panel can be restored after a window reload. It never builds markup from data
// itself: the extension escapes every API string before the HTML reaches this page, and words every
// text in the display language.
// Bundled by esbuild into media/details.js (the only folder the webview may load from).
import { setDisplayLocale } from '../model/locale';
import { formatRelativeTime } from '../model/time';

interface WebviewApi {
  postMessage(message: unknown): void;
  setState(state: unknown): void;
}

declare function acquireVsCodeApi(): WebviewApi;

const COPY_ACTIONS: Record<string, string> = {
  'copy-id': 'id',
  'copy-jobId': 'jobId',
  'copy-resourceId': 'resourceId',
  'copy-json': 'json',
};

const vscode = acquireVsCodeApi();
const root = document.getElementById('details');

function saveState(state: unknown): void {
  if (state && typeof state === 'object' && 'subJobRef' in state) vscode.setState(state);
}

function readInitialState(details: HTMLElement): void {
  const raw = details.getAttribute('data-state');
  if (!raw) return;
  try {
    saveState(JSON.parse(raw));
  } catch {
    // A state this page cannot read is not worth keeping.
  }
}

/** "(5 min. ago)" goes stale while nothing is refetched (a finished sub-job), so it is kept current here. */
function updateRelativeTimes(details: HTMLElement): void {
  for (const element of details.querySelectorAll('[data-since]')) {
    const since = Number(element.getAttribute('data-since'));
    if (!Number.isFinite(since)) continue;
    const text = `(${formatRelativeTime(new Date(since).toISOString(), Date.now())})`;
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

function start(details: HTMLElement): void {
  setDisplayLocale(details.getAttribute('data-locale') ?? document.documentElement.lang ?? 'en');
  for (const part of details.children) renderedFrom.set(part, part.outerHTML);
  announcer();
  document.addEventListener('click', (event) => {
    const target = event.target instanceof Element ? event.target.closest('button[data-action]') : null;
    if (!(target instanceof HTMLButtonElement) || target.disabled) return;
    const action = target.getAttribute('data-action') ?? '';
    // The extension keeps a preview panel open on any of these.
    if (action === 'refresh') vscode.postMessage({ type: 'refresh' });
    else if (action === 'pin') vscode.postMessage({ type: 'pin' });
    else if (Object.prototype.hasOwnProperty.call(COPY_ACTIONS, action))
      vscode.postMessage({ type: 'copy', what: COPY_ACTIONS[action] });
  });

  window.addEventListener('message', (event: MessageEvent) => {
    const message = event.data as { type?: unknown; html?: unknown; state?: unknown; text?: unknown } | undefined;
    if (!message) return;
    if (message.type === 'announce' && typeof message.text === 'string') {
      announce(message.text);
      return;
    }
    if (message.type !== 'render' || typeof message.html !== 'string') return;
    const active = document.activeElement;
    const focusedAction = active && details.contains(active) ? active.getAttribute('data-action') : null;
    update(details, message.html);
    saveState(message.state);
    // A button that was replaced loses focus; give it back to the same button, or (Keep Open,
    // gone once used; or a Copy button now disabled) to the first enabled one, so the keyboard is not thrown back to the page's start.
    if (focusedAction && !details.contains(document.activeElement)) {
      const again =
        details.querySelector(`[data-action="${CSS.escape(focusedAction)}"]:not(:disabled)`) ??
        details.querySelector('button[data-action]:not(:disabled)');
      if (again instanceof HTMLButtonElement && !again.disabled) again.focus();
    }
    updateRelativeTimes(details);
  });

  readInitialState(details);
  updateRelativeTimes(details);
  setInterval(() => updateRelativeTimes(details), 10_000);
  vscode.postMessage({ type: 'ready' });
}

if (root) start(root);
