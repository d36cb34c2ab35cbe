import { Emitter, Event } from './events';

/**
 * Failures told (notified, or ended by a watch) since the user last looked at the view: the one
 * count the view's badge and the status bar both show. Whoever is looking at the view sees a failure
 * there, so it is not counted; showing the view clears the count.
 */
export class UnseenFailures {
  private n = 0;
  private readonly changes = new Emitter<number>();
  readonly onDidChange: Event<number> = this.changes.event;

  get count(): number {
    return this.n;
  }

  /** `n` sub-jobs were told to have failed; `looking`: the view is visible now. */
  told(n: number, looking: boolean): void {
    if (n > 0 && !looking) this.set(this.n + n);
  }

  /** The view was shown. */
  seen(): void {
    this.set(0);
  }

  dispose(): void {
    this.changes.dispose();
  }

  private set(n: number): void {
    if (n === this.n) return;
    this.n = n;
    this.changes.fire(n);
  }
}
