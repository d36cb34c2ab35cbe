/**
 * What the Huawei Cloud SDKs read from their environment variables or from one section of their
 * credentials file: the same keys in both places, so one shape.
 */
export interface SdkKeys {
  readonly ak?: string;
  readonly sk?: string;
  readonly securityToken?: string;
  readonly projectId?: string;
  readonly domainId?: string;
  readonly iamEndpoint?: string;
}
