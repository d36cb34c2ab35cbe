import * as vscode from 'vscode';
import type { CredentialChoices } from '../core/credentialChoice';
import { expiryAction } from '../core/credentialExpiry';
import type { SessionSpec } from '../core/sessionSpec';
import { foundKeyExpiredNotice, longTermKeyRefusedMessage, savedKeyExpiredNotice } from './renewalNotice';

export interface ExpiredCredentialsDeps {
  /** The IAM Identity Center sign-in: new keys now, unless the refused ones (by keysOf) were replaced already. */
  readonly sso: { keysRefused(keys: string): Promise<void> };
  /** A token or IAM sign-in: renewed, or a new token asked for. */
  readonly signIn: { tokenExpired(projectId: string): Promise<void> };
  /** Reads the found sources again and re-plans the sessions: a file watcher may have missed the change. */
  readonly reload?: () => Promise<void>;
  /** The remembered choices: whether the refused key is a project's own choice or signs others too. */
  readonly choices: { readonly current: CredentialChoices };
}

/**
 * A project's refresh was refused because its credential expired: what the user is told, or what is
 * renewed, follows from what signs that project's session (its spec), not from what else is stored.
 */
export class ExpiredCredentials {
  /** Notices on screen, by what they are about: a project's families are refused together. */
  private readonly showing = new Set<string>();

  constructor(private readonly deps: ExpiredCredentialsDeps) {}

  async expired(spec: Pick<SessionSpec, 'projectId' | 'signer'>): Promise<void> {
    const action = expiryAction(spec.signer);
    switch (action.kind) {
      case 'renewSso':
        return this.deps.sso.keysRefused(action.keys);
      case 'token':
        return this.deps.signIn.tokenExpired(spec.projectId);
      case 'none':
        return;
      case 'refreshFound':
        return this.foundKey(spec.projectId, action.sourceId, foundKeyExpiredNotice(action.sourceId, action.source));
      case 'refusedKey': {
        const message = longTermKeyRefusedMessage(action.found);
        if (action.found) {
          const notice = foundKeyExpiredNotice(action.found.id, action.found.label);
          return this.foundKey(spec.projectId, action.found.id, { ...notice, message });
        }
        return this.savedKey(message);
      }
      case 'setAccessKey':
        return this.savedKey(savedKeyExpiredNotice().message);
    }
  }

  /** A key kept where the user keeps it: only there can it be set right; or another credential is chosen. */
  private foundKey(
    projectId: string,
    sourceId: string,
    notice: ReturnType<typeof foundKeyExpiredNotice>,
  ): Promise<void> {
    const buttons = [notice.refresh, notice.switchCredential].filter((b): b is string => b !== undefined);
    return this.once(`found:${sourceId}`, notice.message, buttons, async (choice) => {
      if (choice !== notice.refresh) {
        // The project's own picker only when the key is that project's own choice: a default signs other
        // projects too, whose refusals this one notice stood for, so the scope question is asked.
        const own = this.deps.choices.current.projects;
        const ownChoice = Object.prototype.hasOwnProperty.call(own, projectId) && own[projectId] === sourceId;
        return ownChoice
          ? vscode.commands.executeCommand('workspaceJobs.switchCredential', projectId)
          : vscode.commands.executeCommand('workspaceJobs.switchCredential');
      }
      await this.deps.reload?.();
      return vscode.commands.executeCommand('workspaceJobs.refresh');
    });
  }

  private savedKey(message: string): Promise<void> {
    return this.once('saved', message, [savedKeyExpiredNotice().button], () =>
      vscode.commands.executeCommand('workspaceJobs.setAccessKey'),
    );
  }

  private async once(
    about: string,
    message: string,
    buttons: readonly string[],
    act: (choice: string) => Thenable<unknown> | Promise<unknown>,
  ): Promise<void> {
    if (this.showing.has(about)) return;
    this.showing.add(about);
    try {
      const choice = await vscode.window.showWarningMessage(message, ...buttons);
      if (choice) await act(choice);
    } finally {
      this.showing.delete(about);
    }
  }
}
