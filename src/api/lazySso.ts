/**
 * IAM Identity Center's calls, loading the HTTP stack first (see lazyHttp.ts): the sign-in and its
 * renewal are wired at activation, and nothing of undici is read until one of them sends.
 */
import type { DeviceAuthorization, OidcCall, SsoClient, SsoToken } from './ssoOidc';
import type { PortalCall, SsoAccount, SsoAgency, TemporaryKeys } from './ssoPortal';
import type { Dispatcher } from 'undici';
import type { HttpStack } from './httpStack';
import { DispatcherSource, loadHttpStack } from './lazyHttp';

export type LazyOidcCall = Lazy<OidcCall>;
export type LazyPortalCall = Lazy<PortalCall>;

/** The SSO calls a sign-in makes; tests and the core layer see only this. */
export interface SsoApi {
  registerClient(call: LazyOidcCall, clientName: string): Promise<SsoClient>;
  startDeviceAuthorization(call: LazyOidcCall, client: SsoClient, startUrl: string): Promise<DeviceAuthorization>;
  createToken(call: LazyOidcCall, client: SsoClient, deviceCode: string): Promise<SsoToken>;
  listAccounts(call: LazyPortalCall): Promise<SsoAccount[]>;
  listAgencies(call: LazyPortalCall, accountId: string): Promise<SsoAgency[]>;
  getAgencyCredentials(call: LazyPortalCall, accountId: string, agencyUrn: string): Promise<TemporaryKeys>;
}

/** A call whose connection pool is made once the HTTP stack is loaded. */
type Lazy<Call> = Omit<Call, 'dispatcher'> & { readonly dispatcher?: DispatcherSource };

/** The stack's `pick`, called once the stack is loaded, with the call's pool made from it. */
function lazily<Call extends { readonly dispatcher?: Dispatcher }, Args extends unknown[], Result>(
  pick: (http: HttpStack) => (call: Call, ...args: Args) => Promise<Result>,
): (call: Lazy<Call>, ...args: Args) => Promise<Result> {
  return async (call, ...args) => {
    const http = await loadHttpStack();
    return pick(http)({ ...call, dispatcher: call.dispatcher?.(http) } as Call, ...args);
  };
}

export const lazySso: SsoApi = {
  registerClient: lazily((http) => http.ssoOidc.registerClient),
  startDeviceAuthorization: lazily((http) => http.ssoOidc.startDeviceAuthorization),
  createToken: lazily((http) => http.ssoOidc.createToken),
  listAccounts: lazily((http) => http.ssoPortal.listAccounts),
  listAgencies: lazily((http) => http.ssoPortal.listAgencies),
  getAgencyCredentials: lazily((http) => http.ssoPortal.getAgencyCredentials),
};
