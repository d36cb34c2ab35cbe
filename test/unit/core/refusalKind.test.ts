import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ApiError } from '../../../src/api/errors';
import { CredentialProof } from '../../../src/core/credentialProof';
import { deniedAction, deniesAction, refusesCredential, refusesForEveryFamily } from '../../../src/core/refusalKind';

const policy = new ApiError(
  403,
  'WKS.00081102',
  "Policy doesn't allow workspace:jobs:listSubJobs to be performed.",
  'r',
);
const notScoped = new ApiError(403, 'WKS.00081102', 'Permission denied: the token is not scoped to project "p".', 'r');
const gateway = new ApiError(403, 'APIGW.0306', 'API access denied', 'r');
const badSignature = new ApiError(401, 'APIGW.0301', 'Incorrect IAM authentication information', 'r');

test('a 401 refuses the credential for every family, wherever it was sent', () => {
  for (const scope of ['credential', 'action', 'elsewhere'] as const)
    assert.equal(refusesCredential(badSignature, scope, true), true);
  assert.equal(refusesForEveryFamily(badSignature), true);
});

test('a policy’s 403 on listing denies an action: it refuses no credential and is not shared', () => {
  assert.equal(deniesAction(policy, false), true);
  assert.equal(refusesCredential(policy, 'credential', false), false);
  assert.equal(refusesForEveryFamily(policy), false);
  assert.equal(deniedAction(policy, 'appServer'), 'workspace:jobs:listSubJobs');
  assert.equal(
    deniedAction(policy, 'image'),
    'workspace:imageServer:listImageSubJobs',
    'another family’s action is not this one’s',
  );
});

test('the service’s other 403 on listing refuses the credential of its own family only, unless the other family works with it', () => {
  assert.equal(refusesCredential(notScoped, 'credential', false), true);
  assert.equal(refusesForEveryFamily(notScoped), false);
  assert.equal(refusesCredential(notScoped, 'credential', true), false);
  assert.equal(deniesAction(notScoped, true), true);
});

test('a gateway 403 on listing refuses the credential for every family', () => {
  assert.equal(refusesCredential(gateway, 'credential', false), true);
  assert.equal(refusesForEveryFamily(gateway), true);
  assert.equal(refusesCredential(gateway, 'action', false), false, 'a 403 on one action never refuses the credential');
});

test('a gateway 403 is never a policy’s denial, whatever another family did', () => {
  assert.equal(deniesAction(gateway, true), false);
  assert.equal(refusesCredential(gateway, 'credential', true), true);
});

test('the service’s 403 denies the action by its code, in any language', () => {
  const zh = new ApiError(403, 'WKS.00081102', '策略不允许执行 workspace:imageServer:listImageSubJobs。', 'r');
  const unworded = new ApiError(403, 'WKS.00081102', 'Forbidden', 'r');
  for (const denial of [zh, unworded]) {
    assert.equal(deniesAction(denial, false), true, denial.errorMsg);
    assert.equal(refusesCredential(denial, 'credential', false), false, denial.errorMsg);
  }
  assert.equal(deniedAction(zh, 'image'), 'workspace:imageServer:listImageSubJobs');
});

test('what the credential answered for another family is forgotten when it is refused', () => {
  const proof = new CredentialProof();
  proof.worked('image');
  assert.equal(proof.workedBesides('appServer'), true);
  proof.refused();
  assert.equal(proof.workedBesides('appServer'), false);
});
