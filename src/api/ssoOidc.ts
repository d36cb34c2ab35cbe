/**
 * IAM Identity Center's OIDC service: client registration, device authorization and the token of
 * the device-code grant (RFC 8628), so a person signs in in the browser and no key is typed.
 *
 * Shapes from the official Node SDK, huaweicloud/huaweicloud-sdk-nodejs-v3 3.1.209 (commit b081640):
 * services/identitycenteroidc/v1/IdentityCenterOIDCClient.ts (POST /v1/clients, /v1/device/authorize,
 * /v1/tokens, JSON bodies, no signature: IdentityCenterOIDCCredentials adds nothing) and its models
 * RegisterClientReqBody / ClientInfoDto (`client_info`), StartDeviceAuthorizationReqBody / Response
 * (flat), CreateTokenReqBody / TokenInfoDto (`token_info`). Endpoints: IdentityCenterOIDCRegion.ts,
 * https://oidc.{region}.myhuaweicloud.com. The SDK's grant types are authorization_code and the
 * device code only: there is no refresh grant, so an expired access token means signing in again.
 */
import type { Dispatcher } from 'undici';
import { isLoopbackHost } from './endpoint';
import { ApiError, ResponseError } from './errors';
import { numberField, record, stringField } from '../model/jsonFields';
import { checkedOrigin, postJson } from './ssoHttp';

export const DEVICE_CODE_GRANT = 'urn:ietf:params:oauth:grant-type:device_code';

export interface SsoClient {
  readonly clientId: string;
  readonly clientSecret: string;
  /** Epoch seconds, as the service sends it; 0 when not given. */
  readonly clientSecretExpiresAt: number;
}

export interface DeviceAuthorization {
  readonly deviceCode: string;
  readonly userCode: string;
  readonly verificationUri: string;
  /** The page with the code filled in, when given. */
  readonly verificationUriComplete?: string;
  /** Seconds the device code lasts. */
  readonly expiresIn: number;
  /** Seconds to wait between two polls. */
  readonly interval: number;
}

export interface SsoToken {
  readonly accessToken: string;
  /** Seconds the access token lasts. */
  readonly expiresIn: number;
  readonly refreshToken?: string;
}

export interface OidcCall {
  /** https://oidc.{region}.myhuaweicloud.com, or the simulator on loopback. */
  readonly endpoint: string;
  readonly signal: AbortSignal;
  readonly dispatcher?: Dispatcher;
}

/** The answers of the device-code grant that are not a token (RFC 8628 §3.5). */
export type DeviceFlowAnswer = 'authorization_pending' | 'slow_down' | 'expired_token' | 'access_denied';

const FLOW_ANSWERS: readonly DeviceFlowAnswer[] = [
  'authorization_pending',
  'slow_down',
  'expired_token',
  'access_denied',
];

/** The token endpoint said "not yet", "slower", "too late" or "no" instead of a token. */
export class DeviceFlowError extends Error {
  constructor(
    readonly answer: DeviceFlowAnswer,
    readonly requestId: string,
  ) {
    super(answer);
    this.name = 'DeviceFlowError';
  }
}

/**
 * The SDK defines no error model for these; the service's errors are `{error_code, error_msg}`.
 * The RFC's word is looked for in the code, then the message (OAuth's own `error` is read as the
 * code by the transport), so either spelling is understood.
 */
export function deviceFlowAnswer(error: unknown): DeviceFlowAnswer | undefined {
  if (!(error instanceof ApiError) || error.status < 400 || error.status >= 500) return undefined;
  const text = `${error.errorCode} ${error.errorMsg}`.toLowerCase();
  return FLOW_ANSWERS.find((answer) => text.includes(answer));
}

/** POST /v1/clients: a public client that may use the device-code grant. */
export async function registerClient(call: OidcCall, clientName: string): Promise<SsoClient> {
  const url = new URL('/v1/clients', checkedOrigin(call.endpoint));
  const response = await postJson(call, url, {
    client_name: clientName,
    client_type: 'public',
    token_endpoint_auth_method: 'client_secret_post',
    grant_types: [DEVICE_CODE_GRANT],
    response_types: ['code'],
  });
  const info = record(record(response.body)?.client_info);
  const clientId = stringField(info, 'client_id');
  const clientSecret = stringField(info, 'client_secret');
  if (!clientId || !clientSecret)
    throw new ResponseError(url.pathname, 'client_info.client_id or client_secret is missing', response.requestId);
  return { clientId, clientSecret, clientSecretExpiresAt: numberField(info, 'client_secret_expires_at') ?? 0 };
}

/**
 * A verification page the browser may be sent to: https, or http to this machine. The answer comes
 * from whatever the start URL points at; a file:, vscode: or command URI must never be opened.
 */
export function isVerificationPage(value: string): boolean {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return false;
  }
  return url.protocol === 'https:' || (url.protocol === 'http:' && isLoopbackHost(url.hostname));
}

/** POST /v1/device/authorize: the codes the user confirms in the browser. */
export async function startDeviceAuthorization(
  call: OidcCall,
  client: SsoClient,
  startUrl: string,
): Promise<DeviceAuthorization> {
  const url = new URL('/v1/device/authorize', checkedOrigin(call.endpoint));
  const response = await postJson(call, url, {
    client_id: client.clientId,
    client_secret: client.clientSecret,
    start_url: startUrl,
  });
  const body = record(response.body);
  const deviceCode = stringField(body, 'device_code');
  const userCode = stringField(body, 'user_code');
  const verificationUri = stringField(body, 'verification_uri');
  if (!deviceCode || !userCode || !verificationUri)
    throw new ResponseError(url.pathname, 'device_code, user_code or verification_uri is missing', response.requestId);
  if (!isVerificationPage(verificationUri))
    throw new ResponseError(url.pathname, 'verification_uri is not an https page', response.requestId);
  const complete = stringField(body, 'verification_uri_complete');
  return {
    deviceCode,
    userCode,
    verificationUri,
    ...(complete && isVerificationPage(complete) && { verificationUriComplete: complete }),
    // The API reference's own example puts a date in expires_in; anything over a day is read as "a while".
    expiresIn: Math.min(numberField(body, 'expires_in') ?? 600, 86_400),
    interval: Math.max(1, numberField(body, 'interval') ?? 5),
  };
}

/** POST /v1/tokens with the device code; a DeviceFlowError while the user has not decided. */
export async function createToken(call: OidcCall, client: SsoClient, deviceCode: string): Promise<SsoToken> {
  const url = new URL('/v1/tokens', checkedOrigin(call.endpoint));
  let response;
  try {
    response = await postJson(call, url, {
      client_id: client.clientId,
      client_secret: client.clientSecret,
      grant_type: DEVICE_CODE_GRANT,
      device_code: deviceCode,
    });
  } catch (error) {
    const answer = deviceFlowAnswer(error);
    if (answer) throw new DeviceFlowError(answer, (error as ApiError).requestId);
    throw error;
  }
  const info = record(record(response.body)?.token_info);
  const accessToken = stringField(info, 'access_token');
  const expiresIn = numberField(info, 'expires_in');
  if (!accessToken || expiresIn === undefined)
    throw new ResponseError(url.pathname, 'token_info.access_token or expires_in is missing', response.requestId);
  const refreshToken = stringField(info, 'refresh_token');
  return { accessToken, expiresIn, ...(refreshToken && { refreshToken }) };
}
