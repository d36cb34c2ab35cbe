// Shared steps of the integration suites: put the extension in a known state the way a user would.
import * as vscode from 'vscode';
import { ui, TreeRow, waitFor } from './ui';
import type { RawSubJob, RunningSimulator } from '../../src/simulator/server';
import { parseSubJob } from '../../src/model/validate';
import type { SubJob } from '../../src/model/subJob';

export const VIEW = 'WorkspaceApp Jobs';
export const EXTENSION_ID = 'workspace-jobs.workspace-image-jobs';

export async function showView(): Promise<void> {
  await vscode.commands.executeCommand('workspaceJobs.subJobs.focus');
}

/** Back to a fresh install: no settings, no token, no sample data. */
export async function resetExtension(): Promise<void> {
  const config = vscode.workspace.getConfiguration('workspaceJobs');
  for (const key of ['projects', 'projectId', 'region', 'endpoint', 'jobTypes', 'refreshInterval']) {
    await config.update(key, undefined, vscode.ConfigurationTarget.Global);
  }
  await vscode.commands.executeCommand('workspaceJobs.stopSampleData');
  await vscode.commands.executeCommand('workspaceJobs.clearToken');
  await closeNotifications();
}

export async function configure(settings: Record<string, unknown>): Promise<void> {
  const config = vscode.workspace.getConfiguration('workspaceJobs');
  for (const [key, value] of Object.entries(settings))
    await config.update(key, value, vscode.ConfigurationTarget.Global);
}

/** Answers the numbered input boxes of a command ("(1/3)"…) in order, as a user types them; resolves to the command's pending result. */
export async function answer(command: string, answers: string[]): Promise<{ done: Thenable<unknown> }> {
  const done = vscode.commands.executeCommand(command);
  for (const [i, text] of answers.entries()) {
    await ui.waitForQuickInput((q) => (q.title ?? '').includes(`(${i + 1}/`));
    await ui.type(text, { enter: true });
    // The next box reuses the widget: wait for its title to move on.
    if (i < answers.length - 1) await ui.waitForQuickInput((q) => !(q.title ?? '').includes(`(${i + 1}/`));
  }
  return { done };
}

/** Types the token into the real password box of "Set Token". */
export async function setTokenThroughInputBox(token: string): Promise<void> {
  const done = vscode.commands.executeCommand('workspaceJobs.setToken');
  await ui.waitForQuickInput((q) => q.password === true);
  await ui.type(token, { enter: true });
  await done;
  await closeNotifications();
}

export async function closeNotifications(): Promise<void> {
  await vscode.commands.executeCommand('notifications.clearAll');
}

export function rowsOfView(): Promise<TreeRow[]> {
  return ui.rows({ view: VIEW });
}

export function waitForViewRows(predicate: (rows: TreeRow[]) => boolean, timeoutMs = 15_000): Promise<TreeRow[]> {
  return ui.waitForRows(predicate, { view: VIEW }, timeoutMs);
}

/** "FAILED 3" for each status group row on screen. */
export function statusGroups(rows: TreeRow[]): string[] {
  return rows.filter((r) => r.level === 2 && /^[A-Z]+$/.test(r.name)).map((r) => `${r.name} ${r.description}`);
}

/**
 * Opens a group as a user does, by a click, and waits until it shows open. Rows read once may be a
 * redraw behind (a filter just set draws its groups anew, a refresh redraws them), and a click that
 * lands while its row is being redrawn does nothing: the row is looked at again, and clicked again
 * only while it still shows closed.
 */
export async function expandRow(name: string): Promise<void> {
  const expanded = async () => (await rowsOfView()).find((r) => r.name === name)?.expanded;
  await waitFor(
    async () => {
      const row = (await rowsOfView()).find((r) => r.name === name);
      if (!row) return false;
      if (row.expanded !== false) return true;
      await ui.clickRow({ label: name, view: VIEW });
      // The click flips the row at once when it lands: a second click on a row already open would close it.
      return waitFor(async () => (await expanded()) === true, 5_000, { screenshot: false }).then(
        () => true,
        () => false,
      );
    },
    20_000,
    { message: `the row ${name} never showed expanded` },
  );
}

export async function collapseRow(name: string): Promise<void> {
  const rows = await rowsOfView();
  const row = rows.find((r) => r.name === name);
  if (row && row.expanded === true) await ui.clickRow({ label: name, view: VIEW });
}

/**
 * The credential refused: every request is answered 401 until the view shows the refusal after a
 * Refresh; then the service serves again (the credential made good), and the extension, having been
 * refused, waits for the user. (A 403 of the service is one action's permission, which heals by itself.)
 */
export async function refuseUntilShown(simulator: RunningSimulator): Promise<void> {
  simulator.setFaults({ errorRate: { rate: 1, statuses: [401] } });
  try {
    await vscode.commands.executeCommand('workspaceJobs.refresh');
    await waitForViewRows(
      (r) => r.some((x) => x.name.startsWith('Authentication failed: APIGW.0301 Incorrect IAM authentication')),
      15_000,
    );
  } finally {
    simulator.clearFaults();
  }
  await closeNotifications();
}

/** A simulator sub-job as the extension models it, to hand to a command (Show Details, Watch…). */
export function asSubJob(raw: RawSubJob): SubJob {
  const parsed = parseSubJob(raw);
  if (typeof parsed === 'string') throw new Error(parsed);
  return parsed;
}
