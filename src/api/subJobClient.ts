import { Dispatcher } from 'undici';
import { JobType, SubJob, SubJobStatus } from '../model/subJob';
import { MalformedResponseError, parseSubJobCount, parseSubJobPage, SubJobPage } from '../model/validate';
import { Authorizer } from './authorizer';
import { checkEndpoint } from './endpoint';
import { ResponseError } from './errors';
import { Logger, silentLogger } from './logger';
import { TaskPool } from './taskPool';
import { createDispatcher, getJson } from './transport';

/** The API's page maximum. */
export const PAGE_LIMIT = 100;
export const DEFAULT_CONCURRENCY = 6;

export interface SubJobFilter {
  readonly status?: SubJobStatus;
  /** The parent job's id. */
  readonly jobId?: string;
}

export interface PageQuery extends SubJobFilter {
  readonly jobType: JobType;
  readonly offset: number;
  readonly limit: number;
}

export interface ListQuery extends SubJobFilter {
  readonly jobTypes: readonly JobType[];
}

export interface ListResult {
  readonly subJobs: SubJob[];
  /** List calls made. */
  readonly requests: number;
  readonly peakConcurrency: number;
  /** Items the API sent that could not be understood, each with its reason. */
  readonly rejected: string[];
}

export interface SubJobClientOptions {
  /** Origin such as https://workspace.ap-southeast-1.myhuaweicloud.com; https, or http to loopback. */
  readonly endpoint: string;
  readonly projectId: string;
  readonly authorizer: Authorizer;
  readonly userAgent: string;
  readonly concurrency?: number;
  readonly dispatcher?: Dispatcher;
  readonly logger?: Logger;
}

/** The WorkspaceApp calls about image sub-jobs: ListImageSubJobs and CountImageSubJobs. */
export class SubJobClient {
  readonly endpoint: string;
  private readonly dispatcher: Dispatcher;
  private readonly ownsDispatcher: boolean;
  private readonly logger: Logger;
  private readonly concurrency: number;

  constructor(private readonly options: SubJobClientOptions) {
    const checked = checkEndpoint(options.endpoint);
    if (!checked.ok) throw new Error(`Endpoint refused: ${checked.reason}`);
    if (!options.projectId || options.projectId.length > 128) throw new Error('The project id must be 1–128 characters');
    this.endpoint = checked.origin;
    this.ownsDispatcher = !options.dispatcher;
    this.dispatcher = options.dispatcher ?? createDispatcher();
    this.logger = options.logger ?? silentLogger;
    this.concurrency = options.concurrency ?? DEFAULT_CONCURRENCY;
  }

  async close(): Promise<void> {
    if (this.ownsDispatcher) await this.dispatcher.close();
  }

  /** One page of one job type. */
  async listPage(query: PageQuery, signal: AbortSignal): Promise<SubJobPage> {
    const params = new URLSearchParams({ job_type: query.jobType, offset: String(query.offset), limit: String(query.limit) });
    this.addFilter(params, query);
    const { body, requestId, url } = await this.get('', params, signal);
    return this.validate(url, requestId, () => parseSubJobPage(body));
  }

  /** How many sub-jobs match; one call covers several job types. */
  async count(jobTypes: readonly JobType[], filter: SubJobFilter, signal: AbortSignal): Promise<number> {
    const params = new URLSearchParams();
    if (jobTypes.length) params.set('job_type', jobTypes.join(','));
    this.addFilter(params, filter);
    const { body, requestId, url } = await this.get('/actions/count', params, signal);
    return this.validate(url, requestId, () => parseSubJobCount(body));
  }

  /**
   * Every sub-job of the given job types. The API wants one job type per call, so each type is
   * paged on its own; a first page tells how many follow, and all pages share one bounded pool.
   */
  async listAll(query: ListQuery, signal: AbortSignal): Promise<ListResult> {
    const pool = new TaskPool(this.concurrency, signal);
    const byId = new Map<string, SubJob>();
    const rejected: string[] = [];
    let requests = 0;

    const fetchPage = async (jobType: JobType, offset: number, poolSignal: AbortSignal): Promise<SubJobPage> => {
      requests++;
      const page = await this.listPage({ ...query, jobType, offset, limit: PAGE_LIMIT }, poolSignal);
      // A sub-job that changes status between two page reads can show up twice; the id decides.
      for (const subJob of page.items) byId.set(subJob.id, subJob);
      rejected.push(...page.rejected);
      return page;
    };

    for (const jobType of query.jobTypes) {
      pool.add(async (poolSignal) => {
        const first = await fetchPage(jobType, 0, poolSignal);
        for (let offset = PAGE_LIMIT; offset < first.count; offset += PAGE_LIMIT) {
          pool.add((s) => fetchPage(jobType, offset, s).then(() => undefined));
        }
      });
    }
    await pool.drain();
    if (rejected.length) this.logger.warn(`${rejected.length} sub-job(s) skipped as malformed, e.g. ${rejected[0]}`);
    return { subJobs: [...byId.values()], requests, peakConcurrency: pool.peak, rejected };
  }

  private addFilter(params: URLSearchParams, filter: SubJobFilter): void {
    if (filter.status) params.set('status', filter.status);
    if (filter.jobId) params.set('job_id', filter.jobId);
  }

  private async get(suffix: string, params: URLSearchParams, signal: AbortSignal) {
    const query = params.toString();
    const url = new URL(
      `/v1/${encodeURIComponent(this.options.projectId)}/image-server-sub-jobs${suffix}${query ? `?${query}` : ''}`,
      this.endpoint,
    );
    const headers: Record<string, string> = {
      Accept: 'application/json',
      'User-Agent': this.options.userAgent,
    };
    await this.options.authorizer.authorize({ method: 'GET', url, headers });
    const started = Date.now();
    try {
      const response = await getJson(this.dispatcher, url, headers, signal);
      this.logger.debug(`GET ${url.pathname}?${query} → ${response.status} in ${Date.now() - started} ms`);
      return { ...response, url };
    } catch (error) {
      this.logger.debug(`GET ${url.pathname}?${query} failed after ${Date.now() - started} ms: ${(error as Error).message}`);
      throw error;
    }
  }

  private validate<T>(url: URL, requestId: string, parse: () => T): T {
    try {
      return parse();
    } catch (error) {
      if (error instanceof MalformedResponseError) throw new ResponseError(url.pathname, error.message, requestId);
      throw error;
    }
  }
}
