import { ApiError, describeError } from '../api/errors';
import { Logger } from '../api/logger';
import { Round } from './followEntry';

/**
 * How the service fared in the follow engine's last polls: the back-off a failing service earns,
 * the Retry-After a throttle asks for, and the halt a refused credential calls for.
 */
export class FollowHealth {
  failures = 0;
  retryAfterMs: number | undefined;
  halted = false;

  /** A refused credential may have been replaced: polling again. A back-off for a failing service stays. */
  resume(): boolean {
    if (!this.halted) return false;
    this.halted = false;
    this.failures = 0;
    this.retryAfterMs = undefined;
    return true;
  }

  /** What one poll found: `followed` items, for the log. */
  record(round: Round, followed: number, logger: Logger): void {
    if (round.failures.length) {
      const first = describeError(round.failures[0]);
      logger.warn(
        `Following ${followed} items: ${round.failures.length} look-ups failed${round.stopped ? ', the rest of this poll was not sent' : ''} (${first})`,
      );
    }
    const failed = round.stopped || (round.answered === 0 && round.failures.length > 0);
    if (!failed) {
      if (round.answered === 0) return;
      this.failures = 0;
      this.retryAfterMs = undefined;
      return;
    }
    this.failures++;
    const retryAfter = round.failures.find(
      (e): e is ApiError => e instanceof ApiError && e.retryAfterSeconds !== undefined,
    );
    this.retryAfterMs = retryAfter?.retryAfterSeconds !== undefined ? retryAfter.retryAfterSeconds * 1000 : undefined;
    // A refused credential is not sent again by itself: five bad signatures lock an access key.
    if (round.failures.some((e) => e instanceof ApiError && e.isAuthFailure)) this.halted = true;
  }
}

/** Failed look-ups in one poll after which the rest of it is not sent: the service is failing for all. */
const FAILURES_PER_POLL = 3;

/**
 * Whether the rest of a poll is not sent after this failure (already counted in the round):
 * throttled or refused (every other look-up would meet the same answer), or failing repeatedly.
 */
export function stopsPoll(error: unknown, round: Round): boolean {
  return (
    (error instanceof ApiError && (error.status === 429 || error.isAuthFailure)) ||
    round.failures.length >= FAILURES_PER_POLL
  );
}
