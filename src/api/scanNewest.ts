import { isSubJobStatus, QueryJobType, SubJob } from '../model/subJob';
import { receivedItems } from '../model/validate';
import { PageSource } from './newestPages';
import { PAGE_LIMIT } from './subJobQueries';

/**
 * Pages read per job type when scanning for sub-jobs no count or filter can single out. What is
 * looked for is usually new (a status added later, a sub-job someone just named), and the newest
 * pages hold the new ones; older ones are not worth a thousand requests.
 */
export const SCAN_PAGES = 10;

export interface ScanQuery {
  readonly jobTypes: readonly QueryJobType[];
  readonly jobId?: string;
  /** Which sub-jobs to collect. */
  readonly wanted: (subJob: SubJob) => boolean;
  /** Stop once this many are collected. */
  readonly enough: number;
  readonly maxPages?: number;
}

export interface ScanResult {
  readonly subJobs: SubJob[];
  readonly requests: number;
  /**
   * Every page of every job type was read (nothing older was left unread): false when maxPages
   * cut a job type short, or when enough were found before its last page.
   */
  readonly complete: boolean;
}

/**
 * Reads the newest pages of every job type (in parallel, each page after page) and keeps the wanted
 * sub-jobs. A job type's last page is the one that reaches its count or brings fewer items than
 * asked for, whatever its count claims; at most maxPages per job type are read.
 */
export async function scanNewest(source: PageSource, query: ScanQuery, signal: AbortSignal): Promise<ScanResult> {
  const found = new Map<string, SubJob>();
  const maxPages = query.maxPages ?? SCAN_PAGES;
  let requests = 0;
  let complete = true;
  await Promise.all(
    query.jobTypes.map(async (jobType) => {
      for (let page = 0; ; page++) {
        if (page >= maxPages || found.size >= query.enough) {
          complete = false;
          return;
        }
        requests++;
        const answer = await source.listPage(
          { jobType, ...(query.jobId && { jobId: query.jobId }), offset: page * PAGE_LIMIT, limit: PAGE_LIMIT },
          signal,
        );
        for (const subJob of answer.items)
          if (query.wanted(subJob) && !found.has(subJob.id)) found.set(subJob.id, subJob);
        if ((page + 1) * PAGE_LIMIT >= answer.count || receivedItems(answer) < PAGE_LIMIT) return;
      }
    }),
  );
  return { subJobs: [...found.values()], requests, complete };
}

/**
 * The sub-jobs whose status the count call cannot be asked about. The count call only takes the
 * seven documented statuses, so the total minus their counts says how many there are; the list
 * call without a status shows them, newest first.
 */
export function findUnknownStatuses(
  source: PageSource,
  query: { jobTypes: readonly QueryJobType[]; jobId?: string; expected: number },
  signal: AbortSignal,
): Promise<ScanResult> {
  return scanNewest(
    source,
    { jobTypes: query.jobTypes, jobId: query.jobId, wanted: (s) => !isSubJobStatus(s.status), enough: query.expected },
    signal,
  );
}

/** A sub-job by its id alone: nothing else narrows the listing, so the newest pages are read. */
export async function findById(
  source: PageSource,
  query: { jobTypes: readonly QueryJobType[]; id: string; maxPages?: number },
  signal: AbortSignal,
): Promise<ScanResult> {
  return scanNewest(
    source,
    {
      jobTypes: query.jobTypes,
      wanted: (s) => s.id === query.id,
      enough: 1,
      ...(query.maxPages !== undefined && { maxPages: query.maxPages }),
    },
    signal,
  );
}
