import * as vscode from 'vscode';
import { regionPlace, RegionPlace } from '../api/regions';

/** A region's name and country in the display language; the English ones where no translation is known. */
export function localRegionPlace(region: string): RegionPlace | undefined {
  const english = regionPlace(region);
  if (!english) return undefined;
  const names: Record<string, RegionPlace> = {
    'cn-north-4': { name: vscode.l10n.t('CN North-Beijing4'), country: vscode.l10n.t('China') },
    'cn-north-9': { name: vscode.l10n.t('CN North-Ulanqab1'), country: vscode.l10n.t('China') },
    'cn-east-3': { name: vscode.l10n.t('CN East-Shanghai1'), country: vscode.l10n.t('China') },
    'cn-south-1': { name: vscode.l10n.t('CN South-Guangzhou'), country: vscode.l10n.t('China') },
    'cn-southwest-2': { name: vscode.l10n.t('CN Southwest-Guiyang1'), country: vscode.l10n.t('China') },
    'ap-southeast-1': { name: vscode.l10n.t('CN-Hong Kong'), country: vscode.l10n.t('China') },
    'ap-southeast-2': { name: vscode.l10n.t('AP-Bangkok'), country: vscode.l10n.t('Thailand') },
    'ap-southeast-3': { name: vscode.l10n.t('AP-Singapore'), country: vscode.l10n.t('Singapore') },
    'af-south-1': { name: vscode.l10n.t('AF-Johannesburg'), country: vscode.l10n.t('South Africa') },
    'af-north-1': { name: vscode.l10n.t('AF-Cairo'), country: vscode.l10n.t('Egypt') },
    'cn-east-5': { name: vscode.l10n.t('CN East-Qingdao'), country: vscode.l10n.t('China') },
    'cn-north-11': { name: vscode.l10n.t('CN North-Ulanqab'), country: vscode.l10n.t('China') },
    'la-north-2': { name: vscode.l10n.t('LA-Mexico City2'), country: vscode.l10n.t('Mexico') },
    'la-south-2': { name: vscode.l10n.t('LA-Santiago'), country: vscode.l10n.t('Chile') },
    'me-east-1': { name: vscode.l10n.t('ME-Riyadh'), country: vscode.l10n.t('Saudi Arabia') },
    'sa-brazil-1': { name: vscode.l10n.t('LA-Sao Paulo1'), country: vscode.l10n.t('Brazil') },
    'tr-west-1': { name: vscode.l10n.t('TR-Istanbul'), country: vscode.l10n.t('Türkiye') },
  };
  return names[region] ?? english;
}
