import * as vscode from 'vscode';
import { describeError, isAbort } from '../api/errors';
import { Logger } from '../api/logger';
import { lazySso, SsoApi } from '../api/lazySso';
import { SSO_REGIONS, ssoEndpointsFor } from '../api/ssoEndpoints';
import { CredentialChoiceStore } from '../config/credentialChoices';
import { CredentialStore } from '../config/credentialStore';
import { choosingSignIn } from '../core/credentialChoice';
import { keysOf } from '../core/credentialExpiry';
import { Clock, systemClock } from '../core/clock';
import type { KeyValueStore } from '../core/filterStore';
import { SsoCredential } from '../core/ssoCredential';
import { SsoRenewal } from '../core/ssoRenewal';
import { signInWithSso, SsoFlowEnded } from '../core/ssoSignIn';
import { formatTime } from '../model/time';
import { DispatcherFactory } from './dispatchers';
import { projectIdOf } from './projectPicker';
import { ssoAskMessage } from './renewalNotice';

/** Where the start URL and region are remembered (globalState: not secret). */
const REMEMBERED = 'workspaceJobs.sso';

/** A start URL and region known elsewhere (a KooCLI SSO profile): prefilled, still shown. */
export interface SsoDefaults {
  readonly startUrl?: string;
  readonly region?: string;
}

function ssoDefaults(value: unknown): SsoDefaults {
  if (typeof value !== 'object' || value === null) return {};
  const v = value as Record<string, unknown>;
  return {
    ...(typeof v.startUrl === 'string' && { startUrl: v.startUrl }),
    ...(typeof v.region === 'string' && { region: v.region }),
  };
}

/**
 * IAM Identity Center sign-in (OIDC device flow) and what keeps its temporary keys alive. Every
 * request of the flow and of renewal runs under a signal that Sign Out aborts.
 */
export class SsoSignIn implements vscode.Disposable {
  private readonly flows = new Set<AbortController>();
  private renewal: SsoRenewal | undefined;
  private clearsSeen: number;

  constructor(
    private readonly credentials: CredentialStore,
    private readonly choices: CredentialChoiceStore,
    private readonly dispatchers: DispatcherFactory,
    private readonly logger: Logger,
    private readonly state: KeyValueStore,
    private readonly api: SsoApi = lazySso,
    private readonly clock: Clock = systemClock,
    /** Opens the verification page; an extension test run plays the browser itself instead. */
    private readonly openPage: (uri: vscode.Uri) => Thenable<boolean> = (uri) => vscode.env.openExternal(uri),
  ) {
    this.clearsSeen = credentials.clearCount;
  }

  /**
   * Start URL and region (prefilled from `defaults`, else what was used last), then the device flow.
   * `defaults` may be a tree row: the sign-in then signs that project too.
   */
  async interactive(defaults?: unknown): Promise<boolean> {
    const given = ssoDefaults(defaults);
    const last = ssoDefaults(this.state.get<unknown>(REMEMBERED, undefined));
    const title = vscode.l10n.t('Workspace Jobs: Sign In with IAM Identity Center');
    const startUrl = await vscode.window.showInputBox({
      title: `${title} (1/2)`,
      prompt: vscode.l10n.t('The user portal URL (start URL) your administrator gave you'),
      value: given.startUrl ?? last.startUrl ?? '',
      placeHolder: 'https://…',
      ignoreFocusOut: true,
      validateInput: (value) =>
        ssoEndpointsFor(value, 'cn-north-4') ? undefined : vscode.l10n.t('Enter a URL such as https://…'),
    });
    if (startUrl === undefined) return false;
    const region = await vscode.window.showInputBox({
      title: `${title} (2/2)`,
      prompt: vscode.l10n.t('The region of IAM Identity Center, e.g. cn-north-4'),
      value: given.region ?? last.region ?? 'cn-north-4',
      ignoreFocusOut: true,
      validateInput: (value) =>
        SSO_REGIONS.includes(value.trim())
          ? undefined
          : vscode.l10n.t('IAM Identity Center is in these regions: {0}', SSO_REGIONS.join(', ')),
    });
    if (region === undefined) return false;
    await this.state.update(REMEMBERED, { startUrl: startUrl.trim(), region: region.trim() });
    const projectId = projectIdOf(defaults);
    return this.run(startUrl.trim(), region.trim(), projectId ? [projectId] : []);
  }

  /** These keys (by keysOf) were refused as expired: new ones now, at most once a minute, unless replaced already. */
  async keysRefused(keys: string): Promise<void> {
    const stored = (await this.credentials.get()).sso;
    if (!stored || keysOf(stored.accessKeyId) !== keys) return;
    this.renewal ??= this.renewalFor();
    await this.renewal.renewNow();
  }

  /** Keeps one renewal for the stored sign-in; flows under way stop when credentials were forgotten. */
  async watch(): Promise<void> {
    if (this.credentials.clearCount !== this.clearsSeen) {
      this.clearsSeen = this.credentials.clearCount;
      this.stopFlows();
    }
    const sso = (await this.credentials.get()).sso;
    if (!sso) {
      this.renewal?.dispose();
      this.renewal = undefined;
      return;
    }
    this.renewal ??= this.renewalFor();
    await this.renewal.watch();
  }

  /** Sign Out: the device flow, the account picks and a renewal in flight stop now; nothing more is sent. */
  signOut(): void {
    this.stopFlows();
    this.renewal?.dispose();
    this.renewal = undefined;
  }

  dispose(): void {
    this.signOut();
  }

  private stopFlows(): void {
    for (const flow of this.flows) flow.abort(new SsoSignOut('signed out'));
    this.flows.clear();
  }

  private renewalFor(): SsoRenewal {
    return new SsoRenewal({
      clock: this.clock,
      logger: this.logger,
      read: async () => (await this.credentials.get()).sso,
      fetchKeys: (c, signal) =>
        this.api.getAgencyCredentials(
          {
            endpoint: c.portalEndpoint,
            accessToken: c.accessToken,
            signal,
            dispatcher: this.dispatchers.forEndpoint(c.portalEndpoint),
          },
          c.accountId,
          c.agencyUrn,
        ),
      replace: (current, next) => this.credentials.replaceSso(current, next),
      ask: (c, keysRefused) => void this.askAgain(c, keysRefused),
    });
  }

  private async askAgain(credential: SsoCredential, keysRefused = false): Promise<void> {
    const button = vscode.l10n.t({ message: 'Sign In', comment: ['Button: sign in with IAM Identity Center again'] });
    const message = ssoAskMessage(credential, keysRefused);
    const choice = await vscode.window.showWarningMessage(message, button);
    if (choice === button) await this.run(credential.startUrl, credential.region);
  }

  /** `chooseFor`: a sign-in the user started signs by default (and for these projects); a renewal's changes nothing. */
  private async run(startUrl: string, region: string, chooseFor?: readonly string[]): Promise<boolean> {
    const endpoints = ssoEndpointsFor(startUrl, region);
    if (!endpoints) return false;
    const clearsAtStart = this.credentials.clearCount;
    const flow = new AbortController();
    this.flows.add(flow);
    try {
      const signedIn = await vscode.window.withProgress(
        {
          location: vscode.ProgressLocation.Notification,
          title: vscode.l10n.t('IAM Identity Center'),
          cancellable: true,
        },
        (progress, cancel) => {
          cancel.onCancellationRequested(() => flow.abort(new SsoCancelled('cancelled')));
          progress.report({ message: vscode.l10n.t('registering…') });
          return signInWithSso(
            { startUrl, region, endpoints, signal: flow.signal },
            {
              api: this.api,
              clock: this.clock,
              dispatcher: (endpoint) => this.dispatchers.forEndpoint(endpoint),
              choices: {
                showCode: (authorization) => {
                  progress.report({
                    message: vscode.l10n.t({
                      message: 'confirm code {0} in the browser; waiting…',
                      args: [authorization.userCode],
                      comment: ['{0} is the one-time code the user confirms on the verification page'],
                    }),
                  });
                  const page = authorization.verificationUriComplete ?? authorization.verificationUri;
                  // The page only: the one-time code in a shared log would help someone phish the sign-in.
                  this.logger.info(`IAM Identity Center: the code shown is confirmed at ${page}`);
                  void this.openPage(vscode.Uri.parse(page));
                },
                pickAccount: async (accounts) =>
                  (
                    await vscode.window.showQuickPick(
                      accounts.map((account) => ({
                        label: account.accountName,
                        description: account.accountId,
                        account,
                      })),
                      { title: vscode.l10n.t('IAM Identity Center: which account?'), ignoreFocusOut: true },
                    )
                  )?.account,
                pickAgency: async (agencies) =>
                  (
                    await vscode.window.showQuickPick(
                      agencies.map((agency) => ({
                        label: agency.agencyName,
                        ...(agency.permissionSetName &&
                          agency.permissionSetName !== agency.agencyName && { description: agency.permissionSetName }),
                        agency,
                      })),
                      {
                        title: vscode.l10n.t('IAM Identity Center: which agency (permission set)?'),
                        ignoreFocusOut: true,
                      },
                    )
                  )?.agency,
              },
            },
          );
        },
      );
      if (!signedIn) return false;
      if (!(await this.credentials.setSso(signedIn, clearsAtStart))) {
        this.logger.info('Dropped an IAM Identity Center sign-in: credentials were removed while it was under way.');
        return false;
      }
      if (chooseFor) await this.choices.set(choosingSignIn(this.choices.current, chooseFor));
      this.logger.info(
        `Signed in with IAM Identity Center as ${signedIn.accountName}/${signedIn.agencyName}; keys until ${new Date(signedIn.keysExpireAt).toISOString()}`,
      );
      void vscode.window.showInformationMessage(
        vscode.l10n.t({
          message:
            'Workspace Jobs: signed in with IAM Identity Center as {0}/{1}; temporary keys until {2}, renewed until the sign-in ends at {3}.',
          args: [
            signedIn.accountName,
            signedIn.agencyName,
            formatTime(signedIn.keysExpireAt),
            formatTime(signedIn.tokenExpiresAt),
          ],
          comment: ['{0} account, {1} agency (permission set), {2} and {3} times of day'],
        }),
      );
      await this.watch();
      return true;
    } catch (error) {
      this.failed(error, flow.signal.reason);
      return false;
    } finally {
      this.flows.delete(flow);
    }
  }

  private failed(error: unknown, reason: unknown): void {
    if (reason instanceof SsoSignOut) return;
    if (reason instanceof SsoCancelled || isAbort(error)) {
      void vscode.window.showInformationMessage(
        vscode.l10n.t('Workspace Jobs: IAM Identity Center sign-in cancelled.'),
      );
      return;
    }
    const message = error instanceof SsoFlowEnded ? error.message : describeError(error);
    this.logger.error(`IAM Identity Center sign-in failed: ${message}`);
    void vscode.window.showErrorMessage(
      vscode.l10n.t({
        message: 'Workspace Jobs: IAM Identity Center sign-in failed: {0}',
        args: [message],
        comment: ['{0} is why: the code expired, access was denied, or an error from the service'],
      }),
    );
  }
}

/** Why a flow was aborted: an AbortError, as fetch's own, so every layer treats it as one. */
class SsoFlowAbort extends Error {
  override readonly name = 'AbortError';
}
class SsoSignOut extends SsoFlowAbort {}
class SsoCancelled extends SsoFlowAbort {}
