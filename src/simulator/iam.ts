/**
 * A stand-in for IAM's password token call, `POST /v3/auth/tokens`, enough for the extension to
 * sign in against the simulator: Keystone-shaped bodies, 201 with X-Subject-Token, tokens that
 * expire 24 hours (or as configured) after issue on the simulator's clock.
 */
import { randomBytes } from 'node:crypto';
import { totpMatches } from './totp';

export interface IamUser {
  /** The account (domain) name. */
  readonly domain: string;
  readonly user: string;
  readonly password: string;
  /**
   * A base32 seed (IAM's `base32_string_seed`) when the user's login protection asks for a virtual
   * MFA code: the password alone is then refused, and password + totp with the seed's code accepted.
   */
  readonly mfaSeed?: string;
  /**
   * What the password alone gets when the user has virtual MFA. No document gives IAM's answer:
   * 'usual401' (the default, the likely real one) is the ordinary "The username or password is
   * wrong."; 'asksForMfa' names the missing code, for the client's recognition of such wording.
   */
  readonly passwordOnlyAnswer?: 'usual401' | 'asksForMfa';
}

/** Not a secret: it only opens the simulator. */
export const DEFAULT_IAM_USER: IamUser = { domain: 'sample-account', user: 'sample-user', password: 'sample-password' };
/** A sample user with virtual MFA; its seed is known so that tests (and an MFA app) can make codes. */
export const DEFAULT_MFA_USER: IamUser = {
  domain: 'sample-account',
  user: 'sample-mfa-user',
  password: 'sample-password',
  mfaSeed: 'JBSWY3DPEHPK3PXP',
};

/** The id IAM knows a simulated user by (token.user.id, and totp.user.id in an MFA sign-in). */
export function simulatedUserId(user: Pick<IamUser, 'user'>): string {
  return `user-${user.user}`;
}
/** The account (IAM's domain) a simulated user belongs to, as token.user.domain shows it. */
export function simulatedDomain(user: Pick<IamUser, 'domain'>): { readonly id: string; readonly name: string } {
  return { id: `domain-${user.domain}`, name: user.domain };
}
/** IAM scopes project tokens by project name, which for a region's default project is the region. */
export const DEFAULT_PROJECT_NAME = 'cn-north-4';
export const IAM_TOKENS_PATH = '/v3/auth/tokens';
export const TOKEN_LIFETIME_MS = 24 * 60 * 60_000;
const MAX_TOKENS = 10_000;

export interface IamAnswer {
  readonly status: number;
  readonly body: unknown;
  readonly headers?: Readonly<Record<string, string>>;
}

export type TokenCheck =
  | { readonly state: 'valid' }
  | { readonly state: 'expired'; readonly expiresAt: number }
  | { readonly state: 'unknown' };

/** Keystone nests its errors: { error: { code, message, title } }. */
function keystoneError(code: number, title: string, message: string): IamAnswer {
  return { status: code, body: { error: { code, message, title } } };
}

const badRequest = (message: string) => keystoneError(400, 'Bad Request', message);

/** IAM writes microseconds: 2020-01-04T09:05:22.701000Z. */
export function iamTime(ms: number): string {
  return new Date(ms).toISOString().replace(/Z$/, '000Z');
}

function field(value: unknown, ...path: string[]): unknown {
  let current = value;
  for (const key of path) {
    if (typeof current !== 'object' || current === null) return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

export interface SimulatedIamOptions {
  readonly users: readonly IamUser[];
  readonly projectId: string;
  readonly projectName: string;
  readonly now: () => number;
  /** How long issued tokens last; TOKEN_LIFETIME_MS (24 hours) by default. */
  readonly tokenLifetimeMs?: number;
}

/** Whom IAM issued a token to, and until when. */
export interface TokenOwner {
  readonly user: IamUser;
  readonly expiresAt: number;
  readonly issuedAt: number;
}

export class SimulatedIam {
  private readonly tokens = new Map<string, TokenOwner>();

  constructor(private readonly options: SimulatedIamOptions) {}

  /** Answers POST /v3/auth/tokens. */
  issueToken(method: string, body: string): IamAnswer {
    if (method !== 'POST') {
      return {
        ...keystoneError(405, 'Method Not Allowed', 'The method is not allowed for the requested URL.'),
        headers: { Allow: 'POST' },
      };
    }
    let request: unknown;
    try {
      request = JSON.parse(body);
    } catch {
      return badRequest('The request body is not valid JSON.');
    }
    const methods = field(request, 'auth', 'identity', 'methods');
    if (!Array.isArray(methods) || !methods.includes('password'))
      return badRequest('auth.identity.methods must include "password".');
    const totp = methods.includes('totp') ? this.totpOf(request) : undefined;
    if (totp && 'status' in totp) return totp;
    const name = text(field(request, 'auth', 'identity', 'password', 'user', 'name'));
    const password = text(field(request, 'auth', 'identity', 'password', 'user', 'password'));
    const domain = text(field(request, 'auth', 'identity', 'password', 'user', 'domain', 'name'));
    if (!name || !password || !domain)
      return badRequest('auth.identity.password.user needs name, password and domain.name.');
    const projectName = text(field(request, 'auth', 'scope', 'project', 'name'));
    const projectId = text(field(request, 'auth', 'scope', 'project', 'id'));
    if (!projectName && !projectId) return badRequest('auth.scope.project needs a name or an id.');
    const user = this.options.users.find((u) => u.domain === domain && u.user === name && u.password === password);
    if (!user) return keystoneError(401, 'Unauthorized', 'The username or password is wrong.');
    const mfaRefusal = this.checkMfa(user, totp);
    if (mfaRefusal) return mfaRefusal;
    if (
      (projectName && projectName !== this.options.projectName) ||
      (projectId && projectId !== this.options.projectId)
    ) {
      return badRequest(
        `The project ${JSON.stringify(projectName ?? projectId)} does not exist in account ${JSON.stringify(domain)}.`,
      );
    }
    const issuedAt = this.options.now();
    const expiresAt = issuedAt + (this.options.tokenLifetimeMs ?? TOKEN_LIFETIME_MS);
    const token = `MIIsim${randomBytes(48).toString('base64url')}`;
    this.remember(token, { user, expiresAt, issuedAt });
    const domainInfo = simulatedDomain(user);
    return {
      status: 201,
      headers: { 'X-Subject-Token': token },
      body: {
        token: {
          expires_at: iamTime(expiresAt),
          issued_at: iamTime(issuedAt),
          methods: totp ? ['password', 'totp'] : ['password'],
          ...(totp && { mfa_authn_at: iamTime(issuedAt) }),
          project: { id: this.options.projectId, name: this.options.projectName, domain: domainInfo },
          user: { id: simulatedUserId(user), name: user.user, domain: domainInfo, password_expires_at: '' },
          roles: [{ id: '0', name: 'te_admin' }],
        },
      },
    };
  }

  /** auth.identity.totp.user as the API defines it: both fields required. */
  private totpOf(request: unknown): { readonly userId: string; readonly passcode: string } | IamAnswer {
    const userId = text(field(request, 'auth', 'identity', 'totp', 'user', 'id'));
    const passcode = text(field(request, 'auth', 'identity', 'totp', 'user', 'passcode'));
    if (!userId || !passcode) return badRequest('auth.identity.totp.user needs id and passcode.');
    return { userId, passcode };
  }

  /**
   * A user with virtual MFA needs the totp method, naming them by id with a code of now (±1 step).
   * Keystone checks every method sent, so a code for a user without MFA is refused too.
   */
  private checkMfa(user: IamUser, totp: { readonly userId: string; readonly passcode: string } | undefined) {
    if (!user.mfaSeed) return totp ? keystoneError(401, 'Unauthorized', 'The verification code is wrong.') : undefined;
    if (!totp) {
      return user.passwordOnlyAnswer === 'asksForMfa'
        ? keystoneError(
            401,
            'Unauthorized',
            'Login protection is on for this user: a virtual MFA verification code (totp) is required.',
          )
        : keystoneError(401, 'Unauthorized', 'The username or password is wrong.');
    }
    if (totp.userId !== simulatedUserId(user) || !totpMatches(user.mfaSeed, totp.passcode, this.options.now()))
      return keystoneError(401, 'Unauthorized', 'The verification code is wrong.');
    return undefined;
  }

  check(token: string): TokenCheck {
    const expiresAt = this.tokens.get(token)?.expiresAt;
    if (expiresAt === undefined) return { state: 'unknown' };
    return this.options.now() < expiresAt ? { state: 'valid' } : { state: 'expired', expiresAt };
  }

  /** Whom a token it issued belongs to (expired or not); undefined for a token it never issued. */
  ownerOf(token: string): TokenOwner | undefined {
    return this.tokens.get(token);
  }

  private remember(token: string, owner: TokenOwner): void {
    this.tokens.set(token, owner);
    // A long-running demo must not grow without bound; the oldest token goes first.
    if (this.tokens.size > MAX_TOKENS) this.tokens.delete(this.tokens.keys().next().value!);
  }
}
