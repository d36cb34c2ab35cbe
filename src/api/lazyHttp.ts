/**
 * The seam that keeps the HTTP stack out of activation: clients that are built at once (a session is
 * built synchronously) and load the stack on their first call. Only types come from httpStack.ts
 * here; its code arrives with the dynamic import, which esbuild.mjs turns into a require of the
 * bundled module (whose transport in turn loads dist/http.js, undici).
 */
import type { Dispatcher } from 'undici';
import type { QueryJobType, SubJob } from '../model/subJob';
import type { SubJobPage } from '../model/validate';
import type { CallerIdentity } from './callerIdentity';
import type { HttpStack } from './httpStack';
import type { ProjectToken, ProjectTokenRequest } from './iamClient';
import type { IamProject, IamProjectsRequest } from './iamProjects';
import type { SubJobClient, SubJobClientOptions } from './subJobClient';
import type { SubJobRef } from '../model/subJobRef';
import type { ImageJob } from './imageJob';
import { checkClientTarget, ListQuery, ListResult, PageQuery, QueryFilter } from './subJobQueries';

let loading: Promise<HttpStack> | undefined;

/** The HTTP stack, loaded once; a failed load is tried again by the next call. */
export function loadHttpStack(): Promise<HttpStack> {
  loading ??= import('./httpStack.js').then(
    (module) => module.httpStack,
    (error: unknown) => {
      loading = undefined;
      throw error;
    },
  );
  return loading;
}

/** The connection pool a request goes through, made once the stack is loaded. */
export type DispatcherSource = (http: HttpStack) => Dispatcher;

export interface LazySubJobClientOptions extends Omit<SubJobClientOptions, 'dispatcher'> {
  readonly dispatcher?: DispatcherSource;
  /** The pool for another endpoint (IAM's), through the same proxy rules. */
  readonly dispatcherFor?: (endpoint: string) => DispatcherSource;
}

/** A SubJobClient that loads the HTTP stack on its first call; the endpoint is checked at once. */
export class LazySubJobClient {
  readonly endpoint: string;
  private client: Promise<SubJobClient> | undefined;

  constructor(private readonly options: LazySubJobClientOptions) {
    this.endpoint = checkClientTarget(options.endpoint, options.projectId);
  }

  listPage(query: PageQuery, signal: AbortSignal): Promise<SubJobPage> {
    return this.loaded().then((client) => client.listPage(query, signal));
  }

  showJob(jobId: string, signal: AbortSignal): Promise<ImageJob> {
    return this.loaded().then((client) => client.showJob(jobId, signal));
  }

  count(jobTypes: readonly QueryJobType[], filter: QueryFilter, signal: AbortSignal): Promise<number> {
    return this.loaded().then((client) => client.count(jobTypes, filter, signal));
  }

  batchDelete(ids: readonly string[], signal: AbortSignal): Promise<void> {
    return this.loaded().then((client) => client.batchDelete(ids, signal));
  }

  listAll(query: ListQuery, signal: AbortSignal): Promise<ListResult> {
    return this.loaded().then((client) => client.listAll(query, signal));
  }

  findSubJob(ref: SubJobRef, signal: AbortSignal): Promise<SubJob | undefined> {
    return this.loaded().then((client) => client.findSubJob(ref, signal));
  }

  /** Who IAM says this client's credential belongs to (see callerIdentity.ts). */
  async callerIdentity(iamEndpoint: string, signal: AbortSignal): Promise<CallerIdentity> {
    const http = await loadHttpStack();
    const { authorizer, userAgent, logger } = this.options;
    const dispatcher = this.options.dispatcherFor?.(iamEndpoint)(http);
    return http.fetchCallerIdentity({ iamEndpoint, authorizer, userAgent, signal, logger, dispatcher });
  }

  /** Nothing to close when no call was made: the stack was never loaded for it. */
  async close(): Promise<void> {
    if (this.client) await (await this.client).close();
  }

  private loaded(): Promise<SubJobClient> {
    this.client ??= loadHttpStack().then(
      (http) => new http.SubJobClient({ ...this.options, dispatcher: this.options.dispatcher?.(http) }),
      (error: unknown) => {
        this.client = undefined;
        throw error;
      },
    );
    return this.client;
  }
}

/** requestProjectToken, loading the HTTP stack first. */
export async function requestProjectToken(
  request: Omit<ProjectTokenRequest, 'dispatcher'> & { readonly dispatcher?: DispatcherSource },
): Promise<ProjectToken> {
  const http = await loadHttpStack();
  return http.requestProjectToken({ ...request, dispatcher: request.dispatcher?.(http) });
}

/** IAM's project look-ups, loading the HTTP stack first. */
export async function lookUpProjects(
  request: Omit<IamProjectsRequest, 'dispatcher'> & {
    readonly projectId?: string;
    readonly dispatcher?: DispatcherSource;
  },
): Promise<IamProject[]> {
  const http = await loadHttpStack();
  const r = { ...request, dispatcher: request.dispatcher?.(http) };
  return request.projectId
    ? [await http.showProject({ ...r, projectId: request.projectId })]
    : http.listAuthProjects(r);
}
