/**
 * When to refresh next, and how. Polls only what can change: while any sub-job is still moving,
 * its active statuses each interval; when all are terminal a count call is enough to notice new
 * ones; now and then a full listing, which nothing else can replace.
 */

/** full: list everything; active: list the active statuses only; check: one count call. */
export type RefreshKind = 'full' | 'active' | 'check';

export interface PolicyState {
  /** Configured interval in ms; 0 = automatic refresh off. */
  readonly intervalMs: number;
  /** The view is visible or the window focused: someone may be looking. */
  readonly attention: boolean;
  /** Some shown sub-job is WAITING, RUNNING, ROLLBACK or ABORTING. */
  readonly active: boolean;
  /** Failed refreshes in a row. */
  readonly failures: number;
  /** What the server asked for with Retry-After on the last failure. */
  readonly retryAfterMs?: number;
  /** Active-only or count-only refreshes since the last full one. */
  readonly checksSinceFull: number;
  /** Whether there is data to compare a count with. */
  readonly hasData: boolean;
  /**
   * The last failure cannot heal by waiting (wrong credentials): no automatic retry until the
   * credentials change or the user refreshes. Five bad AK/SK signatures lock the key for minutes.
   */
  readonly halted?: boolean;
}

export interface PlannedRefresh {
  readonly kind: RefreshKind;
  readonly delayMs: number;
}

/** Longest wait between attempts while the API keeps failing. */
export const BACKOFF_CAP_MS = 5 * 60_000;
/** A count cannot see a sub-job deleted while another was added; a full refresh now and then can. */
export const FULL_REFRESH_EVERY_CHECKS = 10;

export function planRefresh(state: PolicyState): PlannedRefresh | undefined {
  if (state.intervalMs <= 0 || !state.attention || state.halted) return undefined;
  if (state.failures > 0) {
    const backoff = Math.min(BACKOFF_CAP_MS, state.intervalMs * 2 ** (state.failures - 1));
    const delayMs = state.retryAfterMs !== undefined ? Math.min(BACKOFF_CAP_MS, Math.max(1000, state.retryAfterMs)) : backoff;
    return { kind: 'full', delayMs };
  }
  if (!state.hasData || state.checksSinceFull >= FULL_REFRESH_EVERY_CHECKS) return { kind: 'full', delayMs: state.intervalMs };
  return { kind: state.active ? 'active' : 'check', delayMs: state.intervalMs };
}
