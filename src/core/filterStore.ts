import { Emitter, Event } from './events';
import { NO_FILTER, sanitizeFilter, SubJobFilter } from './filter';

/** The slice of VS Code's Memento (workspaceState) this needs. */
export interface KeyValueStore {
  get<T>(key: string, defaultValue: T): T;
  update(key: string, value: unknown): Thenable<void> | Promise<void>;
}

const KEY = 'workspaceJobs.filter';

/** The active filter, kept per workspace so it survives a reload. */
export class FilterStore {
  private readonly changes = new Emitter<SubJobFilter>();
  private value: SubJobFilter;

  constructor(private readonly storage: KeyValueStore) {
    // Whatever was stored (perhaps by an older version) is re-validated before use.
    this.value = sanitizeFilter(storage.get<unknown>(KEY, NO_FILTER));
  }

  get current(): SubJobFilter {
    return this.value;
  }

  readonly onDidChange: Event<SubJobFilter> = this.changes.event;

  async update(change: Partial<SubJobFilter>): Promise<void> {
    await this.set(sanitizeFilter({ ...this.value, ...change }));
  }

  /** The whole filter at once (not merged with the current one). */
  async replace(filter: SubJobFilter): Promise<void> {
    await this.set(sanitizeFilter(filter));
  }

  async clear(): Promise<void> {
    await this.set(NO_FILTER);
  }

  dispose(): void {
    this.changes.dispose();
  }

  private async set(filter: SubJobFilter): Promise<void> {
    this.value = filter;
    await this.storage.update(KEY, filter === NO_FILTER ? undefined : filter);
    this.changes.fire(filter);
  }
}
