/**
 * ShowImageJob (GET /v1/{project_id}/image-server-jobs/{job_id}) and sub-jobs whose job_type the
 * list query does not take, or that have none.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { RunningSimulator, startSimulator } from '../../../src/simulator/server';

const START = Date.parse('2026-03-07T10:40:43.858Z');

interface Reply {
  readonly status: number;
  readonly body: Record<string, unknown>;
}

async function call(sim: RunningSimulator, path: string, token: string | null = sim.token): Promise<Reply> {
  const response = await fetch(`${sim.url}${path}`, { headers: token === null ? {} : { 'X-Auth-Token': token } });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

const jobPath = (sim: RunningSimulator, jobId: string, projectId = sim.projectId) =>
  `/v1/${projectId}/image-server-jobs/${encodeURIComponent(jobId)}`;
const listPath = (sim: RunningSimulator, query: string) => `/v1/${sim.projectId}/image-server-sub-jobs?${query}`;

describe('simulated ShowImageJob', () => {
  let sim: RunningSimulator;
  before(async () => {
    sim = await startSimulator({ seed: 5, size: 60, now: () => START, progress: false });
  });
  after(() => sim.close());

  it('answers a job with every sub-job that belongs to it, and a derived status and times', async () => {
    const byJob = new Map<string, number>();
    for (const s of sim.subJobs()) byJob.set(s.job_id, (byJob.get(s.job_id) ?? 0) + 1);
    const [jobId] = [...byJob.entries()].sort((a, b) => b[1] - a[1])[0];
    const expected = sim.subJobs().filter((s) => s.job_id === jobId);
    const reply = await call(sim, jobPath(sim, jobId));
    assert.equal(reply.status, 200);
    assert.equal(reply.body.id, jobId);
    assert.equal(reply.body.job_type, expected[0].job_type);
    assert.equal(reply.body.sub_jobs_total, expected.length);
    assert.deepEqual(reply.body.sub_jobs, expected);
    assert.ok(['WAITING', 'RUNNING', 'SUCCESS', 'FAILED'].includes(reply.body.status as string));
    assert.equal(
      reply.body.begin_time,
      expected.map((s) => s.begin_time).sort((a, b) => Date.parse(a) - Date.parse(b))[0],
    );
  });

  it('derives the job status from its sub-jobs', async () => {
    const waiting = sim.addSubJob({ status: 'WAITING', job_id: 'job-derived' });
    assert.equal((await call(sim, jobPath(sim, 'job-derived'))).body.status, 'WAITING');
    sim.addSubJob({ status: 'RUNNING', job_id: 'job-derived' });
    assert.equal((await call(sim, jobPath(sim, 'job-derived'))).body.status, 'RUNNING');
    assert.equal((await call(sim, jobPath(sim, 'job-derived'))).body.end_time, '');
    for (const s of sim.subJobs().filter((x) => x.job_id === 'job-derived')) sim.setStatus(s.id, 'SUCCESS');
    assert.equal((await call(sim, jobPath(sim, 'job-derived'))).body.status, 'SUCCESS');
    sim.setStatus(waiting.id, 'FAILED');
    const failed = await call(sim, jobPath(sim, 'job-derived'));
    assert.equal(failed.body.status, 'FAILED');
    assert.notEqual(failed.body.end_time, '');
  });

  it('answers 404 with a WKS error body for a job it does not have', async () => {
    const reply = await call(sim, jobPath(sim, '999999999999999999'));
    assert.equal(reply.status, 404);
    assert.match(reply.body.error_code as string, /^WKS\.\d{8}$/);
    assert.match(reply.body.error_msg as string, /999999999999999999.*does not exist/);
  });

  it('authenticates and checks the project like the sub-job routes', async () => {
    const jobId = sim.subJobs()[0].job_id;
    const anonymous = await call(sim, jobPath(sim, jobId), null);
    assert.equal(anonymous.status, 401);
    assert.equal(anonymous.body.error_code, 'APIGW.0301');
    assert.equal((await call(sim, jobPath(sim, jobId), 'wrong-token')).status, 401);
    assert.equal((await call(sim, jobPath(sim, jobId, 'another-project'))).status, 403);
    const post = await fetch(`${sim.url}${jobPath(sim, jobId)}`, {
      method: 'POST',
      headers: { 'X-Auth-Token': sim.token },
    });
    assert.equal(post.status, 405);
  });
});

describe('sub-jobs listed under another job type', () => {
  let sim: RunningSimulator;
  before(async () => {
    sim = await startSimulator({ seed: 5, size: 0, now: () => START, progress: false });
  });
  after(() => sim.close());

  it('a BUILD_IMAGE sub-job is listed and counted under the query type it was added under, as BUILD_IMAGE', async () => {
    const build = sim.addSubJob({ job_type: 'BUILD_IMAGE', status: 'RUNNING' }, { listedUnder: 'CREATE_SERVER_IMAGE' });
    const listed = await call(sim, listPath(sim, 'job_type=CREATE_SERVER_IMAGE&limit=100'));
    assert.deepEqual(listed.body.items, [build]);
    assert.equal((await call(sim, listPath(sim, 'job_type=CREATE_SERVER&limit=100'))).body.count, 0);
    const counted = await call(
      sim,
      `/v1/${sim.projectId}/image-server-sub-jobs/actions/count?job_type=CREATE_SERVER_IMAGE&status=RUNNING`,
    );
    assert.equal(counted.body.count, 1);
    const job = await call(sim, jobPath(sim, build.job_id));
    assert.equal(job.body.job_type, 'CREATE_SERVER_IMAGE', 'the parent job has the query type');
    assert.equal((job.body.sub_jobs as Array<{ job_type: string }>)[0].job_type, 'BUILD_IMAGE');
  });

  it('omit leaves a field out of every answer: a sub-job without a job_type', async () => {
    const bare = sim.addSubJob({ status: 'FAILED' }, { listedUnder: 'DELETE_SERVER', omit: ['job_type'] });
    const listed = await call(sim, listPath(sim, 'job_type=DELETE_SERVER&limit=100'));
    const items = listed.body.items as Array<Record<string, unknown>>;
    assert.equal(items.length, 1);
    assert.equal(items[0].id, bare.id);
    assert.ok(!('job_type' in items[0]), JSON.stringify(items[0]));
    const inJob = ((await call(sim, jobPath(sim, bare.job_id))).body.sub_jobs as Array<Record<string, unknown>>)[0];
    assert.ok(!('job_type' in inJob));
    // The simulator's own view keeps every field.
    assert.equal(sim.subJobs().find((s) => s.id === bare.id)?.job_type, 'CREATE_SERVER');
  });

  it('a sub-job of a type the query does not take, added without listedUnder, is only in its job', async () => {
    const hidden = sim.addSubJob({ job_type: 'DELETE_IMAGE', status: 'SUCCESS' });
    for (const jobType of ['CREATE_SERVER', 'CREATE_SERVER_IMAGE', 'DELETE_SERVER']) {
      const items = (await call(sim, listPath(sim, `job_type=${jobType}&limit=100`))).body.items as Array<{
        id: string;
      }>;
      assert.ok(!items.some((s) => s.id === hidden.id), jobType);
    }
    assert.equal(
      ((await call(sim, jobPath(sim, hidden.job_id))).body.sub_jobs as Array<{ id: string }>)[0].id,
      hidden.id,
    );
  });
});
