import * as vscode from 'vscode';

const TOKEN_KEY = 'workspaceJobs.token';

/** The IAM token lives in SecretStorage (the OS keychain on desktop) and nowhere else. */
export class TokenStore {
  readonly onDidChange: vscode.Event<void>;

  constructor(private readonly secrets: vscode.SecretStorage) {
    this.onDidChange = (listener, thisArgs, disposables) =>
      secrets.onDidChange((e) => e.key === TOKEN_KEY && listener.call(thisArgs, undefined), undefined, disposables);
  }

  get(): Thenable<string | undefined> {
    return this.secrets.get(TOKEN_KEY);
  }

  set(token: string): Thenable<void> {
    return this.secrets.store(TOKEN_KEY, token);
  }

  clear(): Thenable<void> {
    return this.secrets.delete(TOKEN_KEY);
  }
}
