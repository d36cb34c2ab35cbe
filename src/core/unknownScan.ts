import { PageSource } from '../api/newestPages';
import { findUnknownStatuses } from '../api/scanNewest';
import { groupByStatus } from '../model/statusGroups';
import { isSubJobStatus } from '../model/subJob';
import { ChangeBatcher } from './changeBatcher';
import { SessionQuery } from './sessionSpec';
import { dedupe, orderedCounts } from './sessionState';

/**
 * Sub-jobs the known statuses' counts miss are in statuses this version does not know: the newest
 * pages of every job type are scanned for them, again only when how many there are moves.
 */
export class UnknownScan {
  /** How many uncounted sub-jobs the last scan looked for. */
  private scanned: number | undefined;

  constructor(
    private readonly store: ChangeBatcher,
    private readonly pages: PageSource,
    private readonly query: SessionQuery,
  ) {}

  /** After the counts: `unknown` sub-jobs are in no known status. */
  update(unknown: number, signal: AbortSignal): Promise<void> {
    if (unknown === 0) {
      this.drop();
      return Promise.resolve();
    }
    return unknown === this.scanned ? Promise.resolve() : this.discover(unknown, signal);
  }

  private async discover(expected: number, signal: AbortSignal): Promise<void> {
    const answer = this.store.nextAnswer();
    const found = await findUnknownStatuses(
      this.pages,
      { jobTypes: this.query.jobTypes, jobId: this.query.jobId, expected },
      signal,
    );
    if (signal.aborted) return;
    this.scanned = expected;
    const current = this.store.state;
    const groups = new Map([...current.groups].filter(([status]) => isSubJobStatus(status)));
    const counts = new Map([...(current.counts ?? [])].filter(([status]) => isSubJobStatus(status)));
    for (const group of groupByStatus(found.subJobs)) {
      groups.set(group.status, { subJobs: group.subJobs, limit: group.subJobs.length, answer });
      counts.set(group.status, group.subJobs.length);
    }
    this.store.apply({
      ...current,
      groups: dedupe(groups),
      counts: orderedCounts(counts),
      unknownMissing: Math.max(0, expected - found.subJobs.length),
    });
  }

  private drop(): void {
    this.scanned = undefined;
    const current = this.store.state;
    if (
      !current.unknownMissing &&
      ![...(current.counts ?? new Map<string, number>()).keys()].some((s) => !isSubJobStatus(s))
    )
      return;
    const groups = new Map([...current.groups].filter(([status]) => isSubJobStatus(status)));
    const counts = new Map([...(current.counts ?? [])].filter(([status]) => isSubJobStatus(status)));
    this.store.apply({ ...current, groups, counts: orderedCounts(counts), unknownMissing: 0 });
  }
}
