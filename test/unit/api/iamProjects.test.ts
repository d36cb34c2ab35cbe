import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { AkskAuthorizer } from '../../../src/api/akskSigner';
import { ApiError } from '../../../src/api/errors';
import { listAuthProjects, showProject } from '../../../src/api/iamProjects';
import { regionOfProjectName } from '../../../src/api/regions';
import { RunningSimulator, startSimulator } from '../../../src/simulator/server';
import { DEFAULT_ACCESS_KEY } from '../../../src/simulator/signature';

let simulator: RunningSimulator;
const signal = () => new AbortController().signal;
const signedWith = (ak: string, sk: string) => new AkskAuthorizer({ accessKeyId: ak, secretKey: sk });

before(async () => {
  simulator = await startSimulator({ progress: false, size: 5, projectName: 'ap-southeast-3_sub' });
});
after(() => simulator.close());

test('KeystoneShowProject and KeystoneListAuthProjects, signed with the AK/SK, give the project and its region', async () => {
  const authorizer = signedWith(DEFAULT_ACCESS_KEY.ak, DEFAULT_ACCESS_KEY.sk);
  const shown = await showProject({
    iamEndpoint: simulator.url,
    projectId: simulator.projectId,
    authorizer,
    signal: signal(),
  });
  assert.deepEqual(shown, { id: simulator.projectId, name: 'ap-southeast-3_sub' });
  assert.equal(regionOfProjectName(shown.name), 'ap-southeast-3');
  const listed = await listAuthProjects({ iamEndpoint: simulator.url, authorizer, signal: signal() });
  assert.deepEqual(listed, [{ id: simulator.projectId, name: 'ap-southeast-3_sub' }]);
  const request = simulator.requests.find((r) => r.path?.startsWith('/v3/auth/projects'));
  assert.equal(request?.accessKeyId, DEFAULT_ACCESS_KEY.ak, 'the simulator records which key signed');
});

test('a wrong secret key is refused like any other route; an unknown project is 404', async () => {
  await assert.rejects(
    listAuthProjects({
      iamEndpoint: simulator.url,
      authorizer: signedWith(DEFAULT_ACCESS_KEY.ak, 'wrong'),
      signal: signal(),
    }),
    (error: unknown) => error instanceof ApiError && error.status === 401,
  );
  await assert.rejects(
    showProject({
      iamEndpoint: simulator.url,
      projectId: 'nope',
      authorizer: signedWith(DEFAULT_ACCESS_KEY.ak, DEFAULT_ACCESS_KEY.sk),
      signal: signal(),
    }),
    (error: unknown) => error instanceof ApiError && error.status === 404,
  );
  assert.equal(regionOfProjectName('MOS'), undefined);
});
