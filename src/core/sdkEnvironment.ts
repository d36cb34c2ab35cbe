import type { SdkKeys } from './sdkKeys';

/** The SDKs' environment variables (Go, Python and Node read the same names). */
export const SDK_ENV = {
  ak: 'HUAWEICLOUD_SDK_AK',
  sk: 'HUAWEICLOUD_SDK_SK',
  securityToken: 'HUAWEICLOUD_SDK_SECURITY_TOKEN',
  projectId: 'HUAWEICLOUD_SDK_PROJECT_ID',
  domainId: 'HUAWEICLOUD_SDK_DOMAIN_ID',
  iamEndpoint: 'HUAWEICLOUD_SDK_IAM_ENDPOINT',
  credentialsFile: 'HUAWEICLOUD_SDK_CREDENTIALS_FILE',
} as const;

export type Environment = Readonly<Record<string, string | undefined>>;

/** What the variables hold, trimmed; unset and empty are the same (as in the SDKs). */
export function readSdkEnvironment(env: Environment): SdkKeys {
  const result: Record<string, string> = {};
  for (const field of ['ak', 'sk', 'securityToken', 'projectId', 'domainId', 'iamEndpoint'] as const) {
    const value = env[SDK_ENV[field]]?.trim();
    if (value) result[field] = value;
  }
  return result;
}
