import { describeError, ApiError, isAbort } from '../api/errors';
import { Logger, silentLogger } from '../api/logger';
import { ListQuery, ListResult } from '../api/subJobClient';
import { groupByStatus, StatusGroup } from '../model/statusGroups';
import { SubJob } from '../model/subJob';

export interface SubJobSource {
  listAll(query: ListQuery, signal: AbortSignal): Promise<ListResult>;
}

export interface Snapshot {
  readonly subJobs: readonly SubJob[];
  readonly groups: readonly StatusGroup[];
  /** When the data was received (epoch ms). */
  readonly fetchedAt: number;
  readonly requests: number;
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

/**
 * Holds the last good sub-jobs of one source and refreshes them. A failure keeps the last good
 * data beside the error. Refreshes never overlap: a new one aborts the one in flight and waits for
 * it to unwind before it sends anything.
 */
export class SubJobStore {
  private state: StoreState = { refreshing: false };
  private source: { key: string; client: SubJobSource; query: ListQuery } | undefined;
  private inFlight: { controller: AbortController; done: Promise<void> } | undefined;
  private readonly listeners = new Set<Listener>();

  constructor(
    private readonly logger: Logger = silentLogger,
    private readonly now: () => number = Date.now,
  ) {}

  get current(): StoreState {
    return this.state;
  }

  onDidChange(listener: Listener): { dispose(): void } {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  }

  /** Points the store at another source; data of a different project or filter is dropped. */
  setSource(key: string, client: SubJobSource, query: ListQuery): void {
    const sameData = this.source?.key === key;
    this.source = { key, client, query };
    if (!sameData) {
      this.inFlight?.controller.abort();
      this.update({ refreshing: false });
    }
  }

  clearSource(): void {
    this.source = undefined;
    this.inFlight?.controller.abort();
    this.update({ refreshing: false });
  }

  /** Resolves when this refresh has finished or been superseded; never rejects. */
  async refresh(reason: string): Promise<void> {
    const previous = this.inFlight;
    previous?.controller.abort();
    const controller = new AbortController();
    const done = (async () => {
      await previous?.done;
      if (controller.signal.aborted || !this.source) return;
      await this.run(this.source, controller.signal, reason);
    })();
    this.inFlight = { controller, done };
    await done;
    if (this.inFlight?.done === done) this.inFlight = undefined;
  }

  dispose(): void {
    this.inFlight?.controller.abort();
    this.listeners.clear();
  }

  private async run(source: NonNullable<SubJobStore['source']>, signal: AbortSignal, reason: string): Promise<void> {
    this.update({ ...this.state, refreshing: true });
    const started = this.now();
    try {
      const result = await source.client.listAll(source.query, signal);
      if (signal.aborted || this.source !== source) return;
      this.logger.info(`Refreshed (${reason}): ${result.subJobs.length} sub-jobs, ${result.requests} requests, ${this.now() - started} ms`);
      this.update({
        snapshot: { subJobs: result.subJobs, groups: groupByStatus(result.subJobs), fetchedAt: this.now(), requests: result.requests },
        refreshing: false,
      });
    } catch (error) {
      if (signal.aborted || isAbort(error) || this.source !== source) return;
      const message = describeError(error);
      this.logger.error(`Refresh (${reason}) failed: ${message}`);
      this.update({
        snapshot: this.state.snapshot,
        failure: { message, error, at: this.now(), authFailure: error instanceof ApiError && error.isAuthFailure },
        refreshing: false,
      });
    } finally {
      if (this.state.refreshing && (signal.aborted || this.source !== source)) this.update({ ...this.state, refreshing: false });
    }
  }

  private update(state: StoreState): void {
    this.state = state;
    for (const listener of [...this.listeners]) listener(state);
  }
}
