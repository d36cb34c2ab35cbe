/**
 * The app-server sub-job family: ListSubJobs, CountSubJobs, BatchDeleteAppSubJobs (POST) and
 * ShowJobDetail (GET /v2/{project_id}/job/{job_id}), checked as the service checks them.
 */
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { sign } from '../../../src/api/akskSigner';
import { APP_SERVER_JOB_TYPES, RunningSimulator, startSimulator } from '../../../src/simulator/server';

const START = Date.parse('2026-03-07T10:40:43.858Z');
const KEY = { ak: 'APPAK1234567890ABCDEF', sk: 'sk-for-the-app-server-tests-0123456789' };

interface Reply {
  readonly status: number;
  readonly body: Record<string, unknown>;
  readonly text: string;
}

let sim: RunningSimulator;

async function call(
  path: string,
  init: { method?: string; body?: unknown; token?: string | null } = {},
): Promise<Reply> {
  const token = init.token === undefined ? sim.token : init.token;
  const response = await fetch(`${sim.url}${path}`, {
    method: init.method ?? 'GET',
    headers: { 'Content-Type': 'application/json', ...(token !== null && { 'X-Auth-Token': token }) },
    ...(init.body !== undefined && { body: typeof init.body === 'string' ? init.body : JSON.stringify(init.body) }),
  });
  const text = await response.text();
  let body: Record<string, unknown> = {};
  try {
    body = JSON.parse(text) as Record<string, unknown>;
  } catch {
    // A deletion's success has no body.
  }
  return { status: response.status, body, text };
}

const base = () => `/v1/${sim.projectId}/app-server-sub-jobs`;
const list = (query: string) => call(`${base()}?${query}`);
const count = (query = '') => call(`${base()}/actions/count${query ? `?${query}` : ''}`);
const remove = (items: unknown, method = 'POST') => call(`${base()}/actions/batch-delete`, { method, body: { items } });

describe('simulated app-server sub-jobs: list and count', () => {
  before(async () => {
    sim = await startSimulator({ now: () => START, progress: false, size: 0, accessKeys: [KEY] });
  });
  after(() => sim.close());
  beforeEach(() => sim.removeAll());

  it('requires job_type, one of the ten, and refuses the image family’s CREATE_SERVER_IMAGE', async () => {
    const missing = await list('limit=10');
    assert.equal(missing.status, 400);
    assert.equal(missing.body.error_code, 'WKS.00211102');
    assert.match(String(missing.body.error_msg), /job_type is required.*UPDATE_FREEZE_STATUS/);
    assert.equal((await list('job_type=CREATE_SERVER_IMAGE')).status, 400);
    for (const jobType of APP_SERVER_JOB_TYPES) assert.equal((await list(`job_type=${jobType}`)).status, 200, jobType);
    assert.equal(APP_SERVER_JOB_TYPES.length, 10);
  });

  it('checks limit 1–100 (default 10), status of the seven and job_id up to 128 characters', async () => {
    for (let i = 0; i < 12; i++) sim.addAppServerSubJob({ job_type: 'REJOIN_DOMAIN', status: 'SUCCESS' });
    assert.equal(((await list('job_type=REJOIN_DOMAIN')).body.items as unknown[]).length, 10);
    assert.equal((await list('job_type=REJOIN_DOMAIN')).body.count, 12);
    assert.equal((await list('job_type=REJOIN_DOMAIN&limit=0')).status, 400);
    assert.equal((await list('job_type=REJOIN_DOMAIN&limit=101')).status, 400);
    assert.equal(((await list('job_type=REJOIN_DOMAIN&limit=100')).body.items as unknown[]).length, 12);
    assert.equal((await list('job_type=REJOIN_DOMAIN&status=DONE')).status, 400);
    assert.equal((await list(`job_type=REJOIN_DOMAIN&job_id=${'7'.repeat(128)}`)).status, 200);
    assert.equal((await list(`job_type=REJOIN_DOMAIN&job_id=${'7'.repeat(129)}`)).status, 400);
  });

  it('serves items with error_code/error_message at the top level and all 15 resource fields', async () => {
    const added = sim.addAppServerSubJob({ job_type: 'CHANGE_SERVER_IMAGE', status: 'FAILED' }, {});
    const reply = await list('job_type=CHANGE_SERVER_IMAGE');
    const [item] = reply.body.items as Array<Record<string, unknown>>;
    assert.equal(item.id, added.id);
    assert.equal(item.job_execute_info, undefined);
    assert.equal(item.error_code, 'WKS.00129901');
    assert.equal(typeof item.error_message, 'string');
    const resource = item.job_resource_info as Record<string, unknown>;
    assert.equal(Object.keys(resource).length, 15);
    assert.equal(typeof resource.spec_size, 'number');
    assert.equal(typeof resource.measure, 'number');
    assert.equal(typeof resource.is_main_resource, 'number');
    assert.equal(typeof resource.spec_type, 'object');
    assert.ok(Array.isArray(resource.main_resources));
  });

  it('counts a comma list of job types (at most 256 characters), every type when absent', async () => {
    sim.addAppServerSubJob({ job_type: 'CREATE_SERVER', status: 'RUNNING' });
    sim.addAppServerSubJob({ job_type: 'REINSTALL_OS', status: 'RUNNING' });
    sim.addAppServerSubJob({ job_type: 'MIGRATE_SERVER', status: 'SUCCESS' });
    assert.deepEqual((await count('job_type=CREATE_SERVER,REINSTALL_OS')).body, { count: 2 });
    assert.deepEqual((await count('job_type=CREATE_SERVER,REINSTALL_OS&status=RUNNING')).body, { count: 2 });
    assert.deepEqual((await count()).body, { count: 3 });
    assert.deepEqual((await count('status=SUCCESS')).body, { count: 1 });
    const all = APP_SERVER_JOB_TYPES.join(',');
    assert.ok(all.length <= 256);
    assert.deepEqual((await count(`job_type=${all}`)).body, { count: 3 });
    const long = `${all},${'CREATE_SERVER,'.repeat(10)}CREATE_SERVER`;
    assert.ok(long.length > 256);
    const tooLong = await count(`job_type=${long}`);
    assert.equal(tooLong.status, 400);
    assert.match(String(tooLong.body.error_msg), /256/);
    assert.equal((await count('job_type=CREATE_SERVER,BUILD_IMAGE')).status, 400);
  });

  it('keeps the families apart: CREATE_SERVER in one is not listed or counted in the other', async () => {
    sim.addAppServerSubJob({ job_type: 'CREATE_SERVER', status: 'RUNNING' });
    sim.addSubJob({ job_type: 'CREATE_SERVER', status: 'RUNNING' });
    sim.addSubJob({ job_type: 'CREATE_SERVER', status: 'RUNNING' });
    assert.equal((await list('job_type=CREATE_SERVER')).body.count, 1);
    const images = await call(`/v1/${sim.projectId}/image-server-sub-jobs?job_type=CREATE_SERVER`);
    assert.equal(images.body.count, 2);
  });

  it('authenticates as the image calls do: no credential, a bad token, another project, an AK/SK signature', async () => {
    assert.equal((await call(`${base()}?job_type=CREATE_SERVER`, { token: null })).status, 401);
    assert.equal((await call(`${base()}?job_type=CREATE_SERVER`, { token: 'nope' })).body.error_code, 'APIGW.0301');
    const other = await call(`/v1/ffffffffffffffffffffffffffffffff/app-server-sub-jobs?job_type=CREATE_SERVER`);
    assert.equal(other.status, 403);
    // POST with the body signed, as the extension's client signs it.
    const url = new URL(`${base()}/actions/batch-delete`, sim.url);
    const body = JSON.stringify({ items: ['unknown-id'] });
    const headers: Record<string, string> = { 'Content-Type': 'application/json' };
    const credentials = { accessKeyId: KEY.ak, secretKey: KEY.sk, projectId: sim.projectId };
    Object.assign(headers, sign({ method: 'POST', url, headers, body }, credentials, new Date(START)).headers);
    assert.equal((await fetch(url, { method: 'POST', headers, body })).status, 200);
  });
});

describe('simulated BatchDeleteAppSubJobs', () => {
  before(async () => {
    sim = await startSimulator({ now: () => START, progress: false, size: 0 });
  });
  after(() => sim.close());
  beforeEach(() => {
    sim.removeAll();
    sim.clearRequests();
  });

  it('deletes 1 to 20 finished sub-jobs with POST, ignoring unknown ids; the image family is untouched', async () => {
    const ids = Array.from(
      { length: 20 },
      (_, i) => sim.addAppServerSubJob({ status: i % 2 ? 'SUCCESS' : 'FAILED', job_type: 'DELETE_SERVER' }).id,
    );
    const image = sim.addSubJob({ id: ids[0], status: 'SUCCESS' });
    const reply = await remove([...ids.slice(0, 19), 'no-such-sub-job']);
    assert.equal(reply.status, 200);
    assert.equal(reply.text, '');
    assert.deepEqual(
      sim.appServerSubJobs().map((s) => s.id),
      [ids[19]],
    );
    assert.ok(sim.subJob(image.id), 'an image sub-job with the same id stays');
    const posts = sim.requests.filter((r) => r.method === 'POST');
    assert.equal(posts.length, 1);
    assert.match(String(posts[0].body), /no-such-sub-job/);
  });

  it('refuses 0 or 21 ids, duplicates, a body without items, and the whole call when one has not finished', async () => {
    const done = sim.addAppServerSubJob({ status: 'SUCCESS' }).id;
    const running = sim.addAppServerSubJob({ status: 'RUNNING' }).id;
    assert.equal((await remove([])).status, 400);
    assert.equal((await remove(Array.from({ length: 21 }, (_, i) => `id-${i}`))).status, 400);
    assert.equal((await remove([done, done])).status, 400);
    assert.equal((await call(`${base()}/actions/batch-delete`, { method: 'POST', body: {} })).status, 400);
    const refused = await remove([done, running]);
    assert.equal(refused.status, 400);
    assert.match(String(refused.body.error_msg), /RUNNING/);
    assert.equal(sim.appServerSubJobs().length, 2, 'nothing deleted');
  });

  it('answers PATCH (the image family’s method) with the gateway’s 404, and deletes nothing', async () => {
    const done = sim.addAppServerSubJob({ status: 'SUCCESS' }).id;
    const patched = await remove([done], 'PATCH');
    assert.equal(patched.status, 404);
    assert.equal(patched.body.error_code, 'APIGW.0101');
    assert.equal(sim.appServerSubJobs().length, 1);
    // And the image family's path still wants PATCH, not POST.
    const posted = await call(`/v1/${sim.projectId}/image-server-sub-jobs/actions/batch-delete`, {
      method: 'POST',
      body: { items: ['1'] },
    });
    assert.equal(posted.status, 405);
  });
});

describe('simulated ShowJobDetail', () => {
  before(async () => {
    sim = await startSimulator({ now: () => START, progress: false, seed: 11, size: 60 });
  });
  after(() => sim.close());

  const detail = (jobId: string) => call(`/v2/${sim.projectId}/job/${encodeURIComponent(jobId)}`);

  it('answers a job with its sub-jobs, their total and one of the four job statuses', async () => {
    const byJob = new Map<string, number>();
    for (const s of sim.appServerSubJobs()) byJob.set(s.job_id, (byJob.get(s.job_id) ?? 0) + 1);
    for (const [jobId, total] of byJob) {
      const reply = await detail(jobId);
      assert.equal(reply.status, 200);
      assert.equal(reply.body.id, jobId);
      assert.equal(reply.body.sub_jobs_total, total);
      assert.equal((reply.body.sub_jobs as unknown[]).length, total);
      assert.ok(['WAITING', 'RUNNING', 'SUCCESS', 'FAILED'].includes(String(reply.body.status)));
      const [first] = reply.body.sub_jobs as Array<Record<string, unknown>>;
      assert.equal(typeof first.error_code, 'string');
    }
  });

  it('answers an unknown job 404 (or 400 with unknownjob=400), an image job as unknown, and a job id over 255 characters 400', async () => {
    assert.equal((await detail('no-such-job')).status, 404);
    const imageJob = sim.subJobs()[0].job_id;
    assert.equal((await detail(imageJob)).status, 404);
    assert.equal((await detail('9'.repeat(255))).status, 404);
    assert.equal((await detail('9'.repeat(256))).status, 400);
    sim.setFaults('unknownjob=400');
    try {
      assert.equal((await detail('no-such-job')).status, 400);
    } finally {
      sim.clearFaults();
    }
  });

  it('answers other methods with the gateway’s 404', async () => {
    const jobId = sim.appServerSubJobs()[0].job_id;
    assert.equal((await call(`/v2/${sim.projectId}/job/${jobId}`, { method: 'DELETE' })).status, 404);
  });
});
