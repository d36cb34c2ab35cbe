/**
 * Gets a project-scoped IAM token with an IAM user's password (Keystone's password method), so a
 * person can sign in with their console credentials instead of pasting a token.
 * The password goes into the request body and nowhere else: no error, no log line, no field.
 */
import * as l10n from '@vscode/l10n';
import type { Dispatcher } from 'undici';
import { checkEndpoint } from './endpoint';
import { ResponseError } from './errors';
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
  readonly signal: AbortSignal;
  readonly dispatcher?: Dispatcher;
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
}

export const IAM_TOKENS_PATH = '/v3/auth/tokens';

// Where tokens come from is decided without the HTTP stack (iamEndpoints.ts); offered here too.
export { GLOBAL_IAM_ENDPOINT, iamEndpointForRegion, REGIONS_WITHOUT_REGIONAL_IAM } from './iamEndpoints';

function tokenRequestBody(r: ProjectTokenRequest): string {
  const project = r.projectId ? { id: r.projectId } : { name: r.projectName };
  return JSON.stringify({
    auth: {
      identity: {
        methods: ['password'],
        password: { user: { name: r.userName, password: r.password, domain: { name: r.domainName } } },
      },
      scope: { project },
    },
  });
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
  return {
    token,
    expiresAt,
    projectId: project.id,
    projectName: typeof project.name === 'string' ? project.name : '',
    ...(issuedAt && { issuedAt }),
  };
}

/** POST {iam}/v3/auth/tokens?nocatalog=true; the token comes back in X-Subject-Token with a 201. */
export async function requestProjectToken(r: ProjectTokenRequest): Promise<ProjectToken> {
  const checked = checkEndpoint(r.iamEndpoint);
  if (!checked.ok) throw new Error(l10n.t('IAM endpoint refused: {0}', checked.reason));
  if (!r.domainName || !r.userName) throw new Error(l10n.t('The account name and the IAM user name are both needed'));
  if (!r.password) throw new Error(l10n.t('The password is empty'));
  if (!r.projectId && !r.projectName) throw new Error(l10n.t('A project name (the region) or a project id is needed'));
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
  } finally {
    if (!r.dispatcher) await dispatcher.close();
  }
}
