import * as vscode from 'vscode';
import { Credential, parseCredential } from '../core/credentials';

const KEY = 'workspaceJobs.credential';

/** The credential lives in SecretStorage (the OS keychain on desktop) and nowhere else. */
export class CredentialStore {
  readonly onDidChange: vscode.Event<void>;

  constructor(private readonly secrets: vscode.SecretStorage) {
    this.onDidChange = (listener, thisArgs, disposables) =>
      secrets.onDidChange((e) => e.key === KEY && listener.call(thisArgs, undefined), undefined, disposables);
  }

  async get(): Promise<Credential | undefined> {
    return parseCredential(await this.secrets.get(KEY));
  }

  set(credential: Credential): Thenable<void> {
    return this.secrets.store(KEY, JSON.stringify(credential));
  }

  clear(): Thenable<void> {
    return this.secrets.delete(KEY);
  }
}
