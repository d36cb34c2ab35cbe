import * as vscode from 'vscode';
import { registerCommand } from './safeCommand';
import { checkEndpoint } from '../api/endpoint';
import { endpointForRegion, REGIONS } from '../api/regions';
import { readSettings, SECTION } from '../config/settings';
import { validateProjectId } from '../core/connection';


export function validateEndpoint(value: string): string | undefined {
  if (!value.trim()) return undefined;
  const checked = checkEndpoint(value);
  return checked.ok ? undefined : checked.reason[0].toUpperCase() + checked.reason.slice(1);
}

const TITLE = 'Workspace Jobs: Configure Project';

/** Three steps: project id, region, optional endpoint. Written to user settings only. */
export function registerConfigureProject(): vscode.Disposable {
  return registerCommand('workspaceJobs.configureProject', async (): Promise<boolean> => {
    const current = readSettings();
    const projectId = await vscode.window.showInputBox({
      title: `${TITLE} (1/3)`,
      prompt: 'Project id',
      value: current.projectId,
      ignoreFocusOut: true,
      validateInput: validateProjectId,
    });
    if (projectId === undefined) return false;

    const picked = await vscode.window.showQuickPick(
      // The current region first, so Enter keeps it.
      [current.region, ...REGIONS.filter((r) => r !== current.region)].map((region) => ({
        label: region,
        description: endpointForRegion(region),
        detail: region === current.region ? 'current' : undefined,
      })),
      { title: `${TITLE} (2/3)`, placeHolder: `Region (now ${current.region})`, ignoreFocusOut: true },
    );
    if (!picked) return false;

    const endpoint = await vscode.window.showInputBox({
      title: `${TITLE} (3/3)`,
      prompt: `Endpoint override; leave empty to use ${endpointForRegion(picked.label)}`,
      value: current.endpoint,
      ignoreFocusOut: true,
      validateInput: validateEndpoint,
    });
    if (endpoint === undefined) return false;

    const config = vscode.workspace.getConfiguration(SECTION);
    await config.update('projectId', projectId.trim(), vscode.ConfigurationTarget.Global);
    await config.update('region', picked.label, vscode.ConfigurationTarget.Global);
    const checked = checkEndpoint(endpoint);
    await config.update('endpoint', endpoint.trim() && checked.ok ? checked.origin : '', vscode.ConfigurationTarget.Global);
    return true;
  });
}
