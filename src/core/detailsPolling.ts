import { Clock, systemClock } from './clock';

/**
 * Decides when a details panel refetches its sub-job. It polls only while the panel is visible, the
 * sub-job can still change and an interval is set; it never lets two fetches overlap, and a panel
 * shown again after its data went stale refetches at once instead of waiting a whole interval.
 */
export class DetailsPoller {
  private intervalMs = 0;
  private visible = true;
  private terminal = false;
  private disposed = false;
  private handle: unknown;
  private inFlight: Promise<void> | undefined;
  /** When the last fetch settled (successful or not); the age of what the panel shows. */
  private lastFetchAt = Number.NEGATIVE_INFINITY;

  constructor(
    /** Fetches and renders; its failures are the caller's to show, a rejection is only swallowed. */
    private readonly fetch: () => Promise<void>,
    private readonly clock: Clock = systemClock,
  ) {}

  /** Seconds between polls; 0 (or less) stops polling. */
  setInterval(seconds: number): void {
    this.intervalMs = Number.isFinite(seconds) && seconds > 0 ? seconds * 1000 : 0;
    this.reschedule();
  }

  setVisible(visible: boolean): void {
    const regained = visible && !this.visible;
    this.visible = visible;
    if (regained && this.polling && !this.inFlight && this.clock.now() - this.lastFetchAt >= this.intervalMs) {
      this.cancel();
      void this.run();
      return;
    }
    this.reschedule();
  }

  /** A terminal sub-job (or one that is gone) cannot change any more: no polling. */
  setTerminal(terminal: boolean): void {
    this.terminal = terminal;
    this.reschedule();
  }

  /** Fetches now, whatever the schedule; joins the fetch already running instead of starting another. */
  refreshNow(): Promise<void> {
    if (this.disposed) return Promise.resolve();
    if (this.inFlight) return this.inFlight;
    this.cancel();
    return this.run();
  }

  /**
   * Fetches now even while a fetch runs: the caller aborted that one because what it fetches changed
   * (a preview panel showing another sub-job), so joining it would fetch nothing new.
   */
  restart(): Promise<void> {
    if (this.disposed) return Promise.resolve();
    this.cancel();
    return this.run();
  }

  dispose(): void {
    this.disposed = true;
    this.cancel();
  }

  /** Whether a poll is scheduled (for tests and diagnostics). */
  get scheduled(): boolean {
    return this.handle !== undefined;
  }

  get fetching(): boolean {
    return this.inFlight !== undefined;
  }

  private get polling(): boolean {
    return !this.disposed && this.visible && !this.terminal && this.intervalMs > 0;
  }

  private run(): Promise<void> {
    let fetched: Promise<void>;
    try {
      fetched = Promise.resolve(this.fetch());
    } catch (error) {
      fetched = Promise.reject(error);
    }
    // The fetch reports its own failures; the schedule goes on regardless.
    const done: Promise<void> = fetched.then(
      () => this.settled(done),
      () => this.settled(done),
    );
    this.inFlight = done;
    return done;
  }

  private settled(run: Promise<void>): void {
    // A fetch replaced by restart() settles late: only the latest one says when the data is from.
    if (this.inFlight !== run) return;
    this.lastFetchAt = this.clock.now();
    this.inFlight = undefined;
    this.reschedule();
  }

  private reschedule(): void {
    this.cancel();
    if (!this.polling || this.inFlight) return;
    const delay = Math.max(0, this.lastFetchAt + this.intervalMs - this.clock.now());
    this.handle = this.clock.setTimeout(() => {
      this.handle = undefined;
      if (this.polling && !this.inFlight) void this.run();
    }, delay);
  }

  private cancel(): void {
    if (this.handle === undefined) return;
    this.clock.clearTimeout(this.handle);
    this.handle = undefined;
  }
}
