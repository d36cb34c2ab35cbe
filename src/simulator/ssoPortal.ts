/**
 * The simulated IAM Identity Center portal: the accounts and agencies a signed-in user is assigned,
 * and the temporary keys of an agency, which the signature verifier then accepts until they expire.
 * Shapes as in src/api/ssoPortal.ts (the official Node SDK's).
 */
import { randomBytes } from 'node:crypto';
import { IncomingHttpHeaders } from 'node:http';
import type { ErrorAnswer } from './errors';
import type { SignatureVerifier } from './signature';

export interface SsoAnswer {
  readonly status: number;
  readonly body: unknown;
  readonly headers?: Readonly<Record<string, string>>;
}

/** The assignments every signed-in user has: two accounts, the first with two agencies. */
export const SSO_ACCOUNTS = [
  { account_id: 'sim0account0dev', account_name: 'dev', email_address: 'dev@example.com' },
  { account_id: 'sim0account0ops', account_name: 'ops', email_address: 'ops@example.com' },
] as const;
const AGENCIES: Record<string, readonly string[]> = {
  sim0account0dev: ['WorkspaceReadOnly', 'WorkspaceAdmin'],
  sim0account0ops: ['WorkspaceReadOnly'],
};

export const PORTAL_PATHS: ReadonlySet<string> = new Set([
  '/v1/assigned-accounts',
  '/v1/assigned-agencies',
  '/v1/credentials',
]);

export interface PortalState {
  readonly now: () => number;
  /** When an access token the device flow issued expires; undefined for one it never issued. */
  readonly tokenExpiry: (token: string) => number | undefined;
  readonly keyLifetimeMs: () => number;
  readonly keys: SignatureVerifier;
}

export const randomId = (bytes: number) => randomBytes(bytes).toString('hex');

/** The answer for one of PORTAL_PATHS, to the bearer of the `access-token` header. */
export function portalAnswer(url: URL, headers: IncomingHttpHeaders, requestId: string, state: PortalState): SsoAnswer {
  const token = headers['access-token'];
  const expiresAt = typeof token === 'string' ? state.tokenExpiry(token) : undefined;
  if (expiresAt === undefined || expiresAt <= state.now())
    return portalError(401, 'IIC.1001', 'Access denied: the access token is invalid or has expired.', requestId);
  if (url.pathname === '/v1/assigned-accounts')
    return { status: 200, body: { account_list: SSO_ACCOUNTS, page_info: { current_count: SSO_ACCOUNTS.length } } };
  const accountId = url.searchParams.get(url.pathname === '/v1/credentials' ? 'target_account_id' : 'account_id') ?? '';
  const agencies = AGENCIES[accountId];
  if (!agencies) return portalError(404, 'IIC.404', `Not Found: account ${accountId}.`, requestId);
  if (url.pathname === '/v1/assigned-agencies') {
    const list = agencies.map((name) => ({
      account_id: accountId,
      agency_name: name,
      permission_set_name: name,
      agency_urn: `iam::${accountId}:agency:${name}`,
    }));
    return { status: 200, body: { agency_list: list, page_info: { current_count: list.length } } };
  }
  const urn = url.searchParams.get('agency_urn') ?? '';
  if (!agencies.some((name) => urn === `iam::${accountId}:agency:${name}`))
    return portalError(404, 'IIC.404', `Not Found: agency ${urn}.`, requestId);
  return credentials(state);
}

function credentials(state: PortalState): SsoAnswer {
  const key = {
    ak: `SSOTMP${randomId(7).toUpperCase()}`,
    sk: randomId(20),
    securityToken: randomId(40),
    expiresAt: state.now() + state.keyLifetimeMs(),
  };
  state.keys.add(key);
  return {
    status: 200,
    body: {
      agency_credentials: {
        access_key_id: key.ak,
        secret_access_key: key.sk,
        session_token: key.securityToken,
        // In milliseconds: the client reads both units, and a short test lifetime needs the precision.
        expiration: key.expiresAt,
      },
    },
  };
}

function portalError(status: number, code: string, message: string, requestId: string): ErrorAnswer {
  return { status, body: { error_code: code, error_msg: message, request_id: requestId } };
}
