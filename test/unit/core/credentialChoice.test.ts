import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import {
  choosingSignIn,
  credentialsWithChoice,
  foundInUse,
  parseChoices,
  resolveChoice,
  SAVED_ACCESS_KEY,
  SAVED_SSO,
  withChoice,
} from '../../../src/core/credentialChoice';
import { credentialFor, CredentialSet } from '../../../src/core/credentials';
import { SsoCredential } from '../../../src/core/ssoCredential';
import { discoverCredentials } from '../../../src/core/foundCredentials';
import { isConnection, resolveConnection } from '../../../src/core/connection';

const stored: CredentialSet = {
  accessKey: { kind: 'accessKey', accessKeyId: 'SAVEDAK0000000000001', secretKey: 'saved-sk' },
  projects: { own: { kind: 'token', token: 'own-token' } },
};

async function found() {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'choice-'));
  return discoverCredentials({
    env: { HUAWEICLOUD_SDK_AK: 'ENVAK000000000000001', HUAWEICLOUD_SDK_SK: 'env-sk' },
    home: dir,
  });
}

test('a chosen found key signs instead of the saved one and names its source; a project token still wins', async () => {
  const choices = withChoice(parseChoices(undefined), 'env');
  const sources = await found();
  const other = resolveConnection(
    { projectId: 'other', region: 'cn-north-4', endpoint: '' },
    credentialsWithChoice(stored, resolveChoice(choices, sources, 'other')),
  );
  assert.ok(isConnection(other));
  assert.equal(other.credential, 'AK ENVA… from HUAWEICLOUD_SDK_AK');
  const own = resolveConnection(
    { projectId: 'own', region: 'cn-north-4', endpoint: '' },
    credentialsWithChoice(stored, resolveChoice(choices, sources, 'own')),
  );
  assert.ok(isConnection(own));
  assert.equal(own.credential, 'IAM token (pasted)');
});

test('per-project choice beats the default; the saved key can be chosen back; a vanished source leaves none', async () => {
  const sources = await found();
  const choices = withChoice(withChoice(parseChoices(undefined), 'env'), SAVED_ACCESS_KEY, ['p1']);
  assert.deepEqual(resolveChoice(choices, sources, 'p1'), { saved: true, accessKeyOnly: true });
  assert.equal('accessKey' in resolveChoice(choices, sources, 'p2'), true);
  const gone = resolveChoice(withChoice(choices, 'koocli:dev'), sources, 'p2');
  assert.deepEqual(gone, { unavailable: 'koocli:dev' });
  assert.equal(credentialsWithChoice(stored, gone).accessKey, undefined);
  assert.deepEqual(credentialsWithChoice(stored, gone).projects, stored.projects);
});

test('what globalState holds is checked, never trusted', () => {
  assert.deepEqual(parseChoices('nonsense'), { projects: {} });
  const parsed = parseChoices({
    default: 'koocli:dev-sh',
    projects: { p1: 'env', 'bad id!': 'env', p2: 42, p3: 'secret-looking-value', ['__proto__']: 'env' },
  });
  assert.equal(parsed.default, 'koocli:dev-sh');
  assert.deepEqual({ ...parsed.projects }, { p1: 'env' });
  // JSON-shaped input with an own __proto__ key cannot reach the prototype.
  const fromJson = parseChoices(JSON.parse('{"projects": {"__proto__": "env", "p": "sdkFile"}}'));
  assert.equal(fromJson.projects.p, 'sdkFile');
  assert.equal(({} as Record<string, unknown>).p, undefined);
});

test('a found key chosen over an IAM Identity Center sign-in signs instead of it; choosing the saved sign-in brings it back', async () => {
  const sso: CredentialSet['sso'] = {
    kind: 'sso',
    startUrl: 'https://example.signin/start',
    region: 'cn-north-4',
    oidcEndpoint: 'https://oidc.example',
    portalEndpoint: 'https://portal.example',
    accessToken: 'sso-access-token',
    tokenExpiresAt: Date.now() + 3_600_000,
    accountId: 'a1',
    accountName: 'dev-account',
    agencyName: 'ReadOnly',
    agencyUrn: 'iam::a1:agency:ReadOnly',
    accessKeyId: 'SSOTEMPAK00000000001',
    secretKey: 'sso-sk',
    securityToken: 'sso-security-token',
    keysObtainedAt: Date.now(),
    keysExpireAt: Date.now() + 3_600_000,
  };
  const withSso: CredentialSet = { ...stored, sso };
  const sources = await found();
  const chosen = resolveConnection(
    { projectId: 'other', region: 'cn-north-4', endpoint: '' },
    credentialsWithChoice(withSso, resolveChoice(withChoice(parseChoices(undefined), 'env'), sources, 'other')),
  );
  assert.ok(isConnection(chosen));
  assert.equal(chosen.credential, 'AK ENVA… from HUAWEICLOUD_SDK_AK');
  const saved = resolveConnection(
    { projectId: 'other', region: 'cn-north-4', endpoint: '' },
    credentialsWithChoice(withSso, resolveChoice(withChoice(parseChoices(undefined), SAVED_SSO), sources, 'other')),
  );
  assert.ok(isConnection(saved));
  assert.match(saved.credential, /dev-account/);
});

test('an IAM Identity Center sign-in after the one-click setup signs: by default, and for the row it was started from', async () => {
  const sources = await found();
  const sso = { kind: 'sso', accountName: 'dev', agencyName: 'RO', accessKeyId: 'SSOAK' } as SsoCredential;
  const withSso: CredentialSet = { ...stored, sso };
  // The one-click setup chose the environment's key by default, and "Add the projects of" for p2.
  const before = withChoice(withChoice(parseChoices({}), 'env'), 'env', ['p2']);
  const signsWith = (choices: ReturnType<typeof parseChoices>, projectId: string) => {
    const used = credentialFor(credentialsWithChoice(withSso, resolveChoice(choices, sources, projectId)), projectId);
    return 'credential' in used ? used.credential : undefined;
  };
  assert.equal(signsWith(before, 'p1')?.kind, 'accessKey', 'before: the found key signs');
  const after = choosingSignIn(before, ['p2']);
  assert.equal(signsWith(after, 'p1')?.kind, 'sso', 'a project on the default');
  assert.equal(signsWith(after, 'p2')?.kind, 'sso', 'the row the sign-in was started from');
  assert.equal(
    signsWith(choosingSignIn(before), 'p2')?.kind,
    'accessKey',
    "without a row, a project's own choice stays",
  );
});

test("Sign Out names the found keys that still sign (they are not VS Code's to remove), and none once the saved ones are chosen", async () => {
  const sources = await found();
  assert.deepEqual(
    foundInUse(withChoice(parseChoices({}), 'env'), sources).map((s) => s.label),
    ['Environment (HUAWEICLOUD_SDK_AK)'],
  );
  assert.deepEqual(foundInUse(withChoice(parseChoices({}), 'env', ['p1']), sources).length, 1, 'a project of its own');
  assert.deepEqual(foundInUse(choosingSignIn(withChoice(parseChoices({}), 'env')), sources), []);
  assert.deepEqual(
    foundInUse(withChoice(parseChoices({}), 'sdkFile'), sources),
    [],
    'a source not found now signs nothing',
  );
});
