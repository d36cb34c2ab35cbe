import { setMaxListeners } from 'node:events';

/**
 * A signal that aborts when either does, with the reason of the first. Released when the call
 * settles, so a long-lived signal (the session's) does not keep one listener per call forever
 * (AbortSignal.any would: on Node 20 it holds every signal it joined for as long as its sources live).
 */
export function link(lifetime: AbortSignal, caller: AbortSignal | undefined): { signal: AbortSignal; release(): void } {
  if (!caller || caller === lifetime) return { signal: lifetime, release: () => undefined };
  const controller = new AbortController();
  // undici adds a listener per request, and a listing's pages share this signal.
  setMaxListeners(0, controller.signal);
  const fromLifetime = () => controller.abort(lifetime.reason);
  const fromCaller = () => controller.abort(caller.reason);
  if (lifetime.aborted) fromLifetime();
  else if (caller.aborted) fromCaller();
  else {
    lifetime.addEventListener('abort', fromLifetime, { once: true });
    caller.addEventListener('abort', fromCaller, { once: true });
  }
  return {
    signal: controller.signal,
    release: () => {
      lifetime.removeEventListener('abort', fromLifetime);
      caller.removeEventListener('abort', fromCaller);
    },
  };
}
