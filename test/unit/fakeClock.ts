import { Clock } from '../../src/core/clock';

/** A clock that moves only when the test says so; due timers fire in order. */
export class FakeClock implements Clock {
  time = 0;
  private readonly timers = new Map<number, { at: number; callback: () => void }>();
  private next = 1;

  now = (): number => this.time;

  setTimeout = (callback: () => void, ms: number): number => {
    const id = this.next++;
    this.timers.set(id, { at: this.time + ms, callback });
    return id;
  };

  clearTimeout = (handle: unknown): void => {
    this.timers.delete(handle as number);
  };

  async advance(ms: number): Promise<void> {
    const end = this.time + ms;
    for (;;) {
      await new Promise((r) => setImmediate(r));
      const due = [...this.timers.entries()].filter(([, t]) => t.at <= end).sort((a, b) => a[1].at - b[1].at)[0];
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
