import { Clock } from '../../src/core/clock';

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * A clock that moves only when told to; due timers fire in order. Before each look at the timers
 * it awaits `settle`, so asynchronous work a timer started (even real HTTP, in the benchmark) can
 * finish first: ten minutes of polling run in a second.
 */
export class FakeClock implements Clock {
  private readonly timers = new Map<number, { at: number; callback: () => void }>();
  private next = 1;

  constructor(public time = 0) {}

  now = (): number => this.time;

  setTimeout = (callback: () => void, ms: number): number => {
    const id = this.next++;
    this.timers.set(id, { at: this.time + ms, callback });
    return id;
  };

  clearTimeout = (handle: unknown): void => {
    this.timers.delete(handle as number);
  };

  advance(ms: number): Promise<void> {
    return this.runUntil(this.time + ms);
  }

  async runUntil(end: number, settle: () => Promise<void> = nextTurn): Promise<void> {
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

  get pending(): number {
    return this.timers.size;
  }
}
