import * as vscode from 'vscode';
import { registerCommand } from './safeCommand';

/**
 * Add Credentials: the three ways in one picker, the access key first (it signs requests for
 * every project and does not expire), then a pasted token, then an IAM sign-in. The project a row
 * names is passed on to the command picked.
 */
export function registerAddCredentials(): vscode.Disposable {
  return registerCommand('workspaceJobs.addCredentials', async (projectArg?: unknown): Promise<boolean> => {
    const picked = await vscode.window.showQuickPick(
      [
        {
          label: vscode.l10n.t('$(key) Set Access Key (AK/SK)'),
          description: vscode.l10n.t('recommended'),
          detail: vscode.l10n.t(
            'Signs every request, for every project; does not expire. My Credentials → Access Keys.',
          ),
          command: 'workspaceJobs.setAccessKey',
          passProject: false,
        },
        {
          label: vscode.l10n.t('$(symbol-key) Set Token'),
          detail: vscode.l10n.t('Paste an IAM user token (X-Auth-Token) for one project; it lasts 24 hours.'),
          command: 'workspaceJobs.setToken',
          passProject: true,
        },
        {
          label: vscode.l10n.t('$(sign-in) Sign In with an IAM User'),
          detail: vscode.l10n.t('Account, user name and password; the token is renewed before it expires.'),
          command: 'workspaceJobs.signIn',
          passProject: true,
        },
        {
          label: vscode.l10n.t('$(organization) Sign In with IAM Identity Center (SSO)'),
          detail: vscode.l10n.t('Confirm a code in the browser; temporary keys sign every project and are renewed.'),
          command: 'workspaceJobs.signInWithSso',
          passProject: false,
        },
      ],
      {
        title: vscode.l10n.t('Workspace Jobs: Add Credentials'),
        placeHolder: vscode.l10n.t('How should requests be authorized?'),
        ignoreFocusOut: true,
      },
    );
    if (!picked) return false;
    return (
      (await vscode.commands.executeCommand<boolean>(
        picked.command,
        ...(picked.passProject && projectArg !== undefined ? [projectArg] : []),
      )) === true
    );
  });
}
