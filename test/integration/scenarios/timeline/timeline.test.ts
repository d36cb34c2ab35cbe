// Show Parent Job in the real workbench: the timeline of a simulator job, live through the session's
// follow engine, at 2,000 sub-jobs, and axe-clean in the four themes. Numbers are printed, never
// asserted as wall-clock.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { RawSubJob, RunningSimulator, startSimulator } from '../../../../src/simulator/server';
import { seriousViolations, ui, waitFor } from '../../ui';
import {
  closeNotifications,
  configure,
  EXTENSION_ID,
  expandRow,
  resetExtension,
  setTokenThroughInputBox,
  showView,
  VIEW,
  waitForViewRows,
} from '../../workbench';

const TOKEN = 'timeline-token';
const JOB = '702364884037270001';
const BIG_JOB = '702364884037270002';
const MID_JOB = '702364884037270003';
const MID = 200;
const BIG = 2000;
const APP_JOB = 'app-job-19';
const TZ_JOB = '702364884037270004';
/** A known moment: 10:05 in Shanghai (the browser's zone, scenarios.mjs), 02:05 in UTC (the extension host's). */
const TZ_BEGIN = Date.parse('2026-11-27T02:05:00Z');
const INTERVAL_S = 5;
const THEMES = ['Default Light Modern', 'Default Dark Modern', 'Default High Contrast', 'Default High Contrast Light'];
const BODY_CLASS: Record<string, string> = {
  'Default Light Modern': 'vscode-light',
  'Default Dark Modern': 'vscode-dark',
  'Default High Contrast': 'vscode-high-contrast:not(.vscode-high-contrast-light)',
  'Default High Contrast Light': 'vscode-high-contrast-light',
};

const iso = (ms: number) => new Date(ms).toISOString();

async function setTheme(name: string | undefined): Promise<void> {
  await vscode.workspace.getConfiguration('workbench').update('colorTheme', name, vscode.ConfigurationTarget.Global);
}

/** Show Parent Job from the palette with a job id, answering which family when it asks (both connected). */
async function showJobOf(jobId: string, family: 'Image jobs' | 'App server jobs'): Promise<void> {
  let finished = false;
  const done = Promise.resolve(vscode.commands.executeCommand('workspaceJobs.showJob', jobId)).finally(
    () => (finished = true),
  );
  // Its own question (the placeholder names the job), not the last pick's state.
  const asks = async () => {
    const q = await ui.quickInput();
    return q.visible && (q.placeholder ?? '').includes(jobId) && q.items.some((i) => i.label.includes(family));
  };
  await waitFor(async () => finished || (await asks()), 10_000, {
    message: () => 'Show Parent Job neither opened nor asked which family',
  });
  if (!finished) {
    // Clicked, not typed: a panel whose page loads after the pick opened takes the keyboard focus
    // from it (the pick stays, ignoreFocusOut), and typed keys would go to that panel.
    await ui.click({ selector: `.quick-input-widget .monaco-list-row:has-text("${family}")` });
  }
  assert.equal(await done, true, `Show Parent Job ${jobId} opened nothing`);
}

async function timelineText(): Promise<string> {
  return (await ui.webviews()).map((w) => w.text).find((t) => t.includes('Failures by error code')) ?? '';
}

function findFiles(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? findFiles(path.join(dir, e.name)) : [path.join(dir, e.name)]));
}

/** The log lines in which the page said what drawing a job took (first paint, first live update). */
function timingLines(jobId: string): string[] {
  const api = vscode.extensions.getExtension<{ logDirectory: string }>(EXTENSION_ID)?.exports;
  return findFiles(api?.logDirectory ?? '')
    .filter((f) => f.endsWith('.log'))
    .flatMap((f) => fs.readFileSync(f, 'utf8').split('\n'))
    .filter((line) => line.includes(`Timeline of job ${jobId}: `) && line.includes('took the page'));
}

/**
 * What the page said it took to draw a job, from the extension's log: `count` lines after the first
 * `since` (those of a panel a previous attempt of the test opened, under a mocha retry).
 */
async function pageTimings(jobId: string, count: number, since = 0): Promise<string[]> {
  const read = () => timingLines(jobId).slice(since);
  // The log is written to its file a moment after the line.
  await waitFor(async () => read().length >= count, 15_000, { message: () => `page timings of ${jobId}: ${read()}` });
  return read().map((line) => line.slice(line.indexOf('Timeline of job')));
}

/** The timeline of one job, by its id: another job's timeline may be open (hidden) beside it. */
const timelineOf = (jobId: string) => `main#timeline:has(h1:has-text("${jobId}"))`;
const toggleOf = (jobId: string) => `${timelineOf(jobId)} button#toggle`;

/**
 * Shows or hides a job's table by its toggle, and waits until the page did it: the toggle pressed
 * (or not) and, shown, the table filled (no longer aria-busy). A page still filling 2,000 rows may
 * not take the next click in time.
 */
async function toggleTable(jobId: string, on: boolean): Promise<void> {
  await ui.click({ selector: toggleOf(jobId), webviews: true });
  const done = async () =>
    (await ui.query(`${toggleOf(jobId)}[aria-pressed="${on}"]`, { webviews: true })).length === 1 &&
    (!on || (await ui.query(`${timelineOf(jobId)} table.sub-jobs:not([aria-busy])`, { webviews: true })).length === 1);
  await waitFor(done, 15_000, { message: () => `the table of ${jobId} never ${on ? 'showed' : 'hid'}` });
}

/**
 * Into the bars by the keyboard, as a user comes from the top of the page (a click on a bar would
 * open its details, one on the toggle would build the table): the job's title clicked, then Tab
 * past Table and Refresh.
 */
async function tabToBars(jobId: string): Promise<void> {
  await ui.click({ selector: `main#timeline h1:has-text("${jobId}")`, webviews: true });
  // Tab order: Table, Refresh, then the bars (one tab stop).
  for (let i = 0; i < 3; i++) await ui.press('Tab');
}

suite('Parent job timeline', function () {
  let simulator: RunningSimulator;
  let running: RawSubJob;

  suiteSetup(async function () {
    if (!ui.available) this.skip();
    this.timeout(120_000);
    simulator = await startSimulator({ progress: false, token: TOKEN, size: 0, seed: 19 });
    const start = Date.now() - 40 * 60_000;
    const add = (jobId: string, i: number, status: string, extra: Partial<RawSubJob> = {}) =>
      simulator.addSubJob({
        job_id: jobId,
        job_type: 'CREATE_SERVER',
        status,
        begin_time: iso(start + i * 20_000),
        end_time: status === 'RUNNING' || status === 'WAITING' ? '' : iso(start + i * 20_000 + (3 + (i % 7)) * 60_000),
        job_resource_info: { resource_id: `srv-${jobId}-${i}`, resource_name: `desktop-${String(i).padStart(4, '0')}` },
        ...extra,
      });
    const failure = { error_code: 'WKS.00129901', error_message: 'The service is now unavailable.' };
    for (let i = 0; i < 30; i++) add(JOB, i, 'SUCCESS');
    for (let i = 30; i < 35; i++) add(JOB, i, 'FAILED', { job_execute_info: failure });
    running = add(JOB, 35, 'RUNNING');
    for (let i = 36; i < 38; i++) add(JOB, i, 'RUNNING');
    for (let i = 38; i < 40; i++) add(JOB, i, 'WAITING', { begin_time: '' });
    // The big job began hours earlier: the tree's RUNNING group lists the small job's sub-jobs first.
    for (let i = 0; i < BIG; i++)
      add(BIG_JOB, (i % 120) - 600, i % 50 === 0 ? 'FAILED' : i % 13 === 0 ? 'RUNNING' : 'SUCCESS', {
        job_resource_info: { resource_id: `big-${i}`, resource_name: `big-${String(i).padStart(4, '0')}` },
        ...(i % 50 === 0 && { job_execute_info: failure }),
      });
    for (let i = 0; i < MID; i++)
      add(MID_JOB, (i % 60) - 300, i % 20 === 0 ? 'RUNNING' : 'SUCCESS', {
        job_resource_info: { resource_id: `mid-${i}`, resource_name: `mid-${String(i).padStart(4, '0')}` },
      });
    await vscode.extensions.getExtension(EXTENSION_ID)?.activate();
    await resetExtension();
    await configure({ projectId: simulator.projectId, endpoint: simulator.url, refreshInterval: INTERVAL_S });
    await setTokenThroughInputBox(TOKEN);
    await showView();
    // Both families are on by default: the status groups sit under the project's "Image jobs" row.
    await waitForViewRows((r) => r.some((x) => x.name === 'RUNNING' && /^\d/.test(x.description ?? '')), 30_000);
  });

  suiteTeardown(async () => {
    await setTheme(undefined);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await resetExtension();
    await simulator?.close();
  });

  test('Show Parent Job on a sub-job row opens the timeline: one bar per sub-job and the counts of the job', async function () {
    this.timeout(90_000);
    await expandRow('RUNNING');
    const name = running.job_resource_info.resource_name;
    await waitForViewRows((r) => r.some((x) => x.name === name));
    const opened = Date.now();
    await ui.clickRow({ label: name, view: VIEW, button: 'right' });
    await ui.menuSelect('Show Parent Job');
    await waitFor(async () => (await timelineText()).includes('desktop-0000'), 20_000, {
      message: () => 'the timeline never showed its sub-jobs',
    });
    console.log(`timeline of 40 sub-jobs: ${Date.now() - opened} ms from the context menu to its bars`);
    const text = await timelineText();
    assert.match(text, new RegExp(`Job ${JOB}`));
    for (const count of ['Succeeded\\s*30', 'Failed\\s*5', 'Running\\s*3', 'Waiting\\s*2'])
      assert.match(text, new RegExp(count), `counts: ${count}`);
    assert.match(text, /WKS\.00129901 × 5/);
    const options = await ui.query('[role="option"]', { webviews: true });
    assert.ok(options.length > 0 && options.length <= 40, `${options.length} bars drawn`);
    // For the README: the panel alone, from its header.
    await vscode.commands.executeCommand('workbench.action.closeSidebar');
    await ui.sleep(300);
    await ui.screenshot('timeline');
    await vscode.commands.executeCommand('workspaceJobs.subJobs.focus');
    await ui.click({ selector: 'button#toggle', webviews: true });
    await waitFor(async () => (await ui.query('table.sub-jobs tbody tr', { webviews: true })).length === 40, 10_000, {
      message: () => 'the table never listed the 40 sub-jobs',
    });
    await ui.click({ selector: 'button#toggle', webviews: true });
  });

  test('a RUNNING → FAILED flip shows in the timeline within one interval, in its error-code group', async function () {
    this.timeout(60_000);
    await waitFor(async () => (await timelineText()).includes('desktop-0035'), 10_000);
    // A bar has the focus, a failure group is open: the update must patch them, not make them again.
    await ui.click({ selector: 'details.failure-group > summary', webviews: true });
    await tabToBars(JOB);
    assert.equal((await ui.query('[role="option"]:focus', { webviews: true })).length, 1, 'a bar has the focus');
    await ui.observeRemovals('[role="option"], details.failure-group');
    const flipped = Date.now();
    simulator.setStatus(running.id, 'FAILED', { code: 'WKS.00129902', message: 'Disk quota exceeded.' });
    await waitFor(async () => /WKS\.00129902 × 1/.test(await timelineText()), (INTERVAL_S + 5) * 1000, {
      message: () => 'the flip never reached the timeline',
    });
    console.log(
      `RUNNING → FAILED reached the timeline ${Date.now() - flipped} ms after the flip (interval ${INTERVAL_S} s)`,
    );
    assert.match(await timelineText(), /Failed\s*6/);
    assert.equal(await ui.removals(), 0, 'bar rows or failure groups taken out by the live update');
    assert.equal((await ui.query('[role="option"]:focus', { webviews: true })).length, 1, 'the bar kept the focus');
    assert.equal(
      (await ui.query('details.failure-group[open]', { webviews: true })).length,
      1,
      'the group stayed open',
    );
    // The table, shown, is patched row by row as well.
    await toggleTable(JOB, true);
    await ui.observeRemovals('table.sub-jobs, table.sub-jobs tr, details.failure-group');
    const other = simulator.subJobs().find((s) => s.job_resource_info?.resource_name === 'desktop-0036');
    simulator.setStatus(other!.id, 'SUCCESS');
    await waitFor(async () => /Running\s*1/.test(await timelineText()), (INTERVAL_S + 5) * 1000, {
      message: () => 'the second flip never reached the timeline',
    });
    assert.equal(await ui.removals(), 0, 'the table, its rows or a failure group taken out by the live update');
    await toggleTable(JOB, false);
    for (const line of await pageTimings(JOB, 2)) console.log(line);
  });

  test(`${MID} sub-jobs: the page's first paint and a live update`, async function () {
    this.timeout(60_000);
    const since = timingLines(MID_JOB).length;
    await showJobOf(MID_JOB, 'Image jobs');
    try {
      await waitFor(async () => (await timelineText()).includes('mid-0'), 30_000, {
        message: () => 'the timeline of 200 never showed',
      });
      await pageTimings(MID_JOB, 1, since);
      const flip = simulator.subJobs().find((s) => s.job_id === MID_JOB && s.status === 'RUNNING');
      simulator.setStatus(flip!.id, 'SUCCESS');
      for (const line of await pageTimings(MID_JOB, 2, since)) console.log(line);
    } finally {
      await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
    }
  });

  test("an app-server job opens from the palette through its family's session, its Refresh shows a flip", async function () {
    this.timeout(60_000);
    // Added now: earlier tests read the tree with image jobs only (no family level).
    const start = Date.now() - 20 * 60_000;
    for (let i = 0; i < 3; i++)
      simulator.addAppServerSubJob({
        job_id: APP_JOB,
        job_type: 'REINSTALL_OS',
        status: i === 2 ? 'RUNNING' : 'SUCCESS',
        begin_time: iso(start + i * 60_000),
        end_time: i === 2 ? '' : iso(start + i * 60_000 + 5 * 60_000),
      });
    await showJobOf(APP_JOB, 'App server jobs');
    try {
      const shows = (pattern: RegExp) => async () => {
        const text = (await ui.webviews()).map((w) => w.text).find((t) => t.includes(`Job ${APP_JOB}`)) ?? '';
        return pattern.test(text) ? text : undefined;
      };
      const text = await waitFor(shows(/Succeeded\s*2/), 20_000, { message: () => 'the app-server job never showed' });
      assert.match(text, /REINSTALL_OS/, "the job's own type");
      assert.match(text, /App server jobs/, 'the source names the family');
      assert.match(text, /Running\s*1/);
      const running = simulator.appServerSubJobs().find((s) => s.job_id === APP_JOB && s.status === 'RUNNING');
      simulator.setAppServerStatus(running!.id, 'FAILED', { code: 'WKS.00129903', message: 'Reinstall failed.' });
      // The click right after a poll's look-up answered: the next poll is a whole interval away, so a
      // look-up within 1.5 s of the click is the click's (the job still runs, so the engine polls it).
      const lookUps = () => simulator.requests.filter((r) => r.method === 'GET' && r.path.endsWith(`/job/${APP_JOB}`));
      const polled = lookUps().length;
      await waitFor(async () => lookUps().length > polled, (INTERVAL_S + 5) * 1000, {
        message: () => 'the engine never polled the app-server job',
      });
      const polledAt = Date.now();
      // Past the poll's answer, so the click's look-up is not joined to it.
      await ui.sleep(300);
      const beforeClick = lookUps().length;
      const clicked = Date.now();
      await ui.click({ selector: 'button#refresh', webviews: true });
      await waitFor(async () => lookUps().length > beforeClick, 1500, {
        message: () => `Refresh made no look-up within 1.5 s (interval ${INTERVAL_S} s)`,
      });
      const sincePoll = Date.now() - polledAt;
      console.log(`Refresh: a look-up ${Date.now() - clicked} ms after the click, ${sincePoll} ms after the poll`);
      // A slow click must not let the next poll pass for the click's look-up.
      assert.ok(
        sincePoll < (INTERVAL_S - 1) * 1000,
        `the look-up came ${sincePoll} ms after the poll: maybe the next poll`,
      );
      await waitFor(shows(/WKS\.00129903 × 1/), 5_000, { message: () => 'the flip never showed' });
    } finally {
      await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
    }
  });

  test(`${BIG} sub-jobs render: the bars drawn are a window, the keyboard reaches the last`, async function () {
    this.timeout(90_000);
    const since = timingLines(BIG_JOB).length;
    const opened = Date.now();
    await showJobOf(BIG_JOB, 'Image jobs');
    await waitFor(
      async () => (await timelineText()).includes(`Job ${BIG_JOB}`) && (await timelineText()).includes('big-'),
      60_000,
      {
        message: () => 'the big timeline never showed',
      },
    );
    const painted = Date.now() - opened;
    // The page's own word that it drew the job (its 'drawn' message, in the log): until then a busy
    // page may not take a click on its toolbar yet.
    await pageTimings(BIG_JOB, 1, since);
    const drawn = (await ui.query('[role="option"]', { webviews: true })).length;
    console.log(
      `timeline of ${BIG} sub-jobs: ${painted} ms from the command to its bars; ${drawn} bar rows in the DOM`,
    );
    assert.ok(drawn < 100, `${drawn} rows drawn of ${BIG}`);
    try {
      await bigJobKeysAndUpdate(since);
    } finally {
      await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
    }
  });

  async function bigJobKeysAndUpdate(since: number): Promise<void> {
    await tabToBars(BIG_JOB);
    const keyed = Date.now();
    await ui.press('End');
    await waitFor(
      async () => (await ui.query(`[role="option"][aria-posinset="${BIG}"]`, { webviews: true })).length === 1,
      10_000,
      { message: () => 'End never reached the last bar' },
    );
    console.log(`End to the last of ${BIG} bars: ${Date.now() - keyed} ms`);
    // A live update with the table of 2,000 shown: one running sub-job fails.
    await toggleTable(BIG_JOB, true);
    assert.equal((await ui.query('table.sub-jobs tbody tr', { webviews: true })).length, BIG, 'rows in the table');
    const flip = simulator.subJobs().find((s) => s.job_id === BIG_JOB && s.status === 'RUNNING');
    const flipped = Date.now();
    simulator.setStatus(flip!.id, 'FAILED', { code: 'WKS.00129903', message: 'Quota exceeded.' });
    await waitFor(async () => /WKS\.00129903 × 1/.test(await timelineText()), (INTERVAL_S + 10) * 1000, {
      message: () => 'the flip never reached the big timeline',
    });
    console.log(
      `RUNNING → FAILED in the table of ${BIG}: shown ${Date.now() - flipped} ms after the flip (interval ${INTERVAL_S} s)`,
    );
    for (const line of await pageTimings(BIG_JOB, 2, since)) console.log(line);
  }

  test('axe finds nothing serious in the timeline in the four themes, chart and table', async function () {
    this.timeout(180_000);
    await closeNotifications();
    const problems: string[] = [];
    for (const theme of THEMES) {
      await setTheme(theme);
      await waitFor(
        async () =>
          (await ui.query(`body.${BODY_CLASS[theme]} main#timeline`, { webviews: true })).some((e) =>
            e.text.includes(JOB),
          ),
        15_000,
        { message: () => `the timeline never took the theme ${theme}` },
      );
      await ui.sleep(200);
      problems.push(...seriousViolations(await ui.axe(JOB), JOB).map((l) => `${theme} · chart: ${l}`));
      await ui.click({ selector: 'button#toggle', webviews: true });
      await waitFor(async () => (await ui.query('table.sub-jobs', { webviews: true })).length > 0, 10_000);
      problems.push(...seriousViolations(await ui.axe(JOB), JOB).map((l) => `${theme} · table: ${l}`));
      await ui.click({ selector: 'button#toggle', webviews: true });
    }
    console.log(
      `axe on the timeline: ${problems.length ? problems.join('\n  ') : 'no serious or critical violations'}`,
    );
    assert.deepEqual(problems, []);
  });

  // Last: it opens a details panel besides its timeline, and no test after it depends on what is open.
  test("times read as the browser's clock (Shanghai), not the extension host's (UTC): header, table, details", async function () {
    this.timeout(60_000);
    for (let i = 0; i < 3; i++)
      simulator.addSubJob({
        job_id: TZ_JOB,
        job_type: 'CREATE_SERVER',
        status: 'SUCCESS',
        begin_time: iso(TZ_BEGIN + i * 60_000),
        end_time: iso(TZ_BEGIN + i * 60_000 + 10 * 60_000),
        job_resource_info: { resource_id: `tz-${i}`, resource_name: `tz-000${i}` },
      });
    await showJobOf(TZ_JOB, 'Image jobs');
    try {
      const text = await waitFor(
        async () => {
          const t = (await ui.webviews()).map((w) => w.text).find((x) => x.includes(`Job ${TZ_JOB}`)) ?? '';
          return t.includes('tz-0000') ? t : undefined;
        },
        20_000,
        { message: () => 'the timeline of the job never showed' },
      );
      // The header's begin (the job's: its first sub-job's) and end, on the Shanghai clock.
      assert.match(text, /Nov 27, 2026, 10:05:00\sAM/, text.slice(0, 400));
      assert.match(text, /Nov 27, 2026, 10:17:00\sAM/, 'the end time');
      assert.doesNotMatch(text, /\b2:05:00\sAM/, 'a UTC time');
      // The axis ticks on Shanghai's round minutes (10:06…), labelled so.
      const ticks = await ui.query(`${timelineOf(TZ_JOB)} .axis .tick`, { webviews: true });
      assert.ok(
        ticks.length > 0 && ticks.every((t) => /^10:\d\d\sAM$/.test(t.text.trim())),
        ticks.map((t) => t.text).join(' | '),
      );
      await toggleTable(TZ_JOB, true);
      const rows = await ui.query(`${timelineOf(TZ_JOB)} table.sub-jobs tbody tr`, { webviews: true });
      const row = rows.map((r) => r.text).find((t) => t.includes('tz-0001')) ?? '';
      assert.match(
        row,
        /10:06:00\sAM[\s\S]*10:16:00\sAM/,
        `a row of the table: ${JSON.stringify(rows.map((r) => r.text))}`,
      );
      await toggleTable(TZ_JOB, false);
      // A bar opens the sub-job's details panel: its times are on the same clock.
      await ui.click({ selector: `${timelineOf(TZ_JOB)} [role="option"]`, webviews: true });
      const details = await ui.waitForWebview(/Copy Sub-Job ID[\s\S]*tz-000/, 15_000);
      // Its first document is drawn before its page says its zone: in the zone the timeline's page said.
      assert.match(details.text, /Begin time\s*Nov 27, 2026, 10:0\d:00\sAM/, details.text);
      assert.doesNotMatch(details.text, /Nov 27, 2026, 2:\d\d:00\sAM/);
    } finally {
      const tabs = vscode.window.tabGroups.all
        .flatMap((g) => g.tabs)
        .filter((t) => /tz-000|702364884037270004/.test(t.label));
      await vscode.window.tabGroups.close(tabs);
    }
  });
});
