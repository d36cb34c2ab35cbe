import * as vscode from 'vscode';
import { AkskAuthorizer } from '../api/akskSigner';
import { lookUpProjects } from '../api/lazyHttp';
import { CredentialChoiceStore } from '../config/credentialChoices';
import { CredentialStore } from '../config/credentialStore';
import { readSettings, SECTION } from '../config/settings';
import { choosing, withChoice } from '../core/credentialChoice';
import { describeCredential } from '../core/credentials';
import { FoundCredentials } from '../core/foundCredentials';
import { ProjectLookUp } from '../core/foundProject';
import { withProjectAdded } from '../core/projects';
import { DispatcherFactory } from '../views/dispatchers';
import { FoundSources } from '../views/foundSources';
import { projectIdOf } from '../views/projectPicker';
import { announceChosen, findProjects, pickProjects, said, setSingleProject } from './foundProjectPick';
import { registerCommand } from './safeCommand';
import { askScope, registerSwitchCredential, UseFound } from './switchCredential';

export interface FoundCommandDeps {
  readonly found: FoundSources;
  readonly choices: CredentialChoiceStore;
  readonly credentials: CredentialStore;
  readonly dispatchers: DispatcherFactory;
}

const IAM_TIMEOUT_MS = 30_000;

/** Switch Credential, Use Found Credential and Add Found Projects. */
export function registerFoundCredentialCommands(deps: FoundCommandDeps): vscode.Disposable {
  const lookUp: ProjectLookUp = ({ iamEndpoint, accessKey, projectId }) =>
    lookUpProjects({
      iamEndpoint,
      authorizer: new AkskAuthorizer(accessKey),
      ...(projectId && { projectId }),
      signal: AbortSignal.timeout(IAM_TIMEOUT_MS),
      dispatcher: deps.dispatchers.forEndpoint(iamEndpoint),
    });

  /** Uses a source for a scope; with no project yet, sets one up from it without asking when the answer allows. */
  const use: UseFound = async (found, source, scope) => {
    const key = found.credential(source.id);
    const credential = key ? describeCredential(key) : source.label;
    if (readSettings().projects.projects.length === 0) {
      const projects = await findProjects(found, source, lookUp);
      if (!projects) return false;
      const project = projects.chosen ?? (await pickProjects(source.label, projects, false))?.[0];
      if (!project) return false;
      await deps.choices.set(choosing(deps.choices.current, source.id, { all: true }));
      await setSingleProject(project);
      if (projects.chosen && projects.projects.length > 1) {
        void announceChosen(credential, source.label, projects);
        return true;
      }
    } else {
      await deps.choices.set(choosing(deps.choices.current, source.id, scope));
    }
    void vscode.window.showInformationMessage(
      vscode.l10n.t(
        'Workspace Jobs: requests are now signed with {0}; it is read from there each time, never copied.',
        credential,
      ),
    );
    return true;
  };

  const pickFound = async (found: FoundCredentials, prefix: string, title: string) => {
    const usable = found.usable.filter((s) => s.id.startsWith(prefix));
    if (usable.length <= 1) return usable[0];
    const picked = await vscode.window.showQuickPick(
      usable.map((source) => ({ label: source.label, description: source.detail, source })),
      { title, ignoreFocusOut: true },
    );
    return picked?.source;
  };

  const switchCredential = registerSwitchCredential(deps, use);

  /** The welcome view's buttons: `id` is a source's, or 'koocli' for any usable KooCLI profile. */
  const useFound = registerCommand('workspaceJobs.useFoundCredential', async (id?: unknown, projectArg?: unknown) => {
    const found = await deps.found.discover();
    const wanted = typeof id === 'string' ? id : '';
    const source =
      found.source(wanted) ?? (await pickFound(found, wanted, vscode.l10n.t('Workspace Jobs: Use Found Credential')));
    if (!source) {
      void vscode.window.showWarningMessage(
        vscode.l10n.t('Workspace Jobs: no usable credential was found on this machine.'),
      );
      return false;
    }
    if (source.reason) {
      void vscode.window.showWarningMessage(said(source.reason));
      return false;
    }
    const row = projectIdOf(projectArg);
    const scope = row ? { projectIds: [row] } : await askScope(readSettings().projects.projects);
    return scope ? use(found, source, scope) : false;
  });

  const addProjects = registerCommand('workspaceJobs.addFoundProjects', async (id?: unknown) => {
    const found = await deps.found.discover();
    const wanted = typeof id === 'string' ? id : '';
    const source =
      (found.source(wanted)?.reason ? undefined : found.source(wanted)) ??
      (await pickFound(found, wanted, vscode.l10n.t('Workspace Jobs: Add the Projects of a Found Credential')));
    if (!source) return false;
    const offered = await findProjects(found, source, lookUp);
    const projects = !offered
      ? undefined
      : offered.projects.length === 1
        ? [...offered.projects]
        : await pickProjects(source.label, offered, true);
    if (!projects?.length) return false;
    await deps.choices.set(
      withChoice(
        deps.choices.current,
        source.id,
        projects.map((p) => p.projectId),
      ),
    );
    let list = readSettings().projects;
    for (const p of projects) list = { ...list, projects: withProjectAdded(list, { ...p, endpoint: '' }) };
    await vscode.workspace.getConfiguration(SECTION).update(
      'projects',
      list.projects.map((p) => ({
        projectId: p.projectId,
        region: p.region,
        ...(p.endpoint && { endpoint: p.endpoint }),
        ...(p.name && { name: p.name }),
      })),
      vscode.ConfigurationTarget.Global,
    );
    return true;
  });

  return vscode.Disposable.from(switchCredential, useFound, addProjects);
}
