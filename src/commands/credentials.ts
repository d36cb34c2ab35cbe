import * as vscode from 'vscode';
import { registerCommand } from './safeCommand';
import { CredentialStore } from '../config/credentialStore';
import { SignIn } from '../views/signIn';
import { UNSCOPED } from '../core/credentials';
import { projectLabel } from '../core/projects';
import { pickProject, projectIdOf } from '../views/projectPicker';

export function validateToken(value: string): string | undefined {
  const token = value.trim();
  if (!token) return 'Paste the IAM token (the X-Subject-Token header of POST /v3/auth/tokens).';
  if (/\s/.test(token)) return 'A token has no spaces or line breaks; check what was pasted.';
  return undefined;
}

export function validateAccessKeyId(value: string): string | undefined {
  const ak = value.trim();
  if (!ak) return 'Enter the access key ID (My Credentials → Access Keys).';
  if (!/^[A-Za-z0-9]{8,128}$/.test(ak)) return 'An access key ID is 8–128 letters and digits, e.g. HPUAXXXXXXXXXXXXXXXX.';
  return undefined;
}

function required(what: string): (value: string) => string | undefined {
  return (value) => (value.trim() ? (/\s/.test(value.trim()) ? `The ${what} has no spaces.` : undefined) : `Enter the ${what}.`);
}

/** Set Token, Set Access Key, Sign In and the commands that forget credentials. */
export function registerCredentialCommands(credentials: CredentialStore, signIn: SignIn): vscode.Disposable {
  const setToken = registerCommand('workspaceJobs.setToken', async (projectArg?: unknown): Promise<boolean> => {
    const { project, cancelled } = await pickProject('Workspace Jobs: Set Token', projectIdOf(projectArg));
    if (cancelled) return false;
    const token = await vscode.window.showInputBox({
      title: 'Workspace Jobs: Set Token',
      prompt: `IAM user token for ${project ? `project ${projectLabel(project)}` : 'the project'}, sent as X-Auth-Token. Stored in VS Code SecretStorage only.`,
      placeHolder: 'MIIE…',
      password: true,
      ignoreFocusOut: true,
      validateInput: validateToken,
    });
    if (token === undefined) return false;
    // Before any project is configured, the token waits for the one configured next.
    await credentials.setProjectCredential(project?.projectId ?? UNSCOPED, { kind: 'token', token: token.trim() });
    void vscode.window.showInformationMessage('Token saved in SecretStorage.');
    return true;
  });

  const setAccessKey = registerCommand('workspaceJobs.setAccessKey', async (): Promise<boolean> => {
    const title = 'Workspace Jobs: Set Access Key';
    const accessKeyId = await vscode.window.showInputBox({ title: `${title} (1/3)`, prompt: 'Access key ID (AK)', ignoreFocusOut: true, validateInput: validateAccessKeyId });
    if (accessKeyId === undefined) return false;
    const secretKey = await vscode.window.showInputBox({
      title: `${title} (2/3)`,
      prompt: 'Secret access key (SK). It signs each request and is never sent or shown again.',
      password: true,
      ignoreFocusOut: true,
      validateInput: required('secret access key'),
    });
    if (secretKey === undefined) return false;
    const securityToken = await vscode.window.showInputBox({
      title: `${title} (3/3)`,
      prompt: 'Security token, only for temporary access keys; leave empty for a permanent key.',
      password: true,
      ignoreFocusOut: true,
    });
    if (securityToken === undefined) return false;
    await credentials.setAccessKey({
      kind: 'accessKey',
      accessKeyId: accessKeyId.trim(),
      secretKey: secretKey.trim(),
      ...(securityToken.trim() && { securityToken: securityToken.trim() }),
    });
    void vscode.window.showInformationMessage(`Access key ${accessKeyId.trim().slice(0, 4)}… saved in SecretStorage; requests are now signed.`);
    return true;
  });

  const forget = async (what: string, clear: () => Promise<void>) => {
    await clear();
    void vscode.window.showInformationMessage(`Workspace Jobs: ${what} removed from SecretStorage.`);
  };

  return vscode.Disposable.from(
    setToken,
    setAccessKey,
    registerCommand('workspaceJobs.signIn', (projectArg?: unknown) => signIn.interactive(projectArg)),
    registerCommand('workspaceJobs.clearToken', async () => {
      const current = await credentials.get();
      if (Object.keys(current.projects).length) await forget('tokens and sign-ins', () => credentials.clearProjectCredentials());
      else void vscode.window.showInformationMessage('Workspace Jobs: no token is stored.');
    }),
    registerCommand('workspaceJobs.clearCredentials', () => forget('all credentials', () => credentials.clear())),
    registerCommand('workspaceJobs.signOut', () => forget('sign-ins, tokens and access key (with any remembered password)', () => credentials.clear())),
  );
}
