import { afterEach, test } from 'node:test';
import assert from 'node:assert/strict';
import { LazySubJobClient } from '../../../src/api/lazyHttp';
import { ProjectSession } from '../../../src/core/projectSession';
import { SessionClosedError } from '../../../src/core/sessionGate';
import { DEFAULT_ACCESS_KEY, RunningSimulator, startSimulator } from '../../../src/simulator/server';
import { OpenedInTest, simulatorAuthorizer, simulatorSessionSpec } from '../simulatorClient';

const opened = new OpenedInTest();
afterEach(() => opened.closeAll());

/** A session as the extension builds it: a lazy client that can ask IAM too. */
async function setUp(credential: 'token' | 'accessKey', faults = '') {
  const simulator: RunningSimulator = opened.track(await startSimulator({ progress: false, size: 12, faults }));
  const authorizer = simulatorAuthorizer(simulator, credential);
  const client = new LazySubJobClient({
    endpoint: simulator.url,
    projectId: simulator.projectId,
    authorizer,
    userAgent: 'test',
  });
  const session = new ProjectSession(
    simulatorSessionSpec(simulator, { cautious: credential === 'accessKey' }),
    client,
    undefined,
  );
  opened.track({ close: async () => session.dispose() });
  return { simulator, session };
}

test('Who Am I through the session: IAM names the account and the user of an access key', async () => {
  const { simulator, session } = await setUp('accessKey');
  const answer = await session.whoAmI(simulator.url);
  assert.equal(answer.kind, 'identity');
  if (answer.kind !== 'identity') return;
  assert.equal(answer.identity.account?.name, 'sample-account');
  assert.equal(answer.identity.user?.id, 'user-sample-user');
  // An access key not yet proven tries one request of the project first, as every call of the session does.
  assert.deepEqual(
    simulator.requests.map((r) => r.path.replace(/\/v1\/[^/]+\//, '/v1/{project}/')),
    [
      '/v1/{project}/image-server-sub-jobs/actions/count',
      '/v3/auth/domains',
      `/v3.0/OS-CREDENTIAL/credentials/${DEFAULT_ACCESS_KEY.ak}`,
    ],
  );
});

test('IAM refuses (403): one count call on the project says the credential works; the session is not marked refused', async () => {
  const { simulator, session } = await setUp('token', 'deny=callerIdentity');
  const answer = await session.whoAmI(simulator.url);
  assert.equal(answer.kind, 'works');
  if (answer.kind !== 'works') return;
  assert.equal(answer.total, simulator.subJobs().length);
  assert.match(answer.unanswered, /^HTTP 403 Forbidden: You are not authorized/);
  assert.deepEqual(
    simulator.requests.map((r) => `${r.status} ${r.path.startsWith('/v3') ? 'IAM' : 'count'}`),
    ['403 IAM', '200 count'],
  );
  assert.equal(session.refused, false, 'IAM’s refusal says nothing about the project’s credential');
});

test('IAM unreachable: the count call answers instead', async () => {
  const { session } = await setUp('token');
  const answer = await session.whoAmI('http://127.0.0.1:9');
  assert.equal(answer.kind, 'works');
  if (answer.kind === 'works') assert.match(answer.unanswered, /cannot reach/);
});

test('a credential that does not work for the project: Who Am I rejects with the service’s refusal', async () => {
  const { simulator, session } = await setUp('token', 'deny=callerIdentity/countImageSubJobs/listImageSubJobs');
  await assert.rejects(session.whoAmI(simulator.url), /HTTP 403/);
});

test('a disposed session sends nothing for Who Am I', async () => {
  const { simulator, session } = await setUp('token');
  session.dispose();
  await assert.rejects(async () => session.whoAmI(simulator.url), SessionClosedError);
  assert.equal(simulator.requests.length, 0);
});
