// What a refusal "credential expired" leads to, through the real SsoSignIn, SignIn and credential store
// with the fake VS Code's notifications: each project is judged on what signs its own session (its
// plan, as the controller makes it), never on what else is stored.
import './installFakePrompts';
import { afterEach, beforeEach, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { commands, prompts } from './fakePrompts';
import type { SsoApi } from '../../../src/api/lazySso';
import type { TemporaryKeys } from '../../../src/api/ssoPortal';
import { silentLogger } from '../../../src/api/logger';
import { CredentialStore } from '../../../src/config/credentialStore';
import { CredentialChoices, NO_CHOICES, withChoice } from '../../../src/core/credentialChoice';
import { discoverCredentials, FoundCredentials } from '../../../src/core/foundCredentials';
import type { SessionSpec } from '../../../src/core/sessionSpec';
import { SsoCredential } from '../../../src/core/ssoCredential';
import { DispatcherFactory } from '../../../src/views/dispatchers';
import { ExpiredCredentials } from '../../../src/views/expiredCredentials';
import { SignIn } from '../../../src/views/signIn';
import { SsoSignIn } from '../../../src/views/ssoSignIn';
import { anSsoCredential } from '../builders';
import { FakeClock } from '../fakeClock';
import { memoryMemento, memorySecrets, plannedSpecs } from './credentialFixtures';

const HOUR = 3_600_000;
const clock = new FakeClock(Date.parse('2026-03-07T10:00:00.000Z'));
let home: string;

beforeEach(async () => {
  prompts.reset();
  choiceHolder.current = NO_CHOICES;
  home = await mkdtemp(path.join(tmpdir(), 'expired-'));
});
afterEach(() => rm(home, { recursive: true, force: true }));

function sso(): SsoCredential {
  const now = clock.now();
  return anSsoCredential({
    accessToken: 'sso-token',
    tokenExpiresAt: now + 8 * HOUR,
    accessKeyId: 'SSOAK0',
    secretKey: 'SSOSK0',
    securityToken: 'SSOST0',
    keysObtainedAt: now,
    // Good for another hour by their stored expiry: the gateway refused them all the same (revoked, a clock off).
    keysExpireAt: now + HOUR,
  });
}

/** The remembered choices as the extension's store gives them: a test sets what it plans with. */
const choiceHolder: { current: CredentialChoices } = { current: NO_CHOICES };

/** The extension's parts that react to an expiry, and the portal's key calls counted. */
function parts() {
  const credentials = new CredentialStore(memorySecrets() as never);
  const portalCalls: string[] = [];
  const api = {
    getAgencyCredentials: async (): Promise<TemporaryKeys> => {
      portalCalls.push('keys');
      const n = portalCalls.length;
      return {
        accessKeyId: `SSOAK${n}`,
        secretKey: `SSOSK${n}`,
        securityToken: `SSOST${n}`,
        expiresAt: clock.now() + HOUR,
      };
    },
  } as unknown as SsoApi;
  const dispatchers = new DispatcherFactory(silentLogger);
  const signIn = new (SignIn as unknown as new (...args: unknown[]) => SignIn)(
    credentials,
    dispatchers,
    silentLogger,
    clock,
    memoryMemento(),
  );
  const ssoSignIn = new SsoSignIn(
    credentials,
    { current: NO_CHOICES } as never,
    dispatchers,
    silentLogger,
    memoryMemento(),
    api,
    clock,
  );
  const reloads: string[] = [];
  const expired = new ExpiredCredentials({
    sso: ssoSignIn,
    signIn,
    choices: choiceHolder,
    reload: async () => void reloads.push('reload'),
  });
  const handle = (spec: SessionSpec) => expired.expired(spec);
  return { credentials, signIn, sso: ssoSignIn, handle, portalCalls, reloads };
}

/** The image family's session specs, planned as the controller plans them. */
async function specs(
  credentials: CredentialStore,
  projects: readonly string[],
  found: FoundCredentials = FoundCredentials.NONE,
  choices = NO_CHOICES,
): Promise<Map<string, SessionSpec>> {
  const planned = plannedSpecs(await credentials.get(), projects, found, choices);
  return new Map(planned.map((spec) => [spec.projectId, spec]));
}

/** Lets the handlers' promises and the fake clock's due timers run. */
async function settle(ms = 0): Promise<void> {
  for (let i = 0; i < 5; i++) {
    await clock.advance(ms / 5);
    await new Promise((resolve) => setImmediate(resolve));
  }
}

test("a found temporary key that expired is to be refreshed at its source: no Set Token, the file's advice", async () => {
  const { credentials, handle, reloads } = parts();
  const refreshed = commands.registerCommand('workspaceJobs.refresh', () => void reloads.push('refresh'));
  prompts.clicks.push('Refresh');
  await mkdir(path.join(home, '.huaweicloud'));
  await writeFile(
    path.join(home, '.huaweicloud', 'credentials'),
    '[basic]\nak = FILEAK00000000000001\nsk = FILESK\nsecurity_token = FILEST\n',
  );
  const found = await discoverCredentials({ env: {}, home });
  const spec = (await specs(credentials, ['p1'], found, withChoice(NO_CHOICES, 'sdkFile'))).get('p1')!;
  await handle(spec);
  await settle();
  assert.deepEqual(prompts.messages, [
    'Workspace Jobs: The temporary access key from SDK credentials file has expired: refresh it there (then Refresh).',
  ]);
  assert.deepEqual(prompts.buttons, [['Refresh', 'Switch Credential…']]);
  assert.deepEqual(
    reloads,
    ['reload', 'refresh'],
    'Refresh reads the sources again first: a watcher may miss a change',
  );
  refreshed.dispose();
});

test('a temporary key from the environment that expired is not answered with Set Token either', async () => {
  const { credentials, handle } = parts();
  const env = {
    HUAWEICLOUD_SDK_AK: 'ENVAK000000000000001',
    HUAWEICLOUD_SDK_SK: 'ENVSK',
    HUAWEICLOUD_SDK_SECURITY_TOKEN: 'ENVST',
  };
  const found = await discoverCredentials({ env, home });
  const spec = (await specs(credentials, ['p1'], found, withChoice(NO_CHOICES, 'env'))).get('p1')!;
  await handle(spec);
  await settle();
  assert.equal(prompts.messages.length, 1);
  assert.match(prompts.messages[0]!, /temporary access key from Environment \(HUAWEICLOUD_SDK_AK\) has expired/);
  assert.deepEqual(prompts.buttons, [['Switch Credential…']]);
});

test('SSO keys refused while their stored expiry is an hour away are renewed at once, once; refused again, the user is asked, never a loop', async () => {
  const { credentials, sso: ssoSignIn, handle, portalCalls } = parts();
  await credentials.setSso(sso(), credentials.clearCount);
  await ssoSignIn.watch();
  const first = (await specs(credentials, ['p1'])).get('p1')!;
  await handle(first);
  await handle(first); // the project's other family, refused in the same refresh
  await settle(1_000);
  assert.equal(portalCalls.length, 1, 'renewed once, without waiting for the stored expiry');
  assert.equal((await credentials.get()).sso?.accessKeyId, 'SSOAK1');
  // A refresh that was under way with the old keys is refused late: those keys are replaced already.
  await handle(first);
  await settle(5 * 60_000);
  assert.equal(portalCalls.length, 1);
  assert.deepEqual(prompts.messages, []);
  // The fresh keys are refused as expired too: asking the portal again would only loop.
  await handle((await specs(credentials, ['p1'])).get('p1')!);
  await settle(5 * 60_000);
  assert.equal(portalCalls.length, 1);
  assert.equal(prompts.messages.length, 1);
  assert.match(prompts.messages[0]!, /refuses the just-renewed IAM Identity Center keys \(dev\/ReadOnly\)/);
  ssoSignIn.dispose();
});

test("project B's expired token is told while project A signs with IAM Identity Center", async () => {
  const { credentials, sso: ssoSignIn, signIn, handle, portalCalls } = parts();
  await credentials.setSso(sso(), credentials.clearCount);
  await credentials.setProjectCredential('pB', { kind: 'token', token: 'B-TOKEN' });
  await ssoSignIn.watch();
  const planned = await specs(credentials, ['pA', 'pB']);
  assert.match(planned.get('pA')!.credential, /IAM Identity Center/);
  await handle(planned.get('pB')!);
  await settle();
  assert.deepEqual(prompts.messages, ['Workspace Jobs: The token has expired.']);
  assert.deepEqual(prompts.buttons, [['Set Token']]);
  assert.equal(portalCalls.length, 0, "B's refusal renews nothing of A's sign-in");
  ssoSignIn.dispose();
  signIn.dispose();
});

test('a long-term access key saved in VS Code, refused as expired, is not called temporary: IAM says it is expired or invalid', async () => {
  const { credentials, handle } = parts();
  const asked: unknown[] = [];
  const setKey = commands.registerCommand('workspaceJobs.setAccessKey', (...args) => void asked.push(args));
  prompts.clicks.push('Set Access Key');
  await credentials.setAccessKey({ kind: 'accessKey', accessKeyId: 'LONGTERMAK0000000001', secretKey: 'SK' });
  await handle((await specs(credentials, ['p1'])).get('p1')!);
  await settle();
  assert.deepEqual(prompts.messages, [
    'Workspace Jobs: IAM says the access key saved in VS Code is expired or invalid: check it, or set a new one.',
  ]);
  assert.deepEqual(prompts.buttons, [['Set Access Key']]);
  assert.equal(asked.length, 1);
  setKey.dispose();
});

test('a long-term key from the SDK file refused as expired: checked there; Switch Credential… is for the refused project', async () => {
  const { credentials, handle } = parts();
  const switched: unknown[][] = [];
  const switcher = commands.registerCommand('workspaceJobs.switchCredential', (...args) => void switched.push(args));
  prompts.clicks.push('Switch Credential…');
  await mkdir(path.join(home, '.huaweicloud'));
  await writeFile(path.join(home, '.huaweicloud', 'credentials'), '[basic]\nak = FILEAK00000000000001\nsk = FILESK\n');
  const found = await discoverCredentials({ env: {}, home });
  // p2's own choice: the key signs p2 only, so the picker is p2's.
  const choices = withChoice(NO_CHOICES, 'sdkFile', ['p2']);
  choiceHolder.current = choices;
  const spec = (await specs(credentials, ['p1', 'p2'], found, choices)).get('p2')!;
  await handle(spec);
  await settle();
  assert.deepEqual(prompts.messages, [
    'Workspace Jobs: IAM says the access key from SDK credentials file is expired or invalid: check it there (then Refresh), or switch to another credential.',
  ]);
  assert.deepEqual(prompts.buttons, [['Refresh', 'Switch Credential…']]);
  assert.deepEqual(switched, [['p2']], 'no "All projects / Pick projects…" question for one refused project');
  switcher.dispose();
});

test("the expired environment key chosen for every project: Switch Credential… asks which projects, not the first refused one's", async () => {
  const { credentials, handle } = parts();
  const switched: unknown[][] = [];
  const switcher = commands.registerCommand('workspaceJobs.switchCredential', (...args) => void switched.push(args));
  prompts.clicks.push('Switch Credential…');
  const env = {
    HUAWEICLOUD_SDK_AK: 'ENVAK000000000000001',
    HUAWEICLOUD_SDK_SK: 'ENVSK',
    HUAWEICLOUD_SDK_SECURITY_TOKEN: 'ENVST',
  };
  const found = await discoverCredentials({ env, home });
  const choices = withChoice(NO_CHOICES, 'env');
  choiceHolder.current = choices;
  const planned = await specs(credentials, ['p1', 'p2'], found, choices);
  // Both projects are refused; the notice is shown once (deduplicated by source) for whichever came first.
  await Promise.all([handle(planned.get('p1')!), handle(planned.get('p2')!)]);
  await settle();
  assert.equal(prompts.messages.length, 1);
  assert.deepEqual(switched, [[]], 'the key signs p2 as well: the scope question, not the picker of p1 only');
  switcher.dispose();
});
