/**
 * Gets a project-scoped IAM token with an IAM user's password (Keystone's password method), so a
 * person can sign in with their console credentials instead of pasting a token.
 * The password goes into the request body and nowhere else: no error, no log line, no field.
 */
import * as l10n from '@vscode/l10n';
import { Dispatcher } from 'undici';
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

/** IAM's global endpoint, which issues tokens for every region's projects. */
export const GLOBAL_IAM_ENDPOINT = 'https://iam.myhuaweicloud.com';

/**
 * Regions with WorkspaceApp but no regional IAM endpoint in the official SDK's IAM region list
 * (3.1.209): the SDK uses the global endpoint there, and so does this.
 */
export const REGIONS_WITHOUT_REGIONAL_IAM: readonly string[] = ['cn-north-11', 'af-north-1'];

/**
 * A regional token works only in its region, so the regional IAM endpoint issues it; where the
 * SDK knows none, the global endpoint does (scoped by the project, the token is still regional).
 */
export function iamEndpointForRegion(region: string): string {
  if (!/^[a-z]{2}(-[a-z]+)+-\d+$/.test(region))
    throw new RangeError(l10n.t('"{0}" is not a region id such as cn-north-4', region));
  if (REGIONS_WITHOUT_REGIONAL_IAM.includes(region)) return GLOBAL_IAM_ENDPOINT;
  return `https://iam.${region}.myhuaweicloud.com`;
}

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
