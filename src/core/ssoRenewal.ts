import { Logger, silentLogger } from '../api/logger';
import type { TemporaryKeys } from '../api/ssoPortal';
import { Clock, MAX_TIMER_DELAY_MS, systemClock } from './clock';
import { keysDueIn, SsoCredential } from './ssoCredential';
import { withKeys } from './ssoSignIn';

/** After a failed renewal (network, 5xx), the next try; a refused SSO token is not tried again. */
export const SSO_RETRY_MS = 60_000;

export interface SsoRenewalDeps {
  read(): Promise<SsoCredential | undefined>;
  /** New temporary keys for the stored agency, with the stored SSO token; under `signal`. */
  fetchKeys(credential: SsoCredential, signal: AbortSignal): Promise<TemporaryKeys>;
  /** Stores `next` only while `current` is still stored; false when Sign Out or a new sign-in came first. */
  replace(current: SsoCredential, next: SsoCredential): Promise<boolean>;
  /** The SSO token has lapsed or was refused: asked once per token. */
  /** `keysRefused`: the SSO sign-in itself is still good, but the keys it gives are refused. */
  ask(credential: SsoCredential, keysRefused?: boolean): void;
  readonly clock?: Clock;
  readonly logger?: Logger;
}

/**
 * Keeps an IAM Identity Center sign-in's temporary keys fresh: renewed before they lapse, without
 * asking, while the SSO token lasts; then the user is asked once. One timer and at most one request,
 * both ended by dispose() (Sign Out): nothing is sent after it.
 */
export class SsoRenewal {
  private timer: unknown;
  private inFlight: AbortController | undefined;
  private generation = 0;
  private askedFor: { readonly token: string; readonly kinds: Set<'keysRefused' | 'ended'> } | undefined;
  /** When keys were last renewed or came back lapsed: the next try is at least SSO_RETRY_MS later. */
  private lastTry: number | undefined;
  /** The SSO token whose last renewal gave lapsed keys: a second time in a row, the user is asked. */
  private lapsedFor: string | undefined;
  /** The keys a forced renewal gave: refused as expired again, they are not renewed a third time. */
  private forcedKeys: string | undefined;
  /** A renewal asked for by renewNow() and not yet sent: a watch() meanwhile keeps it. */
  private forcing = false;
  private disposed = false;
  private readonly clock: Clock;
  private readonly logger: Logger;

  constructor(private readonly deps: SsoRenewalDeps) {
    this.clock = deps.clock ?? systemClock;
    this.logger = deps.logger ?? silentLogger;
  }

  /** Re-reads the stored sign-in and arms the one timer for it. */
  async watch(): Promise<void> {
    const generation = this.restart();
    const credential = await this.deps.read().catch(() => undefined);
    // A newer watch() took over: it reads `forcing` itself, so a renewNow() in between is kept.
    if (generation !== this.generation) return;
    if (this.disposed || !credential) {
      // Nothing to renew: a later sign-in starts on its own schedule, not with a renewal at once.
      this.forcing = false;
      return;
    }
    const now = this.clock.now();
    if (this.forcing && this.forcedKeys === credential.accessKeyId) {
      this.askOnce(credential, 'the keys renewed after a refusal were refused as expired too', true);
      // The notice may be dismissed: while the SSO token is good, the keys are still renewed before they lapse.
      this.arm(credential, generation, keysDueIn(credential, now));
      return;
    }
    const earliest = this.lastTry === undefined ? 0 : this.lastTry + SSO_RETRY_MS - now;
    this.arm(
      credential,
      generation,
      this.forcing ? earliest : Math.max(keysDueIn(credential, now), earliest),
      this.forcing,
    );
  }

  /**
   * The service refused the keys as expired while their stored expiry says they are good (revoked,
   * a clock that is off): new keys now, whatever keysDueIn says, at most once a minute. When the
   * keys a forced renewal gave are refused too, another renewal would only start a loop: the user
   * is asked once instead.
   */
  async renewNow(): Promise<void> {
    if (this.inFlight) return;
    this.forcing = true;
    await this.watch();
  }

  get scheduled(): boolean {
    return this.timer !== undefined;
  }

  get renewing(): boolean {
    return this.inFlight !== undefined;
  }

  /** Sign Out: the timer and a renewal in flight end now. */
  dispose(): void {
    this.disposed = true;
    this.restart();
  }

  private restart(): number {
    if (this.timer !== undefined) this.clock.clearTimeout(this.timer);
    this.timer = undefined;
    this.inFlight?.abort();
    this.inFlight = undefined;
    return ++this.generation;
  }

  private arm(credential: SsoCredential, generation: number, dueIn: number, forced = false): void {
    const due = Math.max(0, dueIn);
    const wait = Math.min(due, MAX_TIMER_DELAY_MS);
    this.timer = this.clock.setTimeout(() => {
      this.timer = undefined;
      if (generation !== this.generation) return;
      if (wait < due) void this.watch();
      else void this.renew(credential, generation, forced);
    }, wait);
  }

  private async renew(credential: SsoCredential, generation: number, forced = false): Promise<void> {
    if (this.clock.now() >= credential.tokenExpiresAt) {
      this.askOnce(credential, 'the SSO token has expired');
      return;
    }
    const controller = new AbortController();
    this.inFlight = controller;
    let keys: TemporaryKeys;
    try {
      keys = await this.deps.fetchKeys(credential, controller.signal);
    } catch (error) {
      if (controller.signal.aborted || generation !== this.generation) return;
      this.inFlight = undefined;
      const status = (error as { status?: unknown }).status;
      if (status === 401 || status === 403) {
        this.askOnce(credential, `the portal refused the SSO token (${(error as Error).message})`);
        return;
      }
      this.logger.warn(
        `Renewing the IAM Identity Center keys failed: ${(error as Error).message}; trying again in a minute`,
      );
      this.arm(credential, generation, SSO_RETRY_MS, forced);
      return;
    }
    if (generation !== this.generation || controller.signal.aborted) return;
    this.inFlight = undefined;
    const now = this.clock.now();
    this.lastTry = now;
    const next = withKeys(credential, keys, now);
    if (next.keysExpireAt <= now) {
      if (this.lapsedFor === credential.accessToken) {
        this.askOnce(credential, 'the portal keeps handing out keys that have already expired');
        return;
      }
      this.lapsedFor = credential.accessToken;
      this.logger.warn('The IAM Identity Center portal gave keys that have already expired; trying again in a minute');
      this.arm(credential, generation, SSO_RETRY_MS);
      return;
    }
    this.lapsedFor = undefined;
    this.forcedKeys = forced ? next.accessKeyId : undefined;
    this.forcing = false;
    if (!(await this.deps.replace(credential, next).catch(() => false))) {
      this.logger.info('Dropped renewed IAM Identity Center keys: the sign-in changed meanwhile.');
      return;
    }
    this.logger.info(
      `Renewed the IAM Identity Center keys of ${credential.accountName}/${credential.agencyName}; valid until ${new Date(keys.expiresAt).toISOString()}`,
    );
    if (generation === this.generation) await this.watch();
  }

  private askOnce(credential: SsoCredential, why: string, keysRefused = false): void {
    this.forcing = false;
    // Each notice once per SSO token, told apart: the keys-refused one promises renewal, so the
    // sign-in's real end must still be told after it.
    if (this.askedFor?.token !== credential.accessToken)
      this.askedFor = { token: credential.accessToken, kinds: new Set() };
    const kind = keysRefused ? 'keysRefused' : 'ended';
    if (this.askedFor.kinds.has(kind)) return;
    this.askedFor.kinds.add(kind);
    this.logger.info(`IAM Identity Center sign-in needs the user: ${why}`);
    this.deps.ask(credential, keysRefused);
  }
}
