/**
 * IAM's project calls, for a found access key that names no region: KeystoneShowProject
 * (`GET /v3/projects/{project_id}`) gives a project's name, which for a region's project is the
 * region ("ap-southeast-3", or "cn-north-4_sub" for a sub-project); KeystoneListAuthProjects
 * (`GET /v3/auth/projects`) the projects the key may use. Shapes from the SDK's iam v3 models.
 */
import * as l10n from '@vscode/l10n';
import type { Dispatcher } from 'undici';
import { Authorizer } from './authorizer';
import { checkEndpoint } from './endpoint';
import { ResponseError } from './errors';
import { createDispatcher, requestJson } from './transport';

export interface IamProject {
  readonly id: string;
  readonly name: string;
}

export interface IamProjectsRequest {
  readonly iamEndpoint: string;
  readonly authorizer: Authorizer;
  readonly signal: AbortSignal;
  readonly dispatcher?: Dispatcher;
}

export const IAM_PROJECT_PATH = '/v3/projects/';
export const IAM_AUTH_PROJECTS_PATH = '/v3/auth/projects';

async function get(r: IamProjectsRequest, path: string): Promise<{ body: unknown; url: URL; requestId: string }> {
  const checked = checkEndpoint(r.iamEndpoint);
  if (!checked.ok) throw new Error(l10n.t('IAM endpoint refused: {0}', checked.reason));
  const url = new URL(path, checked.origin);
  const headers: Record<string, string> = { 'Content-Type': 'application/json' };
  await r.authorizer.authorize({ method: 'GET', url, headers });
  const dispatcher = r.dispatcher ?? createDispatcher();
  try {
    const response = await requestJson(dispatcher, url, { method: 'GET', headers }, r.signal);
    return { body: response.body, url, requestId: response.requestId };
  } finally {
    if (!r.dispatcher) await dispatcher.close();
  }
}

function projectOf(value: unknown): IamProject | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const { id, name } = value as Record<string, unknown>;
  return typeof id === 'string' && id && typeof name === 'string' ? { id, name } : undefined;
}

export async function showProject(r: IamProjectsRequest & { readonly projectId: string }): Promise<IamProject> {
  const { body, url, requestId } = await get(r, `${IAM_PROJECT_PATH}${encodeURIComponent(r.projectId)}`);
  const project = projectOf((body as { project?: unknown } | undefined)?.project);
  if (!project) throw new ResponseError(url.pathname, l10n.t('the answer has no project id and name'), requestId);
  return project;
}

export async function listAuthProjects(r: IamProjectsRequest): Promise<IamProject[]> {
  const { body, url, requestId } = await get(r, IAM_AUTH_PROJECTS_PATH);
  const list = (body as { projects?: unknown } | undefined)?.projects;
  if (!Array.isArray(list))
    throw new ResponseError(url.pathname, l10n.t('the answer has no list of projects'), requestId);
  return list.map(projectOf).filter((p): p is IamProject => p !== undefined);
}
