import * as vscode from 'vscode';
import { registerCommand } from './safeCommand';
import { readSettings, SECTION } from '../config/settings';
import { askProject, ProjectAnswers } from './projectPrompt';
import {
  ProjectConfig,
  projectLabel,
  projectOrigin,
  sameProject,
  withProjectAdded,
  withProjectRemoved,
} from '../core/projects';

function title(): string {
  return vscode.l10n.t('Workspace Jobs: Configure Project');
}

/** Says what was written, so finishing the steps is not met with silence, nor a skipped name hidden. */
function confirm(answers: ProjectAnswers, first?: ProjectConfig): void {
  const { project, skipped } = answers;
  const where = project.endpoint || project.region;
  void vscode.window.showInformationMessage(
    skipped === 'name'
      ? vscode.l10n.t({
          message: 'Workspace Jobs: project {0} in {1} saved to your user settings; Escape skipped the name.',
          args: [projectLabel(project), where],
          comment: ["{0} is the project's name or id, {1} its region or endpoint"],
        })
      : skipped === 'firstName' && first
        ? vscode.l10n.t({
            message: 'Workspace Jobs: project {0} in {1} saved to your user settings; Escape skipped naming {2}.',
            args: [projectLabel(project), where, first.projectId],
            comment: ["{0} is the project's name or id, {1} its region or endpoint, {2} the other project's id"],
          })
        : vscode.l10n.t({
            message: 'Workspace Jobs: project {0} in {1} saved to your user settings.',
            args: [projectLabel(project), where],
            comment: ["{0} is the project's name or id, {1} its region or endpoint"],
          }),
  );
}

async function writeProjects(projects: readonly ProjectConfig[]): Promise<void> {
  const list = projects.map((p) => ({
    projectId: p.projectId,
    region: p.region,
    ...(p.endpoint && { endpoint: p.endpoint }),
    ...(p.name && { name: p.name }),
  }));
  await vscode.workspace
    .getConfiguration(SECTION)
    .update('projects', list.length ? list : undefined, vscode.ConfigurationTarget.Global);
}

async function writeSingle(project: ProjectConfig | undefined): Promise<void> {
  const config = vscode.workspace.getConfiguration(SECTION);
  await config.update('projectId', project?.projectId || undefined, vscode.ConfigurationTarget.Global);
  await config.update('region', project?.region, vscode.ConfigurationTarget.Global);
  await config.update('endpoint', project?.endpoint || undefined, vscode.ConfigurationTarget.Global);
}

/**
 * Removing takes effect at once (the view stops asking the project); the message offers to put it
 * back as it was, in its place in the list. `before`: the list it was in, or undefined for the
 * single-project settings.
 */
async function offerUndo(project: ProjectConfig, before: readonly ProjectConfig[] | undefined): Promise<void> {
  const undo = vscode.l10n.t({ message: 'Undo', comment: ['Button of the message that a project was removed'] });
  const choice = await vscode.window.showInformationMessage(
    vscode.l10n.t({
      message: 'Workspace Jobs: project {0} removed from the view and your settings.',
      args: [projectLabel(project)],
      comment: ["{0} is the project's name or id"],
    }),
    undo,
  );
  if (choice !== undo) return;
  const now = readSettings().projects;
  if (now.projects.some((p) => sameProject(p, project))) return;
  // Nothing configured since: back exactly as it was.
  if (!now.projects.length && !before) return writeSingle(project);
  // Put back beside what is configured now, never over it: a project configured meanwhile (even in
  // the single-project settings, which a list would hide) moves into the list with it.
  const index = before ? Math.min(before.indexOf(project), now.projects.length) : now.projects.length;
  await writeProjects([...now.projects.slice(0, index), project, ...now.projects.slice(index)]);
}

/**
 * Configure Project: changes the project (or one of several), or adds another; written to user
 * settings only. Remove Project takes one off the tree.
 */
export function registerConfigureProject(): vscode.Disposable {
  const configure = registerCommand('workspaceJobs.configureProject', async (): Promise<boolean> => {
    const resolved = readSettings().projects;
    let target: ProjectConfig | 'add' | undefined;
    if (resolved.projects.length > 0) {
      const choice = await vscode.window.showQuickPick(
        [
          ...resolved.projects.map((project) => ({
            label: vscode.l10n.t({
              message: '$(edit) Change {0}',
              args: [projectLabel(project)],
              comment: ["{0} is a project's name or id"],
            }),
            description: project.endpoint || project.region,
            target: project as ProjectConfig | 'add',
          })),
          {
            label: vscode.l10n.t('$(add) Add another project'),
            description: vscode.l10n.t('watch another region or account side by side'),
            target: 'add' as const,
          },
        ],
        { title: title(), placeHolder: vscode.l10n.t('Change a project, or add another'), ignoreFocusOut: true },
      );
      if (!choice) return false;
      target = choice.target;
    }
    if (target === 'add') {
      // Going from one project to two: the first gets a name too, or the tree lists two bare ids.
      const first = resolved.projects.length === 1 && !resolved.projects[0].name ? resolved.projects[0] : undefined;
      const added = await askProject({ askName: true, nameFirst: first });
      if (!added) return false;
      const name = added.firstName;
      await writeProjects(
        withProjectAdded(resolved, added.project).map((p) => (p === first && name ? { ...p, name } : p)),
      );
      confirm(added, first);
      return true;
    }
    if (resolved.single) {
      const changed = await askProject({ current: target, askName: false });
      if (!changed) return false;
      await writeSingle(changed.project);
      confirm(changed);
      return true;
    }
    const changed = await askProject({ current: target, askName: true });
    if (!changed || !target) return false;
    await writeProjects(resolved.projects.map((p) => (p === target ? changed.project : p)));
    confirm(changed);
    return true;
  });

  const remove = registerCommand('workspaceJobs.removeProject', async (arg?: unknown): Promise<boolean> => {
    const row = (arg as { row?: { projectId?: string; endpoint?: string } } | undefined)?.row;
    const resolved = readSettings().projects;
    const project = resolved.projects.find(
      (p) => p.projectId === (row?.projectId ?? arg) && (!row?.endpoint || projectOrigin(p) === row.endpoint),
    );
    if (!project) return false;
    const remaining = withProjectRemoved(resolved, project);
    // The last one gone: the single-project settings are cleared first, or the moment the list is
    // empty they would bring an old project back (and send it a stored credential).
    if (resolved.single || remaining.length === 0) await writeSingle(undefined);
    if (!resolved.single) await writeProjects(remaining);
    void offerUndo(project, resolved.single ? undefined : resolved.projects);
    return true;
  });

  return vscode.Disposable.from(configure, remove);
}
