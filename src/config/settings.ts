import * as vscode from 'vscode';
import { DEFAULT_REGION } from '../api/regions';
import { ResolvedProjects, resolveProjects } from '../core/projects';
import { ProxySettings } from '../api/proxy';
import { Family, FAMILIES } from '../model/family';
import { isJobType, JOB_TYPES, JobType } from '../model/subJob';

export const SECTION = 'workspaceJobs';

/**
 * Reads a setting that decides where credentials go. Only user (machine) values count: a folder's
 * .vscode/settings.json is written by whoever wrote the repository, and must not be able to point
 * the user's token at another host.
 */
function userValue<T>(config: vscode.WorkspaceConfiguration, key: string, fallback: T): T {
  const inspected = config.inspect<T>(key);
  return inspected?.globalValue ?? inspected?.defaultValue ?? fallback;
}

/** Names of credential-routing settings that a workspace tried to set, so the log can say they were ignored. */
export function ignoredWorkspaceSettings(): string[] {
  const config = vscode.workspace.getConfiguration(SECTION);
  return ['projects', 'projectId', 'region', 'endpoint', 'iamEndpoint'].filter((key) => {
    const inspected = config.inspect(key);
    return inspected?.workspaceValue !== undefined || inspected?.workspaceFolderValue !== undefined;
  });
}

/** Everything the extension reads from settings, validated. */
export interface WorkspaceSettings {
  readonly projects: ResolvedProjects;
  /** The image family's job types (workspaceJobs.jobTypes); the app-server family always asks for its ten. */
  readonly jobTypes: readonly JobType[];
  /** The families shown under each project (workspaceJobs.families), in tree order; never empty. */
  readonly families: readonly Family[];
  /** What workspaceJobs.families held that was not understood; absent when all of it was. */
  readonly familiesIgnored?: FamiliesIgnored;
  /** Seconds as set; effectiveRefreshInterval clamps it. */
  readonly refreshInterval: number;
  /** '' = derived from each project's region or simulator. */
  readonly iamEndpoint: string;
}

/** A workspaceJobs.families value not (wholly) understood: the user is told, since the tree shows something else. */
export interface FamiliesIgnored {
  /** The setting as written (JSON): what the user is told about changes when it does. */
  readonly written: string;
  /** Each value ignored, as JSON. */
  readonly values: readonly string[];
  /** Nothing known was left: both families are shown. */
  readonly noneKnown: boolean;
}

/**
 * settings.json is edited by hand, where the schema's warnings are easy to miss: a single string and
 * any case mean what they say; what is left over is reported rather than silently meaning "both".
 */
export function readFamilies(value: unknown): { families: readonly Family[]; ignored?: FamiliesIgnored } {
  if (value === undefined) return { families: [...FAMILIES] };
  const given = Array.isArray(value) ? value : [value];
  const known = new Set<Family>();
  const ignored: string[] = [];
  for (const item of given) {
    const family = FAMILIES.find((f) => typeof item === 'string' && item.trim().toLowerCase() === f.toLowerCase());
    if (family) known.add(family);
    else ignored.push(JSON.stringify(item) ?? String(item));
  }
  const families = FAMILIES.filter((f) => known.has(f));
  const noneKnown = families.length === 0;
  if (!noneKnown && !ignored.length) return { families };
  return {
    families: noneKnown ? [...FAMILIES] : families,
    ignored: { written: JSON.stringify(value) ?? String(value), values: ignored, noneKnown },
  };
}

export function readSettings(): WorkspaceSettings {
  const config = vscode.workspace.getConfiguration(SECTION);
  const jobTypes = config.get<unknown[]>('jobTypes', [...JOB_TYPES]);
  const validJobTypes = Array.isArray(jobTypes) ? [...new Set(jobTypes.filter(isJobType))] : [];
  // Like jobTypes, a folder may narrow it: it decides what is shown, not where credentials go.
  const families = readFamilies(config.get<unknown>('families'));
  return {
    projects: resolveProjects({
      projects: userValue<unknown>(config, 'projects', []),
      projectId: String(userValue(config, 'projectId', '')),
      region: String(userValue(config, 'region', DEFAULT_REGION)),
      endpoint: String(userValue(config, 'endpoint', '')),
    }),
    jobTypes: validJobTypes.length ? (validJobTypes as JobType[]) : [...JOB_TYPES],
    families: families.families,
    ...(families.ignored && { familiesIgnored: families.ignored }),
    refreshInterval: Number(config.get<number>('refreshInterval', 30)),
    iamEndpoint: String(userValue(config, 'iamEndpoint', '')),
  };
}

/** VS Code's own proxy settings, which every extension is expected to honour. */
export function readProxySettings(): ProxySettings {
  const http = vscode.workspace.getConfiguration('http');
  return {
    proxy: http.get<string>('proxy', '') || undefined,
    strictSSL: http.get<boolean>('proxyStrictSSL', true),
    noProxy: http.get<string[]>('noProxy', []),
  };
}

export function affectsSettings(event: vscode.ConfigurationChangeEvent): boolean {
  return (
    event.affectsConfiguration(SECTION) ||
    event.affectsConfiguration('http.proxy') ||
    event.affectsConfiguration('http.proxyStrictSSL') ||
    event.affectsConfiguration('http.noProxy')
  );
}
