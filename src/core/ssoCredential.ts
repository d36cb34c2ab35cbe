import * as l10n from '@vscode/l10n';
import { formatTime } from '../model/time';

/**
 * An IAM Identity Center sign-in: the SSO access token (which only the portal takes) and the
 * temporary AK/SK with security token of one account's agency, which sign every request. Kept whole
 * in SecretStorage; times are epoch ms on this machine's clock.
 */
export interface SsoCredential {
  readonly kind: 'sso';
  readonly startUrl: string;
  readonly region: string;
  readonly oidcEndpoint: string;
  readonly portalEndpoint: string;
  readonly accessToken: string;
  readonly tokenExpiresAt: number;
  /** Kept when the service gives one; the SDK has no grant that would use it. */
  readonly refreshToken?: string;
  readonly accountId: string;
  readonly accountName: string;
  readonly agencyName: string;
  readonly agencyUrn: string;
  readonly accessKeyId: string;
  readonly secretKey: string;
  readonly securityToken: string;
  readonly keysObtainedAt: number;
  readonly keysExpireAt: number;
}

/** Renew temporary keys this long before they lapse (half their life when they are shorter-lived). */
export const SSO_RENEW_BEFORE_MS = 5 * 60_000;

/** Milliseconds until the temporary keys should be renewed (≤ 0: now). */
export function keysDueIn(credential: SsoCredential, now: number): number {
  const lifetime = credential.keysExpireAt - credential.keysObtainedAt;
  const lead = Math.min(SSO_RENEW_BEFORE_MS, Math.max(0, lifetime) / 2);
  return credential.keysExpireAt - lead - now;
}

const STRINGS = [
  'startUrl',
  'region',
  'oidcEndpoint',
  'portalEndpoint',
  'accessToken',
  'accountId',
  'accountName',
  'agencyName',
  'agencyUrn',
  'accessKeyId',
  'secretKey',
  'securityToken',
] as const;
const NUMBERS = ['tokenExpiresAt', 'keysObtainedAt', 'keysExpireAt'] as const;

/** What SecretStorage holds; anything incomplete counts as no sign-in. */
export function parseSsoCredential(raw: unknown): SsoCredential | undefined {
  if (typeof raw !== 'object' || raw === null) return undefined;
  const r = raw as Record<string, unknown>;
  if (r.kind !== 'sso') return undefined;
  if (!STRINGS.every((key) => typeof r[key] === 'string' && r[key] !== '')) return undefined;
  if (!NUMBERS.every((key) => typeof r[key] === 'number' && Number.isFinite(r[key]))) return undefined;
  const picked = Object.fromEntries([...STRINGS, ...NUMBERS].map((key) => [key, r[key]]));
  return {
    kind: 'sso',
    ...(picked as Omit<SsoCredential, 'kind' | 'refreshToken'>),
    ...(typeof r.refreshToken === 'string' && r.refreshToken && { refreshToken: r.refreshToken }),
  };
}

/** "IAM Identity Center: dev/WorkspaceReadOnly, until 14:05": the row's credential, no secret. */
export function describeSso(credential: SsoCredential): string {
  return l10n.t({
    message: 'IAM Identity Center: {0}/{1}, until {2}',
    args: [credential.accountName, credential.agencyName, formatTime(credential.keysExpireAt)],
    comment: ['{0} is an account name, {1} an agency (permission set) name, {2} when the temporary keys expire'],
  });
}
