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

/**
 * The WorkspaceApp region a project belongs to, from its IAM name: "cn-north-4_sub" → "cn-north-4";
 * undefined for "MOS", and for a region where WorkspaceApp is not offered (its sub-jobs are nowhere).
 */
export function regionOfProjectName(name: string): string | undefined {
  const region = name.split('_')[0];
  return isRegion(region) ? region : undefined;
}

/** The public endpoint of a region; the older regions kept the service's former name, "appstream". */
export function endpointForRegion(region: string): string {
  const service = (APPSTREAM_REGIONS as readonly string[]).includes(region) ? 'appstream' : 'workspace';
  return `https://${service}.${region}.myhuaweicloud.com`;
}

/** A region's name as Huawei Cloud's console shows it, and its country: what a user searches by. */
export interface RegionPlace {
  readonly name: string;
  readonly country: string;
}

/** In English, whatever the display language, so an English word finds a region in any language. */
const PLACES: Readonly<Record<string, RegionPlace>> = {
  'cn-north-4': { name: 'CN North-Beijing4', country: 'China' },
  'cn-north-9': { name: 'CN North-Ulanqab1', country: 'China' },
  'cn-east-3': { name: 'CN East-Shanghai1', country: 'China' },
  'cn-south-1': { name: 'CN South-Guangzhou', country: 'China' },
  'cn-southwest-2': { name: 'CN Southwest-Guiyang1', country: 'China' },
  'ap-southeast-1': { name: 'CN-Hong Kong', country: 'China' },
  'ap-southeast-2': { name: 'AP-Bangkok', country: 'Thailand' },
  'ap-southeast-3': { name: 'AP-Singapore', country: 'Singapore' },
  'af-south-1': { name: 'AF-Johannesburg', country: 'South Africa' },
  'af-north-1': { name: 'AF-Cairo', country: 'Egypt' },
  'cn-east-5': { name: 'CN East-Qingdao', country: 'China' },
  'cn-north-11': { name: 'CN North-Ulanqab', country: 'China' },
  'la-north-2': { name: 'LA-Mexico City2', country: 'Mexico' },
  'la-south-2': { name: 'LA-Santiago', country: 'Chile' },
  'me-east-1': { name: 'ME-Riyadh', country: 'Saudi Arabia' },
  'sa-brazil-1': { name: 'LA-Sao Paulo1', country: 'Brazil' },
  'tr-west-1': { name: 'TR-Istanbul', country: 'Türkiye' },
};

export function regionPlace(region: string): RegionPlace | undefined {
  return PLACES[region];
}

/**
 * The regions a search finds by code, name or country ("singapore" → ap-southeast-3, "mexico" →
 * la-north-2); `localized` adds the words of the display language. Every word typed must appear.
 */
export function findRegions(query: string, localized: (region: string) => string = () => ''): string[] {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  return REGIONS.filter((region) => {
    const place = PLACES[region];
    const text = `${region} ${place?.name ?? ''} ${place?.country ?? ''} ${localized(region)}`.toLowerCase();
    return words.every((word) => text.includes(word));
  });
}
