export interface Clock {
  now(): number;
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  setTimeout: (callback, ms) => {
    const handle = setTimeout(callback, ms);
    // An idle timer must not keep a Node process (tests, the extension host on shutdown) alive.
    handle.unref?.();
    return handle;
  },
  clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
};

/**
 * Refreshes every `interval` seconds, counted from the end of the previous refresh so a slow
 * network never stacks refreshes. Any refresh (manual too) restarts the count.
 */
export class RefreshTimer {
  private handle: unknown;
  private intervalMs = 0;
  private disposed = false;

  constructor(
    private readonly refresh: () => Promise<void>,
    private readonly clock: Clock = systemClock,
  ) {}

  /** Seconds; 0 stops automatic refresh. */
  setInterval(seconds: number): void {
    this.intervalMs = Math.max(0, seconds) * 1000;
    this.restart();
  }

  /** Call after any refresh so the next automatic one is a full interval away. */
  restart(): void {
    this.cancel();
    if (this.disposed || this.intervalMs === 0) return;
    this.handle = this.clock.setTimeout(() => {
      this.handle = undefined;
      void this.refresh().finally(() => this.restart());
    }, this.intervalMs);
  }

  get scheduled(): boolean {
    return this.handle !== undefined;
  }

  dispose(): void {
    this.disposed = true;
    this.cancel();
  }

  private cancel(): void {
    if (this.handle !== undefined) this.clock.clearTimeout(this.handle);
    this.handle = undefined;
  }
}
