/**
 * Runs at most `limit` tasks at once, the rest in the order given: follow-ups of many items never
 * put more than a handful of requests in flight (a burst of 300 would meet the service's throttle).
 */
export class TaskPool {
  private running = 0;
  private readonly queue: Array<() => void> = [];
  /** The most tasks that ran at once (diagnostics and tests). */
  mostInFlight = 0;

  constructor(private readonly limit: number) {}

  get inFlight(): number {
    return this.running;
  }

  run<T>(task: () => Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const start = () => {
        this.running++;
        this.mostInFlight = Math.max(this.mostInFlight, this.running);
        let settled: Promise<T>;
        try {
          settled = task();
        } catch (error) {
          settled = Promise.reject(error);
        }
        settled.then(resolve, reject).finally(() => {
          this.running--;
          this.queue.shift()?.();
        });
      };
      if (this.running < this.limit) start();
      else this.queue.push(start);
    });
  }
}
