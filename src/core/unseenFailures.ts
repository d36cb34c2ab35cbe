import { Emitter, Event } from './events';
import { isFailure } from './announcements';

/** What the count reads of the sessions (core/sessions.ts's Sessions). */
export interface FailureSource {
  readonly all: ReadonlyArray<{
    readonly spec: { readonly key: string; readonly query: unknown };
    readonly state: { readonly counts?: ReadonlyMap<string, number> };
  }>;
  readonly onDidRefresh: Event<{ session: FailureSource['all'][number]; report: { readonly ok: boolean } }>;
  readonly onDidChangeSessions: Event<readonly FailureSource['all'][number][]>;
}

/** One project's FAILED + ABNORMAL total last counted, under which query, and its failures not seen yet. */
interface Tally {
  query: string;
  total: number;
  unseen: number;
}

/**
 * Failures since the user last looked at the view: the one count the view's badge and the status bar
 * both show. It is the rise of each project's FAILED and ABNORMAL counts from one refresh to the next,
 * whatever was notified (notifications off, or more endings than a toast names). Whoever is looking at
 * the view sees a failure there, so it is not counted; showing the view clears the count. Records
 * deleted lower the total it counts from, never the count; a project no longer shown takes its count
 * with it.
 */
export class UnseenFailures {
  private readonly tallies = new Map<string, Tally>();
  private n = 0;
  private readonly changes = new Emitter<number>();
  private readonly subscriptions: Array<{ dispose(): void }>;
  readonly onDidChange: Event<number> = this.changes.event;

  /** `looking`: the view is visible now. */
  constructor(
    sessions: FailureSource,
    private readonly looking: () => boolean,
  ) {
    this.subscriptions = [
      sessions.onDidRefresh(({ session, report }) => {
        if (report.ok && session.state.counts) this.counted(session.spec, session.state.counts);
      }),
      sessions.onDidChangeSessions((all) => this.retain(new Set(all.map((s) => s.spec.key)))),
    ];
  }

  get count(): number {
    return this.n;
  }

  /** The view was shown. */
  seen(): void {
    for (const tally of this.tallies.values()) tally.unseen = 0;
    this.update();
  }

  dispose(): void {
    for (const s of this.subscriptions) s.dispose();
    this.changes.dispose();
  }

  private counted(spec: { readonly key: string; readonly query: unknown }, counts: ReadonlyMap<string, number>): void {
    let total = 0;
    for (const [status, n] of counts) if (isFailure(status)) total += n;
    // A filter or other job types count other records: a new baseline, not a rise.
    const query = JSON.stringify(spec.query);
    const tally = this.tallies.get(spec.key);
    if (!tally || tally.query !== query) {
      this.tallies.set(spec.key, { query, total, unseen: tally?.unseen ?? 0 });
      return;
    }
    if (total > tally.total && !this.looking()) tally.unseen += total - tally.total;
    tally.total = total;
    this.update();
  }

  /** Sessions replaced keep their key and their count; a project gone (sample data stopped, removed) drops its own. */
  private retain(keys: ReadonlySet<string>): void {
    for (const key of this.tallies.keys()) if (!keys.has(key)) this.tallies.delete(key);
    this.update();
  }

  private update(): void {
    let n = 0;
    for (const tally of this.tallies.values()) n += tally.unseen;
    if (n === this.n) return;
    this.n = n;
    this.changes.fire(n);
  }
}
