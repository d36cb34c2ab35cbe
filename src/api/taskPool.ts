import { setMaxListeners } from 'node:events';

/**
 * Runs tasks with at most `limit` in flight. Tasks may add more tasks (a first page reveals how many
 * pages follow), so this is a queue rather than a fixed array. The first failure aborts the rest.
 */
export class TaskPool {
  private readonly queue: Array<(signal: AbortSignal) => Promise<void>> = [];
  private readonly controller = new AbortController();
  private running = 0;
  private failure: { error: unknown } | undefined;
  private settle: { resolve(): void; reject(error: unknown): void } | undefined;
  private release: () => void = () => undefined;
  /** Most tasks seen in flight at once; the benchmark reports it. */
  peak = 0;

  constructor(
    private readonly limit: number,
    outer?: AbortSignal,
  ) {
    if (!Number.isInteger(limit) || limit < 1)
      throw new RangeError(`concurrency must be a positive integer, got ${limit}`);
    // Every request in flight listens on this signal, and undici lets go of a listener only a tick
    // after its response; Node's default cap of 10 would warn about a leak that is not one.
    setMaxListeners(Math.max(10, limit * 4), this.controller.signal);
    if (outer) {
      if (outer.aborted) this.fail(outer.reason);
      else {
        // The outer signal may live as long as a session: let go of it once the pool has settled.
        const onAbort = () => this.fail(outer.reason);
        outer.addEventListener('abort', onAbort, { once: true });
        this.release = () => outer.removeEventListener('abort', onAbort);
      }
    }
  }

  get signal(): AbortSignal {
    return this.controller.signal;
  }

  add(task: (signal: AbortSignal) => Promise<void>): void {
    if (this.failure) return;
    this.queue.push(task);
    this.pump();
  }

  /** Resolves once every task, including those added meanwhile, has finished. */
  drain(): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.settle = { resolve, reject };
      this.check();
    });
  }

  private pump(): void {
    while (!this.failure && this.running < this.limit && this.queue.length > 0) {
      const task = this.queue.shift()!;
      this.running++;
      this.peak = Math.max(this.peak, this.running);
      task(this.controller.signal).then(
        () => this.finished(),
        (error: unknown) => {
          this.fail(error);
          this.finished();
        },
      );
    }
  }

  private finished(): void {
    this.running--;
    this.pump();
    this.check();
  }

  private fail(error: unknown): void {
    if (this.failure) return;
    this.failure = { error };
    this.queue.length = 0;
    this.controller.abort(error);
    this.check();
  }

  private check(): void {
    if (!this.settle) return;
    if (this.failure && this.running === 0) {
      this.release();
      this.settle.reject(this.failure.error);
    } else if (!this.failure && this.running === 0 && this.queue.length === 0) {
      this.release();
      this.settle.resolve();
    }
  }
}
