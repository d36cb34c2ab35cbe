import * as vscode from 'vscode';
import { readSettings } from '../config/settings';
import { ProjectConfig, projectLabel } from '../core/projects';

/** A command's project argument: a project id (keybindings, other extensions) or a tree row's. */
export function projectIdOf(arg: unknown): string | undefined {
  if (typeof arg === 'string' && arg.trim()) return arg.trim();
  const row = (arg as { row?: { projectId?: unknown } } | undefined)?.row;
  return typeof row?.projectId === 'string' ? row.projectId : undefined;
}

/**
 * The project a token or sign-in is for: the one named, else the only one configured, else the
 * user's pick. Undefined when none is configured (or the user cancelled: `cancelled` says which).
 */
export async function pickProject(
  title: string,
  wanted?: string,
): Promise<{ project?: ProjectConfig; cancelled: boolean }> {
  const projects = readSettings().projects.projects;
  const named = wanted ? projects.find((p) => p.projectId === wanted) : undefined;
  if (named) return { project: named, cancelled: false };
  if (wanted && projects.length) {
    // A token given for a project that is not configured must not land on another one.
    void vscode.window.showErrorMessage(vscode.l10n.t('Workspace Jobs: no project {0} is configured.', wanted));
    return { cancelled: true };
  }
  if (projects.length <= 1) return { project: projects[0], cancelled: false };
  const picked = await vscode.window.showQuickPick(
    projects.map((project) => ({
      label: projectLabel(project),
      description: project.name
        ? `${project.projectId} · ${project.endpoint || project.region}`
        : project.endpoint || project.region,
      project,
    })),
    {
      title,
      placeHolder: vscode.l10n.t('Which project is it for? A token works only for its own project.'),
      ignoreFocusOut: true,
    },
  );
  return { project: picked?.project, cancelled: !picked };
}
