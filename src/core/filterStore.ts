import { NO_FILTER, sanitizeFilter, SubJobFilter } from './filter';

/** The slice of VS Code's Memento (workspaceState) this needs. */
export interface KeyValueStore {
  get<T>(key: string, defaultValue: T): T;
  update(key: string, value: unknown): Thenable<void> | Promise<void>;
}

const KEY = 'workspaceJobs.filter';

/** The active filter, kept per workspace so it survives a reload. */
export class FilterStore {
  private readonly listeners = new Set<(filter: SubJobFilter) => void>();
  private value: SubJobFilter;

  constructor(private readonly storage: KeyValueStore) {
    // Whatever was stored (perhaps by an older version) is re-validated before use.
    this.value = sanitizeFilter(storage.get<unknown>(KEY, NO_FILTER));
  }

  get current(): SubJobFilter {
    return this.value;
  }

  onDidChange(listener: (filter: SubJobFilter) => void): { dispose(): void } {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  }

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
    this.listeners.clear();
  }

  private async set(filter: SubJobFilter): Promise<void> {
    this.value = filter;
    await this.storage.update(KEY, filter === NO_FILTER ? undefined : filter);
    for (const listener of [...this.listeners]) listener(filter);
  }
}
