/**
 * IAM Identity Center's portal: the accounts and agencies (permission sets) assigned to the signed-in
 * user, and an agency's temporary AK/SK with its security token.
 *
 * Shapes from the official Node SDK, huaweicloud/huaweicloud-sdk-nodejs-v3 3.1.209 (commit b081640):
 * services/identitycenterportalapi/v1/IdentityCenterPortalAPIClient.ts — GET /v1/assigned-accounts
 * (limit, marker), GET /v1/assigned-agencies (account_id, limit, marker), GET /v1/credentials
 * (target_account_id, agency_urn); the SSO access token goes in the `access-token` header, nothing is
 * signed. Models: ListAccountsResponse (`account_list`, `page_info.next_marker`), AccountInfo,
 * ListAccountAgenciesResponse (`agency_list`), AgencyInfo, GetAgencyCredentialsResponse
 * (`agency_credentials`: access_key_id, secret_access_key, session_token, expiration). Endpoint:
 * IdentityCenterPortalAPIRegion.ts, https://portal-identitycenter.myhuaweicloud.com for every region.
 */
import type { Dispatcher } from 'undici';
import { ResponseError } from './errors';
import { record, stringField } from '../model/jsonFields';
import { header } from './transport';
import { checkedOrigin, getJsonWith } from './ssoHttp';

export { PORTAL_ENDPOINT } from './ssoEndpoints';
/** The SDK's header name for the SSO access token. */
export const ACCESS_TOKEN_HEADER = 'access-token';
/** Pages read at most, whatever next_marker says: a portal that never stops cannot loop us. */
const MAX_PAGES = 20;
const PAGE_SIZE = 100;

export interface PortalCall {
  readonly endpoint: string;
  readonly accessToken: string;
  readonly signal: AbortSignal;
  readonly dispatcher?: Dispatcher;
}

export interface SsoAccount {
  readonly accountId: string;
  readonly accountName: string;
}

export interface SsoAgency {
  readonly accountId: string;
  readonly agencyName: string;
  readonly agencyUrn: string;
  readonly permissionSetName?: string;
}

export interface TemporaryKeys {
  readonly accessKeyId: string;
  readonly secretKey: string;
  readonly securityToken: string;
  /** Epoch milliseconds, on the portal's clock. */
  readonly expiresAt: number;
  /** `expiresAt` minus the answer's Date header: the keys' life on the portal's own clock, when it says. */
  readonly lifetimeMs?: number;
}

/** Every page of a list, following page_info.next_marker. */
async function listAll(
  call: PortalCall,
  path: string,
  query: Record<string, string>,
  listKey: string,
): Promise<Record<string, unknown>[]> {
  const origin = checkedOrigin(call.endpoint);
  const items: Record<string, unknown>[] = [];
  let marker = '';
  for (let page = 0; page < MAX_PAGES; page++) {
    const url = new URL(path, origin);
    for (const [key, value] of Object.entries({ ...query, limit: String(PAGE_SIZE) })) url.searchParams.set(key, value);
    if (marker) url.searchParams.set('marker', marker);
    const response = await getJsonWith(call, url, { [ACCESS_TOKEN_HEADER]: call.accessToken });
    const body = record(response.body);
    const list = body?.[listKey];
    if (!Array.isArray(list)) throw new ResponseError(url.pathname, `${listKey} is missing`, response.requestId);
    for (const item of list) {
      const entry = record(item);
      if (entry) items.push(entry);
    }
    const next = stringField(record(body?.page_info), 'next_marker');
    if (!next || next === marker) break;
    marker = next;
  }
  return items;
}

export async function listAccounts(call: PortalCall): Promise<SsoAccount[]> {
  const items = await listAll(call, '/v1/assigned-accounts', {}, 'account_list');
  return items
    .filter((a) => stringField(a, 'account_id'))
    .map((a) => ({
      accountId: stringField(a, 'account_id'),
      accountName: stringField(a, 'account_name') || stringField(a, 'account_id'),
    }));
}

export async function listAgencies(call: PortalCall, accountId: string): Promise<SsoAgency[]> {
  const items = await listAll(call, '/v1/assigned-agencies', { account_id: accountId }, 'agency_list');
  return items
    .filter((a) => stringField(a, 'agency_urn') && stringField(a, 'agency_name'))
    .map((a) => ({
      accountId: stringField(a, 'account_id') || accountId,
      agencyName: stringField(a, 'agency_name'),
      agencyUrn: stringField(a, 'agency_urn'),
      ...(stringField(a, 'permission_set_name') && { permissionSetName: stringField(a, 'permission_set_name') }),
    }));
}

/**
 * `expiration` is a Long the reference does not give a unit for; its example (1684955360) is in
 * seconds. A value too large for seconds is read as milliseconds.
 */
export function expirationMs(value: number): number {
  return value < 1e12 ? value * 1000 : value;
}

export async function getAgencyCredentials(
  call: PortalCall,
  accountId: string,
  agencyUrn: string,
): Promise<TemporaryKeys> {
  const url = new URL('/v1/credentials', checkedOrigin(call.endpoint));
  url.searchParams.set('target_account_id', accountId);
  url.searchParams.set('agency_urn', agencyUrn);
  const response = await getJsonWith(call, url, { [ACCESS_TOKEN_HEADER]: call.accessToken });
  const keys = record(record(response.body)?.agency_credentials);
  const expiration = keys?.expiration;
  const accessKeyId = stringField(keys, 'access_key_id');
  const secretKey = stringField(keys, 'secret_access_key');
  const securityToken = stringField(keys, 'session_token');
  if (!accessKeyId || !secretKey || !securityToken || typeof expiration !== 'number' || !Number.isFinite(expiration))
    throw new ResponseError(
      url.pathname,
      'agency_credentials is missing a key, the security token or the expiration',
      response.requestId,
    );
  const expiresAt = expirationMs(expiration);
  // Date has whole seconds: the end of that second, so the lifetime is never overstated.
  const serverNow = Date.parse(header(response.headers, 'date')) + 1000;
  return {
    accessKeyId,
    secretKey,
    securityToken,
    expiresAt,
    ...(Number.isFinite(serverNow) && { lifetimeMs: expiresAt - serverNow }),
  };
}
