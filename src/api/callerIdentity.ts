/**
 * Who IAM says a credential belongs to, from the calls the Node SDK's IamClient makes:
 * - a token: KeystoneValidateToken, `GET /v3/auth/tokens` with the token as X-Subject-Token too,
 *   whose `token.user` names the user and its domain (the account) and `token.expires_at` the expiry;
 * - an access key: KeystoneListAuthDomains, `GET /v3/auth/domains` (the account, as the SDK's
 *   GlobalCredentials find their domain id), then, for a permanent key, ShowPermanentAccessKey,
 *   `GET /v3.0/OS-CREDENTIAL/credentials/{access_key}` (`credential.user_id`), signed with X-Domain-Id.
 * IAM may refuse (a policy, a private network without IAM): what it did not say stays undefined and
 * `unanswered` says why, in one line. Only an abort rejects.
 */
import type { Dispatcher } from 'undici';
import * as l10n from '@vscode/l10n';
import { AkskAuthorizer } from './akskSigner';
import { Authorizer } from './authorizer';
import { checkEndpoint } from './endpoint';
import { describeError, ResponseError } from './errors';
import { Logger, silentLogger } from './logger';
import { createDispatcher, getJson } from './transport';
import { record, trimmed } from '../model/jsonFields';

export const VALIDATE_TOKEN_PATH = '/v3/auth/tokens';
export const AUTH_DOMAINS_PATH = '/v3/auth/domains';
export const ACCESS_KEY_PATH = '/v3.0/OS-CREDENTIAL/credentials/';

export interface CallerIdentity {
  /** The account (IAM's domain). */
  readonly account?: { readonly id: string; readonly name?: string };
  readonly user?: { readonly id: string; readonly name?: string };
  /** ISO-8601, when IAM said when the token expires. */
  readonly expiresAt?: string;
  /** Why IAM named neither or only part (the first refusal or failure); undefined when it answered all. */
  readonly unanswered?: string;
  /** Requests sent. */
  readonly requests: number;
}

export interface CallerIdentityRequest {
  /** https, or http to loopback. */
  readonly iamEndpoint: string;
  readonly authorizer: Authorizer;
  readonly userAgent: string;
  readonly signal: AbortSignal;
  readonly dispatcher?: Dispatcher;
  readonly logger?: Logger;
}

/** `{ id, name }` when the object has an id. */
function named(value: unknown): { id: string; name?: string } | undefined {
  const r = record(value);
  const id = trimmed(r?.id);
  if (!id) return undefined;
  const name = trimmed(r?.name);
  return { id, ...(name && { name }) };
}

export async function fetchCallerIdentity(r: CallerIdentityRequest): Promise<CallerIdentity> {
  const checked = checkEndpoint(r.iamEndpoint);
  if (!checked.ok) return { unanswered: l10n.t('IAM endpoint refused: {0}', checked.reason), requests: 0 };
  const dispatcher = r.dispatcher ?? createDispatcher();
  const calls = new IdentityCalls(checked.origin, r, dispatcher);
  try {
    return r.authorizer instanceof AkskAuthorizer ? await calls.ofAccessKey(r.authorizer) : await calls.ofToken();
  } finally {
    if (!r.dispatcher) await dispatcher.close();
  }
}

class IdentityCalls {
  private sent = 0;
  private readonly logger: Logger;

  constructor(
    private readonly origin: string,
    private readonly r: CallerIdentityRequest,
    private readonly dispatcher: Dispatcher,
  ) {
    this.logger = r.logger ?? silentLogger;
  }

  async ofToken(): Promise<CallerIdentity> {
    try {
      const body = await this.get(`${VALIDATE_TOKEN_PATH}?nocatalog=true`, this.r.authorizer, {
        asksAboutItself: true,
      });
      const token = record(record(body)?.token);
      const user = named(token?.user);
      const account = named(record(token?.user)?.domain);
      const expiresAt = trimmed(token?.expires_at);
      if (!user) throw new ResponseError(VALIDATE_TOKEN_PATH, l10n.t('token.user.id is missing'), '');
      return { user, ...(account && { account }), ...(expiresAt && { expiresAt }), requests: this.sent };
    } catch (error) {
      return this.unanswered(error, {});
    }
  }

  async ofAccessKey(key: AkskAuthorizer): Promise<CallerIdentity> {
    const global = key.withoutProject();
    let account: CallerIdentity['account'];
    try {
      const body = await this.get(AUTH_DOMAINS_PATH, global);
      const domains = record(body)?.domains;
      account = Array.isArray(domains) ? named(domains[0]) : undefined;
      if (!account) throw new ResponseError(AUTH_DOMAINS_PATH, l10n.t('domains[0].id is missing'), '');
    } catch (error) {
      return this.unanswered(error, {});
    }
    if (key.temporary)
      return {
        account,
        unanswered: l10n.t('IAM names no user for a temporary access key.'),
        requests: this.sent,
      };
    try {
      const path = `${ACCESS_KEY_PATH}${encodeURIComponent(key.accessKeyId)}`;
      const body = await this.get(path, global, { domainId: account.id });
      const userId = trimmed(record(record(body)?.credential)?.user_id);
      if (!userId) throw new ResponseError(ACCESS_KEY_PATH, l10n.t('credential.user_id is missing'), '');
      return { account, user: { id: userId }, requests: this.sent };
    } catch (error) {
      return this.unanswered(error, { account });
    }
  }

  private unanswered(error: unknown, known: Pick<CallerIdentity, 'account'>): CallerIdentity {
    if (this.r.signal.aborted) throw this.r.signal.reason ?? error;
    return { ...known, unanswered: describeError(error), requests: this.sent };
  }

  /**
   * `domainId` goes in X-Domain-Id before signing, so the signature covers it (GlobalCredentials);
   * `asksAboutItself` sends the token as X-Subject-Token too (KeystoneValidateToken).
   */
  private async get(
    path: string,
    authorizer: Authorizer,
    options: { readonly domainId?: string; readonly asksAboutItself?: boolean } = {},
  ): Promise<unknown> {
    const url = new URL(path, this.origin);
    const headers: Record<string, string> = {
      Accept: 'application/json',
      'Content-Type': 'application/json;charset=utf8',
      'User-Agent': this.r.userAgent,
      ...(options.domainId && { 'X-Domain-Id': options.domainId }),
    };
    await authorizer.authorize({ method: 'GET', url, headers });
    if (options.asksAboutItself) {
      const token = headers['X-Auth-Token'];
      if (!token) throw new Error(l10n.t('This credential is not a token IAM can validate.'));
      headers['X-Subject-Token'] = token;
    }
    this.sent++;
    // The access key's id is in one path: the log names the call, not the key.
    const logged = path.startsWith(ACCESS_KEY_PATH) ? `${ACCESS_KEY_PATH}{access_key}` : url.pathname;
    try {
      const response = await getJson(this.dispatcher, url, headers, this.r.signal);
      this.logger.debug(`GET ${this.origin}${logged} → ${response.status}`);
      return response.body;
    } catch (error) {
      this.logger.debug(`GET ${this.origin}${logged} failed: ${describeError(error)}`);
      throw error;
    }
  }
}
