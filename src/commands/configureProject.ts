import * as vscode from 'vscode';
import { registerCommand } from './safeCommand';
import { readSettings, SECTION } from '../config/settings';
import { ProjectAnswers, ProjectFlow, projectFlow, stepTitle } from './projectPrompt';
import { pickStep, required, runSteps, Step } from '../views/multiStep';
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

type Target = ProjectConfig | 'add' | undefined;

/**
 * The steps of Configure Project: with projects configured, a first pick (change one, or add
 * another) numbered as step 1, and the steps of the project it chose. Back from the project id
 * returns to the pick; each choice keeps what was typed for it, should the user come back to it.
 */
function configureSteps(resolved: ReturnType<typeof readSettings>['projects']) {
  let target: Target;
  const flows = new Map<Target, ProjectFlow>();
  const before = resolved.projects.length > 0 ? 1 : 0;
  // Going from one project to two: the first gets a name too, or the tree lists two bare ids.
  const first = resolved.projects.length === 1 && !resolved.projects[0].name ? resolved.projects[0] : undefined;
  const flowFor = (choice: Target): ProjectFlow => {
    let flow = flows.get(choice);
    if (!flow) {
      flow = projectFlow(
        choice === 'add' ? { askName: true, nameFirst: first } : { current: choice, askName: !resolved.single },
        before,
      );
      flows.set(choice, flow);
    }
    return flow;
  };
  const items = [
    ...resolved.projects.map((project) => ({
      label: vscode.l10n.t({
        message: '$(edit) Change {0}',
        args: [projectLabel(project)],
        comment: ["{0} is a project's name or id"],
      }),
      description: project.endpoint || project.region,
      target: project as Target,
    })),
    {
      label: vscode.l10n.t('$(add) Add another project'),
      description: vscode.l10n.t('watch another region or account side by side'),
      target: 'add' as Target,
    },
  ];
  const titleFor = (item: (typeof items)[number] | undefined) =>
    stepTitle(1, 1 + flowFor(item?.target ?? items[0].target).steps.length);
  const pickTarget: Step = async () => {
    const active = items.find((i) => i.target === target) ?? items[0];
    return required(
      await pickStep({
        title: titleFor(active),
        titleFor,
        placeHolder: vscode.l10n.t('Change a project, or add another'),
        items,
        active,
        back: false,
      }),
      (item) => (target = item.target),
    );
  };
  return {
    steps: (): readonly Step[] =>
      before ? [pickTarget, ...(target === undefined ? [] : flowFor(target).steps)] : flowFor(undefined).steps,
    typed: () => [...flows.values()].some((flow) => flow.typed()),
    target: () => target,
    answers: () => flowFor(target).answers(),
    first,
  };
}

/**
 * Configure Project: changes the project (or one of several), or adds another; written to user
 * settings only. Remove Project takes one off the tree.
 */
export function registerConfigureProject(): vscode.Disposable {
  const configure = registerCommand('workspaceJobs.configureProject', async (): Promise<boolean> => {
    const resolved = readSettings().projects;
    const flow = configureSteps(resolved);
    if (!(await runSteps(flow.steps, { typed: flow.typed, title: title() }))) return false;
    const answers = flow.answers();
    const target = flow.target();
    if (!answers) return false;
    if (target === 'add') {
      const name = answers.firstName;
      await writeProjects(
        withProjectAdded(resolved, answers.project).map((p) => (p === flow.first && name ? { ...p, name } : p)),
      );
      confirm(answers, flow.first);
      return true;
    }
    if (resolved.single) {
      await writeSingle(answers.project);
      confirm(answers);
      return true;
    }
    if (!target) return false;
    await writeProjects(resolved.projects.map((p) => (p === target ? answers.project : p)));
    confirm(answers);
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
