import { setMaxListeners } from 'node:events';
import type { ApiError } from '../api/errors';
import type { CallScope } from './refusalKind';

/**
 * The fan-outs of calls in progress (a refresh's counts and pages), each stopped by the first 401,
 * or 403 on listing, that any call of the session meets: every other call of it would meet the same
 * answer, and an access key's queued calls would otherwise go on out after the refresh failed. A
 * 403 on the count call alone stops nothing: counting by listing may answer in its place.
 */
export class RefusalFences {
  private readonly open_ = new Set<AbortController>();

  /** A signal aborted with the refusal (or with `signal`'s reason); release it when the fan-out ends. */
  open(signal: AbortSignal): { signal: AbortSignal; release(): void } {
    const controller = new AbortController();
    setMaxListeners(0, controller.signal);
    const follow = () => controller.abort(signal.reason);
    if (signal.aborted) follow();
    else signal.addEventListener('abort', follow, { once: true });
    this.open_.add(controller);
    return {
      signal: controller.signal,
      release: () => {
        signal.removeEventListener('abort', follow);
        this.open_.delete(controller);
      },
    };
  }

  /** A call was answered with `error`. */
  met(error: ApiError, scope: CallScope): void {
    if (error.status !== 401 && !(error.status === 403 && scope === 'credential')) return;
    for (const controller of this.open_) controller.abort(error);
    this.open_.clear();
  }
}
