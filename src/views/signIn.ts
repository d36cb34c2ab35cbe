import * as vscode from 'vscode';
import { describeError } from '../api/errors';
import { requestProjectToken } from '../api/iamClient';
import { Logger } from '../api/logger';
import { CredentialStore } from '../config/credentialStore';
import { readSettings, SECTION } from '../config/settings';
import { Credential, renewalDueIn } from '../core/credentials';
import { iamEndpointFor } from '../core/connection';
import { Clock, systemClock } from '../core/clock';
import { DispatcherFactory } from './dispatchers';

const TITLE = 'Workspace Jobs: Sign In';

/**
 * IAM password sign-in and what keeps it alive: renewal before the token's 24 hours run out,
 * silently when the user chose to remember the password, otherwise by asking them to sign in.
 */
export class SignIn implements vscode.Disposable {
  private timer: unknown;
  private prompting = false;

  constructor(
    private readonly credentials: CredentialStore,
    private readonly dispatchers: DispatcherFactory,
    private readonly logger: Logger,
    private readonly clock: Clock = systemClock,
  ) {}

  async interactive(): Promise<boolean> {
    const settings = readSettings();
    const iamEndpoint = iamEndpointFor(settings);
    const previous = await this.credentials.get();
    const known = previous?.kind === 'iam' ? previous : undefined;
    const domainName = await vscode.window.showInputBox({
      title: `${TITLE} (1/4)`,
      prompt: `Account name (the domain) · IAM at ${iamEndpoint}`,
      value: known?.domainName,
      ignoreFocusOut: true,
      validateInput: (v) => (v.trim() ? undefined : 'Enter the account name.'),
    });
    if (domainName === undefined) return false;
    const userName = await vscode.window.showInputBox({
      title: `${TITLE} (2/4)`,
      prompt: 'IAM user name',
      value: known?.userName,
      ignoreFocusOut: true,
      validateInput: (v) => (v.trim() ? undefined : 'Enter the IAM user name.'),
    });
    if (userName === undefined) return false;
    const password = await vscode.window.showInputBox({
      title: `${TITLE} (3/4)`,
      prompt: 'Password. It is sent to IAM only; it is stored only if you choose so next.',
      password: true,
      ignoreFocusOut: true,
      validateInput: (v) => (v ? undefined : 'Enter the password.'),
    });
    if (password === undefined) return false;
    const remember = await vscode.window.showQuickPick(
      [
        { label: 'Ask me again when the token expires', description: 'the password is not stored', remember: false },
        { label: 'Remember the password', description: 'kept in SecretStorage to renew the token silently', remember: true },
      ],
      { title: `${TITLE} (4/4)`, placeHolder: 'IAM tokens last 24 hours', ignoreFocusOut: true },
    );
    if (!remember) return false;
    return this.signIn({ domainName: domainName.trim(), userName: userName.trim(), password, iamEndpoint, remember: remember.remember }, true);
  }

  /** Called when a refresh failed because the token expired. */
  async tokenExpired(): Promise<void> {
    const credential = await this.credentials.get();
    if (credential?.kind !== 'iam') {
      await this.ask('The token has expired.', 'Set Token', 'workspaceJobs.setToken');
      return;
    }
    await this.renew(credential);
  }

  /** Re-arms the renewal timer for the stored credential. */
  async watch(): Promise<void> {
    this.cancel();
    const credential = await this.credentials.get();
    const due = credential && renewalDueIn(credential, this.clock.now());
    if (credential?.kind !== 'iam' || due === undefined) return;
    // setTimeout cannot wait longer than 2^31-1 ms; re-check then.
    this.timer = this.clock.setTimeout(() => void this.renew(credential), Math.min(Math.max(0, due), 2 ** 31 - 1));
  }

  dispose(): void {
    this.cancel();
  }

  private async renew(credential: Extract<Credential, { kind: 'iam' }>): Promise<void> {
    if (credential.password) {
      const ok = await this.signIn({ ...credential, password: credential.password, remember: true }, false);
      if (ok) return;
    }
    await this.ask(`The IAM token of ${credential.userName} expires at ${new Date(credential.expiresAt).toLocaleString()}.`, 'Sign In', 'workspaceJobs.signIn');
  }

  private async ask(message: string, action: string, command: string): Promise<void> {
    if (this.prompting) return;
    this.prompting = true;
    try {
      const choice = await vscode.window.showWarningMessage(`Workspace Jobs: ${message}`, action);
      if (choice) await vscode.commands.executeCommand(command);
    } finally {
      this.prompting = false;
    }
  }

  private async signIn(
    input: { domainName: string; userName: string; password: string; iamEndpoint: string; remember: boolean },
    interactive: boolean,
  ): Promise<boolean> {
    const settings = readSettings();
    const controller = new AbortController();
    try {
      const token = await vscode.window.withProgress(
        { location: interactive ? vscode.ProgressLocation.Notification : vscode.ProgressLocation.Window, title: 'Signing in to IAM…' },
        () =>
          requestProjectToken({
            iamEndpoint: input.iamEndpoint,
            domainName: input.domainName,
            userName: input.userName,
            password: input.password,
            ...(settings.projectId ? { projectId: settings.projectId } : { projectName: settings.region }),
            signal: controller.signal,
            dispatcher: this.dispatchers.forEndpoint(input.iamEndpoint),
          }),
      );
      await this.credentials.set({
        kind: 'iam',
        token: token.token,
        expiresAt: token.expiresAt,
        domainName: input.domainName,
        userName: input.userName,
        iamEndpoint: input.iamEndpoint,
        ...(input.remember && { password: input.password }),
      });
      if (!settings.projectId && token.projectId) {
        await vscode.workspace.getConfiguration(SECTION).update('projectId', token.projectId, vscode.ConfigurationTarget.Global);
      }
      this.logger.info(`Signed in as ${input.userName} (${input.domainName}); token valid until ${token.expiresAt}`);
      if (interactive) void vscode.window.showInformationMessage(`Signed in as ${input.userName}; the token is valid until ${new Date(token.expiresAt).toLocaleString()}.`);
      await this.watch();
      return true;
    } catch (error) {
      const message = describeError(error);
      this.logger.error(`Sign-in as ${input.userName} failed: ${message}`);
      if (interactive) void vscode.window.showErrorMessage(`Workspace Jobs: sign-in failed: ${message}`);
      return false;
    }
  }

  private cancel(): void {
    if (this.timer !== undefined) this.clock.clearTimeout(this.timer);
    this.timer = undefined;
  }
}
