export interface Clock {
  now(): number;
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

/** The longest delay setTimeout honours; a longer one fires after 1 ms (Node, browsers alike). */
export const MAX_TIMER_DELAY_MS = 2 ** 31 - 1;

/**
 * Every timer's delay goes through here. setTimeout turns a delay it cannot take (over 2^31−1 ms,
 * Infinity, NaN) into 1 ms, so a refresh interval of a month would fire a thousand times a second;
 * such delays wait as long as a timer can instead, and whoever needs longer re-checks then.
 */
export function clampDelay(ms: number): number {
  if (Number.isNaN(ms) || ms >= MAX_TIMER_DELAY_MS) return MAX_TIMER_DELAY_MS;
  return Math.max(0, ms);
}

export const systemClock: Clock = {
  now: () => Date.now(),
  setTimeout: (callback, ms) => {
    const handle = setTimeout(callback, clampDelay(ms));
    // An idle timer must not keep a Node process (tests, the extension host on shutdown) alive.
    handle.unref?.();
    return handle;
  },
  clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
};

/** Waits `ms` on the clock (a Retry-After, a poll interval); rejects with the signal's reason once it aborts. */
export function sleep(clock: Clock, ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason);
    const onAbort = () => {
      clock.clearTimeout(timer);
      reject(signal.reason);
    };
    const timer = clock.setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal.addEventListener('abort', onAbort, { once: true });
  });
}
