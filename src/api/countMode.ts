import * as l10n from '@vscode/l10n';
import { JOB_TYPES, QueryJobType } from '../model/subJob';
import { SubJobPage } from '../model/validate';
import type { Family } from '../model/family';
import { ApiError } from './errors';
import { familyApi } from './familyApi';
import { PageQuery, QueryFilter } from './subJobQueries';

/** How long a session counts by listing before an automatic refresh tries the count call again (a policy may have changed). */
export const RETRY_COUNT_CALL_MS = 60 * 60_000;

/** The calls a count can be made with. */
export interface CountCalls {
  count(jobTypes: readonly QueryJobType[], filter: QueryFilter, signal: AbortSignal): Promise<number>;
  listPage(query: PageQuery, signal: AbortSignal): Promise<SubJobPage>;
}

/** A list answer without `count`: the list call cannot count (see SubJobPage.uncounted). */
export class UncountedListError extends Error {
  /** `family`: whose count call was refused (its IAM action is the one to allow). */
  constructor(family: Family = 'image') {
    super(
      l10n.t(
        'The count call was refused and the list call answers without a count: the sub-jobs cannot be counted. Allow {0}.',
        familyApi(family).actions.count,
      ),
    );
    this.name = 'UncountedListError';
  }
}

const isRefusal = (error: unknown, statuses: readonly number[]): error is ApiError =>
  error instanceof ApiError && statuses.includes(error.status);

/**
 * How a session counts: with the count call, or — once the count call was refused with a 403 (a
 * least-privilege policy that grants listing only) and a list call then worked — with the list
 * call, one `limit=1` page per job type, whose `count` is the total under its filter. A list call
 * refused too switches back (the credential is the problem, not the policy); the user's Refresh, or
 * an hour of counting by listing, tries the count call again.
 *
 * A 400 on a count that names job types is another matter: CountSubJobs' API page documents four
 * job types (three of the ten ListSubJobs takes), so a service that holds to it refuses the list the
 * session sends, and will refuse it again. Once a list call worked in its place, the session counts
 * by listing for its life, Refresh or not. Listing rather than one count per job type: a count per
 * type costs the same one request per type, and the types the count refuses must be listed anyway —
 * after a 400 each to learn which they are.
 */
export class CountMode {
  /** `family`: the sessions's family, whose IAM actions a refusal names. */
  constructor(private readonly family: Family = 'image') {}

  private refusal: ApiError | undefined;
  /** The 400 that refused the count's job-type list: kept for the session's life (see above). */
  private jobTypesRefusal: ApiError | undefined;
  /** Whether the log was told of jobTypesRefusal yet. */
  private jobTypesTold = false;
  /** When counting by listing was first seen by a refresh (see reconsider). */
  private since: number | undefined;
  /**
   * Bumped whenever the count call is to be asked again: a 403 met before it (by a refresh that
   * already failed, its other calls still in flight) no longer switches the session to listing.
   */
  private epoch = 0;
  /** The one list call that tells whether counting by listing works (see trial). */
  private pendingTrial: Promise<unknown> | undefined;

  /** The count call was refused (403, or 400 for its job types) and the list call works: counts are listed. */
  get byListing(): boolean {
    return this.refusal !== undefined || this.jobTypesRefusal !== undefined;
  }

  /** The 400 that refused the count's job-type list, the first time it is asked for after it came; then undefined. */
  untoldJobTypesRefusal(): ApiError | undefined {
    if (!this.jobTypesRefusal || this.jobTypesTold) return undefined;
    this.jobTypesTold = true;
    return this.jobTypesRefusal;
  }

  /** The 403 that made the session count by listing. */
  get refused(): ApiError | undefined {
    return this.refusal;
  }

  /** At a refresh's start: the user's Refresh, or an hour of counting by listing, asks the count call again. */
  reconsider(explicit: boolean, now: number): void {
    if (explicit) this.epoch++;
    if (!this.refusal) return;
    this.since ??= now;
    if (explicit || now - this.since >= RETRY_COUNT_CALL_MS) this.reset();
  }

  private reset(): void {
    this.refusal = undefined;
    this.since = undefined;
    this.epoch++;
  }

  /**
   * One count, by whichever call works. A 403 on the count call is followed at once by the list
   * calls (in parallel), so the refresh that meets it still completes; a refusal of listing is thrown.
   */
  async count(
    calls: CountCalls,
    jobTypes: readonly QueryJobType[],
    filter: QueryFilter,
    signal: AbortSignal,
  ): Promise<number> {
    const epoch = this.epoch;
    const byListing = () => countByListing(calls, jobTypes, filter, signal, this.family);
    if (this.jobTypesRefusal) return byListing();
    const refusal = this.refusal ?? (await this.countCall(calls, jobTypes, filter, signal));
    if (typeof refusal === 'number') return refusal;
    if (refusal.status === 400) return this.listedInstead(refusal, byListing);
    if (!this.refusal) await this.trial(refusal, epoch, () => listOne(calls, jobTypes, filter, signal));
    return this.listing(refusal, epoch, byListing);
  }

  /**
   * Before counting by listing, one list call tells whether listing works: the other counts of the
   * refresh (refused 403 too) wait for it, so a policy that denies listing as well costs one request, not one per job type.
   */
  private async trial(refusal: ApiError, epoch: number, list: () => Promise<unknown>): Promise<void> {
    const trial = this.pendingTrial ?? (this.pendingTrial = this.listing(refusal, epoch, list));
    try {
      await trial;
    } finally {
      if (this.pendingTrial === trial) this.pendingTrial = undefined;
    }
  }

  /**
   * Proves a credential with one request at a time, as an unproven access key must: the count call
   * (its answer is the total), or in listing mode (or when it answers 403) one `limit=1` list call of
   * one job type, which proves the credential but counts nothing. `sent` is called for each request.
   */
  async probe(
    calls: CountCalls,
    jobTypes: readonly QueryJobType[],
    filter: QueryFilter,
    signal: AbortSignal,
    sent: () => void,
  ): Promise<number | undefined> {
    const epoch = this.epoch;
    let refusal = this.jobTypesRefusal ?? this.refusal;
    if (!refusal) {
      sent();
      const answer = await this.countCall(calls, jobTypes, filter, signal);
      if (typeof answer === 'number') return answer;
      refusal = answer;
    }
    const jobType = (jobTypes.length ? jobTypes : JOB_TYPES)[0]!;
    const list = () => calls.listPage({ jobType, ...filter, offset: 0, limit: 1, anyOrder: true }, signal);
    sent();
    await (refusal.status === 400 ? this.listedInstead(refusal, list) : this.listing(refusal, epoch, list));
    return undefined;
  }

  /** The count call's answer, or its 403, or its 400 when it named job types. */
  private async countCall(
    calls: CountCalls,
    jobTypes: readonly QueryJobType[],
    filter: QueryFilter,
    signal: AbortSignal,
  ): Promise<number | ApiError> {
    try {
      return await calls.count(jobTypes, filter, signal);
    } catch (error) {
      if (isRefusal(error, jobTypes.length ? [400, 403] : [403])) return error;
      throw error;
    }
  }

  /**
   * Lists in place of a count refused 400. A list call that works proves the filter sound, so the
   * count's job types were what it refused; a list call that fails too is thrown, and nothing is kept.
   */
  private async listedInstead<T>(refusal: ApiError, list: () => Promise<T>): Promise<T> {
    const answer = await list();
    this.jobTypesRefusal ??= refusal;
    return answer;
  }

  /** Lists instead of counting: the switch holds once a list call worked, and goes when listing is refused too. */
  private async listing<T>(refusal: ApiError, epoch: number, list: () => Promise<T>): Promise<T> {
    try {
      const answer = await list();
      if (epoch === this.epoch) this.refusal ??= refusal;
      return answer;
    } catch (error) {
      if (isRefusal(error, [401, 403])) this.reset();
      throw error;
    }
  }
}

/** The count under a filter from the list call: one `limit=1` page per job type, in parallel. */
export async function countByListing(
  calls: Pick<CountCalls, 'listPage'>,
  jobTypes: readonly QueryJobType[],
  filter: QueryFilter,
  signal: AbortSignal,
  family: Family = 'image',
): Promise<number> {
  const pages = await Promise.all(queryTypes(jobTypes).map((jobType) => listFirst(calls, jobType, filter, signal)));
  // A page without a count carries one item at most: counting it would say 0 or 1 for any number.
  if (pages.some((page) => page.uncounted)) throw new UncountedListError(family);
  return pages.reduce((sum, page) => sum + page.count, 0);
}

/** One `limit=1` list call of the first job type under a filter: the cheapest question listing answers. */
export function listOne(
  calls: Pick<CountCalls, 'listPage'>,
  jobTypes: readonly QueryJobType[],
  filter: QueryFilter,
  signal: AbortSignal,
): Promise<SubJobPage> {
  return listFirst(calls, queryTypes(jobTypes)[0]!, filter, signal);
}

/** The first item of one job type under a filter, in any order: its page carries the count. */
function listFirst(
  calls: Pick<CountCalls, 'listPage'>,
  jobType: QueryJobType,
  filter: QueryFilter,
  signal: AbortSignal,
): Promise<SubJobPage> {
  const query = { jobType, offset: 0, limit: 1, anyOrder: true };
  return calls.listPage(
    { ...query, ...(filter.status && { status: filter.status }), ...(filter.jobId && { jobId: filter.jobId }) },
    signal,
  );
}

/** How many requests one count costs in a mode. */
export function requestsPerCount(byListing: boolean, jobTypes: readonly QueryJobType[]): number {
  return byListing ? queryTypes(jobTypes).length : 1;
}

/** The count call without a job type counts all three; the list call needs one each. */
function queryTypes(jobTypes: readonly QueryJobType[]): readonly QueryJobType[] {
  return jobTypes.length ? jobTypes : JOB_TYPES;
}
