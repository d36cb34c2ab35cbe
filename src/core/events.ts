/** What a subscription returns: the same shape as vscode.Disposable, so adapters can push it. */
export interface Subscription {
  dispose(): void;
}

/** A function that subscribes a listener, as vscode.Event does. */
export type Event<T> = (listener: (value: T) => void) => Subscription;

/** Where a listener's failure is told; the emitter itself goes on with the next listener. */
export type ListenerErrorLog = (error: unknown) => void;

let listenerErrorLog: ListenerErrorLog = () => undefined;

/** Set once at activation (the output channel); tests may set their own to see what was isolated. */
export function setListenerErrorLog(log: ListenerErrorLog): void {
  listenerErrorLog = log;
}

/**
 * The one way the layers below VS Code publish events. A listener that throws is logged and
 * isolated: the others still hear the event, and the emitter's caller (a refresh, a poll) never sees
 * the exception, so one faulty subscriber cannot make a refresh fail or a scheduler back off.
 */
export class Emitter<T> {
  private listeners: Array<(value: T) => void> = [];
  private disposed = false;

  readonly event: Event<T> = (listener) => {
    if (this.disposed) return { dispose: () => undefined };
    this.listeners = [...this.listeners, listener];
    let subscribed = true;
    return {
      dispose: () => {
        if (!subscribed) return;
        subscribed = false;
        const index = this.listeners.indexOf(listener);
        if (index >= 0) this.listeners = [...this.listeners.slice(0, index), ...this.listeners.slice(index + 1)];
      },
    };
  };

  /** How many listeners are subscribed (leak checks in tests). */
  get size(): number {
    return this.listeners.length;
  }

  fire(value: T): void {
    // A snapshot: a listener that subscribes or unsubscribes another takes effect from the next event.
    for (const listener of this.listeners) {
      try {
        listener(value);
      } catch (error) {
        try {
          listenerErrorLog(error);
        } catch {
          // A failing log must not undo the isolation.
        }
      }
    }
  }

  dispose(): void {
    this.disposed = true;
    this.listeners = [];
  }
}
