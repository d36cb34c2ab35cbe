import assert from 'node:assert/strict';
import { test } from 'node:test';
import { whoAmIMessage } from '../../../src/presentation/whoAmIText';

const project = { label: 'Singapore', credential: 'IAM token of alice until 3/8/2026, 10:40 AM' };

test('Who Am I names the account and the user, the credential, and when the token expires', () => {
  const text = whoAmIMessage(project, {
    kind: 'identity',
    identity: {
      account: { id: 'd-1', name: 'acme' },
      user: { id: 'u-1', name: 'alice' },
      expiresAt: '2026-03-08T10:40:43.858000Z',
      requests: 1,
    },
  });
  assert.match(
    text,
    /^Singapore: account acme \(d-1\), user alice \(u-1\)\. Credential: IAM token of alice until [^.]*\. The token expires .+\.$/,
  );
  assert.doesNotMatch(text, /\n/);
});

test('an access key: the user by id alone; what IAM did not say is said', () => {
  const text = whoAmIMessage(
    { label: 'p1', credential: 'AK SAMP… (temporary, expiry unknown)' },
    {
      kind: 'identity',
      identity: {
        account: { id: 'd-1', name: 'acme' },
        unanswered: 'IAM names no user for a temporary access key.',
        requests: 1,
      },
    },
  );
  assert.equal(
    text,
    'p1: account acme (d-1), user not said. Credential: AK SAMP… (temporary, expiry unknown). IAM did not say more: IAM names no user for a temporary access key.',
  );
});

test('IAM silent: the credential works for the project, and why IAM did not say', () => {
  const text = whoAmIMessage(project, {
    kind: 'works',
    total: 42,
    unanswered: 'HTTP 403 Forbidden: You are not authorized to perform the requested action. (request id abc)',
  });
  assert.equal(
    text,
    'The credential works for project Singapore (42 sub-jobs); IAM did not say who you are (HTTP 403 Forbidden: You are not authorized to perform the requested action. (request id abc)). Credential: IAM token of alice until 3/8/2026, 10:40 AM.',
  );
});
