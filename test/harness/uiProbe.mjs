// The UI probe: a tiny HTTP server on 127.0.0.1 that lets the test suite (running inside the
// extension host) look at, and act on, the workbench page through playwright. JSON in, JSON out.
// The client is test/integration/ui.ts; the endpoints are listed in ROUTES below.
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as http from 'node:http';
import * as path from 'node:path';
import { URL, URLSearchParams } from 'node:url';

// axe-core is a dev dependency the probe injects into webviews.
const require = createRequire(import.meta.url);

/* global document, getComputedStyle, MutationObserver -- used only inside functions evaluated in the workbench page */
// ---------------------------------------------------------------------------------------------
// Functions evaluated inside the workbench page (no closures: playwright serialises them).

/** Visible tree rows, optionally only those of one view pane (by title) or of a CSS container. */
function domRows(opts) {
  const isVisible = (el) => !!el && el.getClientRects().length > 0 && getComputedStyle(el).visibility !== 'hidden';
  const text = (el) => (el ? (el.textContent || '').trim() : '');
  const readRow = (row) => {
    const expanded = row.getAttribute('aria-expanded');
    const icon = row.querySelector('.custom-view-tree-node-item-icon');
    const iconName = icon ? [...icon.classList].find((c) => c.startsWith('codicon-') && c !== 'codicon-') : undefined;
    return {
      label: row.getAttribute('aria-label') || '',
      name: text(row.querySelector('.label-name')),
      description: text(row.querySelector('.label-description')),
      level: Number(row.getAttribute('aria-level') || '1'),
      expanded: expanded === null ? undefined : expanded === 'true',
      selected: row.getAttribute('aria-selected') === 'true',
      focused: row.classList.contains('focused'),
      index: Number(row.getAttribute('data-index') || '-1'),
      icon: iconName ? iconName.slice('codicon-'.length) : undefined,
      actions: [...row.querySelectorAll('.actions .action-label')]
        .map((a) => a.getAttribute('aria-label') || text(a))
        .filter(Boolean),
    };
  };
  let roots;
  let found = true;
  if (opts && opts.view) {
    const want = String(opts.view).trim().toLowerCase();
    const panes = [...document.querySelectorAll('.pane')].filter((p) => {
      const t = p.querySelector(':scope > .pane-header h3.title');
      return t && text(t).toLowerCase() === want;
    });
    roots = panes.map((p) => p.querySelector(':scope > .pane-body')).filter((b) => b && isVisible(b));
    found = roots.length > 0;
  } else if (opts && opts.container) {
    roots = [...document.querySelectorAll(opts.container)];
    found = roots.length > 0;
  } else {
    roots = [document];
  }
  const selector = opts && (opts.view || opts.container) ? '.monaco-list-row' : '.monaco-list-row[role="treeitem"]';
  const rows = [];
  for (const root of roots)
    for (const row of root.querySelectorAll(selector)) if (isVisible(row)) rows.push(readRow(row));
  rows.sort((a, b) => a.index - b.index);
  return { found, rows };
}

/** Everything a user sees of one view pane (found by its title, case-insensitive). */
function domView(opts) {
  const isVisible = (el) => !!el && el.getClientRects().length > 0 && getComputedStyle(el).visibility !== 'hidden';
  const text = (el) => (el ? (el.textContent || '').trim() : '');
  const want = String(opts.title).trim().toLowerCase();
  const pane = [...document.querySelectorAll('.pane')].find((p) => {
    const t = p.querySelector(':scope > .pane-header h3.title');
    return t && text(t).toLowerCase() === want && isVisible(p);
  });
  if (!pane) return { found: false };
  const header = pane.querySelector(':scope > .pane-header');
  const body = pane.querySelector(':scope > .pane-body');
  const message = body && body.querySelector('.message');
  const welcome = body && body.querySelector('.welcome-view');
  const welcomeVisible = welcome && isVisible(welcome);
  // With a single view in its container, the pane header is hidden and the container's title bar
  // ("CONTAINER: VIEW") shows the view's actions instead.
  const headerVisible = isVisible(header);
  let actionsRoot = header;
  if (!headerVisible) {
    const part = pane.closest('.part');
    actionsRoot = part && part.querySelector(':scope > .composite.title .title-actions');
  }
  return {
    found: true,
    title: text(header && header.querySelector('h3.title')),
    headerVisible,
    containerTitle: text(pane.closest('.part') && pane.closest('.part').querySelector(':scope > .composite.title h2')),
    expanded: pane.classList.contains('expanded'),
    description: text(header && header.querySelector('.description')),
    message: message && isVisible(message) ? (message.innerText || '').trim() : '',
    welcome: welcomeVisible
      ? {
          text: (welcome.innerText || '').trim(),
          buttons: [...welcome.querySelectorAll('.monaco-button')].map((b) => text(b)).filter(Boolean),
          links: [...welcome.querySelectorAll('a.monaco-link, a[href]')].map((a) => text(a)).filter(Boolean),
        }
      : null,
    actions: actionsRoot
      ? [...actionsRoot.querySelectorAll('.action-label')]
          .map((a) => a.getAttribute('aria-label') || text(a))
          .filter(Boolean)
      : [],
    text: body && isVisible(body) ? (body.innerText || '').trim() : '',
  };
}

function domQuickInput() {
  const isVisible = (el) => !!el && el.getClientRects().length > 0 && getComputedStyle(el).visibility !== 'hidden';
  const text = (el) => (el ? (el.textContent || '').trim() : '');
  const w = document.querySelector('.quick-input-widget');
  if (!w || !isVisible(w) || getComputedStyle(w).display === 'none') return { visible: false, items: [] };
  const input = w.querySelector('.quick-input-box input');
  const inputbox = w.querySelector('.quick-input-box .monaco-inputbox');
  const cls = inputbox ? inputbox.classList : { contains: () => false };
  const severity = cls.contains('error')
    ? 'error'
    : cls.contains('warning')
      ? 'warning'
      : cls.contains('info')
        ? 'info'
        : 'none';
  const progress = w.querySelector('.quick-input-progress');
  const items = [...w.querySelectorAll('.quick-input-list .monaco-list-row')].filter(isVisible).map((row) => {
    // canPickMany: VS Code 1.100 draws a custom toggle (div.monaco-checkbox, class "checked"),
    // older versions an <input type=checkbox>.
    const checkbox = row.querySelector('.monaco-checkbox, input[type="checkbox"]');
    const checked = !checkbox
      ? undefined
      : checkbox.tagName === 'INPUT'
        ? checkbox.checked
        : checkbox.classList.contains('checked') || checkbox.getAttribute('aria-checked') === 'true';
    return {
      label: text(row.querySelector('.quick-input-list-row:first-child .label-name')),
      description: text(row.querySelector('.quick-input-list-row:first-child .label-description')),
      detail: text(row.querySelector('.quick-input-list-label-meta .label-name')),
      separator: text(row.querySelector('.quick-input-list-separator')),
      ariaLabel: row.getAttribute('aria-label') || '',
      focused: row.classList.contains('focused'),
      checked,
    };
  });
  const visibleText = (sel) => {
    const el = w.querySelector(sel);
    return el && isVisible(el) ? text(el) : '';
  };
  return {
    visible: true,
    title: visibleText('.quick-input-title'),
    message: visibleText('.quick-input-message'),
    description:
      visibleText('.quick-input-header .quick-input-description') || visibleText(':scope > .quick-input-description'),
    placeholder: input ? input.getAttribute('placeholder') || '' : '',
    value: input ? input.value : '',
    password: !!input && input.type === 'password',
    severity,
    busy: !!progress && isVisible(progress) && !progress.classList.contains('done'),
    items,
  };
}

function domNotifications(where = 'toasts') {
  const isVisible = (el) => !!el && el.getClientRects().length > 0 && getComputedStyle(el).visibility !== 'hidden';
  const text = (el) => (el ? (el.textContent || '').trim() : '');
  const containers =
    where === 'center'
      ? [...document.querySelectorAll('.notifications-center')]
      : [...document.querySelectorAll('.notifications-toasts .notification-toast-container')];
  return containers
    .filter(isVisible)
    .flatMap((toast) => [...toast.querySelectorAll('.notification-list-item')])
    .map((item) => {
      const icon = item.querySelector('.notification-list-item-icon');
      const ic = icon ? icon.classList : { contains: () => false };
      const severity = ic.contains('codicon-error') ? 'error' : ic.contains('codicon-warning') ? 'warning' : 'info';
      return {
        message: (item.querySelector('.notification-list-item-message')?.innerText || '').trim(),
        source: text(item.querySelector('.notification-list-item-source')).replace(/^Source:\s*/, ''),
        severity,
        buttons: [...item.querySelectorAll('.notification-list-item-buttons-container .monaco-button')]
          .map((b) => text(b))
          .filter(Boolean),
        progress: !!item.parentElement?.parentElement?.querySelector('.monaco-progress-container:not(.done)'),
      };
    });
}

function domStatusBar() {
  const isVisible = (el) => !!el && el.getClientRects().length > 0 && getComputedStyle(el).visibility !== 'hidden';
  return [...document.querySelectorAll('#workbench\\.parts\\.statusbar .statusbar-item')]
    .filter(isVisible)
    .map((el) => {
      const a = el.querySelector('.statusbar-item-label') || el;
      return {
        id: el.id || '',
        text: (a.innerText || a.textContent || '').trim(),
        ariaLabel: a.getAttribute('aria-label') || el.getAttribute('aria-label') || '',
      };
    });
}

// ---------------------------------------------------------------------------------------------

function sanitize(name) {
  const s = String(name || 'screenshot')
    .replace(/\.png$/i, '')
    .replace(/[^A-Za-z0-9._-]+/g, '_')
    .slice(0, 100);
  return s || 'screenshot';
}

/**
 * The first line of an error, and for a playwright action that timed out the last lines of its call
 * log: they say why it never acted (another element intercepts pointer events, not stable, …).
 */
function probeError(e) {
  if (!e || !e.message) return String(e);
  // eslint-disable-next-line no-control-regex
  const [first, ...rest] = e.message.replace(/\u001b\[[0-9;]*m/g, '').split('\n');
  const log = rest.map((l) => l.trim()).filter((l) => l && l !== 'Call log:' && !l.startsWith('='));
  const distinct = [...new Set(log.map((l) => l.replace(/^- +/, '')).reverse())].reverse();
  return distinct.length ? `${first} (${distinct.slice(-6).join(' | ')})` : first;
}

/**
 * Takes the pointer off whatever it was left on, and waits for a hover it opened there to go. A
 * row's tooltip opens after the hover delay (on a loaded machine a test easily waits that long
 * between two clicks) right below the row, over the next one; a click aimed at that row then moves
 * the pointer onto the tooltip, which stays open while the pointer is on it: every retry of the
 * click hits the tooltip until it times out (seen: "Running: 1 sub-job" over the FAILED row).
 */
async function leaveHovers(page) {
  // The title bar's empty top-left corner: nothing there has a hover, and no webview is under it.
  await page.mouse.move(2, 2);
  const hover = page.locator('.monaco-hover, .workbench-hover-container').filter({ visible: true });
  try {
    await hover.first().waitFor({ state: 'hidden', timeout: 2000 });
  } catch {
    /* one that stays is reported by the click it blocks */
  }
}

/** Finds the locator of the tree row whose visible label (or aria-label) is `label`. */
function rowLocator(page, { view, label }) {
  let scope = page.locator('body');
  if (view) {
    const pane = page.locator('.pane').filter({
      has: page.locator(':scope > .pane-header h3.title', { hasText: new RegExp(`^\\s*${escapeRe(view)}\\s*$`, 'i') }),
    });
    scope = pane.locator(':scope > .pane-body');
  }
  const rows = scope.locator('.monaco-list-row');
  const byName = rows.filter({
    has: page.locator('.label-name', { hasText: new RegExp(`^\\s*${escapeRe(label)}\\s*$`) }),
  });
  const byAria = rows.and(page.locator(`[aria-label="${String(label).replace(/(["\\])/g, '\\$1')}"]`));
  return byName.or(byAria).first();
}

/**
 * After a right click: waits for the context menu, then a little longer: a menu item clicked in
 * its first ~100 ms is ignored by VS Code (seen: the item highlights, nothing runs).
 */
async function settleContextMenu(page) {
  try {
    await page.locator('.monaco-menu .action-item').first().waitFor({ state: 'visible', timeout: 2000 });
  } catch {
    return; // no menu opened
  }
  await new Promise((resolve) => setTimeout(resolve, 300));
}

/** The content frames of the webviews in the page (VS Code wraps each in an outer iframe). */
function webviewContentFrames(page) {
  return page
    .frames()
    .filter((f) => f.url().includes('/webview/browser/pre/index.html'))
    .flatMap((outer) => outer.childFrames())
    .filter((f) => f.url() !== 'about:blank');
}

function escapeRe(s) {
  return String(s).replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Starts the probe for `getPage()` (a function, so the page can be created after the server).
 * Returns { url, port, close() }.
 */
export async function startUiProbe({ getPage, artifactsDir, log = () => {} }) {
  const page = () => {
    const p = getPage();
    if (!p) throw new Error('the workbench page is not open yet');
    return p;
  };

  const routes = {
    '/ping': async () => ({ ok: true }),
    '/rows': async (b) => page().evaluate(domRows, { view: b.view, container: b.container }),
    '/view': async (b) => page().evaluate(domView, { title: b.title ?? b.view }),
    '/quickInput': async () => page().evaluate(domQuickInput),
    '/notifications': async () => ({ notifications: await page().evaluate(domNotifications) }),
    // What the notification centre holds: VS Code toasts at most a few notifications at once
    // (spam protection) and puts the rest there, where the bell shows them.
    '/notificationCenter': async () => {
      const p = page();
      const bell = p.locator('#status\\.notifications .statusbar-item-label, #status\\.notifications a').first();
      await bell.click({ timeout: 3000 });
      await p.waitForTimeout(300);
      const notifications = await p.evaluate(domNotifications, 'center');
      await bell.click({ timeout: 3000 }).catch(() => undefined);
      return { notifications };
    },
    '/statusBar': async () => ({ items: await page().evaluate(domStatusBar) }),
    '/webviews': async () => {
      const p = page();
      const webviews = [];
      const loading = [];
      for (const outer of p.frames()) {
        const u = outer.url();
        if (!u.includes('/webview/browser/pre/index.html')) continue;
        let params;
        try {
          params = new URL(u).searchParams;
        } catch {
          params = new URLSearchParams();
        }
        let visible = false;
        try {
          visible = await (await outer.frameElement()).isVisible();
        } catch {
          /* detached */
        }
        const inners = outer.childFrames();
        // A webview whose document has not loaded yet (its frame missing or still about:blank):
        // told apart from one that is not there, so a wait that times out says which it was.
        if (!inners.some((f) => f.url() !== 'about:blank'))
          loading.push({ id: params.get('id') ?? '', visible, frames: inners.map((f) => f.url()) });
        for (const inner of inners) {
          try {
            const { text, html, title } = await inner.evaluate(() => ({
              text: document.body ? document.body.innerText : '',
              html: document.documentElement ? document.documentElement.outerHTML : '',
              title: document.title,
            }));
            if (!html || inner.url() === 'about:blank') continue;
            webviews.push({
              id: params.get('id') ?? '',
              extensionId: params.get('extensionId') ?? '',
              purpose: params.get('purpose') ?? '',
              visible,
              title,
              text,
              html,
            });
          } catch {
            /* frame navigated away while reading */
          }
        }
      }
      return { webviews, loading };
    },
    // Runs axe-core inside each visible webview whose text matches `text` (all visible ones without
    // it): returns the violations per webview. evaluate() is not subject to the page's CSP.
    '/axe': async (b) => {
      const source = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
      const results = [];
      for (const outer of page().frames()) {
        if (!outer.url().includes('/webview/browser/pre/index.html')) continue;
        let visible = false;
        try {
          visible = await (await outer.frameElement()).isVisible();
        } catch {
          /* detached */
        }
        if (!visible) continue;
        for (const inner of outer.childFrames()) {
          if (inner.url() === 'about:blank') continue;
          try {
            const text = await inner.evaluate(() => (document.body ? document.body.innerText : ''));
            if (b.text && !text.includes(String(b.text))) continue;
            await inner.evaluate(source);
            const found = await inner.evaluate(
              async (options) => {
                const r = await globalThis.axe.run(document, options);
                return r.violations.map((v) => ({
                  id: v.id,
                  impact: v.impact,
                  help: v.help,
                  nodes: v.nodes.map((n) => ({ target: n.target.join(' '), summary: n.failureSummary })),
                }));
              },
              b.options ?? { resultTypes: ['violations'] },
            );
            results.push({ title: await inner.title(), violations: found });
          } catch (e) {
            results.push({ title: '', error: e && e.message ? e.message.split('\n')[0] : String(e), violations: [] });
          }
        }
      }
      return { results };
    },
    '/type': async (b) => {
      const p = page();
      await p.keyboard.type(String(b.text ?? ''), { delay: b.delay ?? 10 });
      if (b.enter) await p.keyboard.press('Enter');
      return { ok: true };
    },
    '/press': async (b) => {
      await page().keyboard.press(String(b.key));
      return { ok: true };
    },
    '/screenshot': async (b) => {
      fs.mkdirSync(artifactsDir, { recursive: true });
      const file = path.join(artifactsDir, `${sanitize(b.name)}.png`);
      await page().screenshot({ path: file, fullPage: true });
      log(`[ui-probe] screenshot ${file}`);
      return { path: file };
    },
    '/click': async (b) => {
      // selector and/or text: with both, the first element matching the selector that contains the
      // text (or whose whole text is it, with exact). Looks in the workbench first, then inside
      // webviews, until one matches or the timeout passes.
      const p = page();
      if (!b.selector && !b.text) throw new Error('click needs a selector or a text');
      await leaveHovers(p);
      const locate = (frame) => {
        const textRe =
          b.text !== undefined ? (b.exact ? new RegExp(`^\\s*${escapeRe(b.text)}\\s*$`) : String(b.text)) : undefined;
        if (b.selector && textRe !== undefined) return frame.locator(b.selector).filter({ hasText: textRe });
        if (b.selector) return frame.locator(b.selector);
        return frame.getByText(String(b.text), { exact: b.exact ?? false });
      };
      const timeout = b.timeoutMs ?? 5000;
      const deadline = Date.now() + timeout;
      for (;;) {
        const frames = [p.mainFrame(), ...(b.webviews === false ? [] : webviewContentFrames(p))];
        for (const frame of frames) {
          const loc = locate(frame);
          let n;
          try {
            n = await loc.count();
          } catch {
            continue; // frame detached
          }
          if (n > 0) {
            await loc.first().click({
              button: b.button ?? 'left',
              clickCount: b.double ? 2 : 1,
              timeout: Math.max(1000, deadline - Date.now()),
            });
            if (b.button === 'right') await settleContextMenu(p);
            return { ok: true, inWebview: frame !== p.mainFrame() };
          }
        }
        if (Date.now() > deadline) {
          throw new Error(
            `click: nothing matches ${JSON.stringify({ selector: b.selector, text: b.text })} in the workbench or its webviews after ${timeout} ms`,
          );
        }
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    },
    '/clickRow': async (b) => {
      const p = page();
      await leaveHovers(p);
      const row = rowLocator(p, { view: b.view, label: b.label });
      if (b.action) {
        await row.hover({ timeout: b.timeoutMs ?? 5000 });
        await row
          .locator(`.actions .action-label[aria-label="${String(b.action).replace(/(["\\])/g, '\\$1')}"]`)
          .first()
          .click({ timeout: b.timeoutMs ?? 5000 });
      } else {
        await row.click({ button: b.button ?? 'left', clickCount: b.double ? 2 : 1, timeout: b.timeoutMs ?? 5000 });
        if (b.button === 'right') await settleContextMenu(p);
      }
      return { ok: true };
    },
    '/quickPickToggle': async (b) => {
      // Space in a multi-select quick pick types a space into the filter; clicking the checkbox toggles.
      const p = page();
      const row = p
        .locator('.quick-input-widget .quick-input-list .monaco-list-row')
        .filter({ has: p.locator('.label-name', { hasText: new RegExp(`^\\s*${escapeRe(b.label)}\\s*$`) }) })
        .first();
      await row
        .locator('.monaco-checkbox, input[type="checkbox"]')
        .first()
        .click({ timeout: b.timeoutMs ?? 5000 });
      return { ok: true };
    },
    '/menuSelect': async (b) => {
      const p = page();
      const item = p
        .locator('.monaco-menu .action-item:not(.disabled) .action-label')
        .filter({ hasText: new RegExp(`^\\s*${escapeRe(b.label)}\\s*$`) })
        .first();
      await item.click({ timeout: b.timeoutMs ?? 5000 });
      return { ok: true };
    },
    '/menu': async () => {
      // Context menus live in a shadow root; playwright's CSS engine pierces it.
      const items = await page()
        .locator('.monaco-menu .action-item')
        .evaluateAll((els) =>
          els
            .filter(
              (el) =>
                el.getClientRects().length > 0 &&
                !el.querySelector('.separator') &&
                !el.classList.contains('separator'),
            )
            .map((el) => ({
              label: ((el.querySelector('.action-label') || el).textContent || '').trim(),
              enabled: !el.classList.contains('disabled'),
              checked: el.querySelector('.menu-item-check')?.classList.contains('checked') ?? false,
            })),
        );
      return { items };
    },
    '/query': async (b) => {
      const p = page();
      const frames = [p.mainFrame(), ...(b.webviews ? webviewContentFrames(p) : [])];
      const elements = [];
      for (const frame of frames) {
        try {
          const found = await frame.locator(String(b.selector)).evaluateAll((els) =>
            els.map((el) => ({
              text: (el.innerText ?? el.textContent ?? '').trim(),
              ariaLabel: el.getAttribute('aria-label') || '',
              visible: el.getClientRects().length > 0,
              className: typeof el.className === 'string' ? el.className : '',
            })),
          );
          for (const e of found) elements.push({ ...e, inWebview: frame !== p.mainFrame() });
        } catch {
          /* frame detached */
        }
      }
      return { elements };
    },
    // Counts, from now on, the elements matching the selector that are taken out of any webview's
    // document (removed, replaced or moved: a moved alert is announced again). /removals reads it.
    '/observeRemovals': async (b) => {
      let frames = 0;
      for (const frame of webviewContentFrames(page())) {
        try {
          await frame.evaluate((selector) => {
            globalThis.__probeRemovals = 0;
            globalThis.__probeObserver?.disconnect();
            globalThis.__probeObserver = new MutationObserver((records) => {
              for (const record of records)
                for (const node of record.removedNodes)
                  if (node.nodeType === 1 && (node.matches(selector) || node.querySelector(selector)))
                    globalThis.__probeRemovals++;
            });
            globalThis.__probeObserver.observe(document.body, { childList: true, subtree: true });
          }, String(b.selector));
          frames++;
        } catch {
          /* frame detached */
        }
      }
      return { frames };
    },
    // `watched` counts the documents still observed: a reloaded webview has lost its observer, and
    // "nothing removed" would then mean nothing.
    '/removals': async () => {
      let removals = 0;
      let watched = 0;
      for (const frame of webviewContentFrames(page())) {
        try {
          const seen = await frame.evaluate(() => globalThis.__probeRemovals);
          if (typeof seen === 'number') {
            removals += seen;
            watched++;
          }
        } catch {
          /* frame detached */
        }
      }
      return { removals, watched };
    },
    // Sets data-probe-mark on every element matching the selector (in webviews too): a later
    // /query for [data-probe-mark] tells whether those very nodes survived an update.
    '/mark': async (b) => {
      const p = page();
      let marked = 0;
      for (const frame of [p.mainFrame(), ...webviewContentFrames(p)]) {
        try {
          marked += await frame.locator(String(b.selector)).evaluateAll(
            (els, mark) => {
              for (const el of els) el.setAttribute('data-probe-mark', mark);
              return els.length;
            },
            String(b.mark ?? '1'),
          );
        } catch {
          /* frame detached */
        }
      }
      return { marked };
    },
  };

  // One request at a time: keyboard input from two requests must not interleave.
  let queue = Promise.resolve();
  const server = http.createServer((req, res) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      const route = routes[(req.url || '/').split('?')[0]];
      const reply = (status, obj) => {
        const body = JSON.stringify(obj);
        res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
        res.end(body);
      };
      if (!route) return reply(404, { error: `no such endpoint ${req.url}; try ${Object.keys(routes).join(' ')}` });
      let body = {};
      try {
        const raw = Buffer.concat(chunks).toString('utf8');
        body = raw ? JSON.parse(raw) : {};
      } catch (e) {
        return reply(400, { error: `bad JSON: ${e.message}` });
      }
      queue = queue.then(async () => {
        try {
          reply(200, await route(body));
        } catch (e) {
          reply(500, { error: probeError(e) });
        }
      });
      return undefined;
    });
  });
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const { port } = server.address();
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
