import { test } from 'node:test';
import assert from 'node:assert/strict';
import { askAgainForAccessKey, isSameAccessKey, isSameToken } from '../../../src/core/credentialChange';
import { CredentialSet } from '../../../src/core/credentials';

const key = { kind: 'accessKey' as const, accessKeyId: 'AK1', secretKey: 'SK1' };

test('the same access key is the same id, secret and security token', () => {
  assert.equal(isSameAccessKey(key, { ...key }), true);
  assert.equal(isSameAccessKey(undefined, key), false);
  assert.equal(isSameAccessKey(key, { ...key, secretKey: 'SK2' }), false);
  assert.equal(isSameAccessKey(key, { ...key, securityToken: 'T' }), false);
  assert.equal(isSameAccessKey({ ...key, securityToken: '' }, key), true);
});

test('the same token is the project own token, blanks around it aside', () => {
  const stored: CredentialSet = { projects: { p1: { kind: 'token', token: 'MIIE-abc' } } };
  assert.equal(isSameToken(stored, 'p1', '  MIIE-abc\n'), true);
  assert.equal(isSameToken(stored, 'p1', 'MIIE-other'), false);
  assert.equal(isSameToken(stored, 'p2', 'MIIE-abc'), false);
});

test('the access key saved again asks only the projects that refused it and sign with it', () => {
  const stored: CredentialSet = { accessKey: key, projects: { p3: { kind: 'token', token: 'MIIE-x' } } };
  const sessions = [
    { spec: { projectId: 'p1' }, refused: true },
    { spec: { projectId: 'p2' }, refused: false },
    // Refused, but its own token signs its requests, not the access key.
    { spec: { projectId: 'p3' }, refused: true },
  ];
  assert.deepEqual(
    askAgainForAccessKey(sessions, stored).map((s) => s.spec.projectId),
    ['p1'],
  );
  assert.deepEqual(askAgainForAccessKey(sessions, { projects: {} }), []);
});
