// Sub-job details panel: turns button clicks into messages for the extension, swaps in the content
// the extension renders, and keeps the sub-job's reference in the webview state so the panel can be
// restored after a window reload. It never builds markup from data itself: the extension escapes
// every API string before the HTML reaches this page.
/* global acquireVsCodeApi, document, window, setInterval, Element, CSS */
(function () {
  'use strict';

  const vscode = acquireVsCodeApi();
  const root = document.getElementById('details');
  if (!root) return;

  const COPY_ACTIONS = {
    'copy-id': 'id',
    'copy-jobId': 'jobId',
    'copy-resourceId': 'resourceId',
    'copy-json': 'json',
  };

  function saveState(state) {
    if (state && typeof state === 'object' && state.subJobRef) vscode.setState(state);
  }

  function readInitialState() {
    const raw = root.getAttribute('data-state');
    if (!raw) return;
    try {
      saveState(JSON.parse(raw));
    } catch {
      // A state this page cannot read is not worth keeping.
    }
  }

  document.addEventListener('click', (event) => {
    const target = event.target instanceof Element ? event.target.closest('button[data-action]') : null;
    if (!target || target.disabled) return;
    const action = target.getAttribute('data-action');
    if (action === 'refresh') {
      vscode.postMessage({ type: 'refresh' });
    } else if (Object.prototype.hasOwnProperty.call(COPY_ACTIONS, action)) {
      vscode.postMessage({ type: 'copy', what: COPY_ACTIONS[action] });
    }
  });

  window.addEventListener('message', (event) => {
    const message = event.data;
    if (!message || message.type !== 'render' || typeof message.html !== 'string') return;
    const active = document.activeElement;
    const focusedAction = active && root.contains(active) ? active.getAttribute('data-action') : null;
    root.innerHTML = message.html;
    saveState(message.state);
    if (focusedAction) {
      const again = root.querySelector(`[data-action="${CSS.escape(focusedAction)}"]`);
      if (again && !again.disabled) again.focus();
    }
    updateRelativeTimes();
  });

  // "(5 min. ago)" goes stale while nothing is refetched (a finished sub-job), so it is kept current here.
  const UNITS = [
    ['year', 365 * 24 * 3600],
    ['month', 30 * 24 * 3600],
    ['week', 7 * 24 * 3600],
    ['day', 24 * 3600],
    ['hour', 3600],
    ['minute', 60],
    ['second', 1],
  ];
  const relativeFormat = new Intl.RelativeTimeFormat('en', { numeric: 'auto', style: 'short' });

  function relativeTime(since) {
    const seconds = Math.round((since - Date.now()) / 1000);
    for (const [unit, size] of UNITS) {
      if (Math.abs(seconds) >= size || unit === 'second') {
        if (unit === 'second' && Math.abs(seconds) < 10) return 'just now';
        return relativeFormat.format(Math.trunc(seconds / size), unit);
      }
    }
    return '';
  }

  function updateRelativeTimes() {
    for (const element of root.querySelectorAll('[data-since]')) {
      const since = Number(element.getAttribute('data-since'));
      if (Number.isFinite(since)) element.textContent = `(${relativeTime(since)})`;
    }
  }

  readInitialState();
  updateRelativeTimes();
  setInterval(updateRelativeTimes, 10_000);
  vscode.postMessage({ type: 'ready' });
})();
