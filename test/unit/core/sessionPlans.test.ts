import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TokenAuthorizer } from '../../../src/api/authorizer';
import { CredentialSet } from '../../../src/core/credentials';
import { resolveProjects } from '../../../src/core/projects';
import { planSessions, PlanInput } from '../../../src/core/sessionPlans';
import { problemRow } from '../../../src/presentation/messageRows';
import { JOB_TYPES } from '../../../src/model/subJob';

const connect = () => {
  throw new Error('not in these tests');
};

function input(projects: unknown, credentials: CredentialSet, overrides: Partial<PlanInput> = {}): PlanInput {
  return {
    projects: resolveProjects({ projects, projectId: '', region: 'cn-north-4', endpoint: '' }),
    credentials,
    connectionGeneration: 0,
    jobTypes: JOB_TYPES,
    // The tests before families: one family, the image one, as then.
    families: ['image'],
    filter: {},
    connect,
    ...overrides,
  };
}

test('one plan per project, each with its own credential or the reason it has none', () => {
  const plans = planSessions(
    input(
      [
        { projectId: 'p1', region: 'cn-north-4', name: 'Beijing' },
        { projectId: 'p2', region: 'ap-southeast-1' },
        { projectId: 'p3', region: 'af-south-1', endpoint: 'http://evil.example.com' },
      ],
      { projects: { p1: { kind: 'token', token: 't1' } } },
    ),
  );
  assert.deepEqual(
    plans.map((p) => [p.spec.key, p.spec.name ?? '', p.problem ?? 'connects']),
    [
      ['https://appstream.cn-north-4.myhuaweicloud.com|p1', 'Beijing', 'connects'],
      ['https://workspace.ap-southeast-1.myhuaweicloud.com|p2', '', { kind: 'notCovered', coveredProjects: ['p1'] }],
      [
        'http://evil.example.com|p3',
        '',
        {
          kind: 'badEndpoint',
          reason:
            'refusing to send credentials over plain http to evil.example.com; use https:// (http is allowed only for loopback addresses)',
        },
      ],
    ],
  );
  assert.equal(typeof plans[0].connect, 'function');
});

test('an access key covers every project and makes its sessions cautious', () => {
  const plans = planSessions(
    input([{ projectId: 'p1' }, { projectId: 'p2', region: 'ap-southeast-1' }], {
      accessKey: { kind: 'accessKey', accessKeyId: 'AKAKAKAK', secretKey: 'sk' },
      projects: {},
    }),
  );
  assert.deepEqual(
    plans.map((p) => [p.problem, p.spec.cautious, p.spec.credential]),
    [
      [undefined, true, 'AK AKAK…'],
      [undefined, true, 'AK AKAK…'],
    ],
  );
});

test('the filter becomes the query; nothing left of the job types is a problem to show', () => {
  const credentials: CredentialSet = { projects: { p1: { kind: 'token', token: 't' } } };
  const [narrow] = planSessions(
    input([{ projectId: 'p1' }], credentials, {
      jobTypes: ['CREATE_SERVER'],
      filter: { jobTypes: ['CREATE_SERVER'], statuses: ['FAILED'], jobId: '77' },
    }),
  );
  assert.deepEqual(narrow.spec.query, { jobTypes: ['CREATE_SERVER'], statuses: ['FAILED'], jobId: '77' });
  const [none] = planSessions(
    input([{ projectId: 'p1' }], credentials, { jobTypes: ['CREATE_SERVER'], filter: { jobTypes: ['DELETE_SERVER'] } }),
  );
  assert.deepEqual(none.problem, { kind: 'noJobTypes' });
});

test('sample data is one simulated project whose key survives the simulator changing port', () => {
  const sample = { url: 'http://127.0.0.1:4567', projectId: 'sim', authorizer: new TokenAuthorizer('sample-token') };
  const [a] = planSessions(input([{ projectId: 'p1' }, { projectId: 'p2' }], { projects: {} }, { sample }));
  const [b] = planSessions(input([], { projects: {} }, { sample: { ...sample, url: 'http://127.0.0.1:5678' } }));
  assert.equal(a.spec.key, b.spec.key);
  assert.equal(a.spec.sampleData, true);
  assert.equal(a.spec.endpoint, 'http://127.0.0.1:4567');
});

test('no projects, no plans (the welcome view)', () => {
  assert.deepEqual(planSessions(input([], { projects: {} })), []);
});

test('families: one session per project and family, the image one keeping the key it had before', () => {
  const plans = planSessions(
    input([{ projectId: 'p1' }], { projects: { p1: { kind: 'token', token: 't1' } } }, { families: undefined }),
  );
  const base = 'https://appstream.cn-north-4.myhuaweicloud.com|p1';
  assert.deepEqual(
    plans.map((p) => [p.spec.key, p.spec.projectKey, p.spec.family, p.spec.query.jobTypes.length]),
    [
      [base, base, 'image', 3],
      [`${base}#appServer`, base, 'appServer', 10],
    ],
  );
  const only = planSessions(input([{ projectId: 'p1' }], { projects: {} }, { families: ['appServer'] }));
  assert.deepEqual(
    only.map((p) => p.spec.family),
    ['appServer'],
  );
});

test('a job type filter of one family leaves the other none: its session says so', () => {
  const plans = planSessions(
    input(
      [{ projectId: 'p1' }],
      { projects: { p1: { kind: 'token', token: 't1' } } },
      { families: undefined, filter: { appServerJobTypes: ['REINSTALL_OS', 'CREATE_SERVER'] } },
    ),
  );
  assert.deepEqual(plans[0]!.problem, { kind: 'noJobTypes' });
  assert.deepEqual(plans[1]!.spec.query.jobTypes, ['CREATE_SERVER', 'REINSTALL_OS']);
  assert.equal(plans[1]!.problem, undefined);
  const both = planSessions(
    input(
      [{ projectId: 'p1' }],
      { projects: { p1: { kind: 'token', token: 't1' } } },
      { families: undefined, filter: { jobTypes: ['DELETE_SERVER'], appServerJobTypes: ['DELETE_SERVER'] } },
    ),
  );
  assert.deepEqual(
    both.map((p) => p.spec.query.jobTypes),
    [['DELETE_SERVER'], ['DELETE_SERVER']],
  );
});

test('each family connects with its own client', () => {
  const families: string[] = [];
  const plans = planSessions(
    input(
      [{ projectId: 'p1' }],
      { projects: { p1: { kind: 'token', token: 't1' } } },
      {
        families: undefined,
        connect: (_connection, family) => {
          families.push(family);
          return {} as never;
        },
      },
    ),
  );
  for (const plan of plans) plan.connect?.();
  assert.deepEqual(families, ['image', 'appServer']);
});

test('a found key chosen for one project signs its session and names its source; a project with none is offered what was found', () => {
  const found = {
    kind: 'accessKey' as const,
    accessKeyId: 'KOOCLIAK000000000003',
    secretKey: 'sk',
    from: '(KooCLI profile dev-sh)',
  };
  const plans = planSessions(
    input(
      [
        { projectId: 'p1', region: 'cn-north-4' },
        { projectId: 'p2', region: 'cn-north-4' },
      ],
      { projects: {} },
      {
        credentialsFor: (projectId) => (projectId === 'p1' ? { accessKey: found, projects: {} } : { projects: {} }),
        found: ['KooCLI profile dev-sh'],
      },
    ),
  );
  assert.equal(plans[0].spec.credential, 'AK KOOC… (KooCLI profile dev-sh)');
  assert.equal(plans[0].problem, undefined);
  assert.deepEqual(plans[1].problem, { kind: 'noCredentials', found: ['KooCLI profile dev-sh'] });
  const row = problemRow(plans[1].spec.key, plans[1].problem!);
  assert.equal(row.action, 'switchCredential');
  assert.match(row.detail ?? '', /KooCLI profile dev-sh/);
});
