import { test } from 'node:test';
import assert from 'node:assert/strict';
import { AccessKeyCredential } from '../../../src/core/credentials';
import { FoundSource } from '../../../src/core/foundCredentials';
import { projectsOfSource, ProjectLookUp } from '../../../src/core/foundProject';

const key: AccessKeyCredential = { kind: 'accessKey', accessKeyId: 'AKAKAKAKAKAK', secretKey: 'sk' };
const source = (fields: Partial<FoundSource>): FoundSource => ({
  id: 'env',
  label: 'Env',
  detail: '',
  origin: '',
  ...fields,
});

test('a source naming project and region asks IAM nothing', async () => {
  const lookUp: ProjectLookUp = () => assert.fail('IAM asked');
  assert.deepEqual(await projectsOfSource(source({ projectId: 'p', region: 'cn-north-4' }), key, lookUp), {
    projects: [{ projectId: 'p', region: 'cn-north-4' }],
  });
});

test('IAM names the region (sub-projects too), at the SDK IAM endpoint or the global one; a region filters the list', async () => {
  const asked: unknown[] = [];
  const lookUp: ProjectLookUp = async (r) => {
    asked.push({ iamEndpoint: r.iamEndpoint, projectId: r.projectId });
    return r.projectId
      ? [{ id: r.projectId, name: 'ap-southeast-3_sub' }]
      : [
          { id: 'mos', name: 'MOS' },
          { id: 'sub', name: 'cn-north-4_dev' },
          { id: 'own', name: 'cn-north-4' },
          { id: 'hk', name: 'ap-southeast-1' },
        ];
  };
  assert.deepEqual(await projectsOfSource(source({ projectId: 'p', iamEndpoint: 'http://127.0.0.1:1' }), key, lookUp), {
    projects: [{ projectId: 'p', region: 'ap-southeast-3' }],
  });
  assert.deepEqual(await projectsOfSource(source({ region: 'cn-north-4' }), key, lookUp), {
    projects: [
      { projectId: 'own', region: 'cn-north-4' },
      { projectId: 'sub', region: 'cn-north-4' },
    ],
  });
  assert.deepEqual(asked, [
    { iamEndpoint: 'http://127.0.0.1:1', projectId: 'p' },
    { iamEndpoint: 'https://iam.myhuaweicloud.com', projectId: undefined },
  ]);
});

test('a refusal or no usable project is one line naming the source', async () => {
  const refused = await projectsOfSource(source({}), key, async () => {
    throw new Error('HTTP 401 APIGW.0301');
  });
  assert.deepEqual(refused, { error: 'IAM could not tell the project of Env: HTTP 401 APIGW.0301' });
  const none = await projectsOfSource(source({}), key, async () => [{ id: 'mos', name: 'MOS' }]);
  assert.ok('error' in none);
  const elsewhere = await projectsOfSource(source({ region: 'us-east-99' }), key, async () => []);
  assert.ok('error' in elsewhere && /us-east-99/.test(elsewhere.error));
});
