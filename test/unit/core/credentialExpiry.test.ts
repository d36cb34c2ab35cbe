import { test } from 'node:test';
import assert from 'node:assert/strict';
import { credentialIamEndpoint } from '../../../src/core/connection';
import { expiryAction, keysOf, signerOf } from '../../../src/core/credentialExpiry';

test("what an expiry calls for follows the session's own credential", () => {
  const found = { id: 'koocli:dev', label: 'KooCLI profile dev' };
  const cases = [
    [{ kind: 'token', token: 't' }, 'token'],
    [{ kind: 'accessKey', accessKeyId: 'AK', secretKey: 'SK', securityToken: 'ST' }, 'setAccessKey'],
    [{ kind: 'accessKey', accessKeyId: 'AK', secretKey: 'SK', securityToken: 'ST', source: found }, 'refreshFound'],
  ] as const;
  for (const [credential, kind] of cases) assert.equal(expiryAction(signerOf(credential)).kind, kind);
  assert.deepEqual(expiryAction({ kind: 'accessKey', temporary: true, found }), {
    kind: 'refreshFound',
    sourceId: 'koocli:dev',
    source: 'KooCLI profile dev',
  });
  assert.deepEqual(expiryAction({ kind: 'accessKey', temporary: false, found }), { kind: 'refusedKey', found });
  assert.deepEqual(expiryAction({ kind: 'accessKey', temporary: false }), { kind: 'refusedKey' });
  assert.deepEqual(expiryAction({ kind: 'sso', keys: 'k1' }), { kind: 'renewSso', keys: 'k1' });
  assert.equal(expiryAction({ kind: 'iam' }).kind, 'token');
  assert.equal(expiryAction({ kind: 'sample' }).kind, 'none');
  assert.equal(expiryAction(undefined).kind, 'token', 'a session planned without a signer keeps the old advice');
});

test('the signer names no secret, nor an access key id', () => {
  const sso = signerOf({ kind: 'sso', accessKeyId: 'SSOAKSECRETISH' } as never);
  assert.deepEqual(sso, { kind: 'sso', keys: keysOf('SSOAKSECRETISH') });
  assert.doesNotMatch(JSON.stringify(sso), /SECRET/);
  assert.notEqual(keysOf('SSOAK1'), keysOf('SSOAK2'));

  const signer = signerOf({
    kind: 'accessKey',
    accessKeyId: 'AKSECRETISH',
    secretKey: 'VERY-SECRET',
    securityToken: 'SECRET-TOKEN',
    source: { id: 'env', label: 'Environment (HUAWEICLOUD_SDK_AK)' },
    iamEndpoint: 'https://iam.example.com',
  });
  assert.doesNotMatch(JSON.stringify(signer), /SECRET/);
  assert.deepEqual(signer, {
    kind: 'accessKey',
    temporary: true,
    found: { id: 'env', label: 'Environment (HUAWEICLOUD_SDK_AK)' },
    iamEndpoint: 'https://iam.example.com',
  });
});

test("which IAM knows a credential: its source's, else Sign In's for the project, else the global one", () => {
  const project = { region: 'cn-north-4', endpoint: '' };
  assert.equal(
    credentialIamEndpoint(' https://iam.own.example.com ', project, 'https://iam.set'),
    'https://iam.own.example.com',
  );
  assert.equal(credentialIamEndpoint(undefined, project, 'https://iam.set'), 'https://iam.set');
  assert.equal(credentialIamEndpoint(undefined, project), 'https://iam.cn-north-4.myhuaweicloud.com');
  assert.equal(credentialIamEndpoint(undefined), 'https://iam.myhuaweicloud.com');
});
