/**
 * Gets a project-scoped IAM token with an IAM user's password (Keystone's password method), so a
 * person can sign in with their console credentials instead of pasting a token.
 * The password goes into the request body and nowhere else: no error, no log line, no field.
 */
import * as l10n from '@vscode/l10n';
import type { Dispatcher } from 'undici';
import { checkEndpoint } from './endpoint';
import { ApiError, ResponseError } from './errors';
import { asksForMfa, IamMfaCodeRefusedError, IamMfaRequiredError, IamSignInForbiddenError } from './iamErrors';
import { createDispatcher, header, requestJson } from './transport';

export interface ProjectTokenRequest {
  /** e.g. https://iam.cn-north-4.myhuaweicloud.com; https, or http to loopback. */
  readonly iamEndpoint: string;
  /** The account name. */
  readonly domainName: string;
  /** The IAM user's name. */
  readonly userName: string;
  readonly password: string;
  /** The project's name, which for a region's default project is the region, e.g. cn-north-4. */
  readonly projectName?: string;
  /** Scopes by id instead of name when given. */
  readonly projectId?: string;
  /**
   * For a user whose login protection asks for a virtual MFA code: sent as IAM's `totp` method
   * beside the password (KeystoneCreateUserTokenByPasswordAndMfa), which names the user by id.
   */
  readonly mfa?: MfaCode;
  readonly signal: AbortSignal;
  readonly dispatcher?: Dispatcher;
}

export interface MfaCode {
  /** The IAM user's id (console: My Credentials), which IAM's totp method requires. */
  readonly userId: string;
  /** The 6 digits the MFA app shows now. */
  readonly passcode: string;
}

export interface ProjectToken {
  /** Send as X-Auth-Token. */
  readonly token: string;
  /** ISO-8601, as IAM wrote it (typically 24 hours after issue). */
  readonly expiresAt: string;
  readonly projectId: string;
  readonly projectName: string;
  /** IAM's issued_at when given: with expiresAt, the lifetime on IAM's own clock. */
  readonly issuedAt?: string;
  /** IAM's token.user.id when given: what an MFA sign-in names the user by. */
  readonly userId?: string;
}

export const IAM_TOKENS_PATH = '/v3/auth/tokens';

// Where tokens come from is decided without the HTTP stack (iamEndpoints.ts); offered here too.
export { GLOBAL_IAM_ENDPOINT, iamEndpointForRegion, REGIONS_WITHOUT_REGIONAL_IAM } from './iamEndpoints';
export { IamMfaCodeRefusedError, IamMfaRequiredError, IamSignInForbiddenError } from './iamErrors';

/** The body IAM's API defines: password alone, or password + totp for a user with virtual MFA. */
export function tokenRequestBody(r: ProjectTokenRequest): string {
  const project = r.projectId ? { id: r.projectId } : { name: r.projectName };
  const password = { user: { name: r.userName, password: r.password, domain: { name: r.domainName } } };
  const identity = r.mfa
    ? { methods: ['password', 'totp'], password, totp: { user: { id: r.mfa.userId, passcode: r.mfa.passcode } } }
    : { methods: ['password'], password };
  return JSON.stringify({ auth: { identity, scope: { project } } });
}

/** A code is 6 digits; a user id is one word. Checked before anything is sent. */
function checkMfa(mfa: MfaCode | undefined): void {
  if (!mfa) return;
  if (!/^\d{6}$/.test(mfa.passcode)) throw new Error(l10n.t('The MFA code is 6 digits'));
  if (!/^[\w-]{1,64}$/.test(mfa.userId)) throw new Error(l10n.t('The IAM user ID is one word of letters and digits'));
}

/**
 * IAM's refusals in terms a person can act on, IAM's own code and message kept: a 403 is a locked
 * or forbidden user (no code helps); a 401 with a code is the code, the user ID or the password.
 */
function inMfaTerms(error: unknown, r: ProjectTokenRequest): unknown {
  if (!(error instanceof ApiError) || error instanceof IamMfaRequiredError) return error;
  if (error.status === 403) return new IamSignInForbiddenError(error.errorCode, error.errorMsg, error.requestId);
  if (r.mfa && error.status === 401)
    return new IamMfaCodeRefusedError(error.status, error.errorCode, error.errorMsg, error.requestId);
  if (!r.mfa && asksForMfa(error.status, error.errorMsg)) return new IamMfaRequiredError(error.requestId);
  return error;
}

function parseToken(token: string, body: unknown, url: URL, requestId: string): ProjectToken {
  const fail = (detail: string) => new ResponseError(url.pathname, detail, requestId);
  if (!token) throw fail(l10n.t('the X-Subject-Token header is missing'));
  const t = (body as { token?: unknown } | undefined)?.token as Record<string, unknown> | undefined;
  const expiresAt = t?.expires_at;
  if (typeof expiresAt !== 'string' || Number.isNaN(Date.parse(expiresAt)))
    throw fail(l10n.t('token.expires_at is missing or not a date'));
  const project = t?.project as Record<string, unknown> | undefined;
  if (typeof project?.id !== 'string' || project.id === '') throw fail(l10n.t('token.project.id is missing'));
  const issuedAt = typeof t?.issued_at === 'string' && !Number.isNaN(Date.parse(t.issued_at)) ? t.issued_at : undefined;
  const userId = (t?.user as Record<string, unknown> | undefined)?.id;
  return {
    token,
    expiresAt,
    projectId: project.id,
    projectName: typeof project.name === 'string' ? project.name : '',
    ...(issuedAt && { issuedAt }),
    ...(typeof userId === 'string' && userId && { userId }),
  };
}

/** POST {iam}/v3/auth/tokens?nocatalog=true; the token comes back in X-Subject-Token with a 201. */
export async function requestProjectToken(r: ProjectTokenRequest): Promise<ProjectToken> {
  const checked = checkEndpoint(r.iamEndpoint);
  if (!checked.ok) throw new Error(l10n.t('IAM endpoint refused: {0}', checked.reason));
  if (!r.domainName || !r.userName) throw new Error(l10n.t('The account name and the IAM user name are both needed'));
  if (!r.password) throw new Error(l10n.t('The password is empty'));
  if (!r.projectId && !r.projectName) throw new Error(l10n.t('A project name (the region) or a project id is needed'));
  checkMfa(r.mfa);
  const url = new URL(`${IAM_TOKENS_PATH}?nocatalog=true`, checked.origin);
  const dispatcher = r.dispatcher ?? createDispatcher();
  try {
    const response = await requestJson(
      dispatcher,
      url,
      {
        method: 'POST',
        headers: { 'Content-Type': 'application/json;charset=utf8', Accept: 'application/json' },
        body: tokenRequestBody(r),
      },
      r.signal,
    );
    return parseToken(header(response.headers, 'x-subject-token'), response.body, url, response.requestId);
  } catch (error) {
    throw inMfaTerms(error, r);
  } finally {
    if (!r.dispatcher) await dispatcher.close();
  }
}
