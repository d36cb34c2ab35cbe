// Sub-job details panel, inside the webview: turns button clicks into messages for the extension,
// swaps in the content the extension renders, and keeps the sub-job's reference in the webview
// state so the panel can be restored after a window reload. It never builds markup from data
// itself: the extension escapes every API string before the HTML reaches this page.
// Bundled by esbuild into media/details.js (the only folder the webview may load from).
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
    if (Number.isFinite(since)) element.textContent = `(${formatRelativeTime(new Date(since).toISOString(), Date.now())})`;
  }
}

function start(details: HTMLElement): void {
  document.addEventListener('click', (event) => {
    const target = event.target instanceof Element ? event.target.closest('button[data-action]') : null;
    if (!(target instanceof HTMLButtonElement) || target.disabled) return;
    const action = target.getAttribute('data-action') ?? '';
    if (action === 'refresh') vscode.postMessage({ type: 'refresh' });
    else if (Object.prototype.hasOwnProperty.call(COPY_ACTIONS, action)) vscode.postMessage({ type: 'copy', what: COPY_ACTIONS[action] });
  });

  window.addEventListener('message', (event: MessageEvent) => {
    const message = event.data as { type?: unknown; html?: unknown; state?: unknown } | undefined;
    if (!message || message.type !== 'render' || typeof message.html !== 'string') return;
    const active = document.activeElement;
    const focusedAction = active && details.contains(active) ? active.getAttribute('data-action') : null;
    details.innerHTML = message.html;
    saveState(message.state);
    if (focusedAction) {
      const again = details.querySelector(`[data-action="${CSS.escape(focusedAction)}"]`);
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
