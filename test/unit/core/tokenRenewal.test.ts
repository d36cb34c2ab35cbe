import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MAX_TIMER_DELAY_MS } from '../../../src/core/clock';
import { Credential, IamCredential, renewalTime, RENEW_BEFORE_MS } from '../../../src/core/credentials';
import { RENEWAL_FLOOR_MS, TokenRenewal } from '../../../src/core/tokenRenewal';
import { IamMfaRequiredError } from '../../../src/api/iamErrors';
import { FakeClock } from '../fakeClock';

const MINUTE = 60_000;
const START = Date.parse('2026-11-29T12:00:00Z');

/** A SecretStorage stand-in with IAM behind it, counting what happens. */
class World {
  stored: Credential | undefined;
  signIns = 0;
  asks: string[] = [];
  /** Resolves the pending sign-ins when a test wants to hold them. */
  hold: Array<() => void> | undefined;
  fail = false;
  /** What IAM answers instead of a token, when set. */
  failWith: Error | undefined;
  readDelayMs = 0;
  tokenLifetimeMs = 24 * 60 * MINUTE;
  private issued = 0;

  constructor(readonly clock: FakeClock) {}

  credential(overrides: Partial<IamCredential> = {}): IamCredential {
    const now = this.clock.now();
    const expiresAt = new Date(now + this.tokenLifetimeMs).toISOString();
    return {
      kind: 'iam',
      token: `token-${++this.issued}`,
      expiresAt,
      domainName: 'acme',
      userName: 'dev',
      iamEndpoint: 'https://iam.example.com',
      password: 'remembered',
      renewAt: renewalTime(now, expiresAt),
      ...overrides,
    };
  }

  renewal(): TokenRenewal {
    return new TokenRenewal({
      clock: this.clock,
      read: async () => {
        if (this.readDelayMs) await new Promise<void>((resolve) => this.clock.setTimeout(resolve, this.readDelayMs));
        return this.stored;
      },
      signIn: async () => {
        this.signIns++;
        if (this.hold) await new Promise<void>((resolve) => this.hold!.push(resolve));
        if (this.failWith) throw this.failWith;
        if (this.fail) throw new Error('IAM is down');
        return this.credential();
      },
      replace: async (current, next) => {
        if (this.stored?.kind !== 'iam' || this.stored.token !== current.token) return false;
        this.stored = next;
        return true;
      },
      ask: (_credential, reason) => this.asks.push(reason),
    });
  }
}

test('a token obtained now is renewed ten minutes before expiry, half-way for short-lived ones, on the local clock', () => {
  const now = START;
  assert.equal(
    renewalTime(now, new Date(now + 24 * 60 * MINUTE).toISOString()),
    now + 24 * 60 * MINUTE - RENEW_BEFORE_MS,
  );
  assert.equal(renewalTime(now, new Date(now + 5 * MINUTE).toISOString()), now + 2.5 * MINUTE);
  // The local clock runs a day ahead of IAM's: the lifetime comes from IAM's own two times.
  const iamNow = now - 24 * 60 * MINUTE;
  assert.equal(
    renewalTime(now, new Date(iamNow + 24 * 60 * MINUTE).toISOString(), new Date(iamNow).toISOString()),
    now + 24 * 60 * MINUTE - RENEW_BEFORE_MS,
  );
});

test('overlapping watch() calls leave exactly one timer', async () => {
  const clock = new FakeClock(START);
  const world = new World(clock);
  world.stored = world.credential();
  world.readDelayMs = 10;
  const renewal = world.renewal();
  // Sign-in calls watch() itself and the credential listener calls it again, both reading slowly.
  const a = renewal.watch();
  const b = renewal.watch();
  await clock.advance(20);
  await Promise.all([a, b]);
  assert.equal(clock.pending, 1);
  await clock.advance(24 * 60 * MINUTE);
  assert.equal(world.signIns, 1, 'one renewal for one expiry');
});

test('a token already inside the lead is renewed at most once a minute, not in a loop', async () => {
  const clock = new FakeClock(START);
  const world = new World(clock);
  world.tokenLifetimeMs = 5 * MINUTE;
  // Stored by an older version: no renewAt, and five minutes left is inside the ten-minute lead.
  const { renewAt: _ignored, ...old } = world.credential();
  world.stored = old;
  const renewal = world.renewal();
  await renewal.watch();
  await clock.advance(12_000);
  assert.equal(world.signIns, 1, 'renewed at once');
  await clock.advance(10 * MINUTE);
  // New five-minute tokens are renewed half-way, every 2.5 minutes.
  assert.ok(world.signIns <= 1 + Math.ceil((10 * MINUTE) / RENEWAL_FLOOR_MS), `${world.signIns} sign-ins`);
  assert.ok(world.signIns >= 4, `${world.signIns} sign-ins`);
  assert.equal(clock.pending, 1);
});

test('a local clock far ahead of IAM cannot make renewal spin', async () => {
  const clock = new FakeClock(START);
  const world = new World(clock);
  // Every token looks expired a day ago.
  world.stored = world.credential({ expiresAt: new Date(START - 24 * 60 * MINUTE).toISOString(), renewAt: undefined });
  const original = world.credential.bind(world);
  world.credential = (o = {}) =>
    original({ expiresAt: new Date(clock.now() - 24 * 60 * MINUTE).toISOString(), renewAt: undefined, ...o });
  const renewal = world.renewal();
  await renewal.watch();
  await clock.advance(11 * MINUTE);
  assert.ok(world.signIns <= 12, `${world.signIns} sign-ins in 11 minutes`);
});

/** A token due for renewal now, its sign-in sent and held until the test calls each of `hold`. */
async function renewalHeld() {
  const clock = new FakeClock(START);
  const world = new World(clock);
  world.stored = world.credential({ renewAt: START });
  const hold: Array<() => void> = [];
  world.hold = hold;
  const renewal = world.renewal();
  await renewal.watch();
  await clock.advance(0);
  return { clock, world, renewal, hold };
}

test('Sign Out during a renewal drops its result; no timer stays behind', async () => {
  const { clock, world, renewal, hold } = await renewalHeld();
  assert.equal(world.signIns, 1);
  // The user signs out while IAM is answering; the credential listener calls watch().
  world.stored = undefined;
  await renewal.watch();
  for (const release of hold) release();
  await clock.advance(30 * MINUTE);
  assert.equal(world.stored, undefined, 'the renewed token was not stored');
  assert.equal(world.signIns, 1, 'no sign-in after Sign Out');
  assert.equal(clock.pending, 0);
});

test('another credential stored during a renewal wins', async () => {
  const { clock, world, hold } = await renewalHeld();
  const accessKey: Credential = { kind: 'accessKey', accessKeyId: 'AKAKAKAK', secretKey: 'sk' };
  world.stored = accessKey;
  for (const release of hold) release();
  await clock.advance(MINUTE);
  assert.equal(world.stored, accessKey);
});

test('a failed renewal is retried once silently, then the user is asked once', async () => {
  const clock = new FakeClock(START);
  const world = new World(clock);
  world.stored = world.credential({ renewAt: START });
  world.fail = true;
  const renewal = world.renewal();
  await renewal.watch();
  await clock.advance(0);
  assert.equal(world.signIns, 1);
  assert.deepEqual(world.asks, []);
  await clock.advance(RENEWAL_FLOOR_MS);
  assert.equal(world.signIns, 2);
  assert.deepEqual(world.asks, ['failed']);
  await clock.advance(60 * MINUTE);
  await renewal.watch();
  await clock.advance(60 * MINUTE);
  assert.equal(world.signIns, 2, 'no more attempts until the credential changes');
  assert.deepEqual(world.asks, ['failed']);
  // Signing in again (a new token) starts over.
  world.fail = false;
  world.stored = world.credential({ renewAt: clock.now() + MINUTE });
  await renewal.watch();
  await clock.advance(2 * MINUTE);
  assert.equal(world.signIns, 3);
});

test('without a remembered password the user is asked once, when it is time', async () => {
  const clock = new FakeClock(START);
  const world = new World(clock);
  world.stored = world.credential({ password: undefined });
  const renewal = world.renewal();
  await renewal.watch();
  await clock.advance(24 * 60 * MINUTE - RENEW_BEFORE_MS - 1000);
  assert.deepEqual(world.asks, []);
  await clock.advance(2000);
  assert.deepEqual(world.asks, ['expiring']);
  await renewal.watch();
  await clock.advance(60 * MINUTE);
  assert.deepEqual(world.asks, ['expiring']);
  assert.equal(world.signIns, 0);
});

test('a renewal further away than a timer can wait re-checks instead of firing early', async () => {
  const clock = new FakeClock(START);
  const world = new World(clock);
  world.tokenLifetimeMs = 60 * 24 * 60 * MINUTE;
  world.stored = world.credential();
  let reads = 0;
  const renewal = world.renewal();
  const read = world.stored;
  Object.defineProperty(world, 'stored', {
    get: () => {
      reads++;
      return read;
    },
    set: () => undefined,
  });
  await renewal.watch();
  await clock.advance(MAX_TIMER_DELAY_MS + 1);
  assert.equal(world.signIns, 0, 'not renewed 25 days early');
  assert.ok(reads >= 2, 'looked again when the timer ran out');
  assert.equal(clock.pending, 1);
});

test('dispose stops everything', async () => {
  const clock = new FakeClock(START);
  const world = new World(clock);
  world.stored = world.credential();
  const renewal = world.renewal();
  await renewal.watch();
  renewal.dispose();
  assert.equal(clock.pending, 0);
  await renewal.watch();
  assert.equal(clock.pending, 0);
});

test('a token the service refused before its time is retried once a minute later, then the user is asked', async () => {
  const clock = new FakeClock(START);
  const world = new World(clock);
  world.stored = world.credential();
  world.fail = true;
  const renewal = world.renewal();
  await renewal.watch();
  await clock.advance(60 * MINUTE);
  // A request answered "token expired" though renewal is hours away (revoked, or a clock that is off).
  await renewal.expired();
  assert.equal(world.signIns, 1);
  await clock.advance(RENEWAL_FLOOR_MS + 1000);
  assert.equal(world.signIns, 2, 'the one silent retry came a minute later, not at the token’s renewal time');
  assert.deepEqual(world.asks, ['failed']);
});

test('arming again replaces the timer instead of adding one', async () => {
  const clock = new FakeClock(START);
  const world = new World(clock);
  world.stored = world.credential();
  const renewal = world.renewal();
  await renewal.watch();
  await renewal.watch();
  assert.equal(clock.pending, 1, 'one renewal timer, armed');
  await renewal.expired();
  assert.equal(clock.pending, 1, 'still one, re-armed');
});

test('a user whose sign-in asks for an MFA code is asked at once, once, and never retried silently', async () => {
  const clock = new FakeClock(START);
  const world = new World(clock);
  world.stored = world.credential({ renewAt: START + MINUTE });
  world.failWith = new IamMfaRequiredError('req-1');
  const renewal = world.renewal();
  await renewal.watch();
  await clock.advance(MINUTE);
  assert.equal(world.signIns, 1, 'one attempt: the code cannot be typed without the user');
  assert.deepEqual(world.asks, ['mfa']);
  await clock.advance(60 * MINUTE);
  assert.equal(world.signIns, 1, 'no silent retry');
  assert.deepEqual(world.asks, ['mfa'], 'asked once');
  assert.equal(clock.pending, 0);
});

test('a token got with an MFA code is renewed by asking with "mfa" at once, never by a password-only request', async () => {
  const clock = new FakeClock(START);
  const world = new World(clock);
  // Remembered password or not: the code must be typed, so nothing is sent before the user is asked.
  for (const password of ['remembered', undefined]) {
    world.asks = [];
    const { password: _remembered, ...withoutPassword } = world.credential({ renewAt: START + MINUTE, mfa: true });
    world.stored = password ? { ...withoutPassword, password } : withoutPassword;
    const renewal = world.renewal();
    await renewal.watch();
    await clock.advance(MINUTE);
    assert.equal(world.signIns, 0, `no password-only request (password ${password ? 'remembered' : 'not kept'})`);
    assert.deepEqual(world.asks, ['mfa']);
    await clock.advance(60 * MINUTE);
    assert.deepEqual(world.asks, ['mfa'], 'asked once');
    renewal.dispose();
  }
});
