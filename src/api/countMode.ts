import { JOB_TYPES, JobType } from '../model/subJob';
import { SubJobPage } from '../model/validate';
import { ApiError } from './errors';
import { PageQuery, QueryFilter } from './subJobQueries';

/** The IAM action the count call needs, besides listing's workspace:imageServer:listImageSubJobs. */
export const COUNT_ACTION = 'workspace:imageServer:countImageSubJobs';

/** The calls a count can be made with. */
export interface CountCalls {
  count(jobTypes: readonly JobType[], filter: QueryFilter, signal: AbortSignal): Promise<number>;
  listPage(query: PageQuery, signal: AbortSignal): Promise<SubJobPage>;
}

/**
 * How a session counts: with the count call, or — once the count call was refused with a 403 (a
 * least-privilege policy that grants listing only) — with the list call, one `limit=1` page per
 * job type, whose `count` is the total under its filter. The switch is kept for the session's life:
 * a new credential is a new session, which tries the count call again.
 */
export class CountMode {
  private refusal: ApiError | undefined;

  constructor(private readonly onRefused: (refusal: ApiError) => void = () => undefined) {}

  /** The count call was refused: counts are listed. */
  get byListing(): boolean {
    return this.refusal !== undefined;
  }

  /** The 403 that made the session count by listing. */
  get refused(): ApiError | undefined {
    return this.refusal;
  }

  /**
   * One count, by whichever call works. A 403 on the count call is followed at once by the list
   * calls (in parallel), so the refresh that meets it still completes; a 403 on listing is thrown.
   */
  async count(
    calls: CountCalls,
    jobTypes: readonly JobType[],
    filter: QueryFilter,
    signal: AbortSignal,
  ): Promise<number> {
    if (!this.refusal) {
      try {
        return await calls.count(jobTypes, filter, signal);
      } catch (error) {
        if (!(error instanceof ApiError && error.status === 403)) throw error;
        if (!this.refusal) {
          this.refusal = error;
          this.onRefused(error);
        }
      }
    }
    return countByListing(calls, jobTypes, filter, signal);
  }
}

/** The count under a filter from the list call: one `limit=1` page per job type, in parallel. */
export async function countByListing(
  calls: Pick<CountCalls, 'listPage'>,
  jobTypes: readonly JobType[],
  filter: QueryFilter,
  signal: AbortSignal,
): Promise<number> {
  // The count call without a job type counts all three; the list call needs one.
  const types = jobTypes.length ? jobTypes : JOB_TYPES;
  const pages = await Promise.all(
    types.map((jobType) =>
      calls.listPage(
        {
          jobType,
          ...(filter.status && { status: filter.status }),
          ...(filter.jobId && { jobId: filter.jobId }),
          offset: 0,
          limit: 1,
          anyOrder: true,
        },
        signal,
      ),
    ),
  );
  return pages.reduce((sum, page) => sum + page.count, 0);
}

/** How many requests one count costs in a mode. */
export function requestsPerCount(byListing: boolean, jobTypes: readonly JobType[]): number {
  return byListing ? jobTypes.length || JOB_TYPES.length : 1;
}
