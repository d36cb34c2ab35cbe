// Client of the UI probe (test/harness/uiProbe.mjs): lets a test running in the extension host see
// what a user sees in the workbench and type/click like one. Only available when the suite runs
// through test/harness/runIntegration.mjs (code-server + Chromium); under @vscode/test-electron
// `ui.available` is false and UI tests should call `this.skip()`.

/** One rendered tree row (virtualised lists only render the rows that are scrolled into view). */
export interface TreeRow {
  /** The row's aria-label: the tooltip when the TreeItem has a string tooltip, else label + description. */
  label: string;
  /** The visible label text (TreeItem.label). */
  name: string;
  /** The visible description text (TreeItem.description), '' when none. */
  description: string;
  /** 1 for top-level rows. */
  level: number;
  /** undefined for rows that cannot expand. */
  expanded?: boolean;
  selected: boolean;
  focused: boolean;
  /** Position among the rendered rows of its list. */
  index: number;
  /** Codicon name of a ThemeIcon (e.g. 'error', 'sync~spin' shows as 'sync'), when the row has one. */
  icon?: string;
  /** Titles of the row's inline actions (view/item/context "inline" group); in the DOM even when not hovered. */
  actions: string[];
}

export interface RowsQuery {
  /** Only rows of the view pane with this title (case-insensitive), e.g. 'WorkspaceApp Jobs'. */
  view?: string;
  /** Only rows inside elements matching this CSS selector, e.g. '#workbench\\.view\\.extension\\.workspaceJobs'. */
  container?: string;
}

export interface RowsResult {
  /** false when the view/container was not found (not open, or a wrong title). */
  found: boolean;
  rows: TreeRow[];
}

export interface ViewState {
  /** false when no visible pane has this title: open its container first (e.g. '<viewId>.focus'). */
  found: boolean;
  title?: string;
  /** false when the view is alone in its container (its header merges into the container title). */
  headerVisible?: boolean;
  /** The sidebar title, e.g. 'Workspace Jobs: WorkspaceApp Jobs' (VS Code shows it upper-cased via CSS). */
  containerTitle?: string;
  expanded?: boolean;
  /** TreeView.description: in the DOM, but NOT visible when headerVisible is false. */
  description?: string;
  /** TreeView.message as shown above the rows, '' when none. */
  message?: string;
  /** The viewsWelcome content when it is shown (text, command-link buttons, inline links). */
  welcome?: { text: string; buttons: string[]; links: string[] } | null;
  /** Titles of the view's title-bar actions (navigation group icons). */
  actions?: string[];
  /** innerText of the whole pane body. */
  text?: string;
}

export interface QuickPickItemState {
  label: string;
  description: string;
  detail: string;
  /** Separator label shown on this item's row, '' when none. */
  separator: string;
  ariaLabel: string;
  focused: boolean;
  /** Multi-select (canPickMany) only: whether the item is ticked. undefined in single-select picks. */
  checked?: boolean;
}

export interface QuickInputState {
  visible: boolean;
  title?: string;
  /** The line under the input: InputBox prompt, or the validation message while one is shown. */
  message?: string;
  description?: string;
  placeholder?: string;
  value?: string;
  /** true for showInputBox({ password: true }). */
  password?: boolean;
  /** Severity of the validation message ('none' while the input is valid). */
  severity?: 'error' | 'warning' | 'info' | 'none';
  busy?: boolean;
  items: QuickPickItemState[];
}

export interface NotificationState {
  message: string;
  /** The extension's display name (or the source given by VS Code). */
  source: string;
  severity: 'error' | 'warning' | 'info';
  buttons: string[];
  progress: boolean;
}

export interface StatusBarItemState {
  id: string;
  text: string;
  ariaLabel: string;
}

/** A webview whose document has not loaded: its content frame is missing or still about:blank. */
export interface LoadingWebview {
  id: string;
  visible: boolean;
  /** The URLs of its frames so far. */
  frames: string[];
}

export interface WebviewState {
  /** The webview's internal id (not the viewType). */
  id: string;
  extensionId: string;
  /** 'webviewView' or 'webviewPanel' (from the iframe URL), '' if unknown. */
  purpose: string;
  /** Whether the webview's iframe is shown (a panel in a background tab is not). */
  visible: boolean;
  /** document.title of the webview content. */
  title: string;
  /** document.body.innerText of the webview content. */
  text: string;
  /** outerHTML of the webview content's document. */
  html: string;
}

export interface MenuItemState {
  label: string;
  enabled: boolean;
  checked: boolean;
}

export interface ElementState {
  text: string;
  ariaLabel: string;
  visible: boolean;
  className: string;
  /** true for elements found inside a webview (query(selector, { webviews: true })). */
  inWebview: boolean;
}

export interface ClickTarget {
  /** A playwright selector (CSS, pierces shadow roots), e.g. '.activitybar a[aria-label^="Workspace Jobs"]'. */
  selector?: string;
  /** Visible text to click (substring unless exact); with a selector: the first match containing it. */
  text?: string;
  exact?: boolean;
  /** Also look inside webviews when the workbench has no match (default true). */
  webviews?: boolean;
  button?: 'left' | 'right' | 'middle';
  double?: boolean;
  timeoutMs?: number;
}

export interface RowTarget {
  /** The row's visible label (TreeItem.label), or its full aria-label. */
  label: string;
  /** Restrict to the view pane with this title. */
  view?: string;
  /** Click this inline action (by title) of the row instead of the row itself. */
  action?: string;
  button?: 'left' | 'right' | 'middle';
  double?: boolean;
  timeoutMs?: number;
}

export interface AxeViolation {
  id: string;
  /** minor, moderate, serious or critical. */
  impact: string | null;
  help: string;
  nodes: { target: string; summary: string }[];
}

export interface AxeResult {
  /** document.title of the webview. */
  title: string;
  violations: AxeViolation[];
  /** Set when axe could not run in that webview. */
  error?: string;
}

export class UiProbeError extends Error {}

const probeUrl = process.env.WORKSPACE_JOBS_UI_PROBE;

async function call<T>(endpoint: string, body: unknown = {}): Promise<T> {
  if (!probeUrl)
    throw new UiProbeError(
      'The UI probe is not available (WORKSPACE_JOBS_UI_PROBE is unset); call this.skip() when !ui.available.',
    );
  const res = await fetch(`${probeUrl}${endpoint}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body ?? {}),
  });
  const data = (await res.json()) as T & { error?: string };
  if (!res.ok) throw new UiProbeError(`UI probe ${endpoint}: ${data.error ?? res.status}`);
  return data;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

let timeoutShots = 0;

export interface WaitOptions {
  /** Poll interval, default 200 ms. */
  intervalMs?: number;
  /** Text for the error thrown on timeout (a function is called then, e.g. to describe the last state). */
  message?: string | (() => string);
  /** Save a screenshot test-artifacts/<name>.png on timeout (default 'wait-timeout-N' when the probe is available; false to skip). */
  screenshot?: string | false;
}

/**
 * Calls `fn` until it returns a truthy value (which is returned) or `timeoutMs` passes, then throws
 * with the last value (or error) seen. Errors thrown by `fn` count as "not yet".
 */
export async function waitFor<T>(
  fn: () => T | Promise<T>,
  timeoutMs = 10_000,
  options: WaitOptions = {},
): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  let lastError: unknown;
  for (;;) {
    try {
      last = await fn();
      lastError = undefined;
      if (last) return last as NonNullable<T>;
    } catch (e) {
      lastError = e;
    }
    if (Date.now() >= deadline) break;
    await sleep(options.intervalMs ?? 200);
  }
  let shot = '';
  if (probeUrl && options.screenshot !== false) {
    try {
      shot = (await ui.screenshot(options.screenshot ?? `wait-timeout-${++timeoutShots}`)) ?? '';
    } catch {
      /* best effort */
    }
  }
  const seen =
    lastError !== undefined
      ? `last error: ${lastError instanceof Error ? lastError.message : String(lastError)}`
      : `last value: ${JSON.stringify(last)}`;
  const message = typeof options.message === 'function' ? options.message() : options.message;
  throw new Error(
    `${message ?? 'waitFor timed out'} after ${timeoutMs} ms (${seen})${shot ? `; screenshot ${shot}` : ''}`,
  );
}

/**
 * "color-contrast ×3 (serious): …" for each violation of serious or critical impact, plus a line for
 * each webview axe could not run in, or one when no webview showing `text` was checked at all.
 */
export function seriousViolations(results: AxeResult[], text: string): string[] {
  if (!results.length) return [`axe ran in no webview showing ${text}`];
  const found: string[] = [];
  for (const result of results) {
    if (result.error) found.push(`axe did not run: ${result.error}`);
    for (const v of result.violations) {
      if (v.impact === 'serious' || v.impact === 'critical')
        found.push(
          `${v.id} ×${v.nodes.length} (${v.impact}): ${v.nodes
            .slice(0, 3)
            .map((n) => n.target)
            .join(', ')}`,
        );
    }
  }
  return found;
}

export const ui = {
  /** true when the suite runs under the code-server harness and the probe can be reached. */
  available: !!probeUrl,
  url: probeUrl,

  /** Visible tree rows, in display order. Without a query: all tree rows on the page. */
  async rows(query: RowsQuery = {}): Promise<TreeRow[]> {
    return (await call<RowsResult>('/rows', query)).rows;
  },
  /** Like rows(), plus whether the view/container was found. */
  async rowsResult(query: RowsQuery = {}): Promise<RowsResult> {
    return call<RowsResult>('/rows', query);
  },
  /** Everything shown in one view pane, found by its title (e.g. 'WorkspaceApp Jobs'). */
  async view(title: string): Promise<ViewState> {
    return call<ViewState>('/view', { title });
  },
  /** Content of every webview (panels and webview views) currently in the page. */
  async webviews(): Promise<WebviewState[]> {
    return (await call<{ webviews: WebviewState[] }>('/webviews')).webviews;
  },
  /** The webviews with their documents, and those whose document has not loaded yet. */
  async webviewFrames(): Promise<{ webviews: WebviewState[]; loading: LoadingWebview[] }> {
    return call<{ webviews: WebviewState[]; loading: LoadingWebview[] }>('/webviews');
  },
  /** Types into the focused element (quick input, editor, …); `enter` presses Enter afterwards. */
  async type(text: string, options: { enter?: boolean; delay?: number } = {}): Promise<void> {
    await call('/type', { text, ...options });
  },
  /** Presses a key or chord in playwright's syntax: 'Enter', 'Escape', 'ArrowDown', 'F1', 'Control+Shift+P'. */
  async press(key: string): Promise<void> {
    await call('/press', { key });
  },
  /** Saves test-artifacts/<name>.png (full page) and returns its path. */
  async screenshot(name: string): Promise<string> {
    return (await call<{ path: string }>('/screenshot', { name })).path;
  },
  /** State of the quick input (quick pick or input box); { visible: false, items: [] } when closed. */
  async quickInput(): Promise<QuickInputState> {
    return call<QuickInputState>('/quickInput');
  },
  /** Notification toasts currently shown (bottom right). */
  async notifications(): Promise<NotificationState[]> {
    return (await call<{ notifications: NotificationState[] }>('/notifications')).notifications;
  },
  /** The notifications in the notification centre (opened by the bell, then closed again). */
  async notificationCenter(): Promise<NotificationState[]> {
    return (await call<{ notifications: NotificationState[] }>('/notificationCenter')).notifications;
  },
  /** Visible status bar items. */
  async statusBar(): Promise<StatusBarItemState[]> {
    return (await call<{ items: StatusBarItemState[] }>('/statusBar')).items;
  },
  /**
   * Clicks the first element matching a selector and/or a visible text, in the workbench or else
   * in a webview, waiting up to timeoutMs (5 s) for one to appear. Returns whether it was in a webview.
   */
  async click(target: ClickTarget): Promise<{ inWebview: boolean }> {
    const r = await call<{ inWebview: boolean }>('/click', target);
    return { inWebview: r.inWebview };
  },
  /** Clicks a tree row by its label (or one of its inline actions). */
  async clickRow(target: RowTarget): Promise<void> {
    await call('/clickRow', target);
  },
  /** Items of the open context menu (after a right click), [] when none is open. */
  async menu(): Promise<MenuItemState[]> {
    return (await call<{ items: MenuItemState[] }>('/menu')).items;
  },
  /**
   * Ticks/unticks an item of a multi-select quick pick (canPickMany) by clicking its checkbox.
   * (Pressing Space while the filter box has focus types a space instead; Enter accepts the ticked items.)
   */
  async toggleQuickPickItem(label: string, timeoutMs = 5_000): Promise<void> {
    await call('/quickPickToggle', { label, timeoutMs });
  },
  /** Clicks the item of the open context menu whose label is exactly `label` (open it with a right click first). */
  async menuSelect(label: string, timeoutMs = 5_000): Promise<void> {
    await call('/menuSelect', { label, timeoutMs });
  },
  /**
   * Runs axe-core in each visible webview (only those showing `text`, when given); returns the
   * violations found in each. `options` are axe.run's (rules, runOnly, …).
   */
  async axe(text?: string, options?: unknown): Promise<AxeResult[]> {
    return (await call<{ results: AxeResult[] }>('/axe', { text, options })).results;
  },
  /** From now on, counts elements matching `selector` taken out of a webview's document (removed, replaced or moved); returns the frames watched. */
  async observeRemovals(selector: string): Promise<number> {
    return (await call<{ frames: number }>('/observeRemovals', { selector })).frames;
  },
  /** How many elements /observeRemovals has seen taken out since it started; throws if no webview document is still watched (it was reloaded). */
  async removals(): Promise<number> {
    const { removals, watched } = await call<{ removals: number; watched: number }>('/removals');
    if (!watched) throw new Error('No webview is watched any more: the document was reloaded since observeRemovals.');
    return removals;
  },
  /** Marks the elements matching `selector` (webviews included) with data-probe-mark="mark"; returns how many. */
  async mark(selector: string, mark = '1'): Promise<number> {
    return (await call<{ marked: number }>('/mark', { selector, mark })).marked;
  },
  /** Text and state of every element matching a playwright selector (also inside webviews with { webviews: true }): the escape hatch. */
  async query(selector: string, options: { webviews?: boolean } = {}): Promise<ElementState[]> {
    return (await call<{ elements: ElementState[] }>('/query', { selector, ...options })).elements;
  },

  /** Waits until `predicate(rows)` holds for the rows of `query`; returns those rows. */
  async waitForRows(
    predicate: (rows: TreeRow[]) => boolean,
    query: RowsQuery = {},
    timeoutMs = 10_000,
  ): Promise<TreeRow[]> {
    let last: TreeRow[] | undefined;
    return waitFor(
      async () => {
        last = await ui.rows(query);
        return predicate(last) ? last : undefined;
      },
      timeoutMs,
      {
        message: () =>
          `rows ${JSON.stringify(query)} never matched; last rows: ${last ? JSON.stringify(last.map((r) => `${'  '.repeat(r.level - 1)}${r.expanded === undefined ? '' : r.expanded ? '▾ ' : '▸ '}${r.name}${r.description ? ` — ${r.description}` : ''}`)) : 'none read'}`,
      },
    );
  },
  /** Waits until the quick input is visible and `predicate` (default: always) holds; returns its state. */
  async waitForQuickInput(
    predicate: (q: QuickInputState) => boolean = () => true,
    timeoutMs = 10_000,
  ): Promise<QuickInputState> {
    let last: QuickInputState | undefined;
    return waitFor(
      async () => {
        last = await ui.quickInput();
        return last.visible && predicate(last) ? last : undefined;
      },
      timeoutMs,
      {
        message: () =>
          `quick input never matched; last state: ${JSON.stringify(last && { ...last, items: last.items.slice(0, 10) })}`,
      },
    );
  },
  /** Waits until the quick input is closed. */
  async waitForQuickInputClosed(timeoutMs = 10_000): Promise<void> {
    await waitFor(async () => !(await ui.quickInput()).visible, timeoutMs, { message: 'quick input did not close' });
  },
  /**
   * Waits for a notification toast whose message contains `text` (string) or matches it (RegExp).
   * VS Code toasts only a few notifications at once and sends the rest to the notification centre
   * without a toast: after half the time, the centre is looked in too (the bell shows it to a user).
   */
  async waitForNotification(text: string | RegExp, timeoutMs = 10_000): Promise<NotificationState> {
    let last: NotificationState[] = [];
    const started = Date.now();
    const matches = (n: NotificationState) =>
      typeof text === 'string' ? n.message.includes(text) : text.test(n.message);
    return waitFor(
      async () => {
        last = await ui.notifications();
        const toast = last.find(matches);
        if (toast || Date.now() - started < timeoutMs / 2) return toast;
        const centre = await ui.notificationCenter().catch(() => [] as NotificationState[]);
        last = [...last, ...centre];
        return centre.find(matches);
      },
      timeoutMs,
      { message: () => `no notification ${String(text)}; shown: ${JSON.stringify(last.map((n) => n.message))}` },
    );
  },
  /** Waits for a webview whose text contains `text`; returns it. */
  async waitForWebview(text: string | RegExp, timeoutMs = 10_000): Promise<WebviewState> {
    let last: { webviews: WebviewState[]; loading: LoadingWebview[] } | undefined;
    return waitFor(
      async () => {
        last = await ui.webviewFrames();
        return last.webviews.find((w) => (typeof text === 'string' ? w.text.includes(text) : text.test(w.text)));
      },
      timeoutMs,
      {
        message: () =>
          `no webview showing ${String(text)}; shown: ${JSON.stringify(
            last?.webviews.map((w) => `${w.visible ? 'visible' : 'hidden'} ${w.id}: ${w.text.slice(0, 80)}`) ??
              'none read',
          )}; not loaded yet: ${JSON.stringify(last?.loading ?? [])}`,
      },
    );
  },
  /** Runs a command the way a user does: F1, type its title, Enter. */
  async runFromPalette(title: string): Promise<void> {
    await ui.press('F1');
    await ui.waitForQuickInput();
    await ui.type(title);
    await waitFor(async () => (await ui.quickInput()).items.some((i) => i.label.includes(title)), 5_000, {
      message: `command "${title}" not in the palette`,
    });
    await ui.press('Enter');
  },
  sleep,
};
