import { IamMfaRequiredError } from '../api/iamErrors';
import { Logger, silentLogger } from '../api/logger';
import { Clock, MAX_TIMER_DELAY_MS, systemClock } from './clock';
import { Credential, IamCredential, renewalDueIn } from './credentials';

/** Least time between two renewal attempts, whatever the token's expiry says (clock skew, short-lived tokens). */
export const RENEWAL_FLOOR_MS = 60_000;
/** Silent attempts for one token before the user is asked: the first, and one retry. */
export const SILENT_ATTEMPTS = 2;
/**
 * A silent renewal waits for a focused window at most until this long before the token lapses:
 * with no window focused (the view watched on another screen, a night away) a window renews
 * anyway rather than let the view fail with an expired token.
 */
export const UNFOCUSED_RENEWAL_MS = 2 * 60_000;

export type RenewalAsk = 'expiring' | 'failed' | 'mfa';

export interface RenewalDeps {
  /** The credential stored now. */
  read(): Promise<Credential | undefined>;
  /** Signs in again with the remembered password; resolves to the new credential, not yet stored. */
  signIn(credential: IamCredential & { readonly password: string }): Promise<IamCredential>;
  /**
   * Stores `next` only if `current` is still what is stored (same token), as one step with respect
   * to the store's other writes; false when the credential changed meanwhile (Sign Out, Clear,
   * another credential), in which case `next` is dropped.
   */
  replace(current: IamCredential, next: IamCredential): Promise<boolean>;
  /**
   * Asks the user to sign in; called at most once per token. 'mfa': IAM wants a virtual MFA code
   * (the token was got with one, or IAM said so), which only the user can type, so nothing is
   * renewed silently; a remembered password may still serve for the password part.
   */
  ask(credential: IamCredential, reason: RenewalAsk): void;
  /**
   * Resolves when this window has focus, or when `signal` aborts: every window renews the same
   * stored token, so the focused one signs in or asks; the others get its token through the
   * store's change (watch()).
   */
  whenFocused?(signal: AbortSignal): Promise<void>;
  readonly clock?: Clock;
  readonly logger?: Logger;
}

/**
 * Keeps an IAM sign-in alive. One timer at most, owned by the latest watch(): every call bumps a
 * generation, and an older call that resumes after its await finds it stale and arms nothing. A
 * renewal renews only the token still stored, at most once a minute, retries once silently, then
 * asks the user and waits for the credential to change.
 */
export class TokenRenewal {
  private generation = 0;
  private timer: unknown;
  private lastAttemptAt = Number.NEGATIVE_INFINITY;
  /** The token the counters below are about. */
  private tracked: string | undefined;
  private failures = 0;
  private asked = false;
  private disposed = false;
  /** A renewal waiting for a focused window, ended by cancel(). */
  private focusWait: AbortController | undefined;
  private readonly clock: Clock;
  private readonly logger: Logger;

  constructor(private readonly deps: RenewalDeps) {
    this.clock = deps.clock ?? systemClock;
    this.logger = deps.logger ?? silentLogger;
  }

  /** Re-reads the stored credential and arms the one timer for it; call whenever it may have changed. */
  async watch(): Promise<void> {
    const generation = ++this.generation;
    this.cancel();
    let credential: Credential | undefined;
    try {
      credential = await this.deps.read();
    } catch (error) {
      this.logger.error(`Reading the stored credential failed: ${(error as Error).message}`);
      return;
    }
    if (generation !== this.generation || this.disposed) return;
    this.arm(credential, generation);
  }

  /** A request was refused because the token expired: renew now, within the same limits. */
  async expired(): Promise<void> {
    const generation = ++this.generation;
    this.cancel();
    await this.renew(generation);
  }

  /** Whether a timer is armed (for tests and diagnostics). */
  get scheduled(): boolean {
    return this.timer !== undefined;
  }

  dispose(): void {
    this.disposed = true;
    this.generation++;
    this.cancel();
  }

  private arm(credential: Credential | undefined, generation: number): void {
    if (credential?.kind !== 'iam') {
      this.track(undefined);
      return;
    }
    this.track(credential.token);
    if (this.asked) return;
    this.cancel();
    const now = this.clock.now();
    const floor = this.lastAttemptAt + RENEWAL_FLOOR_MS - now;
    // After a failed attempt the retry is a minute later, however far the token's own renewal time
    // is: the service has already refused it (revoked, or a clock that is off).
    const due = Math.max(0, this.failures > 0 ? floor : Math.max(renewalDueIn(credential, now) ?? 0, floor));
    // Past what a timer can wait, wake up and work it out again rather than fire early.
    const wait = Math.min(due, MAX_TIMER_DELAY_MS);
    this.timer = this.clock.setTimeout(() => {
      this.timer = undefined;
      if (generation !== this.generation) return;
      if (wait < due) void this.watch();
      else void this.renew(generation);
    }, wait);
  }

  private track(token: string | undefined): void {
    if (token === this.tracked) return;
    this.tracked = token;
    this.failures = 0;
    this.asked = false;
  }

  private async renew(generation: number): Promise<void> {
    await this.waitForFocus(await this.deps.read().catch(() => undefined));
    const credential = await this.deps.read().catch(() => undefined);
    if (generation !== this.generation || this.disposed || credential?.kind !== 'iam') return;
    this.track(credential.token);
    if (this.asked) return;
    const password = credential.password;
    // A code only the user can type: the password alone would be refused and count as a failed login.
    if (!password || credential.mfa) {
      this.asked = true;
      this.deps.ask(credential, credential.mfa ? 'mfa' : 'expiring');
      return;
    }
    const now = this.clock.now();
    if (now < this.lastAttemptAt + RENEWAL_FLOOR_MS) {
      this.arm(credential, generation);
      return;
    }
    this.lastAttemptAt = now;
    let next: IamCredential;
    try {
      next = await this.deps.signIn({ ...credential, password });
    } catch (error) {
      if (this.disposed || this.tracked !== credential.token) return;
      if (error instanceof IamMfaRequiredError) {
        this.logger.info(`Renewing the IAM token of ${credential.userName} needs an MFA code: asking the user`);
        this.asked = true;
        this.deps.ask(credential, 'mfa');
        return;
      }
      this.failures++;
      this.logger.warn(
        `Renewing the IAM token of ${credential.userName} failed (attempt ${this.failures}): ${(error as Error).message}`,
      );
      if (this.failures >= SILENT_ATTEMPTS) {
        this.asked = true;
        this.deps.ask(credential, 'failed');
      } else if (generation === this.generation) {
        this.arm(credential, generation);
      }
      return;
    }
    if (this.disposed) return;
    // The store compares before it writes: a Sign Out or a new credential during the sign-in wins.
    const stored = await this.deps.replace(credential, next).catch(() => false);
    if (!stored) {
      this.logger.info(`Dropped a renewed IAM token: the credential changed while it was being renewed.`);
      return;
    }
    this.logger.info(`Renewed the IAM token of ${next.userName}; valid until ${next.expiresAt}`);
    await this.watch();
  }

  /** Until a window has focus; a silent renewal no later than UNFOCUSED_RENEWAL_MS before expiry. */
  private async waitForFocus(credential: Credential | undefined): Promise<void> {
    if (!this.deps.whenFocused) return;
    const waiting = new AbortController();
    this.focusWait = waiting;
    let deadline: unknown;
    if (credential?.kind === 'iam' && credential.password && !credential.mfa) {
      const left = Date.parse(credential.expiresAt) - UNFOCUSED_RENEWAL_MS - this.clock.now();
      deadline = this.clock.setTimeout(() => waiting.abort(), Math.max(0, left));
    }
    try {
      await this.deps.whenFocused(waiting.signal);
    } finally {
      if (deadline !== undefined) this.clock.clearTimeout(deadline);
      if (this.focusWait === waiting) this.focusWait = undefined;
    }
  }

  private cancel(): void {
    if (this.timer !== undefined) this.clock.clearTimeout(this.timer);
    this.timer = undefined;
    // A renewal waiting for focus stops waiting (its generation is stale): no listener is left behind.
    this.focusWait?.abort();
    this.focusWait = undefined;
  }
}
