/**
 * A stand-in for IAM's password token call, `POST /v3/auth/tokens`, enough for the extension to
 * sign in against the simulator: Keystone-shaped bodies, 201 with X-Subject-Token, tokens that
 * expire 24 hours (or as configured) after issue on the simulator's clock.
 */
import { randomBytes } from 'node:crypto';

export interface IamUser {
  /** The account (domain) name. */
  readonly domain: string;
  readonly user: string;
  readonly password: string;
}

/** Not a secret: it only opens the simulator. */
export const DEFAULT_IAM_USER: IamUser = { domain: 'sample-account', user: 'sample-user', password: 'sample-password' };
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
function iamTime(ms: number): string {
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

export class SimulatedIam {
  private readonly tokens = new Map<string, number>();

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
    this.remember(token, expiresAt);
    const domainInfo = { id: `domain-${user.domain}`, name: user.domain };
    return {
      status: 201,
      headers: { 'X-Subject-Token': token },
      body: {
        token: {
          expires_at: iamTime(expiresAt),
          issued_at: iamTime(issuedAt),
          methods: ['password'],
          project: { id: this.options.projectId, name: this.options.projectName, domain: domainInfo },
          user: { id: `user-${user.user}`, name: user.user, domain: domainInfo, password_expires_at: '' },
          roles: [{ id: '0', name: 'te_admin' }],
        },
      },
    };
  }

  check(token: string): TokenCheck {
    const expiresAt = this.tokens.get(token);
    if (expiresAt === undefined) return { state: 'unknown' };
    return this.options.now() < expiresAt ? { state: 'valid' } : { state: 'expired', expiresAt };
  }

  private remember(token: string, expiresAt: number): void {
    this.tokens.set(token, expiresAt);
    // A long-running demo must not grow without bound; the oldest token goes first.
    if (this.tokens.size > MAX_TOKENS) this.tokens.delete(this.tokens.keys().next().value!);
  }
}
