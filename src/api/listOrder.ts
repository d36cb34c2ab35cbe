import { SubJobPage } from '../model/validate';
import { Logger } from './logger';
import { PageQuery } from './subJobQueries';

/** The order ListImageSubJobs answers in: no document says which, so it is told from the answers. */
export type ListOrderName = 'newest' | 'oldest';

type RawPages = (query: PageQuery, signal: AbortSignal) => Promise<SubJobPage>;

interface Seen {
  readonly page: SubJobPage;
  readonly offset: number;
  readonly limit: number;
}

/**
 * Pages in newest-first terms whatever order the service lists in. The first page that tells (two
 * begin times that differ) decides for the life of the client. A service that lists oldest first
 * is read from the tail: newest-first offset o and limit l are the service's offsets
 * count − o − l .. count − o, reversed. The count comes from the last answer under the same filter;
 * when it moved meanwhile, the slice is read once more at the new tail.
 */
export class ListOrder {
  private order: ListOrderName | undefined;
  /** The last count seen per filter: where the tail begins, without a request to ask. */
  private readonly counts = new Map<string, number>();

  constructor(
    private readonly fetch: RawPages,
    private readonly logger: Logger,
  ) {}

  /** The order told so far; undefined until a page had two begin times that differ. */
  get detected(): ListOrderName | undefined {
    return this.order;
  }

  async page(query: PageQuery, signal: AbortSignal): Promise<SubJobPage> {
    if (this.order === 'newest' || query.anyOrder) return this.read(query, signal);
    if (this.order === undefined) {
      const page = await this.read(query, signal);
      const told = orderOf(page);
      if (told && this.order === undefined) {
        this.order = told;
        this.logger.info(
          `The service lists sub-jobs ${told} first: ${told === 'oldest' ? 'reading from the tail' : 'reading from the head'}`,
        );
      }
      if (this.order !== 'oldest') return page;
      return this.fromTail(query, { page, offset: query.offset, limit: query.limit }, signal);
    }
    return this.fromTail(query, undefined, signal);
  }

  private async fromTail(query: PageQuery, seen: Seen | undefined, signal: AbortSignal): Promise<SubJobPage> {
    const known = seen?.page.count ?? this.counts.get(filterKey(query));
    if (known === undefined) {
      // Nothing known of this filter yet: its first page says the count (and is the tail when it is short).
      seen = { page: await this.read({ ...query, offset: 0 }, signal), offset: 0, limit: query.limit };
    }
    let count: number = known ?? seen!.page.count;
    for (let reread = 0; ; reread++) {
      const end = count - query.offset;
      if (end <= 0) return { count, items: [], rejected: [] };
      const offset = Math.max(0, end - query.limit);
      const limit = end - offset;
      const reuse: boolean =
        seen !== undefined && seen.offset === offset && seen.page.count === count && fits(seen, limit);
      const page: SubJobPage = reuse ? seen!.page : await this.read({ ...query, offset, limit }, signal);
      if (page.count === count || reread >= 1) return reversed(page);
      count = page.count;
      seen = { page, offset, limit };
    }
  }

  private async read(query: PageQuery, signal: AbortSignal): Promise<SubJobPage> {
    const page = await this.fetch(query, signal);
    this.counts.set(filterKey(query), page.count);
    return page;
  }
}

/** A page read with `seen.limit` holds exactly the `limit` items wanted. */
function fits(seen: Seen, limit: number): boolean {
  return seen.limit === limit || seen.page.items.length + seen.page.rejected.length <= limit;
}

function filterKey(query: PageQuery): string {
  return JSON.stringify([query.jobType, query.status ?? '', query.jobId ?? '']);
}

function reversed(page: SubJobPage): SubJobPage {
  return { ...page, items: [...page.items].reverse() };
}

/** What a page says of the order: the first and last begin times that can be read, when they differ. */
export function orderOf(page: SubJobPage): ListOrderName | undefined {
  const times = page.items.map((s) => Date.parse(s.beginTime)).filter((t) => !Number.isNaN(t));
  if (times.length < 2 || times[0] === times[times.length - 1]) return undefined;
  return times[0]! > times[times.length - 1]! ? 'newest' : 'oldest';
}
