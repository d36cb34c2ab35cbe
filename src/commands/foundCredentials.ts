import * as vscode from 'vscode';
import { AkskAuthorizer } from '../api/akskSigner';
import { lookUpProjects } from '../api/lazyHttp';
import { CredentialChoiceStore } from '../config/credentialChoices';
import { CredentialStore } from '../config/credentialStore';
import { readSettings, SECTION } from '../config/settings';
import { chosenSource, SAVED_ACCESS_KEY, withChoice } from '../core/credentialChoice';
import { describeCredential } from '../core/credentials';
import { FoundCredentials, FoundSource } from '../core/foundCredentials';
import { FoundProject, projectsOfSource, ProjectLookUp } from '../core/foundProject';
import { withProjectAdded } from '../core/projects';
import { DispatcherFactory } from '../views/dispatchers';
import { FoundSources } from '../views/foundSources';
import { projectIdOf } from '../views/projectPicker';
import { registerCommand } from './safeCommand';

export interface FoundCommandDeps {
  readonly found: FoundSources;
  readonly choices: CredentialChoiceStore;
  readonly credentials: CredentialStore;
  readonly dispatchers: DispatcherFactory;
}

/** Helper B's command: offered in the picker only when it is registered. */
const SIGN_IN_WITH_SSO = 'workspaceJobs.signInWithSso';
const IAM_TIMEOUT_MS = 30_000;

/** A reason or error from the layers below, as a notification. */
const said = (text: string) =>
  vscode.l10n.t({
    message: 'Workspace Jobs: {0}',
    args: [text],
    comment: ['{0} says why a found credential cannot be used'],
  });

type Item = vscode.QuickPickItem & { readonly id?: string; readonly command?: string; readonly reason?: string };

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

  /** The project(s) a source is for, asking IAM when it does not say; the user picks when there are several. */
  const projectsFor = async (found: FoundCredentials, source: FoundSource, many: boolean) => {
    const key = found.credential(source.id);
    if (!key) return undefined;
    const result = await vscode.window.withProgress(
      {
        location: vscode.ProgressLocation.Notification,
        title: vscode.l10n.t('Workspace Jobs: finding the project of {0}…', source.label),
      },
      () => projectsOfSource(source, key, lookUp),
    );
    if ('error' in result) {
      void vscode.window.showErrorMessage(said(result.error));
      return undefined;
    }
    if (result.projects.length === 1) return result.projects;
    const picked = await vscode.window.showQuickPick(
      result.projects.map((p) => ({ label: p.region, description: p.projectId, project: p })),
      {
        title: vscode.l10n.t('Workspace Jobs: projects of {0}', source.label),
        canPickMany: many,
        ignoreFocusOut: true,
      },
    );
    if (!picked) return undefined;
    return (Array.isArray(picked) ? picked : [picked]).map((item: { project: FoundProject }) => item.project);
  };

  /** Uses a source for the given projects, or as the default; with no project yet, sets one up from it. */
  const use = async (found: FoundCredentials, source: FoundSource, projectId?: string): Promise<boolean> => {
    const configured = readSettings().projects.projects;
    if (configured.length === 0 && source.id !== SAVED_ACCESS_KEY) {
      const projects = await projectsFor(found, source, false);
      if (!projects?.length) return false;
      // The default, not a per-project choice: a later Switch Credential without a project moves it.
      await deps.choices.set(withChoice(deps.choices.current, source.id));
      const config = vscode.workspace.getConfiguration(SECTION);
      // The region first: the project appears (and its session starts) when projectId is written.
      await config.update('region', projects[0].region, vscode.ConfigurationTarget.Global);
      await config.update('projectId', projects[0].projectId, vscode.ConfigurationTarget.Global);
    } else {
      await deps.choices.set(withChoice(deps.choices.current, source.id, projectId ? [projectId] : []));
    }
    const key = found.credential(source.id);
    void vscode.window.showInformationMessage(
      vscode.l10n.t(
        'Workspace Jobs: requests are now signed with {0}; it is read from there each time, never copied.',
        key ? describeCredential(key) : source.label,
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

  const switchCredential = registerCommand('workspaceJobs.switchCredential', async (projectArg?: unknown) => {
    const projectId = projectIdOf(projectArg);
    const found = await deps.found.discover();
    const stored = await deps.credentials.get();
    const inUse = chosenSource(deps.choices.current, projectId ?? '') ?? SAVED_ACCESS_KEY;
    const mark = (id: string) => (id === inUse ? vscode.l10n.t('(in use)') : '');
    const saved: Item[] = [
      ...(stored.sso
        ? [
            {
              label: `$(organization) ${describeCredential(stored.sso)} ${mark(SAVED_ACCESS_KEY)}`.trim(),
              description: vscode.l10n.t('signs every project before a saved access key'),
              id: SAVED_ACCESS_KEY,
            },
          ]
        : []),
      ...(stored.accessKey
        ? [
            {
              label: `$(key) ${vscode.l10n.t('Saved access key')} ${mark(SAVED_ACCESS_KEY)}`.trim(),
              description: describeCredential(stored.accessKey),
              id: SAVED_ACCESS_KEY,
            },
          ]
        : []),
      ...Object.entries(stored.projects).map(([id, credential]) => ({
        label: `$(symbol-key) ${describeCredential(credential)}`,
        description: vscode.l10n.t('project {0}; a project’s own token or sign-in is always used first', id || '?'),
        id: SAVED_ACCESS_KEY,
      })),
    ];
    const items: Item[] = [
      ...(saved.length ? [{ kind: vscode.QuickPickItemKind.Separator, label: vscode.l10n.t('Saved in VS Code') }] : []),
      ...saved,
      { kind: vscode.QuickPickItemKind.Separator, label: vscode.l10n.t('Found on this machine') },
      ...found.sources.map((source) => ({
        label:
          `${source.reason ? '$(circle-slash)' : '$(file-symlink-file)'} ${source.label} ${mark(source.id)}`.trim(),
        description: source.detail,
        ...(source.reason && { detail: source.reason, reason: source.reason }),
        id: source.id,
      })),
      { kind: vscode.QuickPickItemKind.Separator, label: '' },
      ...((await vscode.commands.getCommands(true)).includes(SIGN_IN_WITH_SSO)
        ? [{ label: `$(sign-in) ${vscode.l10n.t('Sign in with IAM Identity Center…')}`, command: SIGN_IN_WITH_SSO }]
        : []),
      { label: `$(add) ${vscode.l10n.t('Add Credentials…')}`, command: 'workspaceJobs.addCredentials' },
    ];
    const picked = await vscode.window.showQuickPick(items, {
      title: vscode.l10n.t('Workspace Jobs: Switch Credential'),
      placeHolder: projectId
        ? vscode.l10n.t('Which credential should project {0} use?', projectId)
        : vscode.l10n.t('Which credential should requests be signed with?'),
      matchOnDescription: true,
      ignoreFocusOut: true,
    });
    if (!picked) return false;
    if (picked.command)
      return (
        (await vscode.commands.executeCommand(picked.command, ...(projectArg !== undefined ? [projectArg] : []))) ===
        true
      );
    if (picked.reason) {
      void vscode.window.showWarningMessage(said(picked.reason));
      return false;
    }
    if (picked.id === SAVED_ACCESS_KEY) {
      await deps.choices.set(withChoice(deps.choices.current, SAVED_ACCESS_KEY, projectId ? [projectId] : []));
      return true;
    }
    const source = picked.id ? found.source(picked.id) : undefined;
    return source ? use(found, source, projectId) : false;
  });

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
    return use(found, source, projectIdOf(projectArg));
  });

  const addProjects = registerCommand('workspaceJobs.addFoundProjects', async (id?: unknown) => {
    const found = await deps.found.discover();
    const wanted = typeof id === 'string' ? id : '';
    const source =
      (found.source(wanted)?.reason ? undefined : found.source(wanted)) ??
      (await pickFound(found, wanted, vscode.l10n.t('Workspace Jobs: Add the Projects of a Found Credential')));
    if (!source) return false;
    const projects = await projectsFor(found, source, true);
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
