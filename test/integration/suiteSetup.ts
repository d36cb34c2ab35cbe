// The set-up most suites of the main scenario share: a fresh extension, then a simulator's project
// shown in the view with a token typed the way a user types it.
import * as vscode from 'vscode';
import type { WorkspaceJobsApi } from '../../src/extension';
import type { RunningSimulator } from '../../src/simulator/server';
import type { TreeRow } from './ui';
import {
  configure,
  EXTENSION_ID,
  resetExtension,
  setTokenThroughInputBox,
  showView,
  statusGroups,
  waitForViewRows,
} from './workbench';

/** The extension active and back to a fresh install, its filters cleared; resolves to its API. */
export async function freshExtension(): Promise<WorkspaceJobsApi> {
  const api = (await vscode.extensions.getExtension<WorkspaceJobsApi>(EXTENSION_ID)!.activate())!;
  await resetExtension();
  await vscode.commands.executeCommand('workspaceJobs.clearFilters');
  return api;
}

export interface ShownProjectOptions {
  /** workspaceJobs.refreshInterval in seconds; left as it is when not given. */
  readonly refreshInterval?: number;
  /** When the view's rows are ready for the suite; by default, once a status group is shown. */
  readonly ready?: (rows: TreeRow[]) => boolean;
  /** How long `ready` may take; waitForViewRows's default when not given. */
  readonly timeoutMs?: number;
}

/**
 * The simulator's project configured, `token` typed into Set Token, and the view shown until its
 * rows are ready.
 */
export async function showSimulatorProject(
  simulator: RunningSimulator,
  token: string,
  options: ShownProjectOptions = {},
): Promise<TreeRow[]> {
  await configure({
    projectId: simulator.projectId,
    endpoint: simulator.url,
    ...(options.refreshInterval !== undefined && { refreshInterval: options.refreshInterval }),
  });
  await setTokenThroughInputBox(token);
  await showView();
  return waitForViewRows(options.ready ?? ((rows) => statusGroups(rows).length > 0), options.timeoutMs);
}
