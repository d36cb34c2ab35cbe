import * as vscode from 'vscode';
import { Logger } from '../api/logger';
import { readSettings } from '../config/settings';
import { credentialIamEndpoint } from '../core/connection';
import { ProjectSession } from '../core/projectSession';
import { projectLabel } from '../core/projects';
import { Sessions } from '../core/sessions';
import { byProject } from '../presentation/familyRows';
import { whoAmIMessage } from '../presentation/whoAmIText';
import { rowOf } from './rowArgument';
import { registerCommand } from './safeCommand';

/**
 * Who Am I: which account and user the project's credential belongs to, asked through the
 * project's own session (so Sign Out or a reconfiguration stops it). Shown in a notification, not
 * a dialog; a failure is one line (safeCommand).
 */
export function registerWhoAmI(sessions: Sessions, logger: Logger): vscode.Disposable {
  return registerCommand('workspaceJobs.whoAmI', async (arg?: unknown) => {
    const session = await sessionOf(sessions, arg);
    if (!session) return;
    const label = projectLabel(session.spec);
    const answer = await vscode.window.withProgress(
      {
        location: vscode.ProgressLocation.Window,
        title: vscode.l10n.t('Asking IAM who the credential of {0} belongs to…', label),
      },
      () => session.whoAmI(iamEndpointOf(session)),
    );
    const message = whoAmIMessage({ label, credential: session.spec.credential }, answer);
    logger.info(`Who Am I: ${message}`);
    const copy = vscode.l10n.t({ message: 'Copy', comment: ['Button: copies the Who Am I message'] });
    if ((await vscode.window.showInformationMessage(message, copy)) === copy)
      await vscode.env.clipboard.writeText(message);
  });
}

/** The row's project, the only one, or the user's pick among several. */
async function sessionOf(sessions: Sessions, arg: unknown): Promise<ProjectSession | undefined> {
  const key = rowOf(arg)?.sessionKey;
  const fromRow = typeof key === 'string' ? sessions.get(key) : undefined;
  if (fromRow) return fromRow;
  // The credential is the project's: one entry per project, whichever families it shows.
  const all = byProject(sessions.all).map((project) => project[0]!);
  if (all.length <= 1) {
    if (!all.length)
      void vscode.window.showInformationMessage(vscode.l10n.t('Workspace Jobs: no project is configured.'));
    return all[0];
  }
  const picked = await vscode.window.showQuickPick(
    all.map((session) => ({
      label: projectLabel(session.spec),
      description: `${session.spec.location} · ${session.spec.credential}`,
      session,
    })),
    { title: vscode.l10n.t('Who Am I'), placeHolder: vscode.l10n.t('Which project’s credential?') },
  );
  return picked?.session;
}

/**
 * Where the session's IAM is: the simulator itself for sample data; else the IAM the credential's own
 * source names, as for finding its projects; else as Sign In finds it.
 */
function iamEndpointOf(session: ProjectSession): string {
  const { spec } = session;
  if (spec.sampleData) return spec.endpoint;
  const settings = readSettings();
  const project = settings.projects.projects.find((p) => p.projectId === spec.projectId);
  const own = spec.signer?.kind === 'accessKey' ? spec.signer.iamEndpoint : undefined;
  return credentialIamEndpoint(own, project ?? { region: '', endpoint: spec.endpoint }, settings.iamEndpoint);
}
