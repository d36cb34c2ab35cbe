import { test } from 'node:test';
import assert from 'node:assert/strict';
import type * as vscode from 'vscode';
import { CredentialStore } from '../../../src/config/credentialStore';
import { IamCredential, parseCredentialSet, serializeCredentialSet, UNSCOPED } from '../../../src/core/credentials';

/** SecretStorage as VS Code offers it: async, with a change event; `delay` makes writes slow to expose interleaving. */
class FakeSecrets {
  readonly data = new Map<string, string>();
  private readonly listeners = new Set<(e: { key: string }) => void>();
  writes: string[] = [];
  delayMs = 0;

  get = async (key: string) => this.data.get(key);
  store = async (key: string, value: string) => {
    await this.pause();
    this.data.set(key, value);
    this.writes.push(`store ${value.length}`);
    for (const l of this.listeners) l({ key });
  };
  delete = async (key: string) => {
    await this.pause();
    this.data.delete(key);
    this.writes.push('delete');
    for (const l of this.listeners) l({ key });
  };
  keys = async () => [...this.data.keys()];
  onDidChange = (listener: (e: { key: string }) => void) => {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  };
  private pause(): Promise<void> {
    return new Promise((resolve) => setTimeout(resolve, this.delayMs));
  }
}

function store(secrets = new FakeSecrets()): { secrets: FakeSecrets; credentials: CredentialStore } {
  return { secrets, credentials: new CredentialStore(secrets as unknown as vscode.SecretStorage) };
}

const iam = (token: string): IamCredential => ({
  kind: 'iam',
  token,
  expiresAt: '2026-11-30T10:00:00.000000Z',
  domainName: 'acme',
  userName: 'dev',
  iamEndpoint: 'https://iam.example.com',
  password: 'pw',
});

test('a renewal stores its token only while the one it renewed is still there', async () => {
  const { credentials } = store();
  await credentials.setProjectCredential('p1', iam('old'));
  assert.equal(await credentials.replace('p1', iam('old'), iam('new')), true);
  assert.equal(
    (await credentials.get()).projects.p1.kind === 'iam' && (await credentials.get()).projects.p1.token,
    'new',
  );
  // Someone signed in again meanwhile: the stale renewal is dropped.
  assert.equal(await credentials.replace('p1', iam('old'), iam('newer')), false);
  assert.equal(
    (await credentials.get()).projects.p1.kind === 'iam' && (await credentials.get()).projects.p1.token,
    'new',
  );
});

test('Sign Out queued behind a renewal wins: the renewal cannot bring the credential back', async () => {
  const { secrets, credentials } = store();
  await credentials.setProjectCredential('p1', iam('old'));
  secrets.delayMs = 20;
  const renewed = credentials.replace('p1', iam('old'), iam('new'));
  const cleared = credentials.clear();
  assert.equal(await renewed, true);
  await cleared;
  assert.deepEqual(await credentials.get(), { projects: {} });
  // And a renewal that starts after Sign Out finds nothing to replace.
  assert.equal(await credentials.replace('p1', iam('new'), iam('newer')), false);
  assert.deepEqual(await credentials.get(), { projects: {} });
});

test('a sign-in that began before a Sign Out is not stored', async () => {
  const { credentials } = store();
  const began = credentials.clearCount;
  await credentials.clear();
  assert.equal(await credentials.setProjectCredential('p1', iam('late'), began), false);
  assert.deepEqual((await credentials.get()).projects, {});
  assert.equal(await credentials.setProjectCredential('p1', iam('fresh'), credentials.clearCount), true);
});

test('writes go one at a time, each on top of the last', async () => {
  const { secrets, credentials } = store();
  secrets.delayMs = 5;
  await Promise.all([
    credentials.setProjectCredential('a', { kind: 'token', token: 'ta' }),
    credentials.setProjectCredential('b', { kind: 'token', token: 'tb' }),
    credentials.setAccessKey({ kind: 'accessKey', accessKeyId: 'AKAKAKAK', secretKey: 'sk' }),
  ]);
  const set = await credentials.get();
  assert.deepEqual(Object.keys(set.projects).sort(), ['a', 'b'], 'no write lost another');
  assert.equal(set.accessKey?.accessKeyId, 'AKAKAKAK');
  await credentials.clearProjectCredentials();
  assert.deepEqual((await credentials.get()).projects, {});
  assert.equal((await credentials.get()).accessKey?.accessKeyId, 'AKAKAKAK', 'Clear Token keeps the access key');
});

test('the one credential earlier versions stored is read into the set', async () => {
  assert.deepEqual(parseCredentialSet(JSON.stringify({ kind: 'token', token: 't' })), {
    projects: { [UNSCOPED]: { kind: 'token', token: 't' } },
  });
  assert.deepEqual(parseCredentialSet(JSON.stringify({ kind: 'accessKey', accessKeyId: 'AK', secretKey: 'SK' })), {
    accessKey: { kind: 'accessKey', accessKeyId: 'AK', secretKey: 'SK' },
    projects: {},
  });
  const set = {
    accessKey: { kind: 'accessKey', accessKeyId: 'AK', secretKey: 'SK' } as const,
    projects: { p1: iam('t1') },
  };
  assert.deepEqual(parseCredentialSet(serializeCredentialSet(set)), set);
  assert.deepEqual(parseCredentialSet('not json'), { projects: {} });
  assert.deepEqual(
    parseCredentialSet(
      JSON.stringify({ version: 2, projects: { p1: { kind: 'accessKey', accessKeyId: 'A', secretKey: 'S' }, p2: 7 } }),
    ),
    { projects: {} },
    'an access key is not a project token; junk is dropped',
  );
});

test('a token kept without a project is adopted once by the project configured then, and does not follow later changes', async () => {
  const { credentials } = store();
  await credentials.setProjectCredential(UNSCOPED, { kind: 'token', token: 'old' });
  assert.equal(await credentials.adoptUnscoped('pA'), true);
  const set = await credentials.get();
  assert.deepEqual(Object.keys(set.projects), ['pA']);
  // The single project becomes pB: the token stays pA's.
  assert.equal(await credentials.adoptUnscoped('pB'), false);
  assert.deepEqual(Object.keys((await credentials.get()).projects), ['pA']);
});
