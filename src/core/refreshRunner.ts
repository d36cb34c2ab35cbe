import { setMaxListeners } from 'node:events';
import { ApiError, describeError, isAbort } from '../api/errors';
import { Emitter } from './events';
import { RefreshKind } from './refreshPolicy';
import { RefreshOutcome, RefreshScheduler } from './refreshScheduler';
import { CredentialRefusedError } from './sessionGate';
import { refreshCounts, RefreshContext } from './sessionRefresh';
import { RefreshReport, specFamily } from './sessionSpec';
import { hasActive, RefreshFailure } from './sessionState';

export interface RefreshRunnerDeps extends RefreshContext {
  readonly scheduler: RefreshScheduler;
  /** Where each refresh's report goes, after its changes. */
  readonly reports: Emitter<RefreshReport>;
}

/**
 * Runs a session's refreshes one at a time (a new one aborts the one in flight), holds the changes
 * a refresh makes until it ends, reports its outcome to the schedule and its report to listeners.
 */
export class RefreshRunner {
  private inFlight: { controller: AbortController; done: Promise<unknown> } | undefined;
  /** The total the last counts added up to, for the one-call check. */
  private lastTotal: number | undefined;
  /** When the last refresh that worked ended (clock ms). */
  private lastSuccessAt: number | undefined;

  constructor(private readonly deps: RefreshRunnerDeps) {}

  /** Takes over another session's baseline, so its first check compares with what was shown. */
  inherit(from: RefreshRunner): void {
    this.lastTotal = from.lastTotal;
    this.lastSuccessAt = from.lastSuccessAt;
  }

  /** Sub-jobs deleted: the total a check compares with goes down with them. */
  removed(count: number): void {
    if (this.lastTotal !== undefined) this.lastTotal = Math.max(0, this.lastTotal - count);
  }

  abort(): void {
    this.inFlight?.controller.abort();
  }

  /** Never rejects. `explicit`: asked for by the user (or a credential change), not by the schedule. */
  async refresh(reason: string, kind: RefreshKind, explicit: boolean): Promise<void> {
    const { gate, store } = this.deps;
    if (store.state.problem || gate.closed) return;
    if (!explicit && gate.refused) return;
    const previous = this.inFlight;
    previous?.controller.abort();
    const controller = new AbortController();
    // One refresh sends its counts and every open group's pages on this signal.
    setMaxListeners(0, controller.signal);
    const done = (async () => {
      await previous?.done.catch(() => undefined);
      if (controller.signal.aborted || gate.closed) return undefined;
      return this.run(controller.signal, reason, kind, explicit);
    })();
    this.inFlight = { controller, done };
    try {
      const outcome = await done;
      if (this.inFlight?.done === done) this.inFlight = undefined;
      if (outcome) this.deps.scheduler.recordOutcome(kind, outcome);
    } catch (error) {
      // Only a defect gets here (listeners are isolated): logged, and the schedule goes on as if nothing was asked.
      if (this.inFlight?.done === done) this.inFlight = undefined;
      this.deps.logger.error(`${this.deps.spec.projectId}: refresh (${reason}) broke: ${describeError(error)}`);
    }
  }
  private async run(
    signal: AbortSignal,
    reason: string,
    kind: RefreshKind,
    explicit: boolean,
  ): Promise<RefreshOutcome | undefined> {
    this.deps.store.hold();
    let report: RefreshReport | undefined;
    try {
      const started = this.deps.clock.now();
      const sentBefore = this.deps.gate.requests;
      const fence = this.deps.gate.fence(signal);
      const answer = await this.attempt(signal, fence.signal, reason, kind, explicit).finally(fence.release);
      if (!answer) return undefined;
      const requests = this.deps.gate.requests - sentBefore;
      report = { ...answer.report, kind, reason, requests };
      if (answer.report.ok) {
        this.deps.logger.info(
          `${this.deps.spec.projectId}: refreshed (${reason}) with ${requests} request${requests === 1 ? '' : 's'} in ${this.deps.clock.now() - started} ms`,
        );
        const now = this.deps.clock.now();
        if (this.lastSuccessAt !== undefined) report = { ...report, sinceLastMs: now - this.lastSuccessAt };
        this.lastSuccessAt = now;
      }
      return answer.outcome;
    } finally {
      this.deps.store.release(!this.deps.gate.closed);
      // Reported after the changes went out: whoever reacts to the report sees the new state told.
      if (report && !this.deps.gate.closed) this.deps.reports.fire(report);
    }
  }

  /** One refresh's work and its outcome; undefined when it was superseded or the session ended. */
  private async attempt(signal: AbortSignal, fence: AbortSignal, reason: string, kind: RefreshKind, explicit: boolean) {
    try {
      // The fence stops the rest of the refresh at the first refusal: that refusal is its outcome.
      const result = await refreshCounts(this.deps, this.lastTotal, fence, reason, kind, explicit);
      if (!result) return fence.reason instanceof ApiError ? this.failed(signal, fence.reason, reason) : undefined;
      this.lastTotal = result.total;
      return { report: { ok: true, ...result.endings }, outcome: this.outcome(true) };
    } catch (caught) {
      return this.failed(signal, fence.reason instanceof ApiError ? fence.reason : caught, reason);
    }
  }

  /** A refresh that failed with `error`: its failure kept and its outcome; undefined when it was superseded. */
  private failed(signal: AbortSignal, error: unknown, reason: string) {
    if (isAbort(error) || signal.aborted || this.deps.gate.closed) return undefined;
    const action = this.deps.gate.deniedAction(error);
    const failure: RefreshFailure = {
      message: describeError(error),
      error,
      at: this.deps.clock.now(),
      authFailure:
        !action && ((error instanceof ApiError && error.isAuthFailure) || error instanceof CredentialRefusedError),
      // A policy's denial: asked again on the schedule (backing off), so a grant in IAM shows by itself.
      ...(action && { denied: { action, family: specFamily(this.deps.spec) } }),
    };
    this.deps.logger.error(`${this.deps.spec.projectId}: refresh (${reason}) failed: ${failure.message}`);
    this.deps.store.apply({ ...this.deps.store.state, failure });
    const retryAfter = error instanceof ApiError ? error.retryAfterSeconds : undefined;
    return {
      report: { ok: false, failure, transitions: [], unresolved: 0 },
      outcome: {
        ...this.outcome(false),
        ...(retryAfter !== undefined && { retryAfterMs: retryAfter * 1000 }),
        // Refused credentials stay refused; retrying a bad signature would lock the access key.
        ...(failure.authFailure && { halt: true }),
      },
    };
  }

  private outcome(ok: boolean): RefreshOutcome {
    const { state } = this.deps.store;
    return { ok, active: hasActive(state), hasData: state.counts !== undefined };
  }
}
