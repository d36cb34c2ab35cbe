import * as vscode from 'vscode';
import { formatDateTime } from '../model/time';
import { describeError } from '../api/errors';
import type { MfaCode } from '../api/iamClient';
import { IamMfaCodeRefusedError, IamMfaRequiredError } from '../api/iamErrors';
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
import { askSignIn, signInProjects } from './signInPrompt';
import { askMfaCode } from './mfaPrompt';
import { Clock, systemClock } from '../core/clock';
import { DispatcherFactory } from './dispatchers';
import { whenWindowFocused } from './windowAttention';

/** Codes tried per sign-in before giving up: a code lasts 30 seconds, so a slow hand gets another. */
const MFA_TRIES = 3;

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
  /** IAM user ids learnt from sign-ins, by endpoint, account and user: an MFA sign-in names the user by id. */
  private readonly userIds = new Map<string, string>();

  constructor(
    private readonly credentials: CredentialStore,
    private readonly dispatchers: DispatcherFactory,
    private readonly logger: Logger,
    private readonly clock: Clock = systemClock,
  ) {
    this.clearsSeen = credentials.clearCount;
  }

  /** Asks for the account, user and password, and signs in for a project (the one given, or picked). */
  async interactive(projectArg?: unknown): Promise<boolean> {
    const settings = readSettings();
    const projects = signInProjects(projectIdOf(projectArg));
    if (!projects) return false;
    // With no project configured yet, IAM's default project of the region is asked for, and its id kept.
    const scopeOf = (project: ProjectConfig | undefined) => project ?? { projectId: '', ...settings.projects.defaults };
    const known = Object.values((await this.credentials.get()).projects).find(
      (c): c is IamCredential => c.kind === 'iam',
    );
    const answers = await askSignIn(projects, (p) => iamEndpointFor(scopeOf(p), settings.iamEndpoint), known);
    if (!answers) return false;
    const scope = scopeOf(answers.project);
    const { domainName, userName, password, remember } = answers;
    const iamEndpoint = iamEndpointFor(scope, settings.iamEndpoint);
    // The MFA boxes count on from the steps just shown (signInPrompt asks the project only among several).
    const stepsDone = !projects.named && projects.choices.length > 1 ? 5 : 4;
    return this.signIn({ domainName, userName, password, iamEndpoint, remember }, scope, stepsDone);
  }

  /** Called when a refresh of a project failed because its token expired. */
  async tokenExpired(projectId: string): Promise<void> {
    const renewal = this.renewals.get(projectId);
    if (renewal) {
      await renewal.expired();
      return;
    }
    await this.ask(
      vscode.l10n.t('Workspace Jobs: The token has expired.'),
      vscode.l10n.t({
        message: 'Set Token',
        comment: ['Button of the notification that a token expired: asks for a new IAM token'],
      }),
      'workspaceJobs.setToken',
      projectId,
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
      ask: (credential, reason) =>
        void this.ask(
          reason === 'failed'
            ? vscode.l10n.t({
                message:
                  'Workspace Jobs: Renewing the IAM token of {0} failed; sign in again to keep the view current.',
                args: [credential.userName],
                comment: ['{0} is an IAM user name'],
              })
            : reason === 'mfa'
              ? vscode.l10n.t({
                  message:
                    'Workspace Jobs: The IAM token of {0} expires at {1}; IAM wants an MFA code to renew it, so sign in again.',
                  args: [credential.userName, formatDateTime(Date.parse(credential.expiresAt))],
                  comment: ['{0} is an IAM user name, {1} a date and time; MFA: multi-factor authentication'],
                })
              : vscode.l10n.t({
                  message: 'Workspace Jobs: The IAM token of {0} expires at {1}.',
                  args: [credential.userName, formatDateTime(Date.parse(credential.expiresAt))],
                  comment: ['{0} is an IAM user name, {1} a date and time'],
                }),
          vscode.l10n.t({
            message: 'Sign In',
            comment: ['Button of the notification that an IAM token expires or could not be renewed'],
          }),
          'workspaceJobs.signIn',
          projectId,
        ),
    });
  }

  /** `message` is the whole notification, "Workspace Jobs: …" included. */
  private async ask(message: string, action: string, command: string, projectId?: string): Promise<void> {
    if (this.prompting) return;
    this.prompting = true;
    try {
      const choice = await vscode.window.showWarningMessage(message, action);
      if (choice) await vscode.commands.executeCommand(command, projectId);
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
      `Signed in as ${input.userName} (${input.domainName})${mfa ? ' with an MFA code' : ''} for project ${token.projectId}; token valid until ${token.expiresAt}`,
    );
    if (token.userId) this.userIds.set(userKey(input), token.userId);
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

  /**
   * Password first; when IAM asks for a virtual MFA code, the code (and the user id IAM needs with
   * it), asked again when IAM refuses it, MFA_TRIES times at most. Undefined: the user stopped.
   */
  private async withMfaIfAsked(input: SignInInput, scope: ProjectConfig, stepsDone: number) {
    const location = vscode.ProgressLocation.Notification;
    try {
      return await this.requestCredential(input, scope, location);
    } catch (error) {
      if (!(error instanceof IamMfaRequiredError)) throw error;
    }
    for (let tries = 1; ; tries++) {
      const knownUserId = this.userIds.get(userKey(input));
      const mfa = await askMfaCode({ done: stepsDone, retry: tries > 1, ...(knownUserId && { knownUserId }) });
      if (!mfa) return undefined;
      try {
        return await this.requestCredential(input, scope, location, mfa);
      } catch (error) {
        if (!(error instanceof IamMfaCodeRefusedError) || tries >= MFA_TRIES) throw error;
        this.userIds.set(userKey(input), mfa.userId);
        this.logger.warn(`IAM refused the MFA code of ${input.userName} (try ${tries} of ${MFA_TRIES})`);
      }
    }
  }

  private async signIn(input: SignInInput, scope: ProjectConfig, stepsDone: number): Promise<boolean> {
    const clearsAtStart = this.credentials.clearCount;
    try {
      const credential = await this.withMfaIfAsked(input, scope, stepsDone);
      if (!credential) return false;
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
      const message = describeError(error);
      this.logger.error(`Sign-in as ${input.userName} failed: ${message}`);
      void vscode.window.showErrorMessage(
        vscode.l10n.t({
          message: 'Workspace Jobs: sign-in failed: {0}',
          args: [message],
          comment: ['{0} is why, e.g. an error from IAM'],
        }),
      );
      return false;
    }
  }
}

/** Whose user id: one IAM user of one account at one endpoint. */
function userKey(input: SignInInput): string {
  return `${input.iamEndpoint}|${input.domainName}|${input.userName}`;
}
