import { checkEndpoint } from '../api/endpoint';
import { DEFAULT_REGION, endpointForRegion, isRegion } from '../api/regions';
import { isRecord } from '../model/validate';

/** One watched project: each region's WorkspaceApp is its own project. */
export interface ProjectConfig {
  readonly projectId: string;
  readonly region: string;
  /** '' = derived from the region. */
  readonly endpoint: string;
  /** What the user calls it; the tree shows it instead of the id. */
  readonly name?: string;
}

/** The settings that describe the watched projects, as read (user scope only). */
export interface ProjectsSettings {
  /** workspaceJobs.projects: anything, validated here. */
  readonly projects: unknown;
  /** The single-project settings, used while `projects` is empty. */
  readonly projectId: string;
  readonly region: string;
  readonly endpoint: string;
}

export interface ResolvedProjects {
  readonly projects: ProjectConfig[];
  /** Entries of `projects` that were skipped, and why, for the log. */
  readonly skipped: string[];
  /** True when the projects come from the single-project settings. */
  readonly single: boolean;
  /**
   * workspaceJobs.projectId, even when `projects` lists the projects: a token stored by an earlier
   * version, before tokens were kept per project, belongs to it.
   */
  readonly legacyProjectId?: string;
  /** The single-project region and endpoint, even without a project id: where a first sign-in goes. */
  readonly defaults: { readonly region: string; readonly endpoint: string };
}

function text(value: unknown): string {
  return typeof value === 'string' ? value.trim() : '';
}

/**
 * The projects to watch: `workspaceJobs.projects` when it lists any, else the one described by
 * `projectId`/`region`/`endpoint`. An entry that is not an object or has no project id is skipped
 * (and said so); a project id or endpoint the API cannot use stays, so its row can say what is wrong.
 * The same project through the same endpoint is watched once.
 */
export function resolveProjects(settings: ProjectsSettings): ResolvedProjects {
  const list = Array.isArray(settings.projects) ? settings.projects : [];
  const legacy = text(settings.projectId);
  const legacyProjectId = {
    ...(legacy && { legacyProjectId: legacy }),
    defaults: { region: validRegion(settings.region), endpoint: text(settings.endpoint) },
  };
  if (list.length === 0) {
    return {
      projects: legacy
        ? [{ projectId: legacy, region: validRegion(settings.region), endpoint: text(settings.endpoint) }]
        : [],
      skipped: [],
      single: true,
      ...legacyProjectId,
    };
  }
  const projects: ProjectConfig[] = [];
  const skipped: string[] = [];
  const seen = new Set<string>();
  list.forEach((entry, index) => {
    if (!isRecord(entry)) {
      skipped.push(`workspaceJobs.projects[${index}] is not an object`);
      return;
    }
    const projectId = text(entry.projectId);
    if (!projectId) {
      skipped.push(`workspaceJobs.projects[${index}] has no projectId`);
      return;
    }
    const region = validRegion(entry.region);
    const endpoint = text(entry.endpoint);
    const name = text(entry.name);
    const key = connectionKey(projectOrigin({ endpoint, region }), projectId);
    if (seen.has(key)) {
      skipped.push(`workspaceJobs.projects[${index}] repeats project ${projectId}`);
      return;
    }
    seen.add(key);
    projects.push({ projectId, region, endpoint, ...(name && { name }) });
  });
  return { projects, skipped, single: false, ...legacyProjectId };
}

function validRegion(value: unknown): string {
  return typeof value === 'string' && isRegion(value) ? value : DEFAULT_REGION;
}

/** Where a project's requests go (the endpoint's origin), even when the endpoint cannot be used. */
export function projectOrigin(project: Pick<ProjectConfig, 'endpoint' | 'region'>): string {
  const endpoint = project.endpoint.trim() || endpointForRegion(project.region);
  const checked = checkEndpoint(endpoint);
  return checked.ok ? checked.origin : endpoint;
}

/** What a person calls a project: its name, else its id. */
export function projectLabel(project: { readonly projectId: string; readonly name?: string }): string {
  return project.name || project.projectId;
}

/** The `workspaceJobs.projects` value after adding a project (the single project moves into the list first). */
export function withProjectAdded(current: ResolvedProjects, added: ProjectConfig): ProjectConfig[] {
  return [...current.projects.filter((p) => !sameProject(p, added)), added];
}

/** The `workspaceJobs.projects` value after removing a project. */
export function withProjectRemoved(current: ResolvedProjects, removed: ProjectConfig): ProjectConfig[] {
  return current.projects.filter((p) => !sameProject(p, removed));
}

/** The same project through the same endpoint. */
export function sameProject(
  a: Pick<ProjectConfig, 'projectId' | 'endpoint' | 'region'>,
  b: Pick<ProjectConfig, 'projectId' | 'endpoint' | 'region'>,
): boolean {
  return a.projectId === b.projectId && projectOrigin(a) === projectOrigin(b);
}

/** Equal keys: the same project through the same endpoint, the same data. */
export function connectionKey(endpoint: string, projectId: string): string {
  return `${endpoint}|${projectId}`;
}
