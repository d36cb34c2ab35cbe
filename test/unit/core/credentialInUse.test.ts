import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  choosing,
  credentialsWithChoice,
  OWN_CREDENTIAL,
  parseChoices,
  resolveChoice,
  SAVED_ACCESS_KEY,
  SAVED_SSO,
  signingChoice,
  withChoice,
} from '../../../src/core/credentialChoice';
import { AccessKeyCredential, credentialFor, CredentialSet, SsoCredential } from '../../../src/core/credentials';
import { FoundCredentials, FoundSource } from '../../../src/core/foundCredentials';

const key = (id: string): AccessKeyCredential => ({ kind: 'accessKey', accessKeyId: id, secretKey: `${id}-sk` });
const source = (id: string): FoundSource => ({ id, label: id, detail: '', origin: `from ${id}` });
const found = new FoundCredentials(
  [source('env'), source('sdkFile'), source('koocli:dev-sh')],
  new Map([
    ['env', key('ENVAK000000000000001')],
    ['sdkFile', key('FILEAK00000000000001')],
    ['koocli:dev-sh', key('KOOAK000000000000001')],
  ]),
);
const sso = { kind: 'sso', accountName: 'dev', agencyName: 'RO', accessKeyId: 'SSOAK' } as SsoCredential;
const stored: CredentialSet = {
  accessKey: key('SAVEDAK0000000000001'),
  sso,
  projects: { own: { kind: 'token', token: 'own-token' } },
};

test('Switch Credential from the palette: "(in use)" is what signs the project, and "all projects" changes every project', () => {
  // The one-click setup chose the environment's key by default; "Add the projects of KooCLI profile dev-sh" added p1.
  const before = withChoice(withChoice(parseChoices({}), 'env'), 'koocli:dev-sh', ['p1']);
  const after = choosing(before, 'sdkFile', { all: true });
  const outcome = {
    pickerMarksInUse: signingChoice(stored, before, found, 'p1'),
    p1SignsWith: signingChoice(stored, after, found, 'p1'),
    p2SignsWith: signingChoice(stored, after, found, 'p2'),
  };
  assert.deepEqual(outcome, { pickerMarksInUse: 'koocli:dev-sh', p1SignsWith: 'sdkFile', p2SignsWith: 'sdkFile' });
  // Picked projects only: the others keep theirs.
  const picked = choosing(before, 'sdkFile', { projectIds: ['p2'] });
  assert.equal(signingChoice(stored, picked, found, 'p1'), 'koocli:dev-sh');
  assert.equal(signingChoice(stored, picked, found, 'p2'), 'sdkFile');
});

test('the saved sign-in and the saved access key are two choices: "Saved access key" signs with an SSO sign-in stored', () => {
  const ak = withChoice(parseChoices({}), SAVED_ACCESS_KEY);
  const signs = credentialFor(credentialsWithChoice(stored, resolveChoice(ak, found, 'p1')), 'p1');
  assert.equal(
    'credential' in signs && signs.credential.kind,
    'accessKey',
    'the saved access key signs, not the sign-in',
  );
  assert.equal(signingChoice(stored, ak, found, 'p1'), SAVED_ACCESS_KEY);
  const signIn = withChoice(parseChoices({}), SAVED_SSO);
  assert.equal(signingChoice(stored, signIn, found, 'p1'), SAVED_SSO);
  // A project's own token still signs it, whatever is chosen, and is what is in use there.
  assert.equal(signingChoice(stored, ak, found, 'own'), OWN_CREDENTIAL);
  // Nothing chosen yet: VS Code's own order, the sign-in first.
  assert.equal(signingChoice(stored, parseChoices({}), found, 'p1'), SAVED_SSO);
  assert.equal(signingChoice({ projects: {} }, parseChoices({}), found, 'p1'), undefined, 'nothing signs');
});

test("the id of earlier versions ('saved') is still read: VS Code's own order, so an upgrade changes nothing", () => {
  const upgraded = parseChoices({ default: 'saved', projects: { p1: 'saved', p2: SAVED_ACCESS_KEY, p3: SAVED_SSO } });
  assert.equal(upgraded.default, 'saved');
  assert.equal(signingChoice(stored, upgraded, found, 'p1'), SAVED_SSO);
  const { sso: _signIn, ...keyOnly } = stored;
  assert.equal(signingChoice(keyOnly, upgraded, found, 'p1'), SAVED_ACCESS_KEY);
  assert.equal(signingChoice(stored, upgraded, found, 'p2'), SAVED_ACCESS_KEY);
  assert.equal(signingChoice(stored, upgraded, found, 'p3'), SAVED_SSO);
});
