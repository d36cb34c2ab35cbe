// Sign-in of an IAM user whose login protection asks for a virtual MFA code, against the simulated
// IAM over loopback. What IAM answers the password alone is not documented: by default the simulator
// gives the ordinary 401 (the likely real answer), and an explicit wording when asked to. The client
// sends password + totp as IAM's API defines it (KeystoneCreateUserTokenByPasswordAndMfa), and a
// refusal is one clear line that keeps IAM's own error code and message.
import assert from 'node:assert/strict';
import { inspect } from 'node:util';
import { after, before, describe, it } from 'node:test';
import { ApiError } from '../../../src/api/errors';
import {
  IamMfaCodeRefusedError,
  IamMfaRequiredError,
  ProjectTokenRequest,
  requestProjectToken,
  tokenRequestBody,
} from '../../../src/api/iamClient';
import { DEFAULT_IAM_USER, DEFAULT_MFA_USER, RunningSimulator, startSimulator } from '../../../src/simulator/server';
import { simulatedUserId } from '../../../src/simulator/iam';
import { totpCode } from '../../../src/simulator/totp';
import { tokenClient } from '../simulatorClient';
import { signInRequest } from './iamSignIn';

const START = Date.parse('2026-03-07T10:40:43.858Z');
const PASSWORD = 'MFA-Horse-Battery!';
const SEED = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';
const MFA_USER = { domain: 'acme', user: 'bob', password: PASSWORD, mfaSeed: SEED };
const USER_ID = simulatedUserId(MFA_USER);
/** An MFA user for whom the simulator names the missing code in its 401. */
const EXPLICIT_USER = { ...MFA_USER, user: 'carol', passwordOnlyAnswer: 'asksForMfa' as const };

let simulator: RunningSimulator;
let now = START;
const signal = () => new AbortController().signal;
/** The code bob's MFA app shows now: what a test types. */
const codeNow = (offsetMs = 0) => totpCode(SEED, now + offsetMs);

before(async () => {
  simulator = await startSimulator({
    now: () => now,
    progress: false,
    size: 10,
    iamUsers: [MFA_USER, EXPLICIT_USER, DEFAULT_IAM_USER],
  });
});
after(() => simulator.close());

function signIn(overrides: Partial<ProjectTokenRequest> = {}) {
  return requestProjectToken(signInRequest(simulator, MFA_USER, 'cn-north-4', overrides));
}

/** The identity part of the body the client sends (the simulator keeps no token request bodies). */
function identityOf(overrides: Partial<ProjectTokenRequest>): Record<string, unknown> {
  const body = JSON.parse(tokenRequestBody(signInRequest(simulator, MFA_USER, 'cn-north-4', overrides))) as {
    auth: { identity: Record<string, unknown> };
  };
  return body.auth.identity;
}

function assertNoSecret(error: unknown, ...secrets: string[]): void {
  const shown = [String(error), JSON.stringify(error), inspect(error, { depth: 10 }), (error as Error).stack ?? ''];
  for (const text of shown) for (const secret of secrets) assert.ok(!text.includes(secret), `leaked into: ${text}`);
}

describe('MFA sign-in against the simulated IAM', () => {
  it('answers the password alone of an MFA user with the ordinary 401 by default, as IAM most likely does', async () => {
    now = START;
    const error = await signIn().then(
      () => assert.fail('an MFA user got a token with the password alone'),
      (e: unknown) => e,
    );
    assert.ok(error instanceof ApiError && !(error instanceof IamMfaRequiredError), `got ${String(error)}`);
    assert.equal(error.status, 401);
    assert.match(error.message, /The username or password is wrong/);
    assertNoSecret(error, PASSWORD);
  });

  it('still recognises an explicit "code needed" 401, in one line without the password', async () => {
    now = START;
    const error = await signIn({ userName: EXPLICIT_USER.user }).then(
      () => assert.fail('an MFA user got a token with the password alone'),
      (e: unknown) => e,
    );
    assert.ok(error instanceof IamMfaRequiredError, `got ${String(error)}`);
    assert.equal(error.status, 401);
    assert.ok(!error.message.includes('\n'));
    assert.match(error.message, /MFA/);
    assertNoSecret(error, PASSWORD);
  });

  it('gets a token with password + TOTP, sent as methods ["password","totp"] with totp.user {id, passcode}', async () => {
    now = START + 5 * 60_000;
    const passcode = codeNow();
    const token = await signIn({ mfa: { userId: USER_ID, passcode } });
    assert.equal(token.projectId, simulator.projectId);
    assert.equal(token.userId, USER_ID);
    const client = tokenClient(simulator, token.token);
    try {
      assert.ok((await client.listPage({ jobType: 'CREATE_SERVER', offset: 0, limit: 5 }, signal())).count >= 0);
    } finally {
      await client.close();
    }
    const identity = identityOf({ mfa: { userId: USER_ID, passcode } });
    assert.deepEqual(identity.methods, ['password', 'totp']);
    assert.deepEqual(identity.totp, { user: { id: USER_ID, passcode } });
    assert.deepEqual(identity.password, {
      user: { name: MFA_USER.user, password: PASSWORD, domain: { name: MFA_USER.domain } },
    });
  });

  it("takes the previous step's code (a phone clock a little behind), not one two steps old", async () => {
    now = START + 10 * 60_000;
    await signIn({ mfa: { userId: USER_ID, passcode: codeNow(-30_000) } });
    await assert.rejects(signIn({ mfa: { userId: USER_ID, passcode: codeNow(-60_000) } }), IamMfaCodeRefusedError);
  });

  it('refuses a wrong code with a clear line that echoes neither the code nor the password', async () => {
    now = START + 15 * 60_000;
    const wrong = codeNow() === '123456' ? '654321' : '123456';
    const error = await signIn({ mfa: { userId: USER_ID, passcode: wrong } }).then(
      () => assert.fail('a wrong code was accepted'),
      (e: unknown) => e,
    );
    assert.ok(error instanceof IamMfaCodeRefusedError, `got ${String(error)}`);
    assert.equal(error.status, 401);
    assert.ok(!error.message.includes('\n'));
    assert.match(error.message, /MFA code/);
    assert.match(error.message, /Unauthorized: The verification code is wrong/, "IAM's own code and message are kept");
    assert.equal(error.errorMsg, 'The verification code is wrong.');
    assertNoSecret(error, PASSWORD, wrong);
  });

  it('says a 403 during an MFA sign-in is a refusal of the user (locked or forbidden), not a wrong code', async () => {
    now = START + 17 * 60_000;
    simulator.failNext(1, 403, { error_code: 'IAM.0101', error_msg: 'The user is locked.' });
    const error = await signIn({ mfa: { userId: USER_ID, passcode: codeNow() } }).then(
      () => assert.fail('accepted'),
      (e: unknown) => e,
    );
    assert.ok(error instanceof ApiError && !(error instanceof IamMfaCodeRefusedError), `got ${String(error)}`);
    assert.equal(error.status, 403);
    assert.match(error.message, /IAM\.0101: The user is locked/);
    assert.match(error.message, /locked or not allowed/);
  });

  it("caps IAM's message in a refused code's line", async () => {
    now = START + 18 * 60_000;
    simulator.failNext(1, 401, { error_code: 'IAM.0001', error_msg: 'x'.repeat(100_000) });
    const error = await signIn({ mfa: { userId: USER_ID, passcode: codeNow() } }).then(
      () => assert.fail('accepted'),
      (e: unknown) => e,
    );
    assert.ok(error instanceof IamMfaCodeRefusedError, `got ${String(error)}`);
    assert.ok(error.message.length < 1_000, `${error.message.length} characters`);
    assert.match(error.message, /IAM\.0001/);
  });

  it('refuses the code for another user id, and a wrong password with the code, as refused', async () => {
    now = START + 20 * 60_000;
    await assert.rejects(signIn({ mfa: { userId: 'someone-else', passcode: codeNow() } }), IamMfaCodeRefusedError);
    await assert.rejects(
      signIn({ password: 'not-it', mfa: { userId: USER_ID, passcode: codeNow() } }),
      IamMfaCodeRefusedError,
    );
  });

  it('answers a wrong password alone with the usual 401, not with "MFA required"', async () => {
    const error = await signIn({ password: 'not-it' }).then(
      () => assert.fail('accepted'),
      (e: unknown) => e,
    );
    assert.ok(error instanceof ApiError && !(error instanceof IamMfaRequiredError), `got ${String(error)}`);
    assert.match(error.message, /username or password is wrong/);
  });

  it('checks the code locally before sending: 6 digits only', async () => {
    const before = simulator.requests.length;
    for (const passcode of ['', '12345', '1234567', 'abcdef'])
      await assert.rejects(signIn({ mfa: { userId: USER_ID, passcode } }), /6 digits/);
    await assert.rejects(signIn({ mfa: { userId: ' ', passcode: '123456' } }), /user ID/);
    assert.equal(simulator.requests.length, before, 'nothing was sent');
  });

  it('leaves a user without MFA as before: password alone, methods ["password"]', async () => {
    const token = await signIn({
      domainName: DEFAULT_IAM_USER.domain,
      userName: DEFAULT_IAM_USER.user,
      password: DEFAULT_IAM_USER.password,
    });
    assert.equal(token.projectId, simulator.projectId);
    const identity = identityOf({});
    assert.deepEqual(identity.methods, ['password']);
    assert.equal(identity.totp, undefined);
  });

  it('offers a sample MFA user whose code tests can compute', () => {
    assert.ok(DEFAULT_MFA_USER.mfaSeed);
    assert.match(totpCode(DEFAULT_MFA_USER.mfaSeed, now), /^\d{6}$/);
    assert.notEqual(DEFAULT_MFA_USER.user, DEFAULT_IAM_USER.user);
  });
});
