import * as vscode from 'vscode';
import { SECTION } from '../config/settings';
import { FoundCredentials, FoundSource } from '../core/foundCredentials';
import { FoundProject, projectsOfSource, ProjectLookUp } from '../core/foundProject';
import { localRegionPlace } from './regionNames';

/** A reason or error from the layers below, as a notification. */
export const said = (text: string) =>
  vscode.l10n.t({
    message: 'Workspace Jobs: {0}',
    args: [text],
    comment: ['{0} says why a found credential cannot be used'],
  });

/** The region the user set (user settings only, as for every setting that decides where credentials go). */
function settingsRegion(): string | undefined {
  const region = vscode.workspace.getConfiguration(SECTION).inspect<string>('region')?.globalValue;
  return typeof region === 'string' && region ? region : undefined;
}

export interface ProjectsFound {
  readonly projects: readonly FoundProject[];
  readonly chosen?: FoundProject;
}

/** The project(s) a source is for, asking IAM when it does not say; undefined once the error is shown. */
export async function findProjects(
  found: FoundCredentials,
  source: FoundSource,
  lookUp: ProjectLookUp,
): Promise<ProjectsFound | undefined> {
  const key = found.credential(source.id);
  if (!key) return undefined;
  const result = await vscode.window.withProgress(
    {
      location: vscode.ProgressLocation.Notification,
      title: vscode.l10n.t('Workspace Jobs: finding the project of {0}…', source.label),
    },
    () => projectsOfSource(source, key, lookUp, settingsRegion()),
  );
  if ('error' in result) {
    void vscode.window.showErrorMessage(said(result.error));
    return undefined;
  }
  return result;
}

/** The user picks among a source's projects (WorkspaceApp's regions first, as found); `chosen` comes pre-selected. */
export async function pickProjects(
  sourceLabel: string,
  found: ProjectsFound,
  many: boolean,
): Promise<FoundProject[] | undefined> {
  const items = found.projects.map((project) => ({
    label: project.region,
    description: [localRegionPlace(project.region)?.name, project.projectId].filter(Boolean).join(' · '),
    picked: many && project === found.chosen,
    project,
  }));
  const picked = await vscode.window.showQuickPick(items, {
    title: vscode.l10n.t('Workspace Jobs: projects of {0}', sourceLabel),
    canPickMany: many,
    matchOnDescription: true,
    ignoreFocusOut: true,
  });
  if (!picked) return undefined;
  return (Array.isArray(picked) ? picked : [picked]).map((item: { project: FoundProject }) => item.project);
}

/** The single project of the settings (what the one-click setup writes). */
export async function setSingleProject(project: FoundProject): Promise<void> {
  const config = vscode.workspace.getConfiguration(SECTION);
  // The region first: the project appears (and its session starts) when projectId is written.
  await config.update('region', project.region, vscode.ConfigurationTarget.Global);
  await config.update('projectId', project.projectId, vscode.ConfigurationTarget.Global);
}

/**
 * Says which of the key's projects was set up without asking, with "Change…" to pick another: the
 * one click stays one click, and the choice is still the user's.
 */
export async function announceChosen(credential: string, sourceLabel: string, found: ProjectsFound): Promise<void> {
  const { chosen } = found;
  if (!chosen) return;
  const change = vscode.l10n.t('Change…');
  const answer = await vscode.window.showInformationMessage(
    vscode.l10n.t(
      'Workspace Jobs: {0} signs requests for project {1} in {2} (one of its {3} projects in WorkspaceApp regions); it is read each time, never copied.',
      credential,
      chosen.projectId,
      chosen.region,
      found.projects.length,
    ),
    change,
  );
  if (answer !== change) return;
  const [picked] = (await pickProjects(sourceLabel, found, false)) ?? [];
  if (picked && picked !== chosen) await setSingleProject(picked);
}
