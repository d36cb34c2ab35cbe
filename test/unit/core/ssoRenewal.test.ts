import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { TemporaryKeys } from '../../../src/api/ssoPortal';
import { credentialFor, parseCredentialSet, serializeCredentialSet } from '../../../src/core/credentials';
import { SsoCredential } from '../../../src/core/ssoCredential';
import { SsoRenewal, SSO_RETRY_MS } from '../../../src/core/ssoRenewal';
import { pollForToken, SsoFlowEnded } from '../../../src/core/ssoSignIn';
import { anSsoCredential } from '../builders';
import { FakeClock } from '../fakeClock';

const HOUR = 3_600_000;
const MIN = 60_000;

const sso = anSsoCredential;

/** A store of one sign-in and a portal that hands out keys for an hour, counting its calls. */
function harness(clock: FakeClock, initial: SsoCredential) {
  let stored: SsoCredential | undefined = initial;
  const calls: AbortSignal[] = [];
  const asked: SsoCredential[] = [];
  const askedWhy: string[] = [];
  let fail: Error | undefined;
  let hold: Promise<void> | undefined;
  let keysFor = (now: number): Pick<TemporaryKeys, 'expiresAt' | 'lifetimeMs'> => ({ expiresAt: now + HOUR });
  const renewal = new SsoRenewal({
    clock,
    read: async () => stored,
    fetchKeys: async (_c, signal): Promise<TemporaryKeys> => {
      calls.push(signal);
      if (hold) await hold;
      if (signal.aborted) throw signal.reason;
      if (fail) throw fail;
      const n = calls.length;
      // A renewal loop would never let the fake clock's advance() return: stop it so the test can fail.
      if (n > 50) renewal.dispose();
      return { accessKeyId: `AK${n}`, secretKey: `SK${n}`, securityToken: `ST${n}`, ...keysFor(clock.now()) };
    },
    replace: async (current, next) => {
      if (stored?.accessKeyId !== current.accessKeyId) return false;
      stored = next;
      return true;
    },
    ask: (c, keysRefused) => {
      asked.push(c);
      askedWhy.push(keysRefused ? 'keysRefused' : 'ended');
    },
  });
  return {
    renewal,
    calls,
    asked,
    askedWhy,
    get stored() {
      return stored;
    },
    signOut: () => {
      stored = undefined;
      renewal.dispose();
    },
    /** Another window signed out or in: the store changes under this renewal, which is not disposed. */
    store: (next: SsoCredential | undefined) => (stored = next),
    failWith: (error: Error | undefined) => (fail = error),
    holdWith: (promise: Promise<void> | undefined) => (hold = promise),
    portalGives: (keys: typeof keysFor) => (keysFor = keys),
  };
}

/**
 * At 10 h, keys good for another hour refused, renewed at once, and the new keys refused too: the
 * user has been asked once ("keys refused again"). The SSO token lasts until `tokenExpiresAt`.
 */
async function refusedAgain(tokenExpiresAt: number) {
  const clock = new FakeClock(10 * HOUR);
  const h = harness(clock, sso({ keysObtainedAt: 10 * HOUR, keysExpireAt: 11 * HOUR, tokenExpiresAt }));
  await h.renewal.watch();
  await h.renewal.renewNow();
  await clock.advance(0);
  await h.renewal.renewNow();
  await clock.advance(0);
  return { clock, h };
}

describe('SsoRenewal (fake clock)', () => {
  test("this machine's clock 2 h ahead of the portal's: keys of an hour are renewed once, 55 minutes later, not in a loop", async () => {
    const clock = new FakeClock(10 * HOUR);
    const skew = 2 * HOUR;
    const h = harness(clock, sso({ keysObtainedAt: 10 * HOUR, keysExpireAt: 9 * HOUR, tokenExpiresAt: 20 * HOUR }));
    // The portal's `expiration` is on its clock; its Date header gives the keys' lifetime on that clock.
    h.portalGives((now) => ({ expiresAt: now - skew + HOUR, lifetimeMs: HOUR }));
    await h.renewal.watch();
    await clock.advance(0);
    assert.equal(h.calls.length, 1, 'the lapsed keys are renewed at once');
    await clock.advance(50 * MIN);
    assert.equal(h.calls.length, 1, 'no renewal while the new keys have more than 5 minutes left');
    await clock.advance(6 * MIN);
    assert.equal(h.calls.length, 2, 'renewed 5 minutes before the new keys lapse');
    h.signOut();
  });

  test('a portal that hands out keys already lapsed: one retry a minute later, then the user is asked once; never a loop', async () => {
    const clock = new FakeClock(10 * HOUR);
    const h = harness(clock, sso({ keysObtainedAt: 9 * HOUR, keysExpireAt: 10 * HOUR, tokenExpiresAt: 20 * HOUR }));
    h.portalGives((now) => ({ expiresAt: now - MIN }));
    await h.renewal.watch();
    await clock.advance(0);
    assert.equal(h.calls.length, 1);
    assert.equal(h.stored?.accessKeyId, 'AK0', 'lapsed keys are not stored');
    await clock.advance(SSO_RETRY_MS - 1);
    assert.equal(h.calls.length, 1, 'no second try within the minute');
    await clock.advance(1);
    assert.equal(h.calls.length, 2, 'tried again a minute later');
    assert.equal(h.asked.length, 1, 'then asked once');
    await clock.advance(HOUR);
    assert.equal(h.calls.length, 2, 'nothing more without the user');
    assert.equal(h.asked.length, 1);
    h.signOut();
  });

  test('renewed keys that would be due at once (short-lived): the next renewal waits at least a minute', async () => {
    const clock = new FakeClock(10 * HOUR);
    const h = harness(clock, sso({ keysObtainedAt: 9 * HOUR, keysExpireAt: 10 * HOUR, tokenExpiresAt: 20 * HOUR }));
    h.portalGives((now) => ({ expiresAt: now + 1000 }));
    await h.renewal.watch();
    await clock.advance(0);
    assert.equal(h.calls.length, 1);
    await clock.advance(SSO_RETRY_MS - 1);
    assert.equal(h.calls.length, 1, 'not renewed again within the minute');
    await clock.advance(1);
    assert.equal(h.calls.length, 2);
    h.signOut();
  });

  test('renews the temporary keys 5 minutes before they lapse, without asking, while the SSO token lasts; then asks once', async () => {
    const clock = new FakeClock(0);
    const h = harness(clock, sso());
    await h.renewal.watch();
    await clock.advance(55 * MIN - 1);
    assert.equal(h.calls.length, 0);
    await clock.advance(1);
    assert.equal(h.calls.length, 1);
    assert.equal(h.stored?.accessKeyId, 'AK1');
    assert.equal(h.stored?.keysExpireAt, 55 * MIN + HOUR);
    await clock.advance(7 * HOUR);
    assert.equal(h.calls.length, 8, 'every 55 minutes while the SSO token lasts (8 h)');
    assert.equal(h.asked.length, 0);
    await clock.advance(5 * HOUR);
    assert.equal(h.calls.length, 8, 'none after the SSO token lapsed');
    assert.equal(h.asked.length, 1, 'asked once, not at every timer');
  });

  test('a failed renewal is tried again a minute later; a refused SSO token asks at once', async () => {
    const clock = new FakeClock(0);
    const h = harness(clock, sso());
    h.failWith(new Error('connection reset'));
    await h.renewal.watch();
    await clock.advance(55 * MIN);
    assert.equal(h.calls.length, 1);
    await clock.advance(SSO_RETRY_MS);
    assert.equal(h.calls.length, 2);
    h.failWith(Object.assign(new Error('HTTP 401 IIC.1001'), { status: 401 }));
    await clock.advance(SSO_RETRY_MS);
    assert.equal(h.calls.length, 3);
    assert.equal(h.asked.length, 1);
    await clock.advance(HOUR);
    assert.equal(h.calls.length, 3, 'nothing more is sent with a refused token');
  });

  test('renewNow (keys refused before their stored expiry): renewed at once, at most once a minute; refused again, asked once', async () => {
    const clock = new FakeClock(10 * HOUR);
    const h = harness(clock, sso({ keysObtainedAt: 10 * HOUR, keysExpireAt: 11 * HOUR, tokenExpiresAt: 20 * HOUR }));
    await h.renewal.watch();
    await h.renewal.renewNow();
    await clock.advance(0);
    assert.equal(h.calls.length, 1, 'renewed at once, 55 minutes before keysDueIn says');
    assert.equal(h.stored?.accessKeyId, 'AK1');
    // Both families of the project were refused: the second call is not a second renewal.
    await h.renewal.renewNow();
    await clock.advance(10 * MIN);
    assert.equal(h.calls.length, 1, 'the renewed keys are not renewed again because of the same refusal');
    assert.deepEqual(h.asked.length, 1, 'the renewed keys refused too: the user is asked instead of a loop');
    h.signOut();
  });

  test('keys refused again after a forced renewal: asked once, and still renewed before they lapse while the SSO token is good', async () => {
    const { clock, h } = await refusedAgain(20 * HOUR);
    assert.equal(h.asked.length, 1);
    assert.deepEqual(h.askedWhy, ['keysRefused'], 'the notice says the keys are refused, not that the sign-in ended');
    assert.equal(h.renewal.scheduled, true, 'the user may dismiss the notice: the regular renewal stays armed');
    await clock.advance(55 * MIN);
    assert.equal(h.calls.length, 2, 'renewed 5 minutes before the keys lapse, as any keys are');
    assert.equal(h.stored?.accessKeyId, 'AK2');
    h.signOut();
  });

  test('after the "keys refused again" notice, the end of the SSO token is still told, once', async () => {
    const { clock, h } = await refusedAgain(12 * HOUR);
    assert.deepEqual(h.askedWhy, ['keysRefused']);
    // The notice promised renewal on schedule: when the sign-in itself ends, the user must hear it.
    await clock.advance(3 * HOUR);
    assert.deepEqual(h.askedWhy, ['keysRefused', 'ended'], 'the ended sign-in is told after the keys-refused notice');
    await clock.advance(3 * HOUR);
    assert.deepEqual(h.askedWhy, ['keysRefused', 'ended'], 'each notice once per SSO token');
    h.signOut();
  });

  test('after the "keys refused again" notice, the portal refusing the SSO token is still told', async () => {
    const { clock, h } = await refusedAgain(20 * HOUR);
    h.failWith(Object.assign(new Error('HTTP 401 IIC.1001'), { status: 401 }));
    await clock.advance(55 * MIN);
    assert.equal(h.calls.length, 2, 'the scheduled renewal was tried');
    assert.deepEqual(h.askedWhy, ['keysRefused', 'ended'], 'the refused sign-in is told after the keys-refused notice');
    h.signOut();
  });

  test('renewNow while nothing is stored leaves no forced renewal behind for the next sign-in', async () => {
    const clock = new FakeClock(10 * HOUR);
    const h = harness(clock, sso({ keysObtainedAt: 10 * HOUR, keysExpireAt: 11 * HOUR, tokenExpiresAt: 20 * HOUR }));
    h.store(undefined);
    await h.renewal.renewNow();
    h.store(
      sso({ accessToken: 'token-2', keysObtainedAt: 10 * HOUR, keysExpireAt: 11 * HOUR, tokenExpiresAt: 20 * HOUR }),
    );
    await h.renewal.watch();
    await clock.advance(MIN);
    assert.equal(h.calls.length, 0, 'a new sign-in renews on its own schedule, not at once');
    await clock.advance(54 * MIN);
    assert.equal(h.calls.length, 1);
    h.signOut();
  });

  test('renewNow a few seconds after a renewal waits for the minute to pass, and a watch() meanwhile keeps it', async () => {
    const clock = new FakeClock(10 * HOUR);
    const h = harness(clock, sso({ keysObtainedAt: 9 * HOUR, keysExpireAt: 10 * HOUR, tokenExpiresAt: 20 * HOUR }));
    await h.renewal.watch();
    await clock.advance(0);
    assert.equal(h.calls.length, 1, 'the lapsed keys renewed as scheduled');
    await clock.advance(5_000);
    await h.renewal.renewNow();
    await h.renewal.watch(); // another credential change meanwhile
    await clock.advance(SSO_RETRY_MS - 5_001);
    assert.equal(h.calls.length, 1, 'not within a minute of the last renewal');
    await clock.advance(1);
    assert.equal(h.calls.length, 2, 'then at once, 55 minutes before the keys are due');
    assert.equal(h.asked.length, 0);
    h.signOut();
  });

  test('Sign Out during a renewal aborts the request in flight and stores nothing; no timer is left', async () => {
    const clock = new FakeClock(0);
    const h = harness(clock, sso());
    let release!: () => void;
    h.holdWith(new Promise<void>((resolve) => (release = resolve)));
    await h.renewal.watch();
    await clock.advance(55 * MIN);
    assert.equal(h.calls.length, 1);
    assert.equal(h.renewal.renewing, true);
    h.signOut();
    assert.equal(h.calls[0].aborted, true, 'the renewal request is aborted');
    release();
    await clock.advance(10 * HOUR);
    assert.equal(h.calls.length, 1, 'nothing sent after Sign Out');
    assert.equal(h.stored, undefined);
    assert.equal(clock.pending, 0);
  });
});

describe('pollForToken (fake clock)', () => {
  const answer = (name: string) => Object.assign(new Error(name), { name: 'DeviceFlowError', answer: name });

  test('waits the interval between polls and 5 s more after each slow_down', async () => {
    const clock = new FakeClock(0);
    const times: number[] = [];
    const answers = ['authorization_pending', 'slow_down', 'authorization_pending', 'slow_down'];
    const token = pollForToken(
      async () => {
        times.push(clock.now());
        const next = answers.shift();
        if (next) throw answer(next);
        return 'token';
      },
      { interval: 2, expiresIn: 600 },
      clock,
      new AbortController().signal,
    );
    await clock.advance(60_000);
    assert.equal(await token, 'token');
    assert.deepEqual(times, [2_000, 4_000, 11_000, 18_000, 30_000]);
  });

  test('expired_token and access_denied end the flow; the device code lifetime ends it too', async () => {
    for (const [name, reason] of [
      ['expired_token', 'expired'],
      ['access_denied', 'denied'],
    ] as const) {
      const clock = new FakeClock(0);
      const result = pollForToken(
        () => Promise.reject(answer(name)),
        { interval: 1, expiresIn: 600 },
        clock,
        new AbortController().signal,
      );
      const settled = result.catch((e: unknown) => e);
      await clock.advance(1_000);
      const error = await settled;
      assert.ok(error instanceof SsoFlowEnded && error.reason === reason, `${name} → ${reason}`);
    }
    const clock = new FakeClock(0);
    let polls = 0;
    const settled = pollForToken(
      () => (polls++, Promise.reject(answer('authorization_pending'))),
      { interval: 5, expiresIn: 20 },
      clock,
      new AbortController().signal,
    ).catch((e: unknown) => e);
    await clock.advance(60_000);
    assert.ok((await settled) instanceof SsoFlowEnded);
    assert.equal(polls, 3);
  });

  test('Sign Out (the abort) while waiting: no poll is sent after it and no timer is left', async () => {
    const clock = new FakeClock(0);
    const stop = new AbortController();
    let polls = 0;
    const settled = pollForToken(
      () => (polls++, Promise.reject(answer('authorization_pending'))),
      { interval: 1, expiresIn: 600 },
      clock,
      stop.signal,
    ).catch((e: unknown) => e);
    await clock.advance(3_000);
    assert.equal(polls, 3);
    stop.abort(new Error('signed out'));
    await clock.advance(60_000);
    assert.equal(polls, 3);
    assert.equal(((await settled) as Error).message, 'signed out');
    assert.equal(clock.pending, 0);
  });
});

describe('the sso credential in the set', () => {
  test('a project signs with its own token first, then the SSO keys, then the access key; kept through SecretStorage', () => {
    const accessKey = { kind: 'accessKey' as const, accessKeyId: 'AKX', secretKey: 'SKX' };
    const set = parseCredentialSet(
      serializeCredentialSet({ accessKey, sso: sso(), projects: { p1: { kind: 'token', token: 't' } } }),
    );
    assert.deepEqual(set.sso, sso());
    assert.equal((credentialFor(set, 'p1') as { credential: { kind: string } }).credential.kind, 'token');
    assert.equal((credentialFor(set, 'p2') as { credential: { kind: string } }).credential.kind, 'sso');
    assert.equal(
      parseCredentialSet(JSON.stringify({ version: 2, sso: { ...sso(), secretKey: '' }, projects: {} })).sso,
      undefined,
    );
  });
});
