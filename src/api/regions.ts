/** Regions where WorkspaceApp is offered (Huawei Cloud SDK 3.1.211) and how their endpoints are named. */

const APPSTREAM_REGIONS = ['cn-north-4', 'cn-north-9', 'cn-east-3', 'cn-south-1', 'cn-southwest-2'] as const;
const WORKSPACE_REGIONS = [
  'ap-southeast-1',
  'ap-southeast-2',
  'ap-southeast-3',
  'af-south-1',
  'af-north-1',
  'cn-east-5',
  'cn-north-11',
  'la-north-2',
  'la-south-2',
  'me-east-1',
  'sa-brazil-1',
  'tr-west-1',
] as const;

export const REGIONS: readonly string[] = [...APPSTREAM_REGIONS, ...WORKSPACE_REGIONS];
export const DEFAULT_REGION = 'cn-north-4';

export function isRegion(value: string): boolean {
  return REGIONS.includes(value);
}

/** The public endpoint of a region; the older regions kept the service's former name, "appstream". */
export function endpointForRegion(region: string): string {
  const service = (APPSTREAM_REGIONS as readonly string[]).includes(region) ? 'appstream' : 'workspace';
  return `https://${service}.${region}.myhuaweicloud.com`;
}
