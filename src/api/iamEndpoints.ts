/** Which IAM endpoint issues a region's tokens: needed to plan sessions, so it loads no HTTP stack. */
import * as l10n from '@vscode/l10n';

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
