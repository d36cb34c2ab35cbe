import { QueryJobType, SubJob, SubJobStatus } from '../model/subJob';
import { newestFirst } from '../model/statusGroups';
import { receivedItems, SubJobPage } from '../model/validate';
import { MAX_RELISTS, PAGE_LIMIT, PageQuery } from './subJobQueries';

/** The slice of the client a listing needs. */
export interface PageSource {
  listPage(query: PageQuery, signal: AbortSignal): Promise<SubJobPage>;
}

export interface NewestQuery {
  readonly jobTypes: readonly QueryJobType[];
  /** One status group; absent = every status (used to find statuses this version does not know). */
  readonly status?: SubJobStatus;
  readonly jobId?: string;
  /** How many of the newest to return. */
  readonly limit: number;
  /**
   * How many the group is believed to hold (its count), per job type when known: only the pages
   * that can hold something are asked for, all at once, so a group loads in one round trip.
   */
  readonly expected?: number | ReadonlyMap<QueryJobType, number>;
}

export interface NewestResult {
  /** The newest `limit` sub-jobs across the job types, newest first, each once. */
  readonly subJobs: SubJob[];
  /** How many the group holds, as the answers say. */
  readonly total: number;
  readonly totalByJobType: ReadonlyMap<QueryJobType, number>;
  readonly requests: number;
  readonly rejected: string[];
}

interface Series {
  readonly items: SubJob[];
  readonly count: number;
  readonly requests: number;
  readonly rejected: string[];
}

/**
 * The newest sub-jobs of a status group. The list call takes one job type, so each job type's
 * first pages are fetched in parallel and merged by begin time: the newest N of the union are among
 * the newest N of each job type. A job type whose pages disagree on its count changed while it was
 * read (an item on a page boundary may have been skipped): it is read again, up to MAX_RELISTS times.
 * A page with fewer items than asked for is a job type's last, whatever its count claims: requests
 * are bounded by `limit`, and a count that lies costs no page beyond the first short one.
 */
export async function listNewest(source: PageSource, query: NewestQuery, signal: AbortSignal): Promise<NewestResult> {
  if (!Number.isFinite(query.limit)) throw new RangeError(`limit must be a finite number, got ${query.limit}`);
  const limit = Math.max(1, Math.floor(query.limit));
  const series = await Promise.all(query.jobTypes.map((jobType) => readSeries(source, query, jobType, limit, signal)));
  const byId = new Map<string, SubJob>();
  for (const s of series) for (const subJob of s.items) if (!byId.has(subJob.id)) byId.set(subJob.id, subJob);
  const totalByJobType = new Map<QueryJobType, number>();
  query.jobTypes.forEach((jobType, i) => totalByJobType.set(jobType, series[i].count));
  return {
    subJobs: newestFirst([...byId.values()]).slice(0, limit),
    total: series.reduce((sum, s) => sum + s.count, 0),
    totalByJobType,
    requests: series.reduce((sum, s) => sum + s.requests, 0),
    rejected: series.flatMap((s) => s.rejected),
  };
}

/** The hint for one job type; one that is no count (negative, NaN) is no hint. */
function expectedFor(query: NewestQuery, jobType: QueryJobType): number | undefined {
  if (query.expected === undefined) return undefined;
  const expected = typeof query.expected === 'number' ? query.expected : query.expected.get(jobType);
  return expected !== undefined && expected >= 0 && !Number.isNaN(expected) ? expected : undefined;
}

async function readSeries(
  source: PageSource,
  query: NewestQuery,
  jobType: QueryJobType,
  limit: number,
  signal: AbortSignal,
): Promise<Series> {
  const fetch = (offset: number) =>
    source.listPage(
      {
        jobType,
        ...(query.status && { status: query.status }),
        ...(query.jobId && { jobId: query.jobId }),
        offset,
        limit: PAGE_LIMIT,
      },
      signal,
    );
  let requests = 0;
  let relists = 0;
  let pages: SubJobPage[] = [];
  // Without a hint, one page first; with one, every page that can hold something at once.
  let wanted = pagesFor(Math.min(limit, expectedFor(query, jobType) ?? 1));
  for (;;) {
    const offsets = Array.from(
      { length: Math.max(0, wanted - pages.length) },
      (_, i) => (pages.length + i) * PAGE_LIMIT,
    );
    const more = await Promise.all(offsets.map(fetch));
    requests += more.length;
    pages = [...pages, ...more];
    const count = pages[pages.length - 1].count;
    const short = pages.findIndex((p) => receivedItems(p) < PAGE_LIMIT);
    const needed = short < 0 ? pagesFor(Math.min(limit, count)) : Math.min(short + 1, pagesFor(Math.min(limit, count)));
    if (new Set(pages.map((p) => p.count)).size > 1 && relists < MAX_RELISTS) {
      relists++;
      pages = [];
      wanted = needed;
      continue;
    }
    if (needed > pages.length) {
      wanted = needed;
      continue;
    }
    const kept = pages.slice(0, needed);
    return { items: kept.flatMap((p) => p.items), count, requests, rejected: kept.flatMap((p) => p.rejected) };
  }
}

function pagesFor(items: number): number {
  return Math.max(1, Math.ceil(items / PAGE_LIMIT));
}
