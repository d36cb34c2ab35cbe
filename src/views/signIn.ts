import * as vscode from 'vscode';
import { describeError } from '../api/errors';
import { requestProjectToken } from '../api/iamClient';
import { Logger } from '../api/logger';
import { CredentialStore } from '../config/credentialStore';
import { readSettings, SECTION } from '../config/settings';
import { IamCredential, renewalTime } from '../core/credentials';
import { TokenRenewal } from '../core/tokenRenewal';
import { iamEndpointFor } from '../core/connection';
import { Clock, systemClock } from '../core/clock';
import { DispatcherFactory } from './dispatchers';

const TITLE = 'Workspace Jobs: Sign In';

/**
 * IAM password sign-in and what keeps it alive: renewal before the token's 24 hours run out,
 * silently when the user chose to remember the password, otherwise by asking them to sign in.
 */
export class SignIn implements vscode.Disposable {
  private prompting = false;
  private readonly renewal: TokenRenewal;

  constructor(
    private readonly credentials: CredentialStore,
    private readonly dispatchers: DispatcherFactory,
    private readonly logger: Logger,
    private readonly clock: Clock = systemClock,
  ) {
    this.renewal = new TokenRenewal({
      clock,
      logger,
      read: () => credentials.get(),
      signIn: (credential) => this.requestCredential({ ...credential, remember: true }, vscode.ProgressLocation.Window),
      replace: (current, next) => credentials.replace(current, next),
      ask: (credential, reason) =>
        void this.ask(
          reason === 'failed'
            ? `Renewing the IAM token of ${credential.userName} failed; sign in again to keep the view current.`
            : `The IAM token of ${credential.userName} expires at ${new Date(credential.expiresAt).toLocaleString()}.`,
          'Sign In',
          'workspaceJobs.signIn',
        ),
    });
  }

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
    return this.signIn({ domainName: domainName.trim(), userName: userName.trim(), password, iamEndpoint, remember: remember.remember });
  }

  /** Called when a refresh failed because the token expired. */
  async tokenExpired(): Promise<void> {
    const credential = await this.credentials.get();
    if (credential?.kind !== 'iam') {
      await this.ask('The token has expired.', 'Set Token', 'workspaceJobs.setToken');
      return;
    }
    await this.renewal.expired();
  }

  /** Re-arms the one renewal timer for whatever credential is stored now. */
  watch(): Promise<void> {
    return this.renewal.watch();
  }

  dispose(): void {
    this.renewal.dispose();
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

  /** Gets a token from IAM; the credential it returns is not stored yet. */
  private async requestCredential(
    input: { domainName: string; userName: string; password: string; iamEndpoint: string; remember: boolean },
    location: vscode.ProgressLocation,
  ): Promise<IamCredential> {
    const settings = readSettings();
    const controller = new AbortController();
    const token = await vscode.window.withProgress({ location, title: 'Signing in to IAM…' }, () =>
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
    this.logger.info(`Signed in as ${input.userName} (${input.domainName}); token valid until ${token.expiresAt}`);
    return {
      kind: 'iam',
      token: token.token,
      expiresAt: token.expiresAt,
      domainName: input.domainName,
      userName: input.userName,
      iamEndpoint: input.iamEndpoint,
      renewAt: renewalTime(this.clock.now(), token.expiresAt, token.issuedAt),
      projectId: token.projectId,
      ...(input.remember && { password: input.password }),
    };
  }

  private async signIn(input: { domainName: string; userName: string; password: string; iamEndpoint: string; remember: boolean }): Promise<boolean> {
    try {
      const settings = readSettings();
      const credential = await this.requestCredential(input, vscode.ProgressLocation.Notification);
      await this.credentials.set(credential);
      if (!settings.projectId && credential.projectId) {
        await vscode.workspace.getConfiguration(SECTION).update('projectId', credential.projectId, vscode.ConfigurationTarget.Global);
      }
      void vscode.window.showInformationMessage(`Signed in as ${input.userName}; the token is valid until ${new Date(credential.expiresAt).toLocaleString()}.`);
      await this.watch();
      return true;
    } catch (error) {
      const message = describeError(error);
      this.logger.error(`Sign-in as ${input.userName} failed: ${message}`);
      void vscode.window.showErrorMessage(`Workspace Jobs: sign-in failed: ${message}`);
      return false;
    }
  }
}
