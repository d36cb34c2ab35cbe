import * as vscode from 'vscode';
import { registerCommand } from './safeCommand';
import { checkEndpoint } from '../api/endpoint';
import { DEFAULT_REGION, endpointForRegion, REGIONS } from '../api/regions';
import { readSettings, SECTION } from '../config/settings';
import { validateProjectId } from '../core/connection';
import { ProjectConfig, projectLabel, projectOrigin, withProjectAdded, withProjectRemoved } from '../core/projects';

export function validateEndpoint(value: string): string | undefined {
  if (!value.trim()) return undefined;
  const checked = checkEndpoint(value);
  return checked.ok ? undefined : checked.reason[0].toUpperCase() + checked.reason.slice(1);
}

function title(): string {
  return vscode.l10n.t('Workspace Jobs: Configure Project');
}

/** The title of one step, e.g. "Workspace Jobs: Configure Project (1/3)". */
function stepTitle(step: number, steps: number): string {
  return vscode.l10n.t({
    message: 'Workspace Jobs: Configure Project ({0}/{1})',
    args: [step, steps],
    comment: ['Title of the input boxes that configure a project; step {0} of {1}'],
  });
}

/** Project id, region, optional endpoint (and a name, in a list of several): the steps of one project. */
async function askProject(current: ProjectConfig | undefined, steps: number): Promise<ProjectConfig | undefined> {
  const projectId = await vscode.window.showInputBox({
    title: stepTitle(1, steps),
    prompt: vscode.l10n.t('Project id'),
    value: current?.projectId,
    ignoreFocusOut: true,
    validateInput: validateProjectId,
  });
  if (projectId === undefined) return undefined;
  const region = current?.region ?? DEFAULT_REGION;
  const picked = await vscode.window.showQuickPick(
    // The current region first, so Enter keeps it.
    [region, ...REGIONS.filter((r) => r !== region)].map((r) => ({
      label: r,
      description: endpointForRegion(r),
      detail:
        r === region && current
          ? vscode.l10n.t({
              message: 'current',
              comment: ['Marks the region the project uses now, in the list of regions'],
            })
          : undefined,
    })),
    {
      title: stepTitle(2, steps),
      placeHolder: current
        ? vscode.l10n.t({
            message: 'Region (now {0})',
            args: [region],
            comment: ['{0} is a region id such as cn-north-4'],
          })
        : vscode.l10n.t({ message: 'Region', comment: ['Placeholder of the list of regions'] }),
      ignoreFocusOut: true,
    },
  );
  if (!picked) return undefined;
  const endpoint = await vscode.window.showInputBox({
    title: stepTitle(3, steps),
    prompt: vscode.l10n.t({
      message: 'Endpoint override; leave empty to use {0}',
      args: [endpointForRegion(picked.label)],
      comment: ["{0} is the region's endpoint URL"],
    }),
    value: current?.endpoint,
    ignoreFocusOut: true,
    validateInput: validateEndpoint,
  });
  if (endpoint === undefined) return undefined;
  const checked = checkEndpoint(endpoint);
  let name = current?.name;
  if (steps === 4) {
    const typed = await vscode.window.showInputBox({
      title: stepTitle(4, 4),
      prompt: vscode.l10n.t('A name for the tree (optional), e.g. "Singapore"'),
      value: current?.name,
      ignoreFocusOut: true,
    });
    if (typed === undefined) return undefined;
    name = typed.trim() || undefined;
  }
  return {
    projectId: projectId.trim(),
    region: picked.label,
    endpoint: endpoint.trim() && checked.ok ? checked.origin : '',
    ...(name && { name }),
  };
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
      const added = await askProject(undefined, 4);
      if (!added) return false;
      await writeProjects(withProjectAdded(resolved, added));
      return true;
    }
    if (resolved.single) {
      const changed = await askProject(target, 3);
      if (!changed) return false;
      await writeSingle(changed);
      return true;
    }
    const changed = await askProject(target, 4);
    if (!changed || !target) return false;
    await writeProjects(resolved.projects.map((p) => (p === target ? changed : p)));
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
    return true;
  });

  return vscode.Disposable.from(configure, remove);
}
