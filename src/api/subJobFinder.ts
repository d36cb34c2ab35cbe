import { isActiveStatus, isSubJobStatus, QueryJobType, SubJob } from '../model/subJob';
import { IMAGE_JOB_TYPES } from '../model/family';
import type { SubJobRef } from '../model/subJobRef';
import { receivedItems, SubJobPage } from '../model/validate';
import { ImageJob, isJobNotFound, isShowJobUnavailable } from './imageJob';
import { Logger } from './logger';
import { PAGE_LIMIT, PageQuery, QueryFilter } from './subJobQueries';

/** Different jobs answered 400 in a row, none answered between, after which ShowImageJob is not asked. */
export const BAD_REQUESTS_UNAVAILABLE = 3;

/** The calls a look-up makes. */
export interface LookupCalls {
  listPage(query: PageQuery, signal: AbortSignal): Promise<SubJobPage>;
  showJob(jobId: string, signal: AbortSignal): Promise<ImageJob>;
}

/** Finds one sub-job again, for one client: remembers whether ShowImageJob is served there. */
export class SubJobFinder {
  /**
   * ShowImageJob answered in a way that says this deployment does not serve it to us (403, 405,
   * 501, or a body that is no job, or 400 for several different jobs in a row): later look-ups go
   * straight to the listings. One 400 or 404 is about one job only.
   */
  private showJobUnavailable = false;
  /**
   * Different jobs answered 400 since ShowImageJob last answered a job. A 400 may be an unknown job,
   * or a request this client gets wrong every time: after BAD_REQUESTS_UNAVAILABLE different jobs
   * in a row, none answered, the call is treated as unavailable.
   */
  private readonly badRequests = new Set<string>();
  private saidBadRequest = false;

  constructor(
    private readonly calls: LookupCalls,
    private readonly logger: Logger,
    /** The family's query job types and the name of its look-up call (ShowImageJob or ShowJobDetail). */
    private readonly family: { readonly jobTypes: readonly QueryJobType[]; readonly showJobCall: string } = {
      jobTypes: IMAGE_JOB_TYPES,
      showJobCall: 'ShowImageJob',
    },
  ) {}

  /**
   * The current state of one sub-job, whatever its job type (the models know seven, the list query
   * takes three) and even without one. The API cannot fetch a sub-job by id, so:
   * - with a parent job id, ShowImageJob answers the job with all its sub-jobs: one request;
   * - otherwise, or when that call answers 400 or 404 (that job unknown) or the job does not hold the
   *   sub-job, or ShowImageJob is unavailable (403, 405, 501 or a malformed body, remembered for this client), it pages the
   *   list of the job type it was listed under (listedAs), else of its own job type when the query
   *   takes that, else of every query job type; narrowed by parent job and, first, by a finished
   *   status. Undefined when no listing holds it (it was deleted).
   * Never refuses a job type. The sub-job found keeps the ref's listedAs when the answer has none.
   */
  async findSubJob(ref: SubJobRef, signal: AbortSignal): Promise<SubJob | undefined> {
    const listedAs =
      ref.listedAs ??
      (this.family.jobTypes.includes(ref.jobType as QueryJobType) ? (ref.jobType as QueryJobType) : undefined);
    const carry = (found: SubJob | undefined): SubJob | undefined =>
      found && !found.listedAs && listedAs ? { ...found, listedAs } : found;
    if (ref.jobId && !this.showJobUnavailable) {
      const inJob = await this.findInJob(ref, signal);
      if (inJob) return carry(inJob);
    }
    const jobTypes = listedAs ? [listedAs] : this.family.jobTypes;
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
   * The sub-job as its parent job shows it; undefined when the job is unknown (400, 404), does not hold
   * it, or ShowImageJob is unavailable here. 401, 429, 5xx and network failures are errors: the
   * listings would meet the same.
   */
  private async findInJob(ref: SubJobRef, signal: AbortSignal): Promise<SubJob | undefined> {
    try {
      const job = await this.calls.showJob(ref.jobId, signal);
      this.badRequests.clear();
      return job.subJobs.find((s) => s.id === ref.id);
    } catch (error) {
      // 400 or 404: no such job here (a deleted job may come back as a bad request); the listings may still know it.
      if (isJobNotFound(error)) {
        this.logger.debug(
          `Job ${ref.jobId} answered ${error.status} (${error.errorCode || 'no code'}): looking for sub-job ${ref.id} in the listings`,
        );
        if (error.status === 400) this.badRequest(ref.jobId, error.errorCode);
        return undefined;
      }
      if (isShowJobUnavailable(error)) {
        this.showJobUnavailable = true;
        this.logger.info(
          `${this.family.showJobCall} is unavailable here (${error.message}): sub-jobs are looked up in the listings from now on`,
        );
        return undefined;
      }
      throw error;
    }
  }

  /** Says the first 400 (it may hide a request bug); a run of them for different jobs turns the call off. */
  private badRequest(jobId: string, errorCode: string): void {
    if (!this.saidBadRequest) {
      this.saidBadRequest = true;
      this.logger.info(
        `${this.family.showJobCall} answered 400 (${errorCode || 'no code'}) for job ${jobId}: ` +
          'taken for an unknown job, its sub-job is looked up in the listings',
      );
    }
    this.badRequests.add(jobId);
    if (this.badRequests.size < BAD_REQUESTS_UNAVAILABLE) return;
    this.showJobUnavailable = true;
    this.logger.info(
      `${this.family.showJobCall} answered 400 for ${this.badRequests.size} different jobs in a row and none otherwise: ` +
        'sub-jobs are looked up in the listings from now on',
    );
  }

  /**
   * Pages each job type's listing (in parallel, each one page after another) until one holds the
   * id; a job type's listing ends at its count or at a page with fewer items than asked for. Read
   * newest first, not in the service's order: the search stops at the page holding the id, and the
   * sub-jobs looked up (watched, open in a panel) are mostly recent — on an oldest-first service the
   * head holds the oldest, and one tail read (free once the count is known) saves the pages between.
   */
  private async searchListings(
    id: string,
    jobTypes: readonly QueryJobType[],
    filter: QueryFilter,
    signal: AbortSignal,
  ): Promise<SubJob | undefined> {
    let found: SubJob | undefined;
    await Promise.all(
      jobTypes.map(async (jobType) => {
        for (let offset = 0; !found; offset += PAGE_LIMIT) {
          const page = await this.calls.listPage({ jobType, ...filter, offset, limit: PAGE_LIMIT }, signal);
          found ??= page.items.find((s) => s.id === id);
          if (offset + PAGE_LIMIT >= page.count || receivedItems(page) < PAGE_LIMIT) return;
        }
      }),
    );
    return found;
  }
}
