import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { RawSubJob, RunningSimulator, startSimulator } from '../../../src/simulator/server';
import { seriousViolations, ui, waitFor } from '../ui';
import {
  asSubJob,
  closeNotifications,
  collapseRow,
  configure,
  expandRow,
  resetExtension,
  statusGroups,
  waitForViewRows,
  refuseUntilShown,
} from '../workbench';
import { freshExtension, showSimulatorProject } from '../suiteSetup';

/** The four themes VS Code ships that every user may pick: light, dark and both high-contrast ones. */
const THEMES = ['Default Light Modern', 'Default Dark Modern', 'Default High Contrast', 'Default High Contrast Light'];
/** The class VS Code puts on a webview's body for each theme: axe must not run on the previous theme's colours. */
const BODY_CLASS: Record<string, string> = {
  'Default Light Modern': 'vscode-light',
  'Default Dark Modern': 'vscode-dark',
  'Default High Contrast': 'vscode-high-contrast:not(.vscode-high-contrast-light)',
  'Default High Contrast Light': 'vscode-high-contrast-light',
};
const STATUSES = ['WAITING', 'RUNNING', 'SUCCESS', 'FAILED', 'ABNORMAL', 'ROLLBACK', 'ABORTING'];
/** SUCCESS holds more than two pages (200 each): after one "Show more" there is still more. */
const EXTRA_SUCCESS = 405;

async function setTheme(name: string | undefined): Promise<void> {
  await vscode.workspace.getConfiguration('workbench').update('colorTheme', name, vscode.ConfigurationTarget.Global);
}

suite('Accessibility', function () {
  let simulator: RunningSimulator;
  const subJobs = new Map<string, RawSubJob>();

  suiteSetup(async function () {
    if (!ui.available) this.skip();
    simulator = await startSimulator({ progress: false, token: 'a11y-token', size: 0, seed: 11 });
    for (const status of STATUSES) {
      subJobs.set(
        status,
        simulator.addSubJob({
          status,
          job_type: 'CREATE_SERVER_IMAGE',
          job_resource_info: {
            resource_id: `img-${status.toLowerCase()}`,
            resource_name: `a11y-${status.toLowerCase()}`,
          },
          ...(status === 'FAILED' || status === 'ABNORMAL'
            ? {
                job_execute_info: {
                  error_code: 'WKS.00129901',
                  error_message: 'The service is now unavailable to process the request.',
                },
              }
            : {}),
        }),
      );
    }
    for (let i = 0; i < EXTRA_SUCCESS; i++)
      simulator.addSubJob({
        status: 'SUCCESS',
        job_type: 'CREATE_SERVER',
        job_resource_info: { resource_id: `srv-${i}`, resource_name: `desktop-${String(i).padStart(3, '0')}` },
      });
    await freshExtension();
    await showSimulatorProject(simulator, 'a11y-token', {
      refreshInterval: 0,
      ready: (r) => statusGroups(r).length >= STATUSES.length,
    });
  });

  teardown(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  suiteTeardown(async () => {
    await setTheme(undefined);
    await resetExtension();
    await simulator?.close();
  });

  test('axe finds nothing serious in the details panel in the four themes, for every status and a failed refresh', async function () {
    this.timeout(240_000);
    const report: string[] = [];
    const problems: string[] = [];
    for (const theme of THEMES) {
      await setTheme(theme);
      await waitFor(async () => vscode.window.activeColorTheme && (await ui.query('.monaco-workbench')).length > 0);
      const perTheme = new Map<string, number>();
      const check = async (what: string, text: string) => {
        await ui.waitForWebview(text, 15_000);
        // The theme reaches the frame a moment after it loads.
        await waitFor(
          async () =>
            (await ui.query(`body.${BODY_CLASS[theme]} main#details`, { webviews: true })).some((e) =>
              e.text.includes(text),
            ),
          10_000,
          {
            message: () => `the panel showing ${text} never took the theme ${theme}`,
          },
        );
        // The variables follow the class in the same message; one frame for the styles to apply.
        await ui.sleep(200);
        const found = seriousViolations(await ui.axe(text), text);
        for (const line of found)
          perTheme.set(
            line.split(' ')[0],
            (perTheme.get(line.split(' ')[0]) ?? 0) + Number(/×(\d+)/.exec(line)?.[1] ?? 1),
          );
        problems.push(...found.map((line) => `${theme} · ${what}: ${line}`));
      };
      for (const status of STATUSES) {
        const raw = subJobs.get(status)!;
        await vscode.commands.executeCommand('workspaceJobs.showDetails', asSubJob(raw));
        await check(status, raw.id);
      }
      // The failure banner, over the last data received.
      const raw = subJobs.get('SUCCESS')!;
      await vscode.commands.executeCommand('workspaceJobs.showDetails', asSubJob(raw));
      await ui.waitForWebview(raw.id, 15_000);
      simulator.failNext(1, 503);
      await ui.click({ text: 'Refresh', selector: 'button', webviews: true });
      await check('refresh failed', 'WKS.00050902');
      report.push(
        `${theme}: ${perTheme.size ? [...perTheme].map(([id, n]) => `${id} ${n}`).join(', ') : 'no serious or critical violations'}`,
      );
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    }
    console.log(`axe (serious/critical, nodes per rule):\n  ${report.join('\n  ')}`);
    assert.deepEqual(problems, []);
  });

  test('the tree reads out what it shows: visible words first, then what the eye gets from icons and position', async () => {
    const rows = await waitForViewRows((r) => statusGroups(r).length >= STATUSES.length);
    const project = rows.find((r) => r.level === 1)!;
    assert.equal(project.label, `${project.name}, project, ${project.description}`);
    for (const group of rows.filter((r) => r.level === 2)) {
      // A voice-control user says "RUNNING": the spoken label starts with it, then the count.
      assert.match(group.label, new RegExp(`^${group.name}, ${group.description} sub-jobs?$`), group.label);
    }
    await expandRow('FAILED');
    const failed = subJobs.get('FAILED')!;
    const row = (await waitForViewRows((r) => r.some((x) => x.name === failed.job_resource_info.resource_name))).find(
      (x) => x.name === failed.job_resource_info.resource_name,
    )!;
    // The error code first, then the age: a narrow sidebar cuts the job type, not what matters.
    assert.match(row.description, /^WKS\.00129901 · (now|\d+ sec\. ago|\d+ min\. ago) · CREATE_SERVER_IMAGE$/);
    assert.equal(row.label, `${row.name}, FAILED, ${row.description}`);
    await collapseRow('FAILED');
  });

  test('"Show more" by keyboard moves focus to the first row it brought', async () => {
    await expandRow('SUCCESS');
    // Its first page is loaded; the "Show more" row at its end is not drawn until scrolled to.
    await waitForViewRows((r) => r.some((x) => x.level === 3 && x.name.startsWith('desktop-')));
    // As a keyboard user: into the tree, to its last row ("Show more"), Enter.
    await vscode.commands.executeCommand('workspaceJobs.subJobs.focus');
    await ui.press('End');
    const atEnd = await waitForViewRows((r) => r.some((x) => x.focused && x.name.startsWith('Show 200 more')));
    const more = atEnd.find((x) => x.focused)!;
    const lastLoaded = atEnd.find((x) => x.index === more.index - 1)!;
    await ui.press('Enter');
    const after = await waitForViewRows(
      (r) =>
        r.some((x) => x.focused && x.level === 3 && x.index === lastLoaded.index + 1 && !x.name.startsWith('Show')),
      15_000,
    );
    const focused = after.find((x) => x.focused)!;
    assert.notEqual(focused.name, lastLoaded.name);
    // The "Show more" row went 200 rows down; the focus did not go with it.
    assert.ok(!after.some((x) => x.focused && x.name.startsWith('Show ')));
    // Back to the top, where the SUCCESS row is drawn, to close it.
    await ui.press('Home');
    await waitForViewRows((r) => r.some((x) => x.name === 'SUCCESS'));
    await collapseRow('SUCCESS');
  });

  test('an unchanged error block is never taken out by an update (or re-announced); copy feedback is said in the panel', async () => {
    const failed = subJobs.get('FAILED')!;
    await vscode.commands.executeCommand('workspaceJobs.showDetails', asSubJob(failed));
    await ui.waitForWebview(failed.id, 15_000);
    assert.ok((await ui.observeRemovals('.error-block')) >= 1, 'watching the panel');
    await waitFor(async () => (await ui.query('#announcer', { webviews: true })).length === 1, 5_000, {
      message: 'the live region',
    });
    assert.equal(await ui.mark('#last-updated'), 1);
    assert.equal(await ui.mark('.error-block', 'kept'), 1);
    // "Last updated" shows seconds: a refresh a second later changes it.
    await ui.sleep(1_100);
    // A failure banner appears above the error block, then goes: the block stays where it is.
    simulator.setFaults({ errorRate: { rate: 1, statuses: [503] } });
    try {
      await ui.click({ text: 'Refresh', selector: 'button', webviews: true });
      await ui.waitForWebview('Refresh failed', 30_000);
    } finally {
      simulator.clearFaults();
    }
    await ui.click({ text: 'Refresh', selector: 'button', webviews: true });
    await waitFor(
      async () =>
        !(await ui.webviews()).some((w) => w.text.includes('Refresh failed')) &&
        (await ui.query('#last-updated[data-probe-mark]', { webviews: true })).length === 0,
      15_000,
      { message: 'the panel re-rendered without the banner' },
    );
    assert.equal(await ui.removals(), 0, 'the error block was never removed, replaced or moved');
    assert.equal(
      (await ui.query('.error-block[data-probe-mark="kept"]', { webviews: true })).length,
      1,
      'the very same error block, in the same document',
    );
    await ui.click({ text: 'Copy Sub-Job ID', selector: 'button', webviews: true });
    const said = await waitFor(
      async () => (await ui.query('#announcer', { webviews: true })).find((e) => e.text)?.text,
      5_000,
    );
    assert.equal(said, 'Copied sub-job ID');
    assert.equal(await vscode.env.clipboard.readText(), failed.id);
  });

  test('a failed refresh replaces an older "Sub-job not found" instead of showing beside it', async () => {
    const abnormal = subJobs.get('ABNORMAL')!;
    await vscode.commands.executeCommand('workspaceJobs.showDetails', asSubJob(abnormal));
    await ui.waitForWebview(abnormal.id, 15_000);
    simulator.removeAll();
    await ui.click({ text: 'Refresh', selector: 'button', webviews: true });
    await ui.waitForWebview('Sub-job not found', 15_000);
    simulator.setFaults({ errorRate: { rate: 1, statuses: [503] } });
    try {
      await ui.click({ text: 'Refresh', selector: 'button', webviews: true });
      const panel = await ui.waitForWebview('Refresh failed', 30_000);
      assert.ok(!panel.text.includes('Sub-job not found'), panel.text);
    } finally {
      simulator.clearFaults();
    }
  });
});

/**
 * Set Token against a project that cannot be asked, refuses, accepts, refuses then accepts again: it
 * changes the endpoint, the token and the project's permission. In a suite of its own, with its own
 * simulator, so that a failure half-way (or a mocha timeout, after which its steps still run) leaves
 * nothing behind that the panels' tests above would read.
 */
suite('Accessibility: saving a token', function () {
  let simulator: RunningSimulator;

  suiteSetup(async function () {
    if (!ui.available) this.skip();
    simulator = await startSimulator({ progress: false, token: 'a11y-token', size: 0, seed: 12 });
    for (const status of STATUSES) simulator.addSubJob({ status, job_type: 'CREATE_SERVER_IMAGE' });
    await freshExtension();
    await showSimulatorProject(simulator, 'a11y-token', {
      refreshInterval: 0,
      ready: (r) => statusGroups(r).length >= STATUSES.length,
    });
  });

  suiteTeardown(async () => {
    await resetExtension();
    await simulator?.close();
  });

  test('a saved token is reported only once its project has answered, and in plain words', async function () {
    // Four Set Token round trips, each wait bounded on its own (up to 20 s): a failing one must be able
    // to say which it was, not be cut off by mocha's 20 s for the whole test (3.4 to 4.8 s when it passes).
    this.timeout(90_000);
    await closeNotifications();
    // A project that cannot be asked at all says so at once, not "saved" after a long wait.
    await configure({ endpoint: 'http://workspace.example.com' });
    await waitForViewRows((r) => r.some((x) => x.name.startsWith('Endpoint refused')));
    const blocked = vscode.commands.executeCommand('workspaceJobs.setToken');
    await ui.waitForQuickInput((q) => q.password === true);
    await ui.type('a11y-token', { enter: true });
    const started = Date.now();
    // "At once" is well inside the 20 s the command waits for an answer, with room for a slow machine.
    await ui.waitForNotification(
      /^Workspace Jobs: token saved, but project .+ cannot be asked: Endpoint refused: /,
      10_000,
    );
    await blocked;
    assert.ok(Date.now() - started < 10_000, `reported after ${Date.now() - started} ms`);
    await configure({ endpoint: simulator.url });
    await waitForViewRows((r) => statusGroups(r).length >= STATUSES.length);
    await closeNotifications();
    const wrong = vscode.commands.executeCommand('workspaceJobs.setToken');
    await ui.waitForQuickInput((q) => q.password === true);
    await ui.type('not-the-token', { enter: true });
    const refused = await ui.waitForNotification(/^Workspace Jobs: token saved, but project .+ refused it: /, 20_000);
    assert.equal(refused.severity, 'warning');
    assert.equal(await wrong, true);
    assert.ok(
      !(await ui.notifications()).some((n) => /accepted it/.test(n.message)),
      'no success for a token the API refused',
    );
    await closeNotifications();
    const right = vscode.commands.executeCommand('workspaceJobs.setToken');
    await ui.waitForQuickInput((q) => q.password === true);
    await ui.type('a11y-token', { enter: true });
    await ui.waitForNotification(/^Workspace Jobs: token saved; project .+ accepted it\.$/, 20_000);
    await right;
    await closeNotifications();
    await waitForViewRows((r) => statusGroups(r).length >= STATUSES.length);
    // Refused, then good again: the same token saved again is asked again (the store does not say it
    // changed: it did not), not left refused with "the next refresh will use it".
    await refuseUntilShown(simulator);
    const asked = simulator.requests.length;
    const same = vscode.commands.executeCommand('workspaceJobs.setToken');
    await ui.waitForQuickInput((q) => q.password === true);
    await ui.type('a11y-token', { enter: true });
    await ui.waitForNotification(/^Workspace Jobs: token saved; project .+ accepted it\.$/, 20_000);
    await same;
    assert.ok(simulator.requests.length > asked, 'the project was asked again');
    await waitForViewRows(
      (r) => !r.some((x) => x.name.startsWith('Authentication failed')) && statusGroups(r).length >= STATUSES.length,
      15_000,
    );
    await closeNotifications();
  });
});
