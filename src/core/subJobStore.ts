import { describeError, ApiError, isAbort } from '../api/errors';
import { Logger, silentLogger } from '../api/logger';
import { ListQuery, ListResult } from '../api/subJobClient';
import { groupByStatus, StatusGroup } from '../model/statusGroups';
import { ACTIVE_STATUSES, isActiveStatus, SubJob } from '../model/subJob';
import { RefreshKind } from './refreshPolicy';
import { RefreshOutcome } from './refreshScheduler';

export interface SubJobSource {
  listAll(query: ListQuery, signal: AbortSignal): Promise<ListResult>;
  countAll(query: ListQuery, signal: AbortSignal): Promise<number>;
  refreshActive(query: ListQuery, previous: readonly SubJob[], signal: AbortSignal): Promise<ListResult | undefined>;
}

export interface Snapshot {
  readonly subJobs: readonly SubJob[];
  readonly groups: readonly StatusGroup[];
  /** The API's own total, to compare a later count with. */
  readonly total: number;
  /** When the data was last confirmed current, by a listing or a count (epoch ms). */
  readonly fetchedAt: number;
  readonly requests: number;
  /** What the last full listing cost, to tell whether an active-only refresh would save anything. */
  readonly listingCost: number;
}

export interface RefreshFailure {
  readonly message: string;
  readonly error: unknown;
  readonly at: number;
  readonly authFailure: boolean;
}

export interface StoreState {
  readonly snapshot?: Snapshot;
  /** The last refresh's failure; cleared by the next success. */
  readonly failure?: RefreshFailure;
  readonly refreshing: boolean;
}

type Listener = (state: StoreState) => void;
type Source = { readonly key: string; readonly client: SubJobSource; readonly query: ListQuery };

/**
 * Holds the last good sub-jobs of one source and refreshes them. A failure keeps the last good
 * data beside the error. Refreshes never overlap: a new one aborts the one in flight and waits for
 * it to unwind before it sends anything.
 */
export class SubJobStore {
  private state: StoreState = { refreshing: false };
  private source: Source | undefined;
  private inFlight: { controller: AbortController; done: Promise<unknown> } | undefined;
  private readonly listeners = new Set<Listener>();

  constructor(
    private readonly logger: Logger = silentLogger,
    private readonly now: () => number = Date.now,
  ) {}

  get current(): StoreState {
    return this.state;
  }

  get hasSource(): boolean {
    return this.source !== undefined;
  }

  onDidChange(listener: Listener): { dispose(): void } {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  }

  /**
   * Points the store at another source; data of a different project or filter is dropped.
   * Returns true when it was dropped (the key changed), so the caller knows to refresh.
   */
  setSource(key: string, client: SubJobSource, query: ListQuery): boolean {
    const sameData = this.source?.key === key;
    this.source = { key, client, query };
    if (sameData) return false;
    this.inFlight?.controller.abort();
    this.update({ refreshing: false });
    return true;
  }

  clearSource(): void {
    this.source = undefined;
    this.inFlight?.controller.abort();
    this.update({ refreshing: false });
  }

  /**
   * A full listing; an active-only one (kind 'active'); or (kind 'check') a count call. The last
   * two fall back to a full listing when they cannot tell for sure.
   * Resolves to the outcome, or undefined when superseded; never rejects.
   */
  async refresh(reason: string, kind: RefreshKind = 'full'): Promise<RefreshOutcome | undefined> {
    const previous = this.inFlight;
    previous?.controller.abort();
    const controller = new AbortController();
    const done = (async () => {
      await previous?.done;
      const source = this.source;
      if (controller.signal.aborted || !source) return undefined;
      return this.run(source, controller.signal, reason, kind);
    })();
    this.inFlight = { controller, done };
    const outcome = await done;
    if (this.inFlight?.done === done) this.inFlight = undefined;
    return outcome;
  }

  dispose(): void {
    this.inFlight?.controller.abort();
    this.listeners.clear();
  }

  private async run(source: Source, signal: AbortSignal, reason: string, kind: RefreshKind): Promise<RefreshOutcome | undefined> {
    this.update({ ...this.state, refreshing: true });
    const started = this.now();
    try {
      const snapshot = this.state.snapshot;
      if (kind === 'check' && snapshot) {
        const count = await source.client.countAll(source.query, signal);
        if (this.superseded(source, signal)) return undefined;
        if (count === snapshot.total) {
          this.logger.debug(`Checked (${reason}): still ${count} sub-jobs, 1 count call`);
          this.update({ snapshot: { ...snapshot, fetchedAt: this.now() }, refreshing: false });
          return this.outcome();
        }
        this.logger.info(`Count moved from ${snapshot.total} to ${count}: listing again`);
      }
      // A small project lists everything in fewer calls than its active statuses take one by one.
      const activeCost = source.query.jobTypes.length * ACTIVE_STATUSES.length + 1;
      const worthIt = kind === 'active' && snapshot !== undefined && snapshot.listingCost > activeCost;
      const partial = worthIt ? await source.client.refreshActive(source.query, snapshot.subJobs, signal) : undefined;
      if (this.superseded(source, signal)) return undefined;
      const result = partial ?? (await source.client.listAll(source.query, signal));
      if (this.superseded(source, signal)) return undefined;
      this.logger.info(`Refreshed (${reason}): ${result.subJobs.length} sub-jobs, ${result.requests} requests, ${this.now() - started} ms`);
      this.update({
        snapshot: {
          subJobs: result.subJobs,
          groups: groupByStatus(result.subJobs),
          total: result.total,
          fetchedAt: this.now(),
          requests: result.requests,
          listingCost: partial && snapshot ? snapshot.listingCost : result.requests,
        },
        refreshing: false,
      });
      return this.outcome();
    } catch (error) {
      if (isAbort(error) || this.superseded(source, signal)) return undefined;
      const message = describeError(error);
      this.logger.error(`Refresh (${reason}) failed: ${message}`);
      this.update({
        snapshot: this.state.snapshot,
        failure: { message, error, at: this.now(), authFailure: error instanceof ApiError && error.isAuthFailure },
        refreshing: false,
      });
      const retryAfter = error instanceof ApiError ? error.retryAfterSeconds : undefined;
      return {
        ...this.outcome(),
        ok: false,
        ...(retryAfter !== undefined && { retryAfterMs: retryAfter * 1000 }),
        // Refused credentials stay refused; retrying a bad signature would lock the access key.
        ...(error instanceof ApiError && error.isAuthFailure && { halt: true }),
      };
    } finally {
      if (this.state.refreshing && this.superseded(source, signal)) this.update({ ...this.state, refreshing: false });
    }
  }

  private superseded(source: Source, signal: AbortSignal): boolean {
    return signal.aborted || this.source !== source;
  }

  private outcome(): RefreshOutcome {
    const snapshot = this.state.snapshot;
    return {
      ok: true,
      hasData: snapshot !== undefined,
      active: snapshot?.subJobs.some((s) => isActiveStatus(s.status)) ?? false,
    };
  }

  private update(state: StoreState): void {
    this.state = state;
    for (const listener of [...this.listeners]) listener(state);
  }
}
