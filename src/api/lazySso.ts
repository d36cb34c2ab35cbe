/**
 * IAM Identity Center's calls, loading the HTTP stack first (see lazyHttp.ts): the sign-in and its
 * renewal are wired at activation, and nothing of undici is read until one of them sends.
 */
import type { DeviceAuthorization, OidcCall, SsoClient, SsoToken } from './ssoOidc';
import type { PortalCall, SsoAccount, SsoAgency, TemporaryKeys } from './ssoPortal';
import { DispatcherSource, loadHttpStack } from './lazyHttp';

export type LazyOidcCall = Omit<OidcCall, 'dispatcher'> & { readonly dispatcher?: DispatcherSource };
export type LazyPortalCall = Omit<PortalCall, 'dispatcher'> & { readonly dispatcher?: DispatcherSource };

/** The SSO calls a sign-in makes; tests and the core layer see only this. */
export interface SsoApi {
  registerClient(call: LazyOidcCall, clientName: string): Promise<SsoClient>;
  startDeviceAuthorization(call: LazyOidcCall, client: SsoClient, startUrl: string): Promise<DeviceAuthorization>;
  createToken(call: LazyOidcCall, client: SsoClient, deviceCode: string): Promise<SsoToken>;
  listAccounts(call: LazyPortalCall): Promise<SsoAccount[]>;
  listAgencies(call: LazyPortalCall, accountId: string): Promise<SsoAgency[]>;
  getAgencyCredentials(call: LazyPortalCall, accountId: string, agencyUrn: string): Promise<TemporaryKeys>;
}

async function resolved<C extends { readonly dispatcher?: DispatcherSource }>(call: C) {
  const http = await loadHttpStack();
  return { http, call: { ...call, dispatcher: call.dispatcher?.(http) } };
}

export const lazySso: SsoApi = {
  async registerClient(c, clientName) {
    const { http, call } = await resolved(c);
    return http.ssoOidc.registerClient(call, clientName);
  },
  async startDeviceAuthorization(c, client, startUrl) {
    const { http, call } = await resolved(c);
    return http.ssoOidc.startDeviceAuthorization(call, client, startUrl);
  },
  async createToken(c, client, deviceCode) {
    const { http, call } = await resolved(c);
    return http.ssoOidc.createToken(call, client, deviceCode);
  },
  async listAccounts(c) {
    const { http, call } = await resolved(c);
    return http.ssoPortal.listAccounts(call);
  },
  async listAgencies(c, accountId) {
    const { http, call } = await resolved(c);
    return http.ssoPortal.listAgencies(call, accountId);
  },
  async getAgencyCredentials(c, accountId, agencyUrn) {
    const { http, call } = await resolved(c);
    return http.ssoPortal.getAgencyCredentials(call, accountId, agencyUrn);
  },
};
