import * as vscode from 'vscode';
import { registerCommand } from './safeCommand';
import { TokenStore } from '../config/tokenStore';
import { readSettings } from '../config/settings';

export function validateToken(value: string): string | undefined {
  const token = value.trim();
  if (!token) return 'Paste the IAM token (the X-Subject-Token header of POST /v3/auth/tokens).';
  if (/\s/.test(token)) return 'A token has no spaces or line breaks; check what was pasted.';
  return undefined;
}

export function registerTokenCommands(tokens: TokenStore): vscode.Disposable {
  const set = registerCommand('workspaceJobs.setToken', async (): Promise<boolean> => {
    const token = await vscode.window.showInputBox({
      title: 'Workspace Jobs: Set Token',
      prompt: 'IAM user token for the project, sent as X-Auth-Token. Stored in VS Code SecretStorage only.',
      placeHolder: 'MIIE…',
      password: true,
      ignoreFocusOut: true,
      validateInput: validateToken,
    });
    if (token === undefined) return false;
    await tokens.set(token.trim());
    if (!readSettings().projectId) {
      const choice = await vscode.window.showInformationMessage('Token saved. Which project should be shown?', 'Configure Project');
      if (choice) await vscode.commands.executeCommand('workspaceJobs.configureProject');
    } else {
      void vscode.window.showInformationMessage('Token saved in SecretStorage.');
    }
    return true;
  });
  const clear = registerCommand('workspaceJobs.clearToken', async () => {
    await tokens.clear();
    void vscode.window.showInformationMessage('Token removed from SecretStorage.');
  });
  return vscode.Disposable.from(set, clear);
}
