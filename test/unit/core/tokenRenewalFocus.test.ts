import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Credential, IamCredential, renewalTime, RENEW_BEFORE_MS } from '../../../src/core/credentials';
import { RenewalDeps, TokenRenewal, UNFOCUSED_RENEWAL_MS } from '../../../src/core/tokenRenewal';
import { FakeClock } from '../fakeClock';

const START = Date.parse('2026-11-29T12:00:00Z');
const DAY = 24 * 60 * 60_000;

/** What every window's SecretStorage holds, and how many tokens IAM has issued. */
type Shared = { stored: Credential | undefined; issued: number };

/** One window's view of a SecretStorage every window shares, and whether that window has focus. */
class Window {
  focused = false;
  signIns = 0;
  asks: string[] = [];
  waiting: Array<() => void> = [];

  constructor(
    readonly clock: FakeClock,
    readonly shared: Shared,
  ) {}

  focus(): void {
    this.focused = true;
    for (const resolve of this.waiting.splice(0)) resolve();
  }

  renewal(overrides: Partial<RenewalDeps> = {}): TokenRenewal {
    return new TokenRenewal({
      clock: this.clock,
      read: async () => this.shared.stored,
      signIn: async () => {
        this.signIns++;
        return credential(this.clock, this.shared);
      },
      replace: async (current, next) => {
        if (this.shared.stored?.kind !== 'iam' || this.shared.stored.token !== current.token) return false;
        this.shared.stored = next;
        return true;
      },
      ask: (_credential, reason) => this.asks.push(reason),
      whenFocused: (signal) =>
        this.focused || signal.aborted
          ? Promise.resolve()
          : new Promise<void>((resolve) => {
              const done = () => {
                this.waiting = this.waiting.filter((w) => w !== done);
                resolve();
              };
              this.waiting.push(done);
              signal.addEventListener('abort', done, { once: true });
            }),
      ...overrides,
    });
  }
}

function credential(
  clock: FakeClock,
  shared: { issued: number },
  overrides: Partial<IamCredential> = {},
): IamCredential {
  const expiresAt = new Date(clock.now() + DAY).toISOString();
  return {
    kind: 'iam',
    token: `token-${++shared.issued}`,
    expiresAt,
    domainName: 'acme',
    userName: 'dev',
    iamEndpoint: 'https://iam.example.com',
    password: 'remembered',
    renewAt: renewalTime(clock.now(), expiresAt),
    ...overrides,
  };
}

/** A SecretStorage every window shares, holding a token issued now. */
function storeWithToken(clock: FakeClock, overrides: Partial<IamCredential> = {}): Shared {
  const shared: Shared = { stored: undefined, issued: 0 };
  shared.stored = credential(clock, shared, overrides);
  return shared;
}

/** One window without focus watching a fresh token, and the clock a minute past that token's renewal time. */
async function unfocusedPastRenewalTime(overrides: Partial<IamCredential> = {}) {
  const clock = new FakeClock(START);
  const shared = storeWithToken(clock, overrides);
  const window = new Window(clock, shared);
  const renewal = window.renewal();
  await renewal.watch();
  await clock.advance(DAY - RENEW_BEFORE_MS + 60_000);
  return { clock, shared, window, renewal };
}

test('a renewal due while the window has no focus waits for it, then renews at once', async () => {
  const { clock, shared, window, renewal } = await unfocusedPastRenewalTime();
  assert.equal(window.signIns, 0, 'no sign-in from a window without focus');
  window.focus();
  await clock.advance(0);
  assert.equal(window.signIns, 1, 'signed in once the window got focus');
  assert.equal((shared.stored as IamCredential).token, 'token-2');
  renewal.dispose();
});

test('of several windows only the focused one renews; the others take its token from the shared store', async () => {
  const clock = new FakeClock(START);
  const shared = storeWithToken(clock);
  const windows = [new Window(clock, shared), new Window(clock, shared), new Window(clock, shared)];
  windows[0].focus();
  const renewals = windows.map((w) => w.renewal());
  for (const r of renewals) await r.watch();
  await clock.advance(DAY - RENEW_BEFORE_MS + 60_000);
  assert.deepEqual(
    windows.map((w) => w.signIns),
    [1, 0, 0],
  );
  // SecretStorage tells every window of the change: each watches the new token.
  for (const r of renewals) await r.watch();
  // A background window focused later finds a fresh token: nothing to renew, nothing to ask.
  windows[1].focus();
  await clock.advance(60_000);
  assert.deepEqual(
    windows.map((w) => w.signIns),
    [1, 0, 0],
  );
  assert.deepEqual(
    windows.flatMap((w) => w.asks),
    [],
  );
  for (const r of renewals) r.dispose();
});

test('a window without focus does not ask for a sign-in either; it asks once focused', async () => {
  const { clock, window, renewal } = await unfocusedPastRenewalTime({ password: undefined });
  assert.deepEqual(window.asks, []);
  window.focus();
  await clock.advance(0);
  assert.deepEqual(window.asks, ['expiring']);
  renewal.dispose();
});

test('with no window focused, a remembered password renews anyway shortly before the token lapses; a code still waits', async () => {
  const { clock, shared, window, renewal } = await unfocusedPastRenewalTime();
  assert.equal(window.signIns, 0, 'waits for focus while there is time');
  await clock.advance(RENEW_BEFORE_MS - 60_000 - UNFOCUSED_RENEWAL_MS);
  assert.equal(window.signIns, 1, 'renewed before the token lapsed, though no window had focus');
  assert.equal((shared.stored as IamCredential).token, 'token-2');
  renewal.dispose();

  const mfa = storeWithToken(clock, { mfa: true });
  const other = new Window(clock, mfa);
  const asking = other.renewal();
  await asking.watch();
  await clock.advance(DAY);
  assert.deepEqual(other.asks, [], 'only a focused window asks for a code');
  other.focus();
  await clock.advance(0);
  assert.deepEqual(other.asks, ['mfa']);
  asking.dispose();
});

test('a renewal waiting for focus stops waiting when the credential changes or the renewal is disposed', async () => {
  const { clock, window, renewal } = await unfocusedPastRenewalTime({ password: undefined });
  assert.equal(window.waiting.length, 1, 'one renewal waits for focus');
  await renewal.watch();
  await clock.advance(0);
  assert.ok(window.waiting.length <= 1, `${window.waiting.length} waiting after a second watch()`);
  renewal.dispose();
  await clock.advance(0);
  assert.equal(window.waiting.length, 0, 'nothing left waiting after dispose');
});
