// Sign In of users whose login protection asks for a virtual MFA code, through the real prompts
// (fake VS Code boxes a test types into) against the simulated IAM over loopback. IAM's answer to the
// password alone is, as the simulator gives it by default, the ordinary 401: the user is told so and
// chooses between "Enter MFA Code" and "Try Again"; an MFA user is then remembered, so that later
// sign-ins and renewals never send the doomed password-only request.
import './installFakePrompts';
import { after, before, beforeEach, test } from 'node:test';
import assert from 'node:assert/strict';
import { commands, FakeQuickInput, prompts, settings } from './fakePrompts';
import { registerCredentialCommands } from '../../../src/commands/credentials';
import { NO_CREDENTIALS } from '../../../src/core/credentials';
import type { Sessions } from '../../../src/core/sessions';
import { CredentialStore } from '../../../src/config/credentialStore';
import { IamCredential, parseCredentialSet } from '../../../src/core/credentials';
import { silentLogger } from '../../../src/api/logger';
import { DispatcherFactory } from '../../../src/views/dispatchers';
import { SignIn } from '../../../src/views/signIn';
import { DEFAULT_IAM_USER, RunningSimulator, startSimulator } from '../../../src/simulator/server';
import { simulatedUserId } from '../../../src/simulator/iam';
import { totpCode } from '../../../src/simulator/totp';
import { FakeClock } from '../fakeClock';
import { memoryMemento, memorySecrets } from './credentialFixtures';

const SEED = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';
const PASSWORD = 'Mfa-Sign-In-Pass!';
const MFA_USER = { domain: 'acme', user: 'bob', password: PASSWORD, mfaSeed: SEED };
const OTHER_MFA_USER = { ...MFA_USER, user: 'dave' };
const clock = new FakeClock(Date.parse('2026-03-07T10:40:00.000Z'));
let simulator: RunningSimulator;

function extensionParts() {
  const store = memorySecrets();
  const credentials = new CredentialStore(store as never);
  const signIn = new (SignIn as unknown as new (...args: unknown[]) => SignIn)(
    credentials,
    new DispatcherFactory(silentLogger),
    silentLogger,
    clock,
    memoryMemento(),
  );
  return { credentials, signIn, stored: async () => parseCredentialSet(await store.get('workspaceJobs.credential')) };
}

before(async () => {
  simulator = await startSimulator({
    now: () => clock.now(),
    progress: false,
    size: 5,
    iamUsers: [MFA_USER, OTHER_MFA_USER, DEFAULT_IAM_USER],
  });
});
after(() => simulator.close());

beforeEach(() => {
  prompts.reset();
  settings.clear();
  settings.set('workspaceJobs.projectId', simulator.projectId);
  settings.set('workspaceJobs.endpoint', simulator.url);
  settings.set('workspaceJobs.iamEndpoint', simulator.url);
});

async function next(done: Promise<unknown>, title?: RegExp): Promise<FakeQuickInput> {
  const shown = await Promise.race([prompts.next(), done.then((finished) => ({ finished }))]);
  if (!(shown instanceof FakeQuickInput))
    assert.fail(`the sign-in ended (${String(shown.finished)}) instead of a prompt`);
  if (title) assert.match(shown.title ?? '', title, `${shown.prompt}`);
  return shown;
}

/** Account, user, password, then "Ask me again" (or "Remember the password"). */
async function passwordSteps(
  done: Promise<unknown>,
  user: { domain: string; user: string },
  password: string,
  remember = false,
) {
  (await next(done, /\(1\/4\)/)).type(user.domain).enter();
  (await next(done, /\(2\/4\)/)).type(user.user).enter();
  (await next(done, /\(3\/4\)/)).type(password).enter();
  const pick = await next(done, /\(4\/4\)/);
  if (remember) pick.choose(/Remember/);
  else pick.enter();
}

/** Statuses of the token requests since `from`. */
const tokenCalls = (from: number) =>
  simulator.requests
    .slice(from)
    .filter((r) => r.path === '/v3/auth/tokens')
    .map((r) => r.status);

const refusalShown = () => prompts.messages.findIndex((m) => /IAM refused the user name or password/.test(m));

test('an MFA user refused with the ordinary 401 is offered "Enter MFA Code"; the next Sign In goes straight to the code', async () => {
  const { signIn, stored } = extensionParts();
  const from = simulator.requests.length;
  prompts.clicks.push('Enter MFA Code');
  const done = signIn.interactive();
  await passwordSteps(done, MFA_USER, PASSWORD);
  const idBox = await next(done, /\(5\/6\)/);
  const shown = refusalShown();
  assert.ok(shown >= 0, `messages: ${JSON.stringify(prompts.messages)}`);
  assert.match(prompts.messages[shown], /virtual MFA/);
  assert.deepEqual(prompts.buttons[shown], ['Enter MFA Code', 'Try Again']);
  idBox.type(simulatedUserId(MFA_USER)).enter();
  const codeBox = await next(done, /\(6\/6\)/);
  assert.equal(codeBox.password, true);
  codeBox.type(totpCode(SEED, clock.now())).enter();
  assert.equal(await done, true);
  assert.deepEqual(tokenCalls(from), [401, 201], 'the password alone, then password + code');
  const credential = Object.values((await stored()).projects)[0] as IamCredential;
  assert.equal(credential.mfa, true);
  assert.equal(credential.password, undefined);

  const again = simulator.requests.length;
  prompts.reset();
  const second = signIn.interactive();
  await passwordSteps(second, MFA_USER, PASSWORD);
  (await next(second, /\(5\/5\)/)).type(totpCode(SEED, clock.now())).enter();
  assert.equal(await second, true);
  assert.deepEqual(tokenCalls(again), [201], 'no password-only request for a user known to need a code');
  assert.equal(refusalShown(), -1);

  // A remembered user who gives up after a refused code (MFA turned off since?) starts over next time.
  await clock.advance(30_000);
  prompts.reset();
  const third = signIn.interactive();
  await passwordSteps(third, MFA_USER, PASSWORD);
  const right = totpCode(SEED, clock.now());
  (await next(third, /\(5\/5\)/)).type(right === '000000' ? '111111' : '000000').enter();
  (await next(third, /\(5\/6\)/)).escape();
  (await next(third)).choose(/Discard/);
  assert.equal(await third, false);
  const fourth = simulator.requests.length;
  prompts.reset();
  prompts.clicks.push('Enter MFA Code');
  const last = signIn.interactive();
  await passwordSteps(last, MFA_USER, PASSWORD);
  const idBox2 = await next(last, /\(5\/6\)/);
  assert.ok(refusalShown() >= 0, 'asked again whether a code is needed');
  idBox2.escape();
  (await next(last)).choose(/Discard/);
  assert.equal(await last, false);
  assert.deepEqual(tokenCalls(fourth), [401]);
});

test('"Try Again" goes back to the sign-in steps with the account and user kept', async () => {
  const { signIn } = extensionParts();
  const from = simulator.requests.length;
  prompts.clicks.push('Try Again');
  const done = signIn.interactive();
  await passwordSteps(done, DEFAULT_IAM_USER, 'not-the-password');
  const account = await next(done, /\(1\/4\)/);
  assert.ok(refusalShown() >= 0, `messages: ${JSON.stringify(prompts.messages)}`);
  assert.equal(account.value, DEFAULT_IAM_USER.domain);
  account.enter();
  const user = await next(done, /\(2\/4\)/);
  assert.equal(user.value, DEFAULT_IAM_USER.user);
  user.enter();
  (await next(done, /\(3\/4\)/)).type(DEFAULT_IAM_USER.password).enter();
  (await next(done, /\(4\/4\)/)).enter();
  assert.equal(await done, true);
  assert.deepEqual(tokenCalls(from), [401, 201]);
});

test("a refused code shows IAM's reason, the same code is not sent twice in one 30 s step, a refused user ID is not kept", async () => {
  const { signIn } = extensionParts();
  const from = simulator.requests.length;
  prompts.clicks.push('Enter MFA Code');
  const done = signIn.interactive();
  await passwordSteps(done, OTHER_MFA_USER, PASSWORD);
  (await next(done, /\(5\/6\)/)).type('user-not-dave').enter();
  const code = totpCode(SEED, clock.now());
  (await next(done, /\(6\/6\)/)).type(code).enter();
  const retryId = await next(done, /\(5\/6\)/);
  assert.equal(retryId.value, 'user-not-dave', 'what was typed is offered again');
  assert.match(retryId.prompt ?? '', /The verification code is wrong/, "IAM's own reason");
  retryId.enter();
  const retryCode = await next(done, /\(6\/6\)/);
  retryCode.type(code);
  assert.match(String(retryCode.validationMessage), /already tried; wait for the next one/);
  retryCode.enter();
  retryCode.escape();
  (await next(done)).choose(/Discard/);
  assert.equal(await done, false);
  assert.deepEqual(tokenCalls(from), [401, 401], 'the repeated code was never sent');

  // Nothing was learnt from the refusal: the next sign-in asks the user ID again.
  prompts.reset();
  prompts.clicks.push('Enter MFA Code');
  const second = signIn.interactive();
  await passwordSteps(second, OTHER_MFA_USER, PASSWORD);
  const idBox = await next(second, /\(5\/6\)/);
  assert.equal(idBox.value, '');
  idBox.escape();
  (await next(second)).choose(/Discard/);
  assert.equal(await second, false);
});

test("a 403 during an MFA sign-in stops at once with IAM's reason: no further code is asked", async () => {
  const { signIn } = extensionParts();
  const from = simulator.requests.length;
  prompts.clicks.push('Enter MFA Code');
  const done = signIn.interactive();
  await passwordSteps(done, OTHER_MFA_USER, PASSWORD);
  (await next(done, /\(5\/6\)/)).type(simulatedUserId(OTHER_MFA_USER)).enter();
  simulator.failNext(1, 403, { error_code: 'IAM.0101', error_msg: 'The user is locked.' });
  (await next(done, /\(6\/6\)/)).type(totpCode(SEED, clock.now())).enter();
  assert.equal(await done, false, 'no further box');
  assert.deepEqual(tokenCalls(from), [401, 403]);
  const error = prompts.messages.at(-1) ?? '';
  assert.match(error, /IAM\.0101: The user is locked/);
  assert.match(error, /locked or not allowed/);
});

test('renewing an MFA sign-in with a remembered password asks only the code, and sends no password-only request', async () => {
  const { signIn, stored } = extensionParts();
  prompts.clicks.push('Enter MFA Code');
  const done = signIn.interactive();
  await passwordSteps(done, MFA_USER, PASSWORD, true);
  (await next(done, /\(5\/6\)/)).type(simulatedUserId(MFA_USER)).enter();
  (await next(done, /\(6\/6\)/)).type(totpCode(SEED, clock.now())).enter();
  assert.equal(await done, true);
  const first = Object.values((await stored()).projects)[0] as IamCredential;
  assert.equal(first.mfa, true);
  assert.equal(first.password, PASSWORD, 'remembered as chosen');

  await clock.advance(60_000);
  const from = simulator.requests.length;
  prompts.reset();
  prompts.clicks.push('Enter MFA Code');
  await signIn.tokenExpired(simulator.projectId);
  const codeBox = await next(
    new Promise((resolve) =>
      setTimeout(() => resolve(`no code box; messages ${JSON.stringify(prompts.messages)}`), 3_000),
    ),
    /\(1\/1\)/,
  );
  codeBox.type(totpCode(SEED, clock.now())).enter();
  for (let i = 0; i < 100 && (await stored()).projects[simulator.projectId]?.token === first.token; i++)
    await new Promise((resolve) => setTimeout(resolve, 10));
  assert.deepEqual(tokenCalls(from), [201], 'password (remembered) + code, nothing before it');
  const renewed = Object.values((await stored()).projects)[0] as IamCredential;
  assert.notEqual(renewed.token, first.token);
  assert.equal(renewed.mfa, true);
  signIn.dispose();
});

/** Up to the user-ID box of a first MFA sign-in: account, user, password, then "Enter MFA Code". */
async function upToUserIdBox(done: Promise<unknown>): Promise<FakeQuickInput> {
  prompts.clicks.push('Enter MFA Code');
  await passwordSteps(done, MFA_USER, PASSWORD);
  return next(done, /\(5\/6\)/);
}

test('Escape on the code box, with values typed, asks first; "Go back" shows the box again with the code kept', async () => {
  const { signIn } = extensionParts();
  const done = signIn.interactive();
  (await upToUserIdBox(done)).type(simulatedUserId(MFA_USER)).enter();
  const codeBox = await next(done, /\(6\/6\)/);
  assert.equal(codeBox.buttons.length, 1, 'a Back button');
  codeBox.type('123');
  codeBox.escape();
  const question = await next(done);
  assert.match(question.placeholder ?? '', /Close without saving\?/);
  question.choose(/Go back/);
  const again = await next(done, /\(6\/6\)/);
  assert.equal(again.value, '123', 'what was typed is kept');
  again.type(totpCode(SEED, clock.now())).enter();
  assert.equal(await done, true);

  // Discard does close, and says so by ending the sign-in.
  prompts.reset();
  const second = signIn.interactive();
  await passwordSteps(second, MFA_USER, PASSWORD);
  const box = await next(second, /\(5\/5\)/);
  box.escape();
  (await next(second)).choose(/Discard/);
  assert.equal(await second, false);
});

test('Back on the user-ID box goes to the password step with account, user, password and user ID kept', async () => {
  await clock.advance(30_000);
  const { signIn } = extensionParts();
  const from = simulator.requests.length;
  const done = signIn.interactive();
  const idBox = await upToUserIdBox(done);
  assert.equal(idBox.buttons.length, 1, 'a Back button');
  idBox.type(simulatedUserId(MFA_USER)).back();
  const password = await next(done, /\(3\/6\)/);
  assert.equal(password.value, PASSWORD);
  password.back();
  const user = await next(done, /\(2\/6\)/);
  assert.equal(user.value, MFA_USER.user);
  user.back();
  const account = await next(done, /\(1\/6\)/);
  assert.equal(account.value, MFA_USER.domain);
  account.enter();
  (await next(done, /\(2\/6\)/)).enter();
  (await next(done, /\(3\/6\)/)).enter();
  (await next(done, /\(4\/6\)/)).enter();
  // IAM already said a code is needed: no second password-only request, and the ID typed is kept.
  const idAgain = await next(done, /\(5\/6\)/);
  assert.equal(idAgain.value, simulatedUserId(MFA_USER));
  idAgain.enter();
  (await next(done, /\(6\/6\)/)).type(totpCode(SEED, clock.now())).enter();
  assert.equal(await done, true);
  assert.deepEqual(tokenCalls(from), [401, 201]);
});

for (const command of ['workspaceJobs.signOut', 'workspaceJobs.clearCredentials'])
  test(`${command} forgets the users remembered as MFA users: the next Sign In asks again`, async () => {
    await clock.advance(30_000);
    const { signIn, credentials } = extensionParts();
    const registered = registerCredentialCommands(credentials, signIn, {} as Sessions, async () => undefined);
    try {
      const done = signIn.interactive();
      (await upToUserIdBox(done)).type(simulatedUserId(MFA_USER)).enter();
      (await next(done, /\(6\/6\)/)).type(totpCode(SEED, clock.now())).enter();
      assert.equal(await done, true);
      await commands.executeCommand(command);
      assert.deepEqual(await credentials.get(), NO_CREDENTIALS);

      prompts.reset();
      const from = simulator.requests.length;
      const after = signIn.interactive();
      const idBox = await upToUserIdBox(after);
      assert.ok(refusalShown() >= 0, 'the password alone was tried and refused, as for an unknown user');
      assert.equal(idBox.value, '', 'the user ID is forgotten too');
      assert.deepEqual(tokenCalls(from), [401]);
      idBox.escape();
      (await next(after)).choose(/Discard/);
      assert.equal(await after, false);
    } finally {
      registered.dispose();
      signIn.dispose();
    }
  });
