import { Clock } from '../../src/core/clock';

/**
 * Simulated time for the refresh scheduler. Unlike a plain fake clock it lets the asynchronous work
 * a timer starts (real HTTP to the simulator) finish before the next timer is looked at, so ten
 * minutes of polling run in a second or two.
 */
export class VirtualClock implements Clock {
  private readonly timers = new Map<number, { at: number; callback: () => void }>();
  private next = 1;

  constructor(public time: number) {}

  now = (): number => this.time;

  setTimeout = (callback: () => void, ms: number): number => {
    const id = this.next++;
    this.timers.set(id, { at: this.time + ms, callback });
    return id;
  };

  clearTimeout = (handle: unknown): void => {
    this.timers.delete(handle as number);
  };

  /** Fires every timer due by `end` in order, awaiting `settle` before each look at the timers. */
  async runUntil(end: number, settle: () => Promise<void>): Promise<void> {
    for (;;) {
      await settle();
      let due: [number, { at: number; callback: () => void }] | undefined;
      for (const entry of this.timers) if (entry[1].at <= end && (!due || entry[1].at < due[1].at)) due = entry;
      if (!due) break;
      this.timers.delete(due[0]);
      this.time = due[1].at;
      due[1].callback();
    }
    this.time = end;
  }
}
