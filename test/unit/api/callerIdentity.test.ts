import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { AkskAuthorizer } from '../../../src/api/akskSigner';
import { TokenAuthorizer } from '../../../src/api/authorizer';
import { fetchCallerIdentity } from '../../../src/api/callerIdentity';
import { requestProjectToken } from '../../../src/api/iamClient';
import { DEFAULT_ACCESS_KEY, DEFAULT_IAM_USER, RunningSimulator, startSimulator } from '../../../src/simulator/server';
import { signInRequest } from './iamSignIn';

const START = Date.parse('2026-03-07T10:40:43.858Z');
const TEMPORARY = { ak: 'TEMPAK00WORKSPACE000', sk: 'temporary-secret', securityToken: 'sts-token' };

let simulator: RunningSimulator;
const signal = () => new AbortController().signal;

before(async () => {
  simulator = await startSimulator({
    now: () => START,
    progress: false,
    size: 5,
    accessKeys: [DEFAULT_ACCESS_KEY, TEMPORARY],
  });
});
after(() => simulator.close());
beforeEach(() => simulator.clearFaults());

function ask(authorizer: TokenAuthorizer | AkskAuthorizer) {
  return fetchCallerIdentity({ iamEndpoint: simulator.url, authorizer, userAgent: 'test', signal: signal() });
}

function accessKey(key = DEFAULT_ACCESS_KEY) {
  return new AkskAuthorizer({
    accessKeyId: key.ak,
    secretKey: key.sk,
    securityToken: key.securityToken,
    projectId: simulator.projectId,
    now: () => new Date(START),
  });
}

describe('Who Am I asks IAM as the Node SDK does', () => {
  it('a signed-in token names its user, its account and its expiry (KeystoneValidateToken)', async () => {
    const signedIn = await requestProjectToken(signInRequest(simulator, DEFAULT_IAM_USER, 'cn-north-4'));
    const identity = await ask(new TokenAuthorizer(signedIn.token));
    assert.deepEqual(identity.user, { id: 'user-sample-user', name: 'sample-user' });
    assert.deepEqual(identity.account, { id: 'domain-sample-account', name: 'sample-account' });
    assert.equal(Date.parse(identity.expiresAt!), Date.parse(signedIn.expiresAt));
    assert.equal(identity.unanswered, undefined);
    assert.equal(identity.requests, 1);
    const sent = simulator.requests.at(-1)!;
    assert.equal(sent.path, '/v3/auth/tokens');
    assert.equal(sent.method, 'GET');
    assert.equal(sent.headers['x-subject-token'], '[redacted]', 'the simulator keeps no token');
  });

  it('a permanent access key: the account from the domains, then its user from the key (signed, with X-Domain-Id)', async () => {
    const before = simulator.requests.length;
    const identity = await ask(accessKey());
    assert.deepEqual(identity.account, { id: 'domain-sample-account', name: 'sample-account' });
    assert.deepEqual(identity.user, { id: 'user-sample-user' });
    assert.equal(identity.unanswered, undefined);
    const sent = simulator.requests.slice(before);
    assert.deepEqual(
      sent.map((r) => [r.path, r.status]),
      [
        ['/v3/auth/domains', 200],
        [`/v3.0/OS-CREDENTIAL/credentials/${DEFAULT_ACCESS_KEY.ak}`, 200],
      ],
    );
    assert.equal(sent[0]!.headers['x-project-id'], undefined, 'IAM is global: no project scope');
    assert.equal(sent[1]!.headers['x-domain-id'], 'domain-sample-account');
  });

  it('a temporary access key: the account, and why no user (IAM keeps no user for it)', async () => {
    const identity = await ask(accessKey(TEMPORARY));
    assert.deepEqual(identity.account, { id: 'domain-sample-account', name: 'sample-account' });
    assert.equal(identity.user, undefined);
    assert.match(identity.unanswered!, /temporary/);
    assert.equal(identity.requests, 1);
  });

  it('refused by IAM (403): nothing named, the refusal in one line with IAM’s words and the request id', async () => {
    simulator.setFaults({ deny: ['callerIdentity'] });
    for (const authorizer of [accessKey(), new TokenAuthorizer(simulator.token)]) {
      const identity = await ask(authorizer);
      assert.equal(identity.account, undefined);
      assert.equal(identity.user, undefined);
      assert.match(identity.unanswered!, /^HTTP 403 Forbidden: You are not authorized.*\(request id [0-9a-f]{32}\)$/);
      assert.doesNotMatch(identity.unanswered!, /\n/);
    }
  });

  it('an unreachable IAM is an answer too, never a rejection', async () => {
    const identity = await fetchCallerIdentity({
      iamEndpoint: 'http://127.0.0.1:9',
      authorizer: accessKey(),
      userAgent: 'test',
      signal: signal(),
    });
    assert.equal(identity.account, undefined);
    assert.match(identity.unanswered!, /cannot reach http:\/\/127\.0\.0\.1:9/);
  });

  it('an abort rejects', async () => {
    const controller = new AbortController();
    controller.abort(new Error('stopped'));
    await assert.rejects(
      fetchCallerIdentity({
        iamEndpoint: simulator.url,
        authorizer: accessKey(),
        userAgent: 't',
        signal: controller.signal,
      }),
      /stopped/,
    );
  });
});
