/**
 * IAM Identity Center, simulated on the simulator's origin: the OIDC device flow (client
 * registration, device authorization, token polling with authorization_pending / slow_down /
 * expired_token / access_denied), a verification page with Allow and Deny buttons (a form POST, as a
 * browser sends it); the portal's accounts, agencies and temporary keys, for the tokens issued here,
 * answer from ssoPortal.ts.
 * Paths and shapes as in src/api/ssoOidc.ts and ssoPortal.ts (the official Node SDK's).
 */
import { IncomingHttpHeaders } from 'node:http';
import type { ErrorAnswer } from './errors';
import type { SignatureVerifier } from './signature';
import { PORTAL_PATHS, portalAnswer, PortalState, randomId as id, SsoAnswer } from './ssoPortal';

export { SSO_ACCOUNTS } from './ssoPortal';
export type { SsoAnswer } from './ssoPortal';

export interface SsoLifetimes {
  /** How long an SSO access token lasts; 8 hours by default. */
  readonly tokenLifetimeMs: number;
  /** How long temporary keys last; 1 hour by default. */
  readonly keyLifetimeMs: number;
  /** How long a device code lasts; 10 minutes by default. */
  readonly deviceLifetimeMs: number;
  /** Seconds between polls the client is told to keep; 1 by default (the real service says more). */
  readonly intervalSeconds: number;
}

export const DEFAULT_SSO_LIFETIMES: SsoLifetimes = {
  tokenLifetimeMs: 8 * 3_600_000,
  keyLifetimeMs: 3_600_000,
  deviceLifetimeMs: 10 * 60_000,
  intervalSeconds: 1,
};

/** The start URL the simulator's portal answers to (any start URL on its origin is accepted). */
export const SSO_START_PATH = '/sso/start';
export const SSO_VERIFY_PATH = '/sso/verify';
export const SSO_CONTROL_PATH = '/__control/sso';

export interface PendingDevice {
  readonly userCode: string;
  readonly verificationUriComplete: string;
}

interface Device {
  readonly clientId: string;
  readonly userCode: string;
  readonly expiresAt: number;
  decision: 'pending' | 'allowed' | 'denied';
  lastPollAt: number;
  interval: number;
}

export class SimulatedSso {
  private lifetimes: SsoLifetimes;
  private readonly clients = new Map<string, string>();
  private readonly devices = new Map<string, Device>();
  private readonly tokens = new Map<string, number>();
  private readonly portalState: PortalState;

  constructor(
    private readonly now: () => number,
    private readonly origin: () => string,
    keys: SignatureVerifier,
    lifetimes: Partial<SsoLifetimes> = {},
  ) {
    this.lifetimes = { ...DEFAULT_SSO_LIFETIMES, ...lifetimes };
    this.portalState = {
      now,
      tokenExpiry: (token) => this.tokens.get(token),
      keyLifetimeMs: () => this.lifetimes.keyLifetimeMs,
      keys,
    };
  }

  /** Changes lifetimes for what is issued from now on (control API, tests). */
  configure(lifetimes: Partial<SsoLifetimes>): SsoLifetimes {
    this.lifetimes = { ...this.lifetimes, ...lifetimes };
    return this.lifetimes;
  }

  /** Device authorizations waiting for the user, newest last: what a test opens "in the browser". */
  pending(): PendingDevice[] {
    return [...this.devices.values()]
      .filter((d) => d.decision === 'pending' && d.expiresAt > this.now())
      .map((d) => ({ userCode: d.userCode, verificationUriComplete: this.verifyUrl(d.userCode) }));
  }

  /** The answer for an SSO path; undefined for any other path. */
  answer(
    method: string,
    url: URL,
    body: string,
    headers: IncomingHttpHeaders,
    requestId: string,
  ): SsoAnswer | undefined {
    switch (url.pathname) {
      case '/v1/clients':
        return method === 'POST' ? this.register() : undefined;
      case '/v1/device/authorize':
        return method === 'POST' ? this.authorize(json(body), requestId) : undefined;
      case '/v1/tokens':
        return method === 'POST' ? this.token(json(body), requestId) : undefined;
      case SSO_VERIFY_PATH:
        return method === 'POST'
          ? this.decide(new URLSearchParams(body))
          : this.page(url.searchParams.get('user_code'));
      default:
        return PORTAL_PATHS.has(url.pathname) ? portalAnswer(url, headers, requestId, this.portalState) : undefined;
    }
  }

  private register(): SsoAnswer {
    const clientId = id(8);
    const clientSecret = id(16);
    this.clients.set(clientId, clientSecret);
    const issued = Math.floor(this.now() / 1000);
    return {
      status: 200,
      body: {
        client_info: {
          client_id: clientId,
          client_secret: clientSecret,
          client_id_issued_at: issued,
          client_secret_expires_at: issued + 90 * 86_400,
          authorization_endpoint: `${this.origin()}${SSO_VERIFY_PATH}`,
          token_endpoint: `${this.origin()}/v1/tokens`,
        },
      },
    };
  }

  private clientOk(body: Record<string, unknown>): boolean {
    return typeof body.client_id === 'string' && this.clients.get(body.client_id) === body.client_secret;
  }

  private authorize(body: Record<string, unknown>, requestId: string): SsoAnswer {
    if (!this.clientOk(body)) return oauthError(401, 'invalid_client', 'Unknown client or wrong secret.', requestId);
    if (typeof body.start_url !== 'string' || !body.start_url)
      return oauthError(400, 'invalid_request', 'start_url is required.', requestId);
    const deviceCode = id(32);
    const userCode = `${id(2)}-${id(2)}`.toUpperCase();
    const now = this.now();
    this.devices.set(deviceCode, {
      clientId: body.client_id as string,
      userCode,
      expiresAt: now + this.lifetimes.deviceLifetimeMs,
      decision: 'pending',
      lastPollAt: Number.NEGATIVE_INFINITY,
      interval: this.lifetimes.intervalSeconds,
    });
    return {
      status: 200,
      body: {
        device_code: deviceCode,
        user_code: userCode,
        verification_uri: `${this.origin()}${SSO_VERIFY_PATH}`,
        verification_uri_complete: this.verifyUrl(userCode),
        expires_in: Math.round(this.lifetimes.deviceLifetimeMs / 1000),
        interval: this.lifetimes.intervalSeconds,
      },
    };
  }

  private token(body: Record<string, unknown>, requestId: string): SsoAnswer {
    if (!this.clientOk(body)) return oauthError(401, 'invalid_client', 'Unknown client or wrong secret.', requestId);
    const device = typeof body.device_code === 'string' ? this.devices.get(body.device_code) : undefined;
    if (!device || device.clientId !== body.client_id)
      return oauthError(400, 'invalid_grant', 'Unknown device code.', requestId);
    const now = this.now();
    if (device.expiresAt <= now) return oauthError(400, 'expired_token', 'The device code has expired.', requestId);
    if (device.decision === 'denied') return oauthError(400, 'access_denied', 'The user denied access.', requestId);
    // RFC 8628 §3.5: polling faster than the interval is answered slow_down, and the interval grows by 5 s.
    const tooSoon = now - device.lastPollAt < device.interval * 1000;
    device.lastPollAt = now;
    if (tooSoon) {
      device.interval += 5;
      return oauthError(400, 'slow_down', 'Polling too fast; wait 5 seconds more between polls.', requestId);
    }
    if (device.decision === 'pending')
      return oauthError(400, 'authorization_pending', 'The user has not approved the device yet.', requestId);
    this.devices.delete(body.device_code as string);
    const accessToken = id(24);
    this.tokens.set(accessToken, now + this.lifetimes.tokenLifetimeMs);
    return {
      status: 200,
      body: {
        token_info: {
          access_token: accessToken,
          expires_in: Math.round(this.lifetimes.tokenLifetimeMs / 1000),
          token_type: 'BearerToken',
          refresh_token: id(24),
          id_token: id(12),
        },
      },
    };
  }

  private verifyUrl(userCode: string): string {
    return `${this.origin()}${SSO_VERIFY_PATH}?user_code=${encodeURIComponent(userCode)}`;
  }

  private deviceByCode(userCode: string | null): Device | undefined {
    return [...this.devices.values()].find((d) => d.userCode === userCode && d.expiresAt > this.now());
  }

  private page(userCode: string | null): SsoAnswer {
    const device = this.deviceByCode(userCode);
    const html = device
      ? `<!doctype html><html><head><title>Simulated IAM Identity Center</title></head><body>
<h1>Allow access?</h1><p>Code: <strong id="user-code">${device.userCode}</strong></p>
<form method="post" action="${SSO_VERIFY_PATH}"><input type="hidden" name="user_code" value="${device.userCode}">
<button type="submit" name="decision" value="allow">Allow</button>
<button type="submit" name="decision" value="deny">Deny</button></form></body></html>`
      : '<!doctype html><html><body><p>This code is unknown or has expired.</p></body></html>';
    return { status: device ? 200 : 404, body: html, headers: { 'content-type': 'text/html;charset=UTF-8' } };
  }

  private decide(form: URLSearchParams): SsoAnswer {
    const device = this.deviceByCode(form.get('user_code'));
    if (device && device.decision === 'pending')
      device.decision = form.get('decision') === 'allow' ? 'allowed' : 'denied';
    const text = !device
      ? 'This code is unknown or has expired.'
      : device.decision === 'allowed'
        ? 'Access allowed; return to VS Code.'
        : 'Access denied.';
    return {
      status: device ? 200 : 404,
      body: `<!doctype html><html><body><p>${text}</p></body></html>`,
      headers: { 'content-type': 'text/html;charset=UTF-8' },
    };
  }

  /** PUT/PATCH /__control/sso {tokenLifetimeMs, keyLifetimeMs, deviceLifetimeMs, intervalSeconds}; GET reads them. */
  control(method: string, body: string): SsoAnswer {
    if (method === 'GET') return { status: 200, body: this.lifetimes };
    if (method !== 'PUT' && method !== 'PATCH') return { status: 405, body: { error_msg: 'GET, PUT or PATCH' } };
    const raw = json(body);
    const change: Record<string, number> = {};
    for (const key of Object.keys(DEFAULT_SSO_LIFETIMES)) {
      const value = raw[key];
      if (value === undefined) continue;
      if (typeof value !== 'number' || !(value > 0)) return { status: 400, body: { error_msg: `${key} must be > 0` } };
      change[key] = value;
    }
    return { status: 200, body: this.configure(change) };
  }
}

function json(body: string): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(body);
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : {};
  } catch {
    return {};
  }
}

/** The service's error shape, with RFC 8628's word as the code (the real service's is not documented). */
function oauthError(status: number, code: string, message: string, requestId: string): ErrorAnswer {
  return { status, body: { error_code: code, error_msg: message, request_id: requestId } };
}
