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
    chosen: { projectId: 'p', region: 'cn-north-4' },
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
    chosen: { projectId: 'p', region: 'ap-southeast-3' },
  });
  assert.deepEqual(await projectsOfSource(source({ region: 'cn-north-4' }), key, lookUp), {
    projects: [
      { projectId: 'own', region: 'cn-north-4' },
      { projectId: 'sub', region: 'cn-north-4' },
    ],
    chosen: { projectId: 'own', region: 'cn-north-4' },
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

/** What IAM lists for a key on a real account: a project in every region (~30), WorkspaceApp or not, and MOS. */
const everyRegion = [
  'af-north-1',
  'af-south-1',
  'ap-southeast-1',
  'ap-southeast-2',
  'ap-southeast-3',
  'ap-southeast-4',
  'cn-east-2',
  'cn-east-3',
  'cn-east-4',
  'cn-east-5',
  'cn-north-1',
  'cn-north-2',
  'cn-north-4',
  'cn-north-4_dev',
  'cn-north-9',
  'cn-north-11',
  'cn-south-1',
  'cn-south-2',
  'cn-south-4',
  'cn-southwest-2',
  'eu-west-0',
  'eu-west-101',
  'la-north-2',
  'la-south-2',
  'me-east-1',
  'ru-northwest-2',
  'sa-brazil-1',
  'tr-west-1',
  'my-kualalumpur-1',
  'MOS',
].map((name) => ({ id: `id-${name}`, name }));

test('an env-only key on a real account (30 projects): the project is chosen without a pick, the settings region first', async () => {
  const lookUp: ProjectLookUp = async () => everyRegion;
  const env = source({});
  const main = await projectsOfSource(env, key, lookUp);
  assert.ok('projects' in main);
  assert.deepEqual(
    { chosen: main.chosen, offered: main.projects.length },
    { chosen: { projectId: 'id-cn-north-4', region: 'cn-north-4' }, offered: 18 },
  );
  // WorkspaceApp's regions in the service's order, a region's own project before its sub-projects.
  assert.deepEqual(
    main.projects.slice(0, 3).map((p) => p.projectId),
    ['id-cn-north-4', 'id-cn-north-4_dev', 'id-cn-north-9'],
  );
  const set = await projectsOfSource(env, key, lookUp, 'ap-southeast-3');
  assert.ok('projects' in set);
  assert.deepEqual(set.chosen, { projectId: 'id-ap-southeast-3', region: 'ap-southeast-3' });
  // A region set where WorkspaceApp is not offered decides nothing: the service's main region does.
  const elsewhere = await projectsOfSource(env, key, lookUp, 'eu-west-0');
  assert.ok('projects' in elsewhere);
  assert.equal(elsewhere.chosen?.region, 'cn-north-4');
});

test('nothing decides (several WorkspaceApp regions, not the main one): asked, WorkspaceApp regions in order; one region decides alone', async () => {
  const names = ['eu-west-0', 'tr-west-1', 'ap-southeast-3', 'MOS'];
  const several = await projectsOfSource(source({}), key, async () => names.map((name) => ({ id: name, name })));
  assert.ok('projects' in several);
  assert.equal(several.chosen, undefined);
  assert.deepEqual(
    several.projects.map((p) => p.region),
    ['ap-southeast-3', 'tr-west-1'],
  );
  const one = await projectsOfSource(source({}), key, async () =>
    ['eu-west-0', 'la-south-2', 'MOS'].map((name) => ({ id: name, name })),
  );
  assert.ok('projects' in one);
  assert.deepEqual(one.chosen, { projectId: 'la-south-2', region: 'la-south-2' });
});
