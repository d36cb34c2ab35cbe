import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  describeCredential,
  isExpiredTokenError,
  parseCredential,
  parseCredentialSet,
  renewalDueIn,
  RENEW_BEFORE_MS,
  serializeCredentialSet,
} from '../../../src/core/credentials';

/** An IAM token as the store keeps it. */
const STORED_IAM = {
  kind: 'iam',
  token: 't',
  expiresAt: '2026-11-28T10:00:00.000000Z',
  domainName: 'acme',
  userName: 'dev',
  iamEndpoint: 'https://iam.x',
} as const;

test('stored credentials round-trip; anything unreadable is no credential', () => {
  const iam = STORED_IAM;
  assert.deepEqual(parseCredential(JSON.stringify(iam)), iam);
  assert.deepEqual(
    parseCredential(JSON.stringify({ kind: 'accessKey', accessKeyId: 'AK', secretKey: 'SK', securityToken: '' })),
    { kind: 'accessKey', accessKeyId: 'AK', secretKey: 'SK' },
  );
  assert.equal(parseCredential('{'), undefined);
  assert.equal(parseCredential(JSON.stringify({ kind: 'token', token: '' })), undefined);
  assert.equal(parseCredential(JSON.stringify({ kind: 'accessKey', accessKeyId: 'AK' })), undefined);
  assert.equal(parseCredential(undefined), undefined);
});

test('descriptions reveal no secret', () => {
  assert.equal(
    describeCredential({ kind: 'accessKey', accessKeyId: 'HPUAEXAMPLE123', secretKey: 'verysecret' }),
    'AK HPUA…',
  );
  const text = describeCredential({
    kind: 'iam',
    token: 'TOKEN-XYZ',
    expiresAt: '2026-11-28T10:00:00Z',
    domainName: 'acme',
    userName: 'dev',
    iamEndpoint: 'x',
    password: 'PW-123',
  });
  assert.match(text, /^IAM token of dev until /);
  assert.ok(!text.includes('TOKEN-XYZ') && !text.includes('PW-123'));
  assert.equal(describeCredential({ kind: 'token', token: 'abc' }), 'IAM token (pasted)');
});

test('an IAM token is renewed ten minutes before it expires', () => {
  const expiresAt = '2026-11-28T10:00:00Z';
  const now = Date.parse(expiresAt) - 60 * 60_000;
  const c = { kind: 'iam', token: 't', expiresAt, domainName: 'a', userName: 'u', iamEndpoint: 'x' } as const;
  assert.equal(renewalDueIn(c, now), 60 * 60_000 - RENEW_BEFORE_MS);
  assert.equal(renewalDueIn({ kind: 'token', token: 't' }, now), undefined);
  assert.equal(renewalDueIn({ ...c, expiresAt: 'garbage' }, now), 0);
});

test('only an expired token counts as expired, not a wrong one', () => {
  assert.ok(isExpiredTokenError(401, 'APIGW.0307', 'The token must be updated.'));
  assert.ok(
    isExpiredTokenError(
      401,
      'APIGW.0301',
      'Incorrect IAM authentication information: the token expired at 2026-11-28T10:00:00Z',
    ),
  );
  assert.ok(!isExpiredTokenError(401, 'APIGW.0301', 'Incorrect IAM authentication information: verify token fail'));
  assert.ok(!isExpiredTokenError(401, 'APIGW.0301', 'verify aksk signature fail'));
  assert.ok(!isExpiredTokenError(403, 'APIGW.0307', 'expired'));
});

test('an IAM sign-in made with an MFA code keeps "mfa: true" through the store; anything else there is dropped', () => {
  const iam = { ...STORED_IAM, mfa: true } as const;
  assert.deepEqual(parseCredential(JSON.stringify(iam)), iam);
  const set = parseCredentialSet(serializeCredentialSet({ projects: { p1: iam } }));
  assert.deepEqual(set.projects.p1, iam);
  assert.equal((parseCredential(JSON.stringify({ ...iam, mfa: 'yes' })) as { mfa?: unknown }).mfa, undefined);
});
