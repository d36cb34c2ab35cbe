import * as vscode from 'vscode';
import { formatDateTime } from '../model/time';
import { describeError } from '../api/errors';
import type { MfaCode } from '../api/iamClient';
import { requestProjectToken } from '../api/lazyHttp';
import { Logger } from '../api/logger';
import { CredentialStore } from '../config/credentialStore';
import { readSettings, SECTION } from '../config/settings';
import { IamCredential, renewalTime } from '../core/credentials';
import { TokenRenewal } from '../core/tokenRenewal';
import { iamEndpointFor } from '../core/connection';
import { ProjectConfig } from '../core/projects';
import { DEFAULT_REGION } from '../api/regions';
import { projectIdOf } from './projectPicker';
import { askSignIn, SignInStart, signInProjects } from './signInPrompt';
import { askAfterPasswordRefused, askMfaCode } from './mfaPrompt';
import { renewalNotice, tokenExpiredNotice } from './renewalNotice';
import { Clock, systemClock } from '../core/clock';
import type { KeyValueStore } from '../core/filterStore';
import { MfaSignInResult, signInWithMfa, StepsAgain } from '../core/mfaSignIn';
import { memoryStore, mfaUserKey, MfaUsers } from '../core/mfaUsers';
import { DispatcherFactory } from './dispatchers';
import { whenWindowFocused } from './windowAttention';

type SignInInput = { domainName: string; userName: string; password: string; iamEndpoint: string; remember: boolean };

/**
 * IAM password sign-in (plus a virtual MFA code when IAM asks for one) and what keeps it alive:
 * renewal before the token's 24 hours run out, silently when the user chose to remember the
 * password and IAM needs no MFA code, otherwise by asking them to sign in.
 */
export class SignIn implements vscode.Disposable {
  private prompting = false;
  /** One renewal per signed-in project. */
  private readonly renewals = new Map<string, TokenRenewal>();
  /** Sign-ins under way, stopped when credentials are forgotten meanwhile. */
  private readonly signingIn = new Set<AbortController>();
  private clearsSeen: number;
  /** Users known to sign in with a virtual MFA code, and their IAM user IDs (globalState: not secret). */
  private readonly mfaUsers: MfaUsers;

  constructor(
    private readonly credentials: CredentialStore,
    private readonly dispatchers: DispatcherFactory,
    private readonly logger: Logger,
    private readonly clock: Clock = systemClock,
    mfaStorage: KeyValueStore = memoryStore(),
  ) {
    this.clearsSeen = credentials.clearCount;
    this.mfaUsers = new MfaUsers(mfaStorage);
  }

  /** Asks for the account, user and password, and signs in for a project (the one given, or picked). */
  async interactive(projectArg?: unknown): Promise<boolean> {
    const settings = readSettings();
    const projects = signInProjects(projectIdOf(projectArg));
    if (!projects) return false;
    // With no project configured yet, IAM's default project of the region is asked for, and its id kept.
    const scopeOf = (project: ProjectConfig | undefined) => project ?? { projectId: '', ...settings.projects.defaults };
    let known: SignInStart | undefined = Object.values((await this.credentials.get()).projects).find(
      (c): c is IamCredential => c.kind === 'iam',
    );
    // The user who went Back from the MFA boxes, and the user ID typed there: IAM asked them for a code.
    let wentBack: { key: string; userId: string } | undefined;
    // "Try Again" after IAM refused the password: the steps once more, with the account and user kept.
    // Back from the MFA boxes: the password step, with everything kept.
    for (;;) {
      const answers = await askSignIn(projects, (p) => iamEndpointFor(scopeOf(p), settings.iamEndpoint), known);
      if (!answers) return false;
      const scope = scopeOf(answers.project);
      const { domainName, userName } = answers;
      const input = { ...answers, iamEndpoint: iamEndpointFor(scope, settings.iamEndpoint) };
      const key = mfaUserKey(input);
      // The MFA boxes count on from the steps just shown (signInPrompt asks the project only among several).
      const stepsDone = !projects.named && projects.choices.length > 1 ? 5 : 4;
      const signedIn = await this.signIn(input, scope, stepsDone, wentBack?.key === key ? wentBack.userId : undefined);
      if (typeof signedIn === 'boolean') return signedIn;
      wentBack = 'back' in signedIn ? { key, userId: signedIn.userId } : undefined;
      const more = this.mfaUsers.userIdOf(key) !== undefined ? 1 : 2;
      known = { domainName, userName, ...(wentBack && { back: { answers, more } }) };
    }
  }

  /** Called when a refresh of a project failed because its token expired. */
  async tokenExpired(projectId: string): Promise<void> {
    const renewal = this.renewals.get(projectId);
    if (renewal) {
      await renewal.expired();
      return;
    }
    const notice = tokenExpiredNotice();
    await this.ask(notice.message, notice.button, () =>
      vscode.commands.executeCommand('workspaceJobs.setToken', projectId),
    );
  }

  /** Keeps one renewal per IAM sign-in, each with its one timer, in step with what is stored. */
  async watch(): Promise<void> {
    if (this.credentials.clearCount !== this.clearsSeen) {
      this.clearsSeen = this.credentials.clearCount;
      for (const controller of this.signingIn) controller.abort();
    }
    const set = await this.credentials.get();
    const signedIn = Object.entries(set.projects)
      .filter(([, c]) => c.kind === 'iam')
      .map(([projectId]) => projectId);
    for (const [projectId, renewal] of this.renewals) {
      if (signedIn.includes(projectId)) continue;
      renewal.dispose();
      this.renewals.delete(projectId);
    }
    for (const projectId of signedIn) {
      let renewal = this.renewals.get(projectId);
      if (!renewal) {
        renewal = this.renewalFor(projectId);
        this.renewals.set(projectId, renewal);
      }
      await renewal.watch();
    }
  }

  /** Sign Out, Clear All Credentials: who needs a code is forgotten too. */
  forgetMfaUsers(): Promise<void> {
    return this.mfaUsers.forgetAll();
  }

  dispose(): void {
    for (const renewal of this.renewals.values()) renewal.dispose();
    this.renewals.clear();
    for (const controller of this.signingIn) controller.abort();
  }

  private renewalFor(projectId: string): TokenRenewal {
    return new TokenRenewal({
      clock: this.clock,
      logger: this.logger,
      read: async () => (await this.credentials.get()).projects[projectId],
      signIn: (credential) =>
        this.requestCredential(
          { ...credential, remember: true },
          { projectId: credential.projectId ?? projectId, region: DEFAULT_REGION, endpoint: '' },
          vscode.ProgressLocation.Window,
        ),
      replace: (current, next) => this.credentials.replace(projectId, current, next),
      whenFocused: whenWindowFocused,
      ask: (credential, reason) => {
        const notice = renewalNotice(credential, reason);
        void this.ask(notice.message, notice.button, () =>
          notice.then === 'code'
            ? this.renewWithCode(projectId, credential)
            : vscode.commands.executeCommand('workspaceJobs.signIn', projectId),
        );
      },
    });
  }

  /** The password the user chose to remember, and the code they type now: no other step. */
  private async renewWithCode(projectId: string, current: IamCredential): Promise<void> {
    const input = { ...current, password: current.password ?? '', remember: true };
    const scope = { projectId: current.projectId ?? projectId, region: DEFAULT_REGION, endpoint: '' };
    try {
      const result = await this.withMfa(input, scope, 0, vscode.ProgressLocation.Window, true);
      if (!result || !('signedIn' in result)) return;
      if (!(await this.credentials.replace(projectId, current, result.signedIn)))
        this.logger.info('Dropped a renewed IAM token: the credential changed while the code was typed.');
      await this.watch();
    } catch (error) {
      this.failed(input.userName, error);
    }
  }

  /** `message` is the whole notification, "Workspace Jobs: …" included; `act` runs on its button. */
  private async ask(message: string, action: string, act: () => Thenable<unknown> | Promise<unknown>): Promise<void> {
    if (this.prompting) return;
    this.prompting = true;
    try {
      const choice = await vscode.window.showWarningMessage(message, action);
      if (choice) await act();
    } finally {
      this.prompting = false;
    }
  }

  /** Gets a token from IAM for a project (by id, or the region's default project); not stored yet. */
  private async requestCredential(
    input: SignInInput,
    scope: ProjectConfig,
    location: vscode.ProgressLocation,
    mfa?: MfaCode,
  ): Promise<IamCredential> {
    const controller = new AbortController();
    this.signingIn.add(controller);
    const token = await Promise.resolve(
      vscode.window.withProgress({ location, title: vscode.l10n.t('Signing in to IAM…') }, () =>
        requestProjectToken({
          iamEndpoint: input.iamEndpoint,
          domainName: input.domainName,
          userName: input.userName,
          password: input.password,
          ...(scope.projectId ? { projectId: scope.projectId } : { projectName: scope.region }),
          ...(mfa && { mfa }),
          signal: controller.signal,
          dispatcher: this.dispatchers.forEndpoint(input.iamEndpoint),
        }),
      ),
    ).finally(() => this.signingIn.delete(controller));
    this.logger.info(
      `Signed in as ${input.userName} (${input.domainName})${mfa ? ' with an MFA code' : ''} ` +
        `for project ${token.projectId}; token valid until ${token.expiresAt}`,
    );
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
      ...(mfa && { mfa: true as const }),
    };
  }

  /** The sign-in, with a virtual MFA code when the user needs one (core/mfaSignIn.ts decides). */
  private withMfa(
    input: SignInInput,
    scope: ProjectConfig,
    stepsDone: number,
    location: vscode.ProgressLocation,
    needsCode = false,
    userId?: string,
  ): Promise<MfaSignInResult<IamCredential>> {
    return signInWithMfa({
      request: (mfa) => this.requestCredential(input, scope, location, mfa),
      users: this.mfaUsers,
      key: mfaUserKey(input),
      needsCode,
      ...(userId !== undefined && { userId }),
      askAfterRefusal: askAfterPasswordRefused,
      askCode: (ask) => askMfaCode(ask, stepsDone),
      clock: this.clock,
      logger: this.logger,
    });
  }

  /** `backUserId`: the user ID typed before Back from the MFA boxes; IAM asked this user for a code. */
  private async signIn(
    input: SignInInput,
    scope: ProjectConfig,
    done: number,
    backUserId?: string,
  ): Promise<boolean | StepsAgain> {
    const clearsAtStart = this.credentials.clearCount;
    try {
      const location = vscode.ProgressLocation.Notification;
      const result = await this.withMfa(input, scope, done, location, backUserId !== undefined, backUserId);
      if (!result) return false;
      if (!('signedIn' in result)) return result;
      const credential = result.signedIn;
      const projectId = credential.projectId ?? scope.projectId;
      if (!(await this.credentials.setProjectCredential(projectId, credential, clearsAtStart))) {
        this.logger.info(`Dropped the sign-in as ${input.userName}: credentials were removed while it was under way.`);
        return false;
      }
      // Signed in before any project was configured: the token's project becomes the one watched.
      if (!scope.projectId && projectId && readSettings().projects.projects.length === 0) {
        await vscode.workspace
          .getConfiguration(SECTION)
          .update('projectId', projectId, vscode.ConfigurationTarget.Global);
      }
      void vscode.window.showInformationMessage(
        vscode.l10n.t({
          message: 'Signed in as {0}; the token is valid until {1}.',
          args: [input.userName, formatDateTime(Date.parse(credential.expiresAt))],
          comment: ['{0} is an IAM user name, {1} a date and time'],
        }),
      );
      await this.watch();
      return true;
    } catch (error) {
      this.failed(input.userName, error);
      return false;
    }
  }

  private failed(userName: string, error: unknown): void {
    const message = describeError(error);
    this.logger.error(`Sign-in as ${userName} failed: ${message}`);
    void vscode.window.showErrorMessage(
      vscode.l10n.t({
        message: 'Workspace Jobs: sign-in failed: {0}',
        args: [message],
        comment: ['{0} is why, e.g. an error from IAM'],
      }),
    );
  }
}
