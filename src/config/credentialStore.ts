import * as vscode from 'vscode';
import { Credential, IamCredential, parseCredential } from '../core/credentials';

const KEY = 'workspaceJobs.credential';

/**
 * The credential lives in SecretStorage (the OS keychain on desktop) and nowhere else. Writes go
 * one at a time, so a renewal's compare-and-replace cannot interleave with a Sign Out.
 */
export class CredentialStore {
  readonly onDidChange: vscode.Event<void>;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly secrets: vscode.SecretStorage) {
    this.onDidChange = (listener, thisArgs, disposables) =>
      secrets.onDidChange((e) => e.key === KEY && listener.call(thisArgs, undefined), undefined, disposables);
  }

  async get(): Promise<Credential | undefined> {
    return parseCredential(await this.secrets.get(KEY));
  }

  set(credential: Credential): Promise<void> {
    return this.serial(() => this.secrets.store(KEY, JSON.stringify(credential)));
  }

  clear(): Promise<void> {
    return this.serial(() => this.secrets.delete(KEY));
  }

  /** Stores `next` only while `current` (the same IAM token) is still stored; false otherwise. */
  replace(current: IamCredential, next: IamCredential): Promise<boolean> {
    return this.serial(async () => {
      const stored = await this.get();
      if (stored?.kind !== 'iam' || stored.token !== current.token) return false;
      await this.secrets.store(KEY, JSON.stringify(next));
      return true;
    });
  }

  private serial<T>(write: () => Thenable<T> | Promise<T>): Promise<T> {
    const result = this.queue.then(write, write);
    this.queue = result.catch(() => undefined);
    return result;
  }
}
