import type * as vscode from 'vscode';
import {
  AccessKeyCredential,
  CredentialSet,
  IamCredential,
  NO_CREDENTIALS,
  parseCredentialSet,
  ProjectCredential,
  serializeCredentialSet,
  SsoCredential,
  UNSCOPED,
  withoutProjectCredentials,
} from '../core/credentials';

/** The key earlier versions kept their one credential under; today's set is kept there too. */
const KEY = 'workspaceJobs.credential';

/**
 * Credentials live in SecretStorage (the OS keychain on desktop) and nowhere else. Writes go one at
 * a time, each reading what is stored just before it writes, so a renewal's compare-and-replace
 * cannot interleave with a Sign Out or another project's sign-in.
 */
export class CredentialStore {
  readonly onDidChange: vscode.Event<void>;
  private queue: Promise<unknown> = Promise.resolve();
  private clears = 0;

  constructor(private readonly secrets: vscode.SecretStorage) {
    this.onDidChange = (listener, thisArgs, disposables) =>
      secrets.onDidChange((e) => e.key === KEY && listener.call(thisArgs, undefined), undefined, disposables);
  }

  async get(): Promise<CredentialSet> {
    return parseCredentialSet(await this.secrets.get(KEY));
  }

  setAccessKey(accessKey: AccessKeyCredential): Promise<void> {
    return this.update((set) => ({ ...set, accessKey }));
  }

  /** Counts the times credentials were forgotten: a sign-in that began before one must not store its result. */
  get clearCount(): number {
    return this.clears;
  }

  /**
   * A token or sign-in for one project; replaces what that project had. With `unlessClearedSince`
   * (a clearCount read when the sign-in began), nothing is stored if credentials were forgotten
   * since: Sign Out during "Signing in…" sticks. Resolves to whether it was stored.
   */
  setProjectCredential(
    projectId: string,
    credential: ProjectCredential,
    unlessClearedSince?: number,
  ): Promise<boolean> {
    return this.serial(async () => {
      if (unlessClearedSince !== undefined && this.clears !== unlessClearedSince) return false;
      const set = await this.get().catch(() => NO_CREDENTIALS);
      await this.secrets.store(
        KEY,
        serializeCredentialSet({ ...set, projects: { ...set.projects, [projectId]: credential } }),
      );
      return true;
    });
  }

  /**
   * A token stored before tokens were kept per project (or before any project was configured)
   * becomes the given project's, once: it must not follow whatever project id is set later.
   */
  adoptUnscoped(projectId: string): Promise<boolean> {
    return this.serial(async () => {
      const set = await this.get();
      const unscoped = set.projects[UNSCOPED];
      if (!unscoped || !projectId) return false;
      const { [UNSCOPED]: _adopted, ...projects } = set.projects;
      await this.secrets.store(
        KEY,
        serializeCredentialSet({
          ...set,
          projects: set.projects[projectId] ? projects : { ...projects, [projectId]: unscoped },
        }),
      );
      return true;
    });
  }

  /**
   * An IAM Identity Center sign-in, unless credentials were forgotten since `unlessClearedSince`
   * (Sign Out during the device flow sticks). Resolves to whether it was stored.
   */
  setSso(sso: SsoCredential, unlessClearedSince: number): Promise<boolean> {
    return this.serial(async () => {
      if (this.clears !== unlessClearedSince) return false;
      const set = await this.get().catch(() => NO_CREDENTIALS);
      await this.secrets.store(KEY, serializeCredentialSet({ ...set, sso }));
      return true;
    });
  }

  /** Renewed temporary keys, stored only while `current` (same SSO token and keys) is what is stored. */
  replaceSso(current: SsoCredential, next: SsoCredential): Promise<boolean> {
    return this.serial(async () => {
      const set = await this.get();
      if (set.sso?.accessToken !== current.accessToken || set.sso.accessKeyId !== current.accessKeyId) return false;
      await this.secrets.store(KEY, serializeCredentialSet({ ...set, sso: next }));
      return true;
    });
  }

  /** Forgets every token and sign-in; the access key stays. */
  clearProjectCredentials(): Promise<void> {
    this.clears++;
    return this.update(withoutProjectCredentials);
  }

  /** Forgets everything. */
  clear(): Promise<void> {
    this.clears++;
    return this.serial(() => this.secrets.delete(KEY));
  }

  /** Stores `next` for a project only while `current` (the same IAM token) is still stored there; false otherwise. */
  replace(projectId: string, current: IamCredential, next: IamCredential): Promise<boolean> {
    return this.serial(async () => {
      const set = await this.get();
      const stored = set.projects[projectId];
      if (stored?.kind !== 'iam' || stored.token !== current.token) return false;
      await this.secrets.store(
        KEY,
        serializeCredentialSet({ ...set, projects: { ...set.projects, [projectId]: next } }),
      );
      return true;
    });
  }

  private update(change: (set: CredentialSet) => CredentialSet): Promise<void> {
    return this.serial(async () => {
      const next = change(await this.get().catch(() => NO_CREDENTIALS));
      await this.secrets.store(KEY, serializeCredentialSet(next));
    });
  }

  private serial<T>(write: () => Thenable<T> | Promise<T>): Promise<T> {
    const result = this.queue.then(write, write);
    this.queue = result.catch(() => undefined);
    return result;
  }
}
