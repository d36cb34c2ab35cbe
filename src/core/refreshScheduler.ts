import { Clock, systemClock } from './clock';
import { planRefresh, PolicyState, RefreshKind } from './refreshPolicy';

export interface RefreshOutcome {
  readonly ok: boolean;
  /** Some sub-job can still change (only meaningful when ok). */
  readonly active: boolean;
  readonly hasData: boolean;
  readonly retryAfterMs?: number;
  /** Waiting will not help (the credentials were refused): stop until something changes. */
  readonly halt?: boolean;
}

/**
 * Runs refreshes on the plan of refreshPolicy. One timer at most. Whoever refreshes (this timer,
 * the user's button, a settings change) reports the outcome with recordOutcome, which restarts the
 * count, so a scheduled refresh never follows right behind a manual one.
 */
export class RefreshScheduler {
  private handle: unknown;
  private state: PolicyState = {
    intervalMs: 0,
    attention: true,
    active: false,
    failures: 0,
    checksSinceFull: 0,
    hasData: false,
  };
  private lastRunAt = Number.NEGATIVE_INFINITY;
  private running = false;
  private disposed = false;

  constructor(
    /** Performs a refresh and reports it through recordOutcome (unless it was superseded). */
    private readonly run: (kind: RefreshKind) => Promise<void>,
    private readonly clock: Clock = systemClock,
  ) {}

  get policyState(): PolicyState {
    return this.state;
  }

  /** Seconds; 0 stops automatic refresh. */
  setInterval(seconds: number): void {
    this.state = { ...this.state, intervalMs: Math.max(0, seconds) * 1000 };
    this.reschedule();
  }

  /** Called when the view's visibility or the window's focus changes. */
  setAttention(attention: boolean): void {
    const regained = attention && !this.state.attention;
    this.state = { ...this.state, attention };
    if (
      regained &&
      !this.state.halted &&
      this.state.intervalMs > 0 &&
      this.clock.now() - this.lastRunAt >= this.state.intervalMs &&
      !this.running
    ) {
      this.cancel();
      void this.fire(planRefresh(this.state)?.kind ?? 'counts');
      return;
    }
    this.reschedule();
  }

  /** Records a refresh that happened outside the schedule (manual, configuration change). */
  recordOutcome(kind: RefreshKind, outcome: RefreshOutcome): void {
    this.lastRunAt = this.clock.now();
    this.state = {
      ...this.state,
      failures: outcome.ok ? 0 : this.state.failures + 1,
      retryAfterMs: outcome.ok ? undefined : outcome.retryAfterMs,
      active: outcome.ok ? outcome.active : this.state.active,
      hasData: outcome.hasData,
      checksSinceFull: kind === 'counts' ? 0 : this.state.checksSinceFull + 1,
      halted: !outcome.ok && outcome.halt === true,
    };
    this.reschedule();
  }

  /** Stops automatic refreshes until an outcome that works is recorded (a call found the credential refused). */
  halt(): void {
    this.state = { ...this.state, halted: true };
    this.reschedule();
  }

  /** Forgets failures and data, e.g. when the project changes. */
  reset(): void {
    this.state = {
      ...this.state,
      failures: 0,
      retryAfterMs: undefined,
      active: false,
      hasData: false,
      checksSinceFull: 0,
      halted: false,
    };
    this.lastRunAt = Number.NEGATIVE_INFINITY;
    this.reschedule();
  }

  get nextDelayMs(): number | undefined {
    return planRefresh(this.state)?.delayMs;
  }

  get scheduled(): boolean {
    return this.handle !== undefined;
  }

  dispose(): void {
    this.disposed = true;
    this.cancel();
  }

  private reschedule(): void {
    this.cancel();
    if (this.disposed || this.running) return;
    const plan = planRefresh(this.state);
    if (!plan) return;
    this.handle = this.clock.setTimeout(() => {
      this.handle = undefined;
      void this.fire(plan.kind);
    }, plan.delayMs);
  }

  private async fire(kind: RefreshKind): Promise<void> {
    this.running = true;
    try {
      await this.run(kind);
    } catch {
      this.running = false;
      this.recordOutcome(kind, { ok: false, active: this.state.active, hasData: this.state.hasData });
    } finally {
      this.running = false;
    }
    if (!this.scheduled) this.reschedule();
  }

  private cancel(): void {
    if (this.handle !== undefined) this.clock.clearTimeout(this.handle);
    this.handle = undefined;
  }
}
