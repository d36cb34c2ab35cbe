/** Where IAM Identity Center is reached: needed to plan a sign-in, so it loads no HTTP stack. */
import { isLoopbackHost } from './endpoint';

/** The regions of the Node SDK's IdentityCenterOIDCRegion.ts (3.1.209). */
export const SSO_REGIONS: readonly string[] = [
  'cn-north-4',
  'cn-east-3',
  'cn-south-1',
  'cn-south-4',
  'cn-southwest-2',
  'ap-southeast-1',
  'ap-southeast-2',
  'ap-southeast-3',
  'ap-southeast-4',
  'ap-southeast-5',
  'af-south-1',
  'af-north-1',
  'me-east-1',
  'tr-west-1',
  'la-north-2',
  'la-south-2',
  'sa-brazil-1',
];

/** IdentityCenterPortalAPIRegion.ts (3.1.209): one portal for every region. */
export const PORTAL_ENDPOINT = 'https://portal-identitycenter.myhuaweicloud.com';

export interface SsoEndpoints {
  readonly oidc: string;
  readonly portal: string;
}

/**
 * The region's OIDC service and the portal; a start URL on loopback is the simulator, which serves
 * both on its own origin. Undefined for a start URL that is not a URL.
 */
export function ssoEndpointsFor(startUrl: string, region: string): SsoEndpoints | undefined {
  let url: URL;
  try {
    url = new URL(startUrl.trim());
  } catch {
    return undefined;
  }
  if (isLoopbackHost(url.hostname.replace(/^\[|\]$/g, ''))) return { oidc: url.origin, portal: url.origin };
  return { oidc: `https://oidc.${region}.myhuaweicloud.com`, portal: PORTAL_ENDPOINT };
}
