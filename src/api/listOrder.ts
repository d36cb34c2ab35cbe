import { SubJobPage } from '../model/validate';
import { Logger } from './logger';
import { PageQuery, QueryFilter } from './subJobQueries';
import type { QueryJobType } from '../model/subJob';

/** The order ListImageSubJobs answers in: no document says which, so it is told from the answers. */
export type ListOrderName = 'newest' | 'oldest';

type RawPages = (query: PageQuery, signal: AbortSignal) => Promise<SubJobPage>;

interface Seen {
  readonly page: SubJobPage;
  readonly offset: number;
  readonly limit: number;
}

/**
 * Pages in newest-first terms whatever order the service lists in. The order is told by the begin
 * times of the pages read (most neighbours must agree, so one skewed clock tells nothing), and told
 * again when a later page says the opposite. A service that lists oldest first is read from the
 * tail: newest-first offset o and limit l are the service's offsets count − o − l .. count − o,
 * reversed. A remembered count only chooses where to read: every answer comes from a request,
 * and when the count moved meanwhile, the slice is read once more at the new tail.
 */
export class ListOrder {
  private order: ListOrderName | undefined;
  /** The last count seen per filter: where the tail begins, without a request to ask. */
  private readonly counts = new Map<string, number>();
  /** Reads sent while the order was unknown and not answered yet: a page that cannot tell waits for them. */
  private readonly undecided = new Set<Promise<unknown>>();
  private saidUncounted = false;

  constructor(
    private readonly fetch: RawPages,
    private readonly logger: Logger,
  ) {}

  /** The order told so far; undefined until a page's begin times told it. */
  get detected(): ListOrderName | undefined {
    return this.order;
  }

  /** A count learnt elsewhere (the count call for one job type): where that filter's tail begins. */
  remember(filter: QueryFilter & { readonly jobType: QueryJobType }, count: number): void {
    this.counts.set(filterKey(filter), count);
  }

  async page(query: PageQuery, signal: AbortSignal): Promise<SubJobPage> {
    if (query.anyOrder) return this.read(query, signal);
    for (let attempt = 0; ; attempt++) {
      const assumed = this.order;
      const page =
        assumed === 'oldest'
          ? await this.fromTail(query, undefined, signal)
          : assumed === 'newest'
            ? await this.read(query, signal)
            : await this.decide(query, signal);
      // A page read under an order a later answer contradicted is read again, once, in the order told now.
      if (assumed === undefined || this.order === assumed || attempt >= 1) return page;
    }
  }

  /** A page read while the order is unknown: it tells the order, or the pages read with it do. */
  private async decide(query: PageQuery, signal: AbortSignal): Promise<SubJobPage> {
    const reading = this.read(query, signal);
    this.undecided.add(reading);
    let page: SubJobPage;
    try {
      page = await reading;
    } finally {
      this.undecided.delete(reading);
    }
    // This page cannot tell (one item, equal begin times): its siblings in flight may. Answered in
    // the head's order before they tell, a later page of an oldest-first service would be the newest.
    if (this.order === undefined && this.undecided.size) await Promise.allSettled([...this.undecided]);
    if (this.order !== 'oldest') return page;
    return this.fromTail(query, { page, offset: query.offset, limit: query.limit }, signal);
  }

  private async fromTail(query: PageQuery, seen: Seen | undefined, signal: AbortSignal): Promise<SubJobPage> {
    if (seen?.page.uncounted) return this.uncounted(query, seen, signal);
    let count = seen?.page.count ?? this.counts.get(filterKey(query));
    // Whether `count` came from an answer of this call, not from memory.
    let fresh = seen !== undefined;
    for (let reread = 0; ; reread++) {
      if (count === undefined || (!fresh && count - query.offset <= 0)) {
        // Nothing known of this filter, or a remembered count says there is nothing there: a
        // remembered count never answers, the head says the count now (and is the tail when short).
        seen = { page: await this.read({ ...query, offset: 0 }, signal), offset: 0, limit: query.limit };
        if (seen.page.uncounted) return this.uncounted(query, seen, signal);
        count = seen.page.count;
      }
      const end = count - query.offset;
      if (end <= 0) return { count, items: [], rejected: [] };
      const offset = Math.max(0, end - query.limit);
      const limit = end - offset;
      const reuse: boolean =
        seen !== undefined && seen.offset === offset && seen.page.count === count && fits(seen, limit);
      const page: SubJobPage = reuse ? seen!.page : await this.read({ ...query, offset, limit }, signal);
      if (page.uncounted) return this.uncounted(query, { page, offset, limit }, signal);
      if (page.count === count) return reversed(page);
      if (reread >= 1) return this.toppedUp(query, page, offset, limit, signal);
      count = page.count;
      fresh = true;
      seen = { page, offset, limit };
    }
  }

  /**
   * A tail slice read after the list shrank again overshoots its end and comes back short, though
   * older sub-jobs follow: a short page would pass for the last one. The items just before the
   * slice fill it (one seen twice while the list moves is kept once).
   */
  private async toppedUp(
    query: PageQuery,
    page: SubJobPage,
    offset: number,
    limit: number,
    signal: AbortSignal,
  ): Promise<SubJobPage> {
    const missing = limit - (page.items.length + page.rejected.length);
    if (missing <= 0 || offset === 0) return reversed(page);
    const before = await this.read({ ...query, offset: Math.max(0, offset - missing), limit: missing }, signal);
    const ids = new Set(page.items.map((s) => s.id));
    return {
      count: before.uncounted ? page.count : before.count,
      items: [...page.items].reverse().concat([...before.items].reverse().filter((s) => !ids.has(s.id))),
      rejected: [...page.rejected, ...before.rejected],
    };
  }

  /** Without a count the tail cannot be found: the page at the offset asked for, in the service's order. */
  private async uncounted(query: PageQuery, seen: Seen, signal: AbortSignal): Promise<SubJobPage> {
    if (!this.saidUncounted) {
      this.saidUncounted = true;
      this.logger.warn(
        'The service lists oldest first and its answers carry no count: the newest sub-jobs cannot be read from the tail, pages are shown as listed',
      );
    }
    return seen.offset === query.offset && seen.limit === query.limit ? seen.page : this.fetch(query, signal);
  }

  /** Every answer remembers its filter's count and is checked against the order told. */
  private async read(query: PageQuery, signal: AbortSignal): Promise<SubJobPage> {
    const page = await this.fetch(query, signal);
    if (!page.uncounted) this.counts.set(filterKey(query), page.count);
    const told = orderOf(page);
    if (told && told !== this.order) {
      this.logger.info(
        this.order
          ? `A page of ${query.jobType} contradicts the list order told (${this.order} first): the service lists ${told} first`
          : `The service lists sub-jobs ${told} first: ${told === 'oldest' ? 'reading from the tail' : 'reading from the head'}`,
      );
      this.order = told;
    }
    return page;
  }
}

/** A page read with `seen.limit` holds exactly the `limit` items wanted. */
function fits(seen: Seen, limit: number): boolean {
  return seen.limit === limit || seen.page.items.length + seen.page.rejected.length <= limit;
}

function filterKey(query: QueryFilter & { readonly jobType: QueryJobType }): string {
  return JSON.stringify([query.jobType, query.status ?? '', query.jobId ?? '']);
}

function reversed(page: SubJobPage): SubJobPage {
  return { ...page, items: [...page.items].reverse() };
}

/**
 * What a page says of the order: the way most neighbours' readable begin times go, when at least
 * two in three pairs that differ agree. One sub-job with a skewed clock moves two pairs, not the page.
 */
export function orderOf(page: SubJobPage): ListOrderName | undefined {
  const times = page.items.map((s) => Date.parse(s.beginTime)).filter((t) => !Number.isNaN(t));
  let newer = 0;
  let older = 0;
  for (let i = 1; i < times.length; i++) {
    if (times[i]! < times[i - 1]!) newer++;
    else if (times[i]! > times[i - 1]!) older++;
  }
  if (newer > 0 && newer >= 2 * older) return 'newest';
  if (older > 0 && older >= 2 * newer) return 'oldest';
  return undefined;
}
