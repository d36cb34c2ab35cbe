import { SubJob, SubJobStatus, QueryJobType } from '../model/subJob';
import { receivedItems, SubJobPage } from '../model/validate';
import { Logger } from './logger';
import { ListQuery, ListResult, MAX_RELISTS, PAGE_LIMIT, PageQuery } from './subJobQueries';
import { TaskPool } from './taskPool';

interface PageSeries {
  readonly jobType: QueryJobType;
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
export async function listAll(
  pages: { listPage(query: PageQuery, signal: AbortSignal): Promise<SubJobPage> },
  query: ListQuery,
  options: { readonly concurrency: number; readonly logger: Logger },
  signal: AbortSignal,
): Promise<ListResult> {
  const pool = new TaskPool(options.concurrency, signal);
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
      const page = await pages.listPage(
        // Every page is read: the service's own order will do.
        { ...series, jobId: query.jobId, offset, limit: PAGE_LIMIT, anyOrder: true },
        poolSignal,
      );
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
        options.logger.debug(
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
      for (let i = 0; i < options.concurrency; i++) queueNextPage();
      pageDone();
    });
  };

  const statuses = query.statuses?.length ? query.statuses : [undefined];
  for (const jobType of query.jobTypes) {
    for (const status of statuses) listSeries({ jobType, status }, 0, new Map());
  }
  await pool.drain();
  if (rejected.length) options.logger.warn(`${rejected.length} sub-job(s) skipped as malformed, e.g. ${rejected[0]}`);
  return {
    subJobs: [...byId.values()].map((r) => r.subJob),
    total,
    requests,
    peakConcurrency: pool.peak,
    peakQueued,
    rejected,
  };
}
