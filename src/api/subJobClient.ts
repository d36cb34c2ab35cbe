import * as l10n from '@vscode/l10n';
import type { Dispatcher } from 'undici';
import { isActiveStatus, isJobType, isSubJobStatus, JOB_TYPES, JobType, SubJob, SubJobStatus } from '../model/subJob';
import {
  isRecord,
  MalformedResponseError,
  parseSubJob,
  parseSubJobCount,
  parseSubJobPage,
  receivedItems,
  SubJobPage,
} from '../model/validate';
import { Authorizer } from './authorizer';
import { ApiError, ResponseError } from './errors';
import { Logger, silentLogger } from './logger';
import { TaskPool } from './taskPool';
import {
  BATCH_DELETE_LIMIT,
  checkClientTarget,
  DEFAULT_CONCURRENCY,
  ImageJob,
  isShowJobUnavailable,
  ListQuery,
  ListResult,
  MAX_RELISTS,
  PAGE_LIMIT,
  PageQuery,
  QueryFilter,
  SubJobRef,
} from './subJobQuery';
import { createDispatcher, getJson, requestJson } from './transport';

// Their home is subJobQuery.ts (no HTTP stack); still offered here for the tests and the bench.
export {
  BATCH_DELETE_LIMIT,
  DEFAULT_CONCURRENCY,
  isShowJobUnavailable,
  MAX_RELISTS,
  PAGE_LIMIT,
  type ImageJob,
  type ListQuery,
  type ListResult,
  type PageQuery,
  type QueryFilter,
  type SubJobRef,
};

const SUB_JOBS_PATH = 'image-server-sub-jobs';

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

function fieldText(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return '';
}

/** Validates a ShowImageJob body: `{id, job_type, begin_time, end_time, status, sub_jobs_total?, sub_jobs[]}`. */
export function parseImageJob(body: unknown, requestedId: string): ImageJob {
  if (!isRecord(body)) throw new MalformedResponseError(l10n.t('the body is not a JSON object'));
  const rawSubJobs = body.sub_jobs ?? [];
  if (!Array.isArray(rawSubJobs)) throw new MalformedResponseError(l10n.t('"sub_jobs" is not an array'));
  // A numeric id beyond 2^53 has lost digits: the id asked for is the job's (sub-jobs without a job_id get it).
  const id = (typeof body.id === 'number' && !Number.isSafeInteger(body.id) ? '' : fieldText(body.id)) || requestedId;
  const subJobs: SubJob[] = [];
  const rejected: string[] = [];
  for (const raw of rawSubJobs) {
    const parsed = parseSubJob(raw);
    if (typeof parsed === 'string') rejected.push(parsed);
    else subJobs.push(parsed.jobId ? parsed : { ...parsed, jobId: id });
  }
  const total = body.sub_jobs_total;
  return {
    id,
    jobType: fieldText(body.job_type),
    beginTime: fieldText(body.begin_time),
    endTime: fieldText(body.end_time),
    status: fieldText(body.status),
    // A total of the wrong type is only a hint lost, not a reason to refuse the job.
    ...(typeof total === 'number' && Number.isInteger(total) && total >= 0 && { subJobsTotal: total }),
    subJobs,
    rejected,
  };
}

interface PageSeries {
  readonly jobType: JobType;
  readonly status?: SubJobStatus;
}

/** A sub-job as one answer showed it; `at` orders answers by arrival, so a later reading wins. */
interface Reading {
  readonly subJob: SubJob;
  readonly at: number;
}

function keep(into: Map<string, Reading>, reading: Reading): void {
  const held = into.get(reading.subJob.id);
  if (!held || held.at < reading.at) into.set(reading.subJob.id, reading);
}

/**
 * Refuses what BatchDeleteImageSubJobs would refuse, before anything is sent: 1 to 20 ids, each a
 * non-empty string, none twice. The service refuses a whole call for one bad id, so the caller
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
      throw new RangeError(l10n.t('A sub-job id to delete is empty or not text: {0}', String(JSON.stringify(id))));
    if (seen.has(id))
      throw new RangeError(
        l10n.t('The sub-job id {0} is listed twice; the service refuses duplicates', JSON.stringify(id)),
      );
    seen.add(id);
  }
}

/**
 * The WorkspaceApp calls about image sub-jobs: ListImageSubJobs, CountImageSubJobs, ShowImageJob
 * and BatchDeleteImageSubJobs.
 */
export class SubJobClient {
  readonly endpoint: string;
  private readonly dispatcher: Dispatcher;
  private readonly ownsDispatcher: boolean;
  private readonly logger: Logger;
  private readonly concurrency: number;
  /** Requests sent by this client, to report what a refresh cost. */
  private sent = 0;
  /**
   * ShowImageJob answered in a way that says this deployment does not serve it to us (400, 403,
   * 405, 501, or a body that is no job): later look-ups go straight to the listings.
   */
  private showJobUnavailable = false;

  constructor(private readonly options: SubJobClientOptions) {
    this.endpoint = checkClientTarget(options.endpoint, options.projectId);
    this.ownsDispatcher = !options.dispatcher;
    this.dispatcher = options.dispatcher ?? createDispatcher();
    this.logger = options.logger ?? silentLogger;
    this.concurrency = options.concurrency ?? DEFAULT_CONCURRENCY;
  }

  async close(): Promise<void> {
    if (this.ownsDispatcher) await this.dispatcher.close();
  }

  /** One page of one job type; each item's listedAs is that job type. */
  async listPage(query: PageQuery, signal: AbortSignal): Promise<SubJobPage> {
    const params = new URLSearchParams({
      job_type: query.jobType,
      offset: String(query.offset),
      limit: String(query.limit),
    });
    this.addFilter(params, query);
    const { body, requestId, url } = await this.get(SUB_JOBS_PATH, params, signal);
    return this.validate(url, requestId, () => parseSubJobPage(body, query.jobType));
  }

  /** ShowImageJob: a parent job with its sub-jobs, whatever their job types. */
  async showJob(jobId: string, signal: AbortSignal): Promise<ImageJob> {
    if (!jobId) throw new Error(l10n.t('A job id is needed to show a job'));
    const { body, requestId, url } = await this.get(
      `image-server-jobs/${encodeURIComponent(jobId)}`,
      new URLSearchParams(),
      signal,
    );
    return this.validate(url, requestId, () => parseImageJob(body, jobId));
  }

  /** How many sub-jobs match; one call covers several job types. */
  async count(jobTypes: readonly JobType[], filter: QueryFilter, signal: AbortSignal): Promise<number> {
    const params = new URLSearchParams();
    if (jobTypes.length) params.set('job_type', jobTypes.join(','));
    this.addFilter(params, filter);
    const { body, requestId, url } = await this.get(`${SUB_JOBS_PATH}/actions/count`, params, signal);
    return this.validate(url, requestId, () => parseSubJobCount(body));
  }

  /**
   * BatchDeleteImageSubJobs: deletes 1 to 20 finished (SUCCESS or FAILED) sub-jobs in one call. The
   * service refuses the whole call, deleting none, when any of them is still active; ids it does
   * not know are ignored. Anything but 1–20 unique non-empty ids is a RangeError, and nothing is sent.
   */
  async batchDelete(ids: readonly string[], signal: AbortSignal): Promise<void> {
    checkDeleteIds(ids);
    this.sent++;
    const url = new URL(
      `/v1/${encodeURIComponent(this.options.projectId)}/${SUB_JOBS_PATH}/actions/batch-delete`,
      this.endpoint,
    );
    // One string, signed and sent as it is: an AK/SK signature covers these exact bytes.
    const body = JSON.stringify({ items: [...ids] });
    const headers: Record<string, string> = {
      Accept: 'application/json',
      'Content-Type': 'application/json',
      'User-Agent': this.options.userAgent,
    };
    await this.options.authorizer.authorize({ method: 'PATCH', url, headers, body });
    const started = Date.now();
    try {
      const response = await requestJson(this.dispatcher, url, { method: 'PATCH', headers, body }, signal);
      this.logger.debug(
        `PATCH ${url.pathname} (${ids.length} id(s)) → ${response.status} in ${Date.now() - started} ms`,
      );
    } catch (error) {
      this.logger.debug(
        `PATCH ${url.pathname} (${ids.length} id(s)) failed after ${Date.now() - started} ms: ${(error as Error).message}`,
      );
      throw error;
    }
  }

  /**
   * Every sub-job of the given job types (and statuses). The API takes one job type and one status
   * per call, so each pair is paged on its own; a first page tells how many follow, and all pages
   * share one bounded pool.
   *
   * Pages are read by offset while sub-jobs move: one that leaves a status series (it finished)
   * shifts every later item up a place, so the item on a page boundary is never read; one that
   * joins pushes the last item past the last page. Every answer carries the series' count, so a
   * series whose pages disagree on it changed while it was read: it is listed again (at most
   * MAX_RELISTS times; a later consistent listing replaces what the earlier ones saw, and one that
   * never settles keeps everything every attempt saw). A sub-job seen twice, in one series or in
   * two (it moved between them), is kept once, as the later answer showed it.
   */
  async listAll(query: ListQuery, signal: AbortSignal): Promise<ListResult> {
    const pool = new TaskPool(this.concurrency, signal);
    const byId = new Map<string, Reading>();
    const rejected: string[] = [];
    let requests = 0;
    let answers = 0;
    let total = 0;
    let queued = 0;
    let peakQueued = 0;

    const listSeries = (series: PageSeries, attempt: number, earlier: Map<string, Reading>): void => {
      const readings = new Map<string, Reading>();
      const counts = new Set<number>();
      let latest = { at: 0, count: 0 };
      let outstanding = 1;
      // The offset of the first page that came back short: the series' last, whatever its count says.
      let lastOffset = Infinity;

      const fetchPage = async (offset: number, poolSignal: AbortSignal): Promise<SubJobPage> => {
        requests++;
        const page = await this.listPage({ ...series, jobId: query.jobId, offset, limit: PAGE_LIMIT }, poolSignal);
        if (receivedItems(page) < PAGE_LIMIT) lastOffset = Math.min(lastOffset, offset);
        const at = ++answers;
        for (const subJob of page.items) keep(readings, { subJob, at });
        rejected.push(...page.rejected);
        counts.add(page.count);
        if (at > latest.at) latest = { at, count: page.count };
        return page;
      };

      const pageDone = (): void => {
        if (--outstanding > 0) return;
        const seen = new Map(earlier);
        for (const reading of readings.values()) keep(seen, reading);
        if (counts.size > 1 && attempt < MAX_RELISTS) {
          this.logger.debug(
            `${series.jobType}${series.status ? `/${series.status}` : ''} changed while it was paged (counts ${[...counts].join(', ')}): listing it again`,
          );
          listSeries(series, attempt + 1, seen);
          return;
        }
        for (const reading of (counts.size > 1 ? seen : readings).values()) keep(byId, reading);
        total += latest.count;
      };

      // The pages after the first are queued as earlier ones finish, at most `concurrency` ahead:
      // a count of millions costs no burst of work or memory, only the requests actually sent. A
      // short page ends the series: a count that claims more (one that never ends) costs at most
      // the pages already in flight.
      let nextOffset = PAGE_LIMIT;
      let end = 0;
      const queueNextPage = (): void => {
        if (nextOffset >= end || nextOffset > lastOffset) return;
        const offset = nextOffset;
        nextOffset += PAGE_LIMIT;
        outstanding++;
        peakQueued = Math.max(peakQueued, ++queued);
        pool.add(async (poolSignal) => {
          queued--;
          await fetchPage(offset, poolSignal);
          queueNextPage();
          pageDone();
        });
      };

      pool.add(async (poolSignal) => {
        const first = await fetchPage(0, poolSignal);
        end = first.count;
        for (let i = 0; i < this.concurrency; i++) queueNextPage();
        pageDone();
      });
    };

    const statuses = query.statuses?.length ? query.statuses : [undefined];
    for (const jobType of query.jobTypes) {
      for (const status of statuses) listSeries({ jobType, status }, 0, new Map());
    }
    await pool.drain();
    if (rejected.length) this.logger.warn(`${rejected.length} sub-job(s) skipped as malformed, e.g. ${rejected[0]}`);
    return {
      subJobs: [...byId.values()].map((r) => r.subJob),
      total,
      requests,
      peakConcurrency: pool.peak,
      peakQueued,
      rejected,
    };
  }

  /**
   * The current state of one sub-job, whatever its job type (the models know seven, the list query
   * takes three) and even without one. The API cannot fetch a sub-job by id, so:
   * - with a parent job id, ShowImageJob answers the job with all its sub-jobs: one request;
   * - otherwise, or when that call answers 404 or the job does not hold the sub-job, or ShowImageJob
   *   is unavailable (400, 403, 405, 501 or a malformed body, remembered for this client), it pages the
   *   list of the job type it was listed under (listedAs), else of its own job type when the query
   *   takes that, else of every query job type; narrowed by parent job and, first, by a finished
   *   status. Undefined when no listing holds it (it was deleted).
   * Never refuses a job type. The sub-job found keeps the ref's listedAs when the answer has none.
   */
  async findSubJob(ref: SubJobRef, signal: AbortSignal): Promise<SubJob | undefined> {
    const listedAs = ref.listedAs ?? (isJobType(ref.jobType) ? ref.jobType : undefined);
    const carry = (found: SubJob | undefined): SubJob | undefined =>
      found && !found.listedAs && listedAs ? { ...found, listedAs } : found;
    if (ref.jobId && !this.showJobUnavailable) {
      const inJob = await this.findInJob(ref, signal);
      if (inJob) return carry(inJob);
    }
    const jobTypes = listedAs ? [listedAs] : JOB_TYPES;
    const jobId = ref.jobId || undefined;
    // A finished sub-job stays finished, so its status narrows the listing; an active one may have moved on.
    const finished =
      ref.status !== undefined && isSubJobStatus(ref.status) && !isActiveStatus(ref.status) ? ref.status : undefined;
    if (finished) {
      const found = await this.searchListings(ref.id, jobTypes, { jobId, status: finished }, signal);
      if (found) return carry(found);
    }
    return carry(await this.searchListings(ref.id, jobTypes, { jobId }, signal));
  }

  /**
   * The sub-job as its parent job shows it; undefined when the job is unknown (404), does not hold
   * it, or ShowImageJob is unavailable here. 401, 429, 5xx and network failures are errors: the
   * listings would meet the same.
   */
  private async findInJob(ref: SubJobRef, signal: AbortSignal): Promise<SubJob | undefined> {
    try {
      const job = await this.showJob(ref.jobId, signal);
      return job.subJobs.find((s) => s.id === ref.id);
    } catch (error) {
      // 404: no such job here, or a deployment without ShowImageJob; the listings may still know it.
      if (error instanceof ApiError && error.status === 404) {
        this.logger.debug(
          `Job ${ref.jobId} answered 404 (${error.errorCode || 'no code'}): looking for sub-job ${ref.id} in the listings`,
        );
        return undefined;
      }
      if (isShowJobUnavailable(error)) {
        this.showJobUnavailable = true;
        this.logger.info(
          `ShowImageJob is unavailable here (${error.message}): sub-jobs are looked up in the listings from now on`,
        );
        return undefined;
      }
      throw error;
    }
  }

  /**
   * Pages each job type's listing (in parallel, each one page after another) until one holds the
   * id; a job type's listing ends at its count or at a page with fewer items than asked for.
   */
  private async searchListings(
    id: string,
    jobTypes: readonly JobType[],
    filter: QueryFilter,
    signal: AbortSignal,
  ): Promise<SubJob | undefined> {
    let found: SubJob | undefined;
    await Promise.all(
      jobTypes.map(async (jobType) => {
        for (let offset = 0; !found; offset += PAGE_LIMIT) {
          const page = await this.listPage({ jobType, ...filter, offset, limit: PAGE_LIMIT }, signal);
          found ??= page.items.find((s) => s.id === id);
          if (offset + PAGE_LIMIT >= page.count || receivedItems(page) < PAGE_LIMIT) return;
        }
      }),
    );
    return found;
  }

  private addFilter(params: URLSearchParams, filter: QueryFilter): void {
    if (filter.status) params.set('status', filter.status);
    if (filter.jobId) params.set('job_id', filter.jobId);
  }

  /** GET /v1/{project_id}/{path}?{params}. */
  private async get(path: string, params: URLSearchParams, signal: AbortSignal) {
    this.sent++;
    const query = params.toString();
    const url = new URL(
      `/v1/${encodeURIComponent(this.options.projectId)}/${path}${query ? `?${query}` : ''}`,
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
