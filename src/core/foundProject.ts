/**
 * The project a found key is for, so that one click shows sub-jobs: the project id and region the
 * source names, else what IAM says about the key (a project's name is its region).
 */
import * as l10n from '@vscode/l10n';
import type { IamProject } from '../api/iamProjects';
import { isRegion } from '../api/regions';
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

export type FoundProjects = { readonly projects: readonly FoundProject[] } | { readonly error: string };

/** "cn-north-4_sub" → "cn-north-4": a sub-project lives in its region. */
function regionOf(name: string): string | undefined {
  const region = name.split('_')[0];
  return isRegion(region) ? region : undefined;
}

export async function projectsOfSource(
  source: FoundSource,
  accessKey: AccessKeyCredential,
  lookUp: ProjectLookUp,
): Promise<FoundProjects> {
  const { projectId, region } = source;
  if (region && !isRegion(region))
    return { error: l10n.t('{0} names region {1}, where WorkspaceApp is not offered', source.label, region) };
  if (projectId && region) return { projects: [{ projectId, region }] };
  const iamEndpoint = credentialIamEndpoint(source.iamEndpoint);
  let answer: IamProject[];
  try {
    answer = await lookUp({ iamEndpoint, accessKey, ...(projectId && { projectId }) });
  } catch (error) {
    return { error: l10n.t('IAM could not tell the project of {0}: {1}', source.label, (error as Error).message) };
  }
  const projects = answer
    .map((p) => ({ projectId: p.id, region: regionOf(p.name) ?? '', name: p.name }))
    .filter((p) => p.region && (!region || p.region === region))
    // A region's own project before its sub-projects.
    .sort((a, b) => Number(a.name !== a.region) - Number(b.name !== b.region))
    .map(({ projectId: id, region: r }) => ({ projectId: id, region: r }));
  if (projects.length === 0)
    return { error: l10n.t('IAM lists no project of {0} in a region WorkspaceApp is offered in', source.label) };
  return { projects };
}
