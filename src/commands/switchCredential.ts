import * as vscode from 'vscode';
import { CredentialChoiceStore } from '../config/credentialChoices';
import { CredentialStore } from '../config/credentialStore';
import { readSettings } from '../config/settings';
import {
  ChoiceScope,
  choosing,
  OWN_CREDENTIAL,
  SAVED_ACCESS_KEY,
  SAVED_CREDENTIALS,
  SAVED_SSO,
  signingChoice,
} from '../core/credentialChoice';
import { describeCredential, projectCredential } from '../core/credentials';
import { FoundCredentials, FoundSource } from '../core/foundCredentials';
import { ProjectConfig } from '../core/projects';
import { FoundSources } from '../views/foundSources';
import { projectIdOf } from '../views/projectPicker';
import { said } from './foundProjectPick';
import { registerCommand } from './safeCommand';

export interface SwitchCredentialDeps {
  readonly found: FoundSources;
  readonly choices: CredentialChoiceStore;
  readonly credentials: CredentialStore;
}

/** Uses a found source for a scope (setting a project up from it when there is none). */
export type UseFound = (found: FoundCredentials, source: FoundSource, scope: ChoiceScope) => Promise<boolean>;

/** Helper B's command: offered in the picker only when it is registered. */
const SIGN_IN_WITH_SSO = 'workspaceJobs.signInWithSso';

type Item = vscode.QuickPickItem & {
  readonly id?: string;
  readonly command?: string;
  readonly reason?: string;
  /** A project's own token or sign-in: chosen for that project only, whatever else is in scope. */
  readonly project?: string;
};

/**
 * Which projects a choice made without a row is for. With one project (or none) there is nothing to
 * ask: it is every project. Undefined when the user cancelled.
 */
export async function askScope(projects: readonly ProjectConfig[]): Promise<ChoiceScope | undefined> {
  if (projects.length <= 1) return { all: true };
  const all = {
    label: `$(globe) ${vscode.l10n.t('All projects')}`,
    description: vscode.l10n.t(
      'replaces what each project chose, including projects added from a found credential; a project’s own token or sign-in still comes first',
    ),
    all: true,
  };
  const some = { label: `$(checklist) ${vscode.l10n.t('Pick projects…')}`, all: false };
  const scope = await vscode.window.showQuickPick([all, some], {
    title: vscode.l10n.t('Workspace Jobs: Switch Credential'),
    placeHolder: vscode.l10n.t('Switch the credential of which projects?'),
    ignoreFocusOut: true,
  });
  if (!scope) return undefined;
  if (scope.all) return { all: true };
  const picked = await vscode.window.showQuickPick(
    projects.map((p) => ({
      label: p.name ?? p.projectId,
      description: `${p.region} · ${p.projectId}`,
      id: p.projectId,
    })),
    { title: vscode.l10n.t('Workspace Jobs: Switch Credential'), canPickMany: true, ignoreFocusOut: true },
  );
  return picked?.length ? { projectIds: picked.map((p) => p.id) } : undefined;
}

/** Switch Credential: what signs the projects in scope is marked "(in use)", as their sessions resolve it. */
export function registerSwitchCredential(deps: SwitchCredentialDeps, use: UseFound): vscode.Disposable {
  return registerCommand('workspaceJobs.switchCredential', async (projectArg?: unknown) => {
    const row = projectIdOf(projectArg);
    const settings = readSettings().projects;
    const scope = row ? { projectIds: [row] } : await askScope(settings.projects);
    if (!scope) return false;
    const found = await deps.found.discover();
    const stored = await deps.credentials.get();
    const choices = deps.choices.current;
    const inScope = 'all' in scope ? settings.projects.map((p) => p.projectId) : scope.projectIds;
    const single = settings.legacyProjectId ?? settings.projects[0]?.projectId;
    const signing = new Map(
      (inScope.length ? inScope : ['']).map((id) => [id, signingChoice(stored, choices, found, id, single)]),
    );
    const mark = (id: string) => {
      const count = [...signing.values()].filter((s) => s === id).length;
      if (count === 0) return '';
      return count === signing.size
        ? vscode.l10n.t('(in use)')
        : vscode.l10n.t('(in use by {0} of {1} projects)', count, signing.size);
    };
    const saved: Item[] = [
      ...(stored.sso
        ? [
            {
              label: `$(organization) ${describeCredential(stored.sso)} ${mark(SAVED_SSO)}`.trim(),
              description: vscode.l10n.t('signs every project before a saved access key'),
              id: SAVED_SSO,
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
      // Only the projects in scope: another project's token would be refused here, or worse, accepted.
      ...('all' in scope ? [] : scope.projectIds).flatMap((id) => {
        const own = projectCredential(stored, id, single);
        if (!own) return [];
        const inUse = signing.get(id) === OWN_CREDENTIAL ? vscode.l10n.t('(in use)') : '';
        return [
          {
            label: `$(symbol-key) ${describeCredential(own)} ${inUse}`.trim(),
            description: vscode.l10n.t('project {0} only; a project’s own token or sign-in is always used first', id),
            id: OWN_CREDENTIAL,
            project: id,
          },
        ];
      }),
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
      placeHolder:
        'all' in scope
          ? vscode.l10n.t('Which credential should requests be signed with?')
          : scope.projectIds.length === 1
            ? vscode.l10n.t('Which credential should project {0} use?', scope.projectIds[0])
            : vscode.l10n.t('Which credential should projects {0} use?', scope.projectIds.join(', ')),
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
    if (picked.project) {
      // Its own token signs a project whatever is chosen: choosing it is choosing what VS Code keeps, in its
      // order, for that project. The other projects in scope have no such token: what they use stays.
      await deps.choices.set(choosing(deps.choices.current, SAVED_CREDENTIALS, { projectIds: [picked.project] }));
      return true;
    }
    if (picked.id === SAVED_SSO || picked.id === SAVED_ACCESS_KEY) {
      await deps.choices.set(choosing(deps.choices.current, picked.id, scope));
      return true;
    }
    const source = picked.id ? found.source(picked.id) : undefined;
    return source ? use(found, source, scope) : false;
  });
}
