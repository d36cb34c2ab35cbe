import { setMaxListeners } from 'node:events';
import * as l10n from '@vscode/l10n';
import type { Family } from '../model/family';
import { CredentialProof } from './credentialProof';
import { RefusalFences } from './refusalFence';
import { link } from './signals';
import { CountMode } from '../api/countMode';
import { ApiError, describeError } from '../api/errors';
import type { SessionEnd } from './sessionEnd';
import { CallScope, deniedAction, deniesAction, refusesCredential, refusesForEveryFamily } from './refusalKind';

export type { CallScope } from './refusalKind';
export { gatedClient } from './gatedClient';

/**
 * A call of a session that has ended (its project, credential or settings changed, or the user
 * signed out). `sent` false: nothing of the call went out; true: it was in flight when the
 * session ended and may have reached the service.
 */
export class SessionClosedError extends Error {
  constructor(
    readonly sent = false,
    /** Why the session ended, when the one who ended it said. */
    readonly end?: SessionEnd,
  ) {
    super(l10n.t('This project was signed out or reconfigured: the request was stopped.'));
    this.name = 'SessionClosedError';
  }
}

/** A call not sent because the service refused this session's credential. */
export class CredentialRefusedError extends Error {
  /** Nothing went out (deletion reports read this, as they do SessionClosedError's). */
  readonly sent = false;
  constructor(readonly refusal: ApiError) {
    super(l10n.t('The service refused this credential; change it or refresh. ({0})', describeError(refusal)));
    this.name = 'CredentialRefusedError';
  }
}

/** Calls an access key's session keeps in flight at once: the counts of a refresh go out together. */
export const CAUTIOUS_CONCURRENCY = 8;

export interface GateOptions {
  /** An access key not yet proven: five bad signatures in a row lock it for minutes. */
  readonly cautious: boolean;
  /**
   * One request at a time that tells whether the credential works (see CountMode.probe): the total
   * count when the count call answered, undefined when a list call proved it. `sent` counts each request.
   */
  readonly probe: (signal: AbortSignal, counting: CountMode, sent: () => void) => Promise<number | undefined>;
  /** A call's answer said the service refused the credential (a 401, or a 403 that is no policy's denial of one action). */
  readonly onRefused: (error: ApiError) => void;
  /** Shared with the project's other family sessions on the same credential: one probe for all of them. */
  readonly proof?: CredentialProof;
  /** The session's family, whose IAM actions a refusal names; image when absent. */
  readonly family?: Family;
}

/**
 * Everything a session sends passes here, so every caller (a refresh, a look-up, a delete batch)
 * obeys the same rules: nothing after close, nothing while the credential is refused (except an
 * explicit retry), an unproven credential tries exactly one request before any other goes out, and
 * every call runs on the session's lifetime signal joined with its caller's.
 */
export class SessionGate {
  private readonly lifetime = new AbortController();
  private refusal: ApiError | undefined;
  private proven: boolean;
  private readonly proof: CredentialProof;
  private running = 0;
  private readonly queue: Array<() => void> = [];
  private readonly limit: number;
  private readonly family: Family;
  private sent = 0;
  private readonly fences = new RefusalFences();
  /** How this session counts: a 403 on the count call switches it to listing while listing works. */
  readonly counting: CountMode;

  constructor(private readonly options: GateOptions) {
    this.proven = !options.cautious;
    this.proof = options.proof ?? new CredentialProof();
    this.family = options.family ?? 'image';
    this.counting = new CountMode(this.family);
    this.limit = options.cautious ? CAUTIOUS_CONCURRENCY : Number.POSITIVE_INFINITY;
    // Every request in flight listens to it: hundreds at once are expected, not a leak.
    setMaxListeners(0, this.lifetime.signal);
  }

  /** Aborted when the session ends. */
  get signal(): AbortSignal {
    return this.lifetime.signal;
  }

  get closed(): boolean {
    return this.lifetime.signal.aborted;
  }

  /** The refusal that stops every call, until an explicit retry is accepted. */
  get refused(): ApiError | undefined {
    return this.refusal;
  }

  get isProven(): boolean {
    return this.proven;
  }

  /** Requests let through so far. */
  get requests(): number {
    return this.sent;
  }

  /** Adds requests a call made beyond the one counted for it (a listing's pages). */
  countMore(requests: number): void {
    this.sent += requests;
  }

  /** A signal for one fan-out of calls (a refresh): see RefusalFences. */
  fence(signal: AbortSignal): { signal: AbortSignal; release(): void } {
    return this.fences.open(signal);
  }

  /** Stops what is in flight; every later call fails at once. */
  close(end?: SessionEnd): void {
    if (!this.closed) this.lifetime.abort(new SessionClosedError(true, end));
  }

  /**
   * Runs one call. `explicit` (the user's Refresh) may ask again while the credential is refused;
   * it then tries one request first, as an unproven credential does.
   */
  async run<T>(
    call: (signal: AbortSignal) => Promise<T>,
    signal?: AbortSignal,
    explicit = false,
    scope: CallScope = 'credential',
  ): Promise<T> {
    this.admit(explicit);
    if (!this.proven) await this.prove(signal, explicit);
    this.admit(false);
    return this.slot(signal, async () => {
      this.admit(false);
      if (signal?.aborted) throw signal.reason;
      this.sent++;
      return this.send(call, signal, scope);
    });
  }

  /**
   * Makes sure the credential was proven, sending the probe when nobody has yet (joining one in
   * flight). Resolves to the probe's count when this caller's probe ran, undefined otherwise.
   */
  async prove(signal: AbortSignal | undefined, explicit: boolean): Promise<number | undefined> {
    for (;;) {
      this.admit(explicit);
      if (this.proven) return undefined;
      const pending = this.proof.pending;
      if (!pending) {
        const probing = this.slot(signal, () => {
          this.admit(explicit);
          return this.send((s) => this.options.probe(s, this.counting, () => this.sent++), signal);
        });
        this.proof.pending = probing;
        try {
          const total = await probing;
          this.proven = true;
          this.refusal = undefined;
          return total;
        } finally {
          if (this.proof.pending === probing) this.proof.pending = undefined;
        }
      }
      // Another caller is asking (this session, or another family's on the same credential): its answer decides for this one too.
      const verdict = await pending.then(
        () => undefined,
        (error: unknown) => error,
      );
      explicit = false;
      if (signal?.aborted) throw signal.reason;
      if (verdict === undefined || (verdict instanceof ApiError && this.denies(verdict))) {
        // A policy that denies the other family's calls accepted the credential: this family asks for itself.
        this.proven = true;
        this.refusal = undefined;
      } else if (verdict instanceof ApiError && refusesForEveryFamily(verdict) && this.refuses(verdict, 'credential'))
        this.adoptRefusal(verdict);
    }
  }

  /**
   * The IAM action a policy denies this session, when `error` is such a denial (the service
   * accepted the credential): the family's permission problem, not a refused credential.
   */
  deniedAction(error: unknown): string | undefined {
    if (!(error instanceof ApiError) || !this.denies(error)) return undefined;
    return deniedAction(error, this.family);
  }

  /** A policy's denial of one of this family's actions (see deniesAction). */
  private denies(error: ApiError): boolean {
    return deniesAction(error, this.proof.workedBesides(this.family));
  }

  private refuses(error: ApiError, scope: CallScope): boolean {
    return refusesCredential(error, scope, this.proof.workedBesides(this.family));
  }

  /** Another family's session had this credential refused: this one stops sending too, without asking. */
  private adoptRefusal(error: ApiError): void {
    if (this.closed || this.refusal === error) return;
    this.refusal = error;
    this.proven = false;
    this.proof.refused();
    this.options.onRefused(error);
  }

  private admit(explicit: boolean): void {
    if (this.closed) throw new SessionClosedError(false);
    if (this.refusal && !explicit) throw new CredentialRefusedError(this.refusal);
  }

  private async send<T>(
    call: (signal: AbortSignal) => Promise<T>,
    signal: AbortSignal | undefined,
    scope: CallScope = 'credential',
  ): Promise<T> {
    const linked = link(this.lifetime.signal, signal);
    try {
      const answer = await call(linked.signal);
      if (scope !== 'elsewhere') this.proof.worked(this.family);
      return answer;
    } catch (error) {
      // A call the fence stopped throws the refusal another call met: that answer is judged once, there.
      const echoed = linked.signal.aborted && linked.signal.reason === error;
      if (error instanceof ApiError && !this.closed && !echoed) {
        if (scope !== 'elsewhere') this.fences.met(error, scope);
        if (this.refuses(error, scope)) {
          this.refusal = error;
          this.proven = false;
          this.proof.refused();
          this.options.onRefused(error);
        } else if (scope !== 'elsewhere' && this.denies(error)) {
          // The service accepted the credential and denied one action: no need to prove it again.
          this.proven = true;
        }
      }
      throw error;
    } finally {
      linked.release();
    }
  }

  /** Bounded concurrency: waits for a free place (or the caller giving up) before running `work`. */
  private async slot<T>(signal: AbortSignal | undefined, work: () => Promise<T>): Promise<T> {
    if (this.running >= this.limit) {
      await new Promise<void>((resolve, reject) => {
        const onAbort = () => {
          const index = this.queue.indexOf(wake);
          if (index >= 0) this.queue.splice(index, 1);
          reject(signal!.reason);
        };
        const wake = () => {
          signal?.removeEventListener('abort', onAbort);
          resolve();
        };
        signal?.addEventListener('abort', onAbort, { once: true });
        this.queue.push(wake);
      });
    }
    this.running++;
    try {
      return await work();
    } finally {
      this.running--;
      this.queue.shift()?.();
    }
  }
}
