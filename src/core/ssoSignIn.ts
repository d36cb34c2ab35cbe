import * as l10n from '@vscode/l10n';
import type { DispatcherSource } from '../api/lazyHttp';
import type { SsoApi } from '../api/lazySso';
import type { DeviceAuthorization, DeviceFlowAnswer, SsoClient } from '../api/ssoOidc';
import type { SsoAccount, SsoAgency, TemporaryKeys } from '../api/ssoPortal';
import { SsoEndpoints } from '../api/ssoEndpoints';
import { Clock, sleep, systemClock } from './clock';
import { SsoCredential } from './ssoCredential';

/** RFC 8628 §3.5: after slow_down, every later poll waits this much longer. */
export const SLOW_DOWN_MS = 5_000;
export const CLIENT_NAME = 'vscode-workspace-image-jobs';

/** The device flow ended without a token: the code expired, or the user denied access. */
export class SsoFlowEnded extends Error {
  constructor(readonly reason: 'expired' | 'denied') {
    super(
      reason === 'expired'
        ? l10n.t('the code expired before it was confirmed in the browser; sign in again')
        : l10n.t('access was denied in the browser'),
    );
    this.name = 'SsoFlowEnded';
  }
}

/** The answer of a DeviceFlowError, by shape: this layer does not load the HTTP stack's classes. */
function flowAnswer(error: unknown): DeviceFlowAnswer | undefined {
  return error instanceof Error && error.name === 'DeviceFlowError'
    ? (error as Error & { answer: DeviceFlowAnswer }).answer
    : undefined;
}

/**
 * Polls for the token as RFC 8628 asks: every `interval` seconds, 5 s more after each slow_down,
 * until the user allows (the token), denies, or the device code expires. Nothing is sent once
 * `signal` aborts.
 */
export async function pollForToken<T>(
  poll: () => Promise<T>,
  authorization: Pick<DeviceAuthorization, 'interval' | 'expiresIn'>,
  clock: Clock,
  signal: AbortSignal,
): Promise<T> {
  let interval = authorization.interval * 1000;
  const deadline = clock.now() + authorization.expiresIn * 1000;
  for (;;) {
    await sleep(clock, interval, signal);
    if (clock.now() >= deadline) throw new SsoFlowEnded('expired');
    try {
      return await poll();
    } catch (error) {
      if (signal.aborted) throw signal.reason;
      const answer = flowAnswer(error);
      if (answer === 'authorization_pending') continue;
      if (answer === 'slow_down') interval += SLOW_DOWN_MS;
      else if (answer === 'expired_token') throw new SsoFlowEnded('expired');
      else if (answer === 'access_denied') throw new SsoFlowEnded('denied');
      else throw error;
    }
  }
}

/** What only the person can do: read the code, pick among several. */
export interface SsoChoices {
  /** The code is ready: show it and open the page. */
  showCode(authorization: DeviceAuthorization): void;
  /** Called only with two or more; undefined: cancelled. */
  pickAccount(accounts: readonly SsoAccount[]): Promise<SsoAccount | undefined>;
  pickAgency(agencies: readonly SsoAgency[]): Promise<SsoAgency | undefined>;
}

export interface SsoSignInRequest {
  readonly startUrl: string;
  readonly region: string;
  readonly endpoints: SsoEndpoints;
  readonly signal: AbortSignal;
}

export interface SsoSignInDeps {
  readonly api: SsoApi;
  readonly choices: SsoChoices;
  readonly dispatcher?: (endpoint: string) => DispatcherSource;
  readonly clock?: Clock;
}

/**
 * The temporary keys of the agency a credential names, as the credential's next state. Their expiry
 * is moved onto this machine's clock: the portal's `expiration` is on its own, which may be hours off.
 * Keys already lapsed get `keysExpireAt === now`.
 */
export function withKeys(credential: SsoCredential, keys: TemporaryKeys, now: number): SsoCredential {
  const lifetime = keys.lifetimeMs ?? keys.expiresAt - now;
  return {
    ...credential,
    accessKeyId: keys.accessKeyId,
    secretKey: keys.secretKey,
    securityToken: keys.securityToken,
    keysObtainedAt: now,
    keysExpireAt: now + Math.max(0, lifetime),
  };
}

/**
 * The whole sign-in: register, device authorization, poll, then the account and agency (asked only
 * among several) and its temporary keys. Undefined when the person cancelled a pick.
 */
export async function signInWithSso(r: SsoSignInRequest, deps: SsoSignInDeps): Promise<SsoCredential | undefined> {
  const clock = deps.clock ?? systemClock;
  const { api, choices } = deps;
  const oidc = { endpoint: r.endpoints.oidc, signal: r.signal, dispatcher: deps.dispatcher?.(r.endpoints.oidc) };
  const client: SsoClient = await api.registerClient(oidc, CLIENT_NAME);
  const authorization = await api.startDeviceAuthorization(oidc, client, r.startUrl);
  choices.showCode(authorization);
  const token = await pollForToken(
    () => api.createToken(oidc, client, authorization.deviceCode),
    authorization,
    clock,
    r.signal,
  );
  const tokenExpiresAt = clock.now() + token.expiresIn * 1000;
  const portal = {
    endpoint: r.endpoints.portal,
    accessToken: token.accessToken,
    signal: r.signal,
    dispatcher: deps.dispatcher?.(r.endpoints.portal),
  };
  const accounts = await api.listAccounts(portal);
  if (accounts.length === 0) throw new Error(l10n.t('no account is assigned to this user in IAM Identity Center'));
  const account = accounts.length === 1 ? accounts[0] : await choices.pickAccount(accounts);
  if (!account || r.signal.aborted) return undefined;
  const agencies = await api.listAgencies(portal, account.accountId);
  if (agencies.length === 0)
    throw new Error(l10n.t('no agency (permission set) of account {0} is assigned to this user', account.accountName));
  const agency = agencies.length === 1 ? agencies[0] : await choices.pickAgency(agencies);
  if (!agency || r.signal.aborted) return undefined;
  const keys = await api.getAgencyCredentials(portal, account.accountId, agency.agencyUrn);
  const signedIn: SsoCredential = {
    kind: 'sso',
    startUrl: r.startUrl,
    region: r.region,
    oidcEndpoint: r.endpoints.oidc,
    portalEndpoint: r.endpoints.portal,
    accessToken: token.accessToken,
    tokenExpiresAt,
    ...(token.refreshToken && { refreshToken: token.refreshToken }),
    accountId: account.accountId,
    accountName: account.accountName,
    agencyName: agency.agencyName,
    agencyUrn: agency.agencyUrn,
    accessKeyId: '',
    secretKey: '',
    securityToken: '',
    keysObtainedAt: 0,
    keysExpireAt: 0,
  };
  return withKeys(signedIn, keys, clock.now());
}
