/**
 * IAM's caller-identity calls, as the Node SDK's IamClient makes them, enough for Who Am I:
 * - KeystoneValidateToken, `GET /v3/auth/tokens` (X-Auth-Token and X-Subject-Token): the token's user,
 *   its domain and expiry;
 * - KeystoneListAuthDomains, `GET /v3/auth/domains`: the caller's account;
 * - ShowPermanentAccessKey, `GET /v3.0/OS-CREDENTIAL/credentials/{access_key}`: the key's user id.
 * The caller authenticates as on every other route (a token or an AK/SK signature). Every simulated
 * access key belongs to the sample user; a temporary one (with a security token) is not a permanent
 * key, so IAM does not find it. The fault `deny=callerIdentity` refuses all three with IAM's 403.
 */
import type { IncomingHttpHeaders } from 'node:http';
import { IamAnswer, iamTime, IamUser, simulatedDomain, simulatedUserId } from './iam';
import type { AccessKey } from './signature';

export const VALIDATE_TOKEN_PATH = '/v3/auth/tokens';
export const AUTH_DOMAINS_PATH = '/v3/auth/domains';
const ACCESS_KEY_ROUTE = /^\/v3\.0\/OS-CREDENTIAL\/credentials\/([^/]+)$/;

/** A request for one of the identity calls (the token call's POST is the sign-in, not one of them). */
export function isIdentityRequest(method: string, pathname: string): boolean {
  if (pathname === VALIDATE_TOKEN_PATH) return method === 'GET';
  return pathname === AUTH_DOMAINS_PATH || ACCESS_KEY_ROUTE.test(pathname);
}

export interface IdentityRequest {
  readonly method: string;
  readonly url: URL;
  readonly headers: IncomingHttpHeaders;
  /** Checks the caller as every route does: undefined when it holds, else the answer. */
  readonly authenticate: () => IamAnswer | undefined;
  /** The fault plan refuses the identity calls. */
  readonly denied: boolean;
  /** Who a token belongs to and until when; undefined for one the simulator does not know. */
  readonly tokenOwner: (token: string) => { readonly user: IamUser; readonly expiresAt: number } | undefined;
  /** The access keys the simulator accepts. */
  readonly accessKeys: ReadonlyArray<AccessKey>;
  /** Whom the simulated access keys belong to. */
  readonly keyOwner: IamUser;
}

function keystoneError(code: number, title: string, message: string): IamAnswer {
  return { status: code, body: { error: { code, message, title } } };
}

function single(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

function decode(segment: string): string | undefined {
  try {
    return decodeURIComponent(segment);
  } catch {
    return undefined;
  }
}

export function identityAnswer(r: IdentityRequest): IamAnswer {
  if (r.method !== 'GET') {
    return {
      ...keystoneError(405, 'Method Not Allowed', 'The method is not allowed for the requested URL.'),
      headers: { Allow: 'GET' },
    };
  }
  const refused = r.authenticate();
  if (refused) return refused;
  if (r.denied) return keystoneError(403, 'Forbidden', 'You are not authorized to perform the requested action.');
  if (r.url.pathname === VALIDATE_TOKEN_PATH) return validateToken(r);
  if (r.url.pathname === AUTH_DOMAINS_PATH) return authDomains(r);
  return accessKey(r, decode(ACCESS_KEY_ROUTE.exec(r.url.pathname)![1]!));
}

/** The caller's own user: a token's owner, or the owner of the simulated keys. */
function caller(r: IdentityRequest): IamUser | undefined {
  const token = single(r.headers['x-auth-token']);
  return token ? r.tokenOwner(token)?.user : r.keyOwner;
}

function validateToken(r: IdentityRequest): IamAnswer {
  const subject = single(r.headers['x-subject-token']);
  if (!subject) return keystoneError(400, 'Bad Request', 'X-Subject-Token is required.');
  const owner = r.tokenOwner(subject);
  if (!owner) return keystoneError(404, 'Not Found', 'Could not find token.');
  const domain = simulatedDomain(owner.user);
  return {
    status: 200,
    headers: { 'X-Subject-Token': subject },
    body: {
      token: {
        expires_at: iamTime(owner.expiresAt),
        methods: ['password'],
        user: { id: simulatedUserId(owner.user), name: owner.user.user, domain, password_expires_at: '' },
        domain,
      },
    },
  };
}

function authDomains(r: IdentityRequest): IamAnswer {
  const user = caller(r);
  if (!user) return keystoneError(401, 'Unauthorized', 'The request you have made requires authentication.');
  const self = `${r.url.origin}${AUTH_DOMAINS_PATH}`;
  const { id, name } = simulatedDomain(user);
  return {
    status: 200,
    body: {
      domains: [{ id, name, enabled: true, description: '', links: { self: `${r.url.origin}/v3/domains/${id}` } }],
      links: { self },
    },
  };
}

function accessKey(r: IdentityRequest, ak: string | undefined): IamAnswer {
  const key = r.accessKeys.find((k) => k.ak === ak);
  // A temporary key is no permanent one: IAM does not find it among them.
  if (!key || key.securityToken) return keystoneError(404, 'Not Found', `Could not find credential: ${ak ?? ''}.`);
  return {
    status: 200,
    body: {
      credential: {
        user_id: simulatedUserId(r.keyOwner),
        access: key.ak,
        status: 'active',
        create_time: '2024-01-01T00:00:00.000000Z',
        last_use_time: '',
        description: 'simulated',
      },
    },
  };
}
