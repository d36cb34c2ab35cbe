import * as l10n from '@vscode/l10n';
import { ApiError, isAbort, MalformedResponseError, NetworkError, stoppedAfterSending } from './errors';
import { BATCH_DELETE_LIMIT } from './subJobQueries';

/** Ids per BatchDeleteImageSubJobs call: the most the service takes. */
export const CHUNK = BATCH_DELETE_LIMIT;
export const DEFAULT_DELETE_CONCURRENCY = 3;
/** The longest Retry-After a delete waits out; a longer one stops it (the user is watching a progress bar). */
export const MAX_RETRY_AFTER_SECONDS = 10;
/** How long a 429 without Retry-After is waited out: the gateway says "retry after a few seconds". */
export const DEFAULT_RETRY_AFTER_SECONDS = 2;
/** Throttled answers one call may wait out before the delete stops. */
export const MAX_THROTTLED_PER_CALL = 1;
/**
 * Throttled answers a whole delete may wait out: calls in flight together can all be turned away
 * at once, and a throttling service must see the delete slow down, not a retry of each.
 */
export const MAX_THROTTLED_PER_RUN = 2;
/** The shortest wait after a 429, whatever its Retry-After says ("0" must not mean "again at once"). */
export const MIN_RETRY_AFTER_SECONDS = 1;
/** Failures in a row (5xx, or no answer at all) after which the service is taken to be in trouble. */
export const MAX_TROUBLE_IN_A_ROW = 2;

/** What deleteSubJobs needs of a client: SubJobClient.batchDelete. */
export interface BatchDeleter {
  batchDelete(ids: readonly string[], signal: AbortSignal): Promise<void>;
}

export interface DeletionOptions {
  /** Calls in flight at once once one call has succeeded; 3 by default. */
  readonly concurrency?: number;
  /** Aborting it (the user cancelled) stops sending and stops a Retry-After wait; it is passed to every call. */
  readonly signal?: AbortSignal;
  /** Waits out a Retry-After; rejects when the signal aborts. Real timers by default. */
  readonly sleep?: (ms: number, signal: AbortSignal) => Promise<void>;
  /** After each call's answer: ids answered so far out of the unique ids asked for. */
  onProgress?(done: number, total: number): void;
}

/** Why a deletion stopped sending before every id was sent. */
export type StopReason =
  | { readonly kind: 'cancelled' }
  /** 401/403: every further call would be refused too, and bad signatures lock an access key. */
  | { readonly kind: 'credential'; readonly error: unknown }
  /** 429 with a Retry-After too long to wait out, or throttled again and again. */
  | { readonly kind: 'throttled'; readonly error: unknown }
  /** 5xx or no answer, MAX_TROUBLE_IN_A_ROW times in a row. */
  | { readonly kind: 'trouble'; readonly error: unknown }
  /** A call failed before it was sent (the session closed, a credential gate): the rest would too. */
  | { readonly kind: 'unsendable'; readonly error: unknown };

export interface IdsWithError {
  readonly ids: string[];
  readonly error: unknown;
}

export interface DeletionResult {
  /** Ids the service accepted to delete (unknown ids are among them: the service ignores those). */
  deleted: string[];
  /** Calls the service answered with an error: none of their ids was deleted. */
  refused: IdsWithError[];
  /**
   * Calls sent that got no answer (connection lost, aborted in flight, an answer that could not be
   * read): the service may have deleted them.
   */
  unknown: IdsWithError[];
  /** Ids never sent, for the reason in `stopped` (or an empty or non-text id, refused before sending). */
  notSent: string[];
  stopped?: StopReason;
}

interface Call {
  readonly ids: string[];
  throttled: number;
}

/** Sleeps on real timers; an idle timer keeps no process alive. */
function realSleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason);
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    timer.unref?.();
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal.reason);
    };
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

/** What the answer (or its absence) says about a call's ids. */
type Verdict = 'refused' | 'unknown' | 'notSent';

function verdictOf(error: unknown, signal: AbortSignal): Verdict {
  if (error instanceof ApiError) return 'refused';
  // Stopped before sending (a closed session, a refused credential): so even when the user cancelled.
  if (error instanceof Error && (error as { sent?: unknown }).sent === false) return 'notSent';
  // The request may have reached the service: what it did is not known.
  if (
    signal.aborted ||
    isAbort(error) ||
    stoppedAfterSending(error) ||
    error instanceof NetworkError ||
    error instanceof MalformedResponseError
  )
    return 'unknown';
  // Anything else failed before sending (a closed session, a refused credential gate).
  return 'notSent';
}

/**
 * Deletes sub-jobs in calls of CHUNK ids. One call goes first; once one succeeds, up to
 * `concurrency` go at once, and any sign of trouble narrows it to one again, so a throttling or
 * failing service sees one call, not a burst. Stops sending on a refused credential, on a 429 whose
 * Retry-After is too long to wait (shorter ones are waited out, cancellably), and on repeated 5xx or
 * lost connections. A call the service refused (one sub-job still active refuses the whole call) is
 * reported with its error while the others go on.
 *
 * Every id asked for (duplicates dropped) ends in exactly one of deleted, refused, unknown, notSent.
 */
export async function deleteSubJobs(
  client: BatchDeleter,
  ids: readonly string[],
  options: DeletionOptions = {},
): Promise<DeletionResult> {
  const concurrency = options.concurrency ?? DEFAULT_DELETE_CONCURRENCY;
  if (!Number.isInteger(concurrency) || concurrency < 1)
    throw new RangeError(`concurrency must be a positive integer, got ${concurrency}`);
  const signal = options.signal ?? new AbortController().signal;
  const sleep = options.sleep ?? realSleep;
  const unique = [...new Set(ids)];
  const result: DeletionResult = { deleted: [], refused: [], unknown: [], notSent: [] };
  // An empty id would make the service refuse the 19 good ids sent with it.
  const unusable = unique.filter((id) => typeof id !== 'string' || id === '');
  if (unusable.length)
    result.refused.push({
      ids: unusable,
      error: new RangeError(l10n.t('{0} sub-job id(s) are empty or not text; they were not sent', unusable.length)),
    });
  const usable = unique.filter((id) => typeof id === 'string' && id !== '');
  const queue: Call[] = [];
  for (let i = 0; i < usable.length; i += CHUNK) queue.push({ ids: usable.slice(i, i + CHUNK), throttled: 0 });
  const total = unique.length;
  let done = unusable.length;
  let allowed = 1;
  let trouble = 0;
  let pauseSeconds = 0;
  let throttles = 0;
  let abortedInFlight = false;
  const inFlight = new Set<Promise<void>>();

  const report = (): void => {
    try {
      options.onProgress?.(done, total);
    } catch {
      // A progress display that fails must not turn deleted sub-jobs into an unreported outcome.
    }
  };
  const stop = (reason: StopReason): void => {
    result.stopped ??= reason;
  };

  const settle = (call: Call, error: unknown): void => {
    const verdict = verdictOf(error, signal);
    if (signal.aborted) abortedInFlight = true;
    if (verdict === 'notSent') {
      result.notSent.push(...call.ids);
      stop({ kind: 'unsendable', error });
      return;
    }
    if (error instanceof ApiError && error.status === 429) {
      const wait = Math.max(MIN_RETRY_AFTER_SECONDS, error.retryAfterSeconds ?? DEFAULT_RETRY_AFTER_SECONDS);
      allowed = 1;
      throttles++;
      if (
        wait <= MAX_RETRY_AFTER_SECONDS &&
        call.throttled < MAX_THROTTLED_PER_CALL &&
        throttles <= MAX_THROTTLED_PER_RUN &&
        !result.stopped
      ) {
        call.throttled++;
        pauseSeconds = Math.max(pauseSeconds, wait);
        queue.unshift(call);
        return;
      }
      // The gateway turned the call away before the service saw it.
      result.notSent.push(...call.ids);
      stop({ kind: 'throttled', error });
      return;
    }
    (verdict === 'refused' ? result.refused : result.unknown).push({ ids: call.ids, error });
    if (error instanceof ApiError && error.isAuthFailure) stop({ kind: 'credential', error });
    else if (verdict === 'unknown' || (error instanceof ApiError && error.status >= 500)) {
      allowed = 1;
      if (++trouble >= MAX_TROUBLE_IN_A_ROW) stop({ kind: 'trouble', error });
    } else trouble = 0;
  };

  const send = async (call: Call): Promise<void> => {
    try {
      await client.batchDelete(call.ids, signal);
      result.deleted.push(...call.ids);
      trouble = 0;
      allowed = concurrency;
    } catch (error) {
      settle(call, error);
    }
    if (!queue.includes(call)) {
      done += call.ids.length;
      report();
    }
  };

  while (!result.stopped && !signal.aborted && (queue.length || inFlight.size)) {
    if (pauseSeconds > 0 && !inFlight.size) {
      try {
        await sleep(pauseSeconds * 1000, signal);
      } catch {
        break;
      }
      pauseSeconds = 0;
      continue;
    }
    if (queue.length && inFlight.size < allowed && pauseSeconds === 0) {
      const running: Promise<void> = send(queue.shift()!).finally(() => inFlight.delete(running));
      inFlight.add(running);
      continue;
    }
    await Promise.race(inFlight);
  }
  await Promise.all(inFlight);
  if (signal.aborted && (queue.length || abortedInFlight)) stop({ kind: 'cancelled' });
  for (const call of queue.splice(0)) result.notSent.push(...call.ids);
  return result;
}
