/**
 * When to refresh next, and how. Polls only what can change: while any sub-job is still moving,
 * every status's count and the expanded groups' pages each interval; when all are finished one
 * count call is enough to notice new ones, with every count now and then, which a total cannot
 * replace (one sub-job deleted while another was added).
 */

/** counts: every status's count plus the expanded groups' pages; check: one count call. */
export type RefreshKind = 'counts' | 'check';

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
  /** Count-only checks since the last refresh of every count. */
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
/** A total cannot see a sub-job deleted while another was added; every count now and then can. */
export const FULL_REFRESH_EVERY_CHECKS = 10;

export function planRefresh(state: PolicyState): PlannedRefresh | undefined {
  if (state.intervalMs <= 0 || !state.attention || state.halted) return undefined;
  if (state.failures > 0) {
    const backoff = Math.min(BACKOFF_CAP_MS, state.intervalMs * 2 ** (state.failures - 1));
    const delayMs =
      state.retryAfterMs !== undefined ? Math.min(BACKOFF_CAP_MS, Math.max(1000, state.retryAfterMs)) : backoff;
    // Retrying a failing service costs one count call while there is data to compare it with.
    return { kind: state.hasData ? 'check' : 'counts', delayMs };
  }
  if (!state.hasData || state.active || state.checksSinceFull >= FULL_REFRESH_EVERY_CHECKS)
    return { kind: 'counts', delayMs: state.intervalMs };
  return { kind: 'check', delayMs: state.intervalMs };
}
