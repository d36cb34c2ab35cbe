/**
 * The project a found key is for, so that one click shows sub-jobs: the project id and region the
 * source names, else what IAM says about the key (a project's name is its region).
 */
import * as l10n from '@vscode/l10n';
import type { IamProject } from '../api/iamProjects';
import { DEFAULT_REGION, isRegion, regionOfProjectName, REGIONS } from '../api/regions';
import { credentialIamEndpoint } from './connection';
import { AccessKeyCredential } from './credentials';
import { FoundSource } from './foundCredentials';

/** KeystoneShowProject when a project id is given, else KeystoneListAuthProjects; signed with the key. */
export type ProjectLookUp = (request: {
  readonly iamEndpoint: string;
  readonly accessKey: AccessKeyCredential;
  readonly projectId?: string;
}) => Promise<IamProject[]>;

export interface FoundProject {
  readonly projectId: string;
  readonly region: string;
}

export type FoundProjects =
  | {
      /** WorkspaceApp's regions in the service's order, a region's own project before its sub-projects. */
      readonly projects: readonly FoundProject[];
      /** The one to use without asking, when something decides; absent = the user picks. */
      readonly chosen?: FoundProject;
    }
  | { readonly error: string };

/**
 * A key on a real account may use a project in every region (~30): one click must still be enough.
 * The region the user set decides, else the only region there is, else WorkspaceApp's main region.
 */
function decide(projects: readonly FoundProject[], preferredRegion: string | undefined): FoundProject | undefined {
  const inRegion = (region: string | undefined) => projects.find((p) => p.region === region);
  const regions = new Set(projects.map((p) => p.region));
  return inRegion(preferredRegion) ?? (regions.size === 1 ? projects[0] : undefined) ?? inRegion(DEFAULT_REGION);
}

/** `preferredRegion`: the region the user set in settings, if any; it picks among the key's projects. */
export async function projectsOfSource(
  source: FoundSource,
  accessKey: AccessKeyCredential,
  lookUp: ProjectLookUp,
  preferredRegion?: string,
): Promise<FoundProjects> {
  const { projectId, region } = source;
  if (region && !isRegion(region))
    return { error: l10n.t('{0} names region {1}, where WorkspaceApp is not offered', source.label, region) };
  if (projectId && region) return { projects: [{ projectId, region }], chosen: { projectId, region } };
  const iamEndpoint = credentialIamEndpoint(source.iamEndpoint);
  let answer: IamProject[];
  try {
    answer = await lookUp({ iamEndpoint, accessKey, ...(projectId && { projectId }) });
  } catch (error) {
    return { error: l10n.t('IAM could not tell the project of {0}: {1}', source.label, (error as Error).message) };
  }
  const rank = (p: { region: string; name: string }) => REGIONS.indexOf(p.region) * 2 + Number(p.name !== p.region);
  const projects = answer
    .map((p) => ({ projectId: p.id, region: regionOfProjectName(p.name) ?? '', name: p.name }))
    .filter((p) => p.region && (!region || p.region === region))
    .sort((a, b) => rank(a) - rank(b))
    .map(({ projectId: id, region: r }) => ({ projectId: id, region: r }));
  if (projects.length === 0)
    return { error: l10n.t('IAM lists no project of {0} in a region WorkspaceApp is offered in', source.label) };
  const chosen = projects.length === 1 ? projects[0] : decide(projects, preferredRegion);
  return { projects, ...(chosen && { chosen }) };
}
