import * as l10n from '@vscode/l10n';
import type { Dispatcher } from 'undici';
import { familyJobTypes, type Family } from '../model/family';
import { QueryJobType, SubJob } from '../model/subJob';
import type { SubJobRef } from '../model/subJobRef';
import { MalformedResponseError, MAX_ID_CHARS, parseSubJobCount, parseSubJobPage, SubJobPage } from '../model/validate';
import { describeValue } from '../model/text';
import { Authorizer } from './authorizer';
import { ResponseError } from './errors';
import { familyApi, FamilyApi } from './familyApi';
import { ImageJob, parseImageJob } from './imageJob';
import { listAll } from './listAll';
import { ListOrder, ListOrderName } from './listOrder';
import { Logger, silentLogger } from './logger';
import { SubJobFinder } from './subJobFinder';
import {
  BATCH_DELETE_LIMIT,
  checkClientTarget,
  DEFAULT_CONCURRENCY,
  ListQuery,
  ListResult,
  PageQuery,
  QueryFilter,
} from './subJobQueries';
import { createDispatcher, getJson, requestJson } from './transport';

export {
  BATCH_DELETE_LIMIT,
  DEFAULT_CONCURRENCY,
  MAX_RELISTS,
  PAGE_LIMIT,
  type ListQuery,
  type ListResult,
  type PageQuery,
  type QueryFilter,
} from './subJobQueries';
export { isShowJobUnavailable, parseImageJob, type ImageJob } from './imageJob';
export type { SubJobRef } from '../model/subJobRef';

/** Jobs remembered as told malformed; past it the memory starts over (a job may then be told again). */
const MAX_MALFORMED_JOBS_TOLD = 1000;

export interface SubJobClientOptions {
  /** Origin such as https://workspace.ap-southeast-1.myhuaweicloud.com; https, or http to loopback. */
  readonly endpoint: string;
  readonly projectId: string;
  readonly authorizer: Authorizer;
  readonly userAgent: string;
  readonly concurrency?: number;
  readonly dispatcher?: Dispatcher;
  readonly logger?: Logger;
  /** Which family's calls this client makes; image when absent (as before families). */
  readonly family?: Family;
}

/**
 * Refuses what a batch delete (BatchDeleteImageSubJobs, BatchDeleteAppSubJobs) would refuse, before
 * anything is sent: 1 to 20 ids, each a non-empty string, none twice. The service refuses a whole call for one bad id, so the caller
 * learns which id it was without spending a request (or a signature) on it.
 */
function checkDeleteIds(ids: readonly string[]): void {
  if (!Array.isArray(ids)) throw new RangeError(l10n.t('The sub-job ids to delete must be an array'));
  if (ids.length < 1 || ids.length > BATCH_DELETE_LIMIT) {
    throw new RangeError(
      l10n.t('One deletion call takes 1 to {0} sub-job ids, not {1}', BATCH_DELETE_LIMIT, ids.length),
    );
  }
  const seen = new Set<string>();
  for (const id of ids) {
    if (typeof id !== 'string' || id === '')
      throw new RangeError(l10n.t('A sub-job id to delete is empty or not text: {0}', describeValue(id)));
    // The service refuses the whole call for one over-long id: the 19 good ones would go with it.
    if (id.length > MAX_ID_CHARS)
      throw new RangeError(
        l10n.t('A sub-job id to delete is longer than {0} characters: {1}', MAX_ID_CHARS, describeValue(id)),
      );
    if (seen.has(id))
      throw new RangeError(
        l10n.t('The sub-job id {0} is listed twice; the service refuses duplicates', describeValue(id)),
      );
    seen.add(id);
  }
}

/**
 * The WorkspaceApp calls about one family's sub-jobs: for images ListImageSubJobs,
 * CountImageSubJobs, ShowImageJob and BatchDeleteImageSubJobs (PATCH); for app servers ListSubJobs,
 * CountSubJobs, ShowJobDetail (v2) and BatchDeleteAppSubJobs (POST). See FamilyApi.
 */
export class SubJobClient {
  readonly endpoint: string;
  private readonly dispatcher: Dispatcher;
  private readonly ownsDispatcher: boolean;
  private readonly logger: Logger;
  private readonly concurrency: number;
  /** Requests sent by this client, to report what a refresh cost. */
  private sent = 0;
  private readonly finder: SubJobFinder;
  /** The order the service lists in, told from its first answers and kept for this client's life. */
  private readonly order: ListOrder;
  /** Jobs whose look-up answered a body that is not a job, already told to the log. */
  private readonly malformedJobs = new Set<string>();
  readonly api: FamilyApi;

  constructor(private readonly options: SubJobClientOptions) {
    this.endpoint = checkClientTarget(options.endpoint, options.projectId);
    this.ownsDispatcher = !options.dispatcher;
    this.dispatcher = options.dispatcher ?? createDispatcher();
    this.logger = options.logger ?? silentLogger;
    this.concurrency = options.concurrency ?? DEFAULT_CONCURRENCY;
    this.api = familyApi(options.family);
    this.finder = new SubJobFinder(this, this.logger, {
      jobTypes: familyJobTypes(this.api.family) as readonly QueryJobType[],
      showJobCall: this.api.showJobCall,
    });
    this.order = new ListOrder((query, signal) => this.rawPage(query, signal), this.logger);
  }

  /** The order the service was seen to list in; undefined until an answer told. */
  get listOrder(): ListOrderName | undefined {
    return this.order.detected;
  }

  async close(): Promise<void> {
    if (this.ownsDispatcher) await this.dispatcher.close();
  }

  /** One page of one job type, newest first whatever the service's order; each item's listedAs is that job type. */
  listPage(query: PageQuery, signal: AbortSignal): Promise<SubJobPage> {
    return this.order.page(query, signal);
  }

  /** One page as the service orders it. */
  private async rawPage(query: PageQuery, signal: AbortSignal): Promise<SubJobPage> {
    const params = new URLSearchParams({
      job_type: query.jobType,
      offset: String(query.offset),
      limit: String(query.limit),
    });
    this.addFilter(params, query);
    const { body, requestId, url } = await this.get(this.api.subJobsPath, params, signal);
    return this.validate(url, requestId, () => parseSubJobPage(body, query.jobType, this.api.family));
  }

  /** ShowImageJob or ShowJobDetail: a parent job with its sub-jobs, whatever their job types. */
  async showJob(jobId: string, signal: AbortSignal): Promise<ImageJob> {
    if (!jobId) throw new Error(l10n.t('A job id is needed to show a job'));
    const { version, path } = this.api.jobPath(jobId);
    try {
      const { body, requestId, url } = await this.get(path, new URLSearchParams(), signal, version);
      return this.validate(url, requestId, () => parseImageJob(body, jobId, this.api.family));
    } catch (error) {
      if (error instanceof MalformedResponseError) this.tellMalformedJob(jobId, error);
      throw error;
    }
  }

  /** Says once per job that its look-up answered something that is not a job: a followed job is asked every interval. */
  private tellMalformedJob(jobId: string, error: MalformedResponseError): void {
    if (this.malformedJobs.has(jobId)) return;
    if (this.malformedJobs.size >= MAX_MALFORMED_JOBS_TOLD) this.malformedJobs.clear();
    this.malformedJobs.add(jobId);
    this.logger.warn(`${this.api.showJobCall} answered for job ${jobId} a body that is not a job: ${error.message}`);
  }

  /** How many sub-jobs match; one call covers several job types. */
  async count(jobTypes: readonly QueryJobType[], filter: QueryFilter, signal: AbortSignal): Promise<number> {
    const params = new URLSearchParams();
    if (jobTypes.length) params.set('job_type', jobTypes.join(','));
    this.addFilter(params, filter);
    const { body, requestId, url } = await this.get(`${this.api.subJobsPath}/actions/count`, params, signal);
    const count = this.validate(url, requestId, () => parseSubJobCount(body));
    // One job type's count is where its list's tail begins: an oldest-first read there needs no look first.
    if (jobTypes.length === 1) this.order.remember({ jobType: jobTypes[0]!, ...filter }, count);
    return count;
  }

  /**
   * BatchDeleteImageSubJobs (PATCH) or BatchDeleteAppSubJobs (POST): deletes 1 to 20 finished (SUCCESS or FAILED) sub-jobs in one call. The
   * service refuses the whole call, deleting none, when any of them is still active; ids it does
   * not know are ignored. Anything but 1–20 unique non-empty ids is a RangeError, and nothing is sent.
   */
  async batchDelete(ids: readonly string[], signal: AbortSignal): Promise<void> {
    checkDeleteIds(ids);
    this.sent++;
    const url = new URL(
      `/v1/${encodeURIComponent(this.options.projectId)}/${this.api.subJobsPath}/actions/batch-delete`,
      this.endpoint,
    );
    // One string, signed and sent as it is: an AK/SK signature covers these exact bytes.
    const body = JSON.stringify({ items: [...ids] });
    const headers: Record<string, string> = {
      Accept: 'application/json',
      'Content-Type': 'application/json',
      'User-Agent': this.options.userAgent,
    };
    const method = this.api.deleteMethod;
    await this.options.authorizer.authorize({ method, url, headers, body });
    const started = Date.now();
    try {
      const response = await requestJson(this.dispatcher, url, { method, headers, body }, signal);
      this.logger.debug(
        `${method} ${url.pathname} (${ids.length} id(s)) → ${response.status} in ${Date.now() - started} ms`,
      );
    } catch (error) {
      this.logger.debug(
        `${method} ${url.pathname} (${ids.length} id(s)) failed after ${Date.now() - started} ms: ${(error as Error).message}`,
      );
      throw error;
    }
  }
  /**
   * Every sub-job of the given job types (and statuses), each job type and status paged on its own
   * in one bounded pool; see listAll.
   */
  listAll(query: ListQuery, signal: AbortSignal): Promise<ListResult> {
    return listAll(this, query, { concurrency: this.concurrency, logger: this.logger }, signal);
  }

  /** The current state of one sub-job, whatever its job type; undefined when no listing holds it. See SubJobFinder. */
  findSubJob(ref: SubJobRef, signal: AbortSignal): Promise<SubJob | undefined> {
    return this.finder.findSubJob(ref, signal);
  }

  private addFilter(params: URLSearchParams, filter: QueryFilter): void {
    if (filter.status) params.set('status', filter.status);
    if (filter.jobId) params.set('job_id', filter.jobId);
  }

  /** GET /{version}/{project_id}/{path}?{params}. */
  private async get(path: string, params: URLSearchParams, signal: AbortSignal, version: 'v1' | 'v2' = 'v1') {
    this.sent++;
    const query = params.toString();
    const url = new URL(
      `/${version}/${encodeURIComponent(this.options.projectId)}/${path}${query ? `?${query}` : ''}`,
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
      this.logger.debug(
        `GET ${url.pathname}${query ? `?${query}` : ''} → ${response.status} in ${Date.now() - started} ms`,
      );
      return { ...response, url };
    } catch (error) {
      this.logger.debug(
        `GET ${url.pathname}${query ? `?${query}` : ''} failed after ${Date.now() - started} ms: ${(error as Error).message}`,
      );
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
