import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  APP_SERVER_JOB_TYPES,
  familyJobTypes,
  familyOf,
  parseQualifiedJobType,
  qualifiedJobType,
} from '../../../src/model/family';
import { detailsState, parseDetailsState } from '../../../src/model/detailsState';
import { WatchList } from '../../../src/core/watches';
import { renderResource } from '../../../src/presentation/detailsResource';
import { parseResourceFields, RESOURCE_FIELD_ORDER, sanitizeResourceFields } from '../../../src/model/resourceFields';
import { isJobType, isQueryJobType, SubJob } from '../../../src/model/subJob';
import { parseSubJob, parseSubJobPage } from '../../../src/model/validate';

/** A SubJobDetailInfo as the Node SDK models it (services/workspaceapp/v1/model/SubJobDetailInfo.ts). */
function anAppServerItem(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id: '812364884037271552',
    job_type: 'REINSTALL_OS',
    status: 'FAILED',
    begin_time: '2024-05-01T08:00:00.000Z',
    end_time: '2024-05-01T08:05:00.000Z',
    error_code: 'WKS.00130001',
    error_message: 'The server did not answer.',
    project_id: 'p1',
    job_id: '9001',
    job_resource_info: {
      resource_id: 'srv-1',
      resource_name: 'app-server-01',
      cloud_service_type: 'hws.service.type.ecs',
      resource_type: 'hws.resource.type.vm',
      resource_spec_code: 's6.large.2',
      spec_type: { cpu: 2, ram: { gib: 4 } },
      spec_size: 40,
      measure: 17,
      processed_time: '2024-05-01T08:01:00.000Z',
      is_main_resource: 1,
      main_resources: [{ relative_resource_id: 'img-1', relative_type: 2 }],
      extend_params: '{"a":1}',
      old_resource_id: 'srv-0',
      old_cloud_service_type: 'hws.service.type.ecs',
      old_resource_type: 'hws.resource.type.vm',
    },
    ...overrides,
  };
}

test('each family has its own query job types: 3 image, 10 app-server, two names in both', () => {
  assert.equal(familyJobTypes('image').length, 3);
  assert.equal(familyJobTypes('appServer').length, 10);
  assert.ok(isQueryJobType('REINSTALL_OS') && !isJobType('REINSTALL_OS'));
  assert.ok(isJobType('CREATE_SERVER') && APP_SERVER_JOB_TYPES.includes('CREATE_SERVER'));
  assert.equal(familyOf({}), 'image');
  assert.equal(familyOf({ family: 'appServer' }), 'appServer');
});

test('qualified job types: plain for images (as stored before), appServer:TYPE for app servers', () => {
  assert.equal(qualifiedJobType('image', 'CREATE_SERVER'), 'CREATE_SERVER');
  assert.equal(qualifiedJobType('appServer', 'CREATE_SERVER'), 'appServer:CREATE_SERVER');
  assert.deepEqual(parseQualifiedJobType('CREATE_SERVER'), { family: 'image', jobType: 'CREATE_SERVER' });
  assert.deepEqual(parseQualifiedJobType('APPSERVER:create_server'), { family: 'appServer', jobType: 'CREATE_SERVER' });
  assert.deepEqual(parseQualifiedJobType(' reinstall_os '), { family: 'appServer', jobType: 'REINSTALL_OS' });
  assert.equal(parseQualifiedJobType('appServer:CREATE_SERVER_IMAGE'), undefined);
  assert.equal(parseQualifiedJobType('other:CREATE_SERVER'), undefined);
  assert.equal(parseQualifiedJobType(7), undefined);
});

test('an app-server item: top-level error fields, the family, and all 15 resource fields readable', () => {
  const subJob = parseSubJob(anAppServerItem(), 'REINSTALL_OS', 'appServer');
  assert.ok(typeof subJob === 'object');
  assert.equal(subJob.family, 'appServer');
  assert.equal(subJob.errorCode, 'WKS.00130001');
  assert.equal(subJob.errorMessage, 'The server did not answer.');
  assert.equal(subJob.resourceId, 'srv-1');
  assert.equal(subJob.resourceName, 'app-server-01');
  assert.equal(subJob.listedAs, 'REINSTALL_OS');
  assert.deepEqual(
    subJob.resource?.map((f) => f.key),
    [...RESOURCE_FIELD_ORDER],
  );
  const byKey = new Map(subJob.resource!.map((f) => [f.key, f]));
  assert.deepEqual(byKey.get('spec_size'), { key: 'spec_size', value: '40', kind: 'number' });
  assert.deepEqual(byKey.get('spec_type'), { key: 'spec_type', value: '{"cpu":2,"ram":{"gib":4}}', kind: 'json' });
  assert.equal(byKey.get('main_resources')?.value, '[{"relative_resource_id":"img-1","relative_type":2}]');
});

test('an image item parsed as image ignores top-level error fields and carries no family', () => {
  const subJob = parseSubJob(anAppServerItem());
  assert.ok(typeof subJob === 'object');
  assert.equal(subJob.family, undefined);
  assert.equal(subJob.errorCode, '');
  assert.equal(subJob.resource, undefined);
});

test('resource fields: nulls left out, extra fields after the known ones, hostile nesting costs little', () => {
  let deep: unknown = 1;
  for (let i = 0; i < 20_000; i++) deep = { d: deep };
  const fields = parseResourceFields({ resource_id: null, zzz: true, aaa: deep, spec_size: Infinity });
  assert.deepEqual(
    fields.map((f) => f.key),
    ['aaa', 'zzz'],
  );
  assert.ok(fields[0]!.value.length <= 4001);
  assert.deepEqual(parseResourceFields('no'), []);
});

test('a page of app-server items is parsed with the family', () => {
  const page = parseSubJobPage({ count: 2, items: [anAppServerItem(), { id: 'x' }] }, 'REINSTALL_OS', 'appServer');
  assert.equal(page.items[0]!.family, 'appServer');
  assert.equal(page.rejected.length, 1);
});

test('a restored panel keeps an app-server sub-job and its resource table; an old one stays image', () => {
  const subJob = parseSubJob(anAppServerItem(), 'REINSTALL_OS', 'appServer');
  assert.ok(typeof subJob === 'object');
  const ref = { id: subJob.id, jobType: subJob.jobType, jobId: subJob.jobId };
  const restored = parseDetailsState(JSON.parse(JSON.stringify({ subJobRef: ref, subJob, lastUpdated: 1 })));
  assert.equal(restored?.subJob?.family, 'appServer');
  assert.deepEqual(restored?.subJob?.resource, subJob.resource);
  const old = parseDetailsState({ subJobRef: ref, subJob: { ...subJob, family: undefined, resource: undefined } });
  assert.equal(old?.subJob?.family, undefined);
});

test('resource fields: only extra keys that look like field names are kept, live or restored', () => {
  const raw = {
    resource_name: 'srv',
    '![t](https://tracker.example/p.png)': 'a',
    '[Reset password](https://evil.example/x)': 'b',
    'a|b\n|---|': 'c',
    '1abc': 'd',
    new_field_2: 'e',
  };
  assert.deepEqual(
    parseResourceFields(raw).map((f) => f.key),
    ['resource_name', 'new_field_2'],
  );
  const restored = sanitizeResourceFields(Object.keys(raw).map((key) => ({ key, value: 'v', kind: 'text' })));
  assert.deepEqual(
    restored?.map((f) => f.key),
    ['resource_name', 'new_field_2'],
  );
});

test('a restored panel and a stored watch keep an app-server listedAs (SCHEDULED_TASK), so its look-up reads one listing', async () => {
  const subJob = parseSubJob(
    { ...anAppServerItem(), job_type: 'COLLECT_HDA_LOG' },
    'SCHEDULED_TASK',
    'appServer',
  ) as SubJob;
  assert.equal(subJob.listedAs, 'SCHEDULED_TASK');
  const source = { key: 'ep|p#appServer', label: 'x' };
  const back = parseDetailsState(JSON.parse(JSON.stringify(detailsState({ subJob, source }))));
  assert.equal(back?.subJobRef.listedAs, 'SCHEDULED_TASK');
  assert.equal(back?.subJob?.listedAs, 'SCHEDULED_TASK');
  const stored = new Map<string, unknown>();
  const store = {
    get: <T>(k: string, d: T) => (stored.has(k) ? (stored.get(k) as T) : d),
    update: async (k: string, v: unknown) => void stored.set(k, JSON.parse(JSON.stringify(v))),
  };
  const ref = { id: subJob.id, jobType: subJob.jobType, jobId: subJob.jobId, listedAs: 'SCHEDULED_TASK' as const };
  await new WatchList(store).add({ kind: 'subJob', id: subJob.id, sessionKey: source.key, label: 'x', ref });
  assert.equal(new WatchList(store).all[0]?.ref?.listedAs, 'SCHEDULED_TASK');
});

test('resource fields left out are counted, and the panel says how many', () => {
  const raw: Record<string, unknown> = { resource_name: 'srv', 'bad key': 'x', gone: null };
  for (let i = 0; i < 25; i++) raw[`extra_${String(i).padStart(2, '0')}`] = i;
  const subJob = parseSubJob({ ...anAppServerItem(), job_resource_info: raw }, 'REINSTALL_OS', 'appServer') as SubJob;
  assert.equal(subJob.resource?.length, 1 + 20);
  assert.equal(subJob.resourceOmitted, 5 + 1, 'five past the twenty, one not named as a field is');
  assert.match(renderResource(subJob), /6 more fields left out/);
  const back = parseDetailsState(
    JSON.parse(JSON.stringify({ subJobRef: { id: subJob.id, jobType: subJob.jobType, jobId: subJob.jobId }, subJob })),
  );
  assert.equal(back?.subJob?.resourceOmitted, 6);
});
