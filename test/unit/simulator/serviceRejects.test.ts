/**
 * The simulator refuses what the API definitions say the service refuses: ids and job ids of
 * more than 128 characters, a job_type list of more than 128, and answers 403 and 405 with the
 * codes the definitions give. Against the running simulator over loopback.
 */
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { RunningSimulator, startSimulator } from '../../../src/simulator/server';

const START = Date.parse('2026-03-07T10:40:43.858Z');

interface Reply {
  readonly status: number;
  readonly body: Record<string, unknown>;
}

let sim: RunningSimulator;

before(async () => {
  sim = await startSimulator({ now: () => START, progress: false, size: 20 });
});
after(() => sim.close());
beforeEach(() => sim.clearFaults());

async function call(path: string, init: { method?: string; body?: unknown; projectId?: string } = {}): Promise<Reply> {
  const response = await fetch(`${sim.url}/v1/${init.projectId ?? sim.projectId}/${path}`, {
    method: init.method ?? 'GET',
    headers: { 'X-Auth-Token': sim.token, 'Content-Type': 'application/json' },
    ...(init.body !== undefined && { body: JSON.stringify(init.body) }),
  });
  const text = await response.text();
  return { status: response.status, body: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
}

const batchDelete = (items: unknown[]) =>
  call('image-server-sub-jobs/actions/batch-delete', { method: 'PATCH', body: { items } });

describe('BatchDeleteImageSubJobs takes ids of 1 to 128 characters', () => {
  it('refuses a 129-character id with 400 WKS.00211102 naming it, and deletes nothing', async () => {
    const finished = sim.subJobs().find((s) => s.status === 'SUCCESS' || s.status === 'FAILED');
    assert.ok(finished, 'the dataset has a finished sub-job');
    const reply = await batchDelete([finished.id, '1'.repeat(129)]);
    assert.equal(reply.status, 400);
    assert.equal(reply.body.error_code, 'WKS.00211102');
    assert.match(String(reply.body.error_msg), /items\[1\].*1 to 128 characters/);
    assert.ok(String(reply.body.error_msg).length < 400, 'the refused id is not echoed whole');
    assert.ok(sim.subJob(finished.id), 'nothing was deleted');
  });

  it('refuses an empty id with 400', async () => {
    const reply = await batchDelete(['']);
    assert.equal(reply.status, 400);
    assert.equal(reply.body.error_code, 'WKS.00211102');
  });

  it('takes a 128-character id (unknown ids are ignored)', async () => {
    const reply = await batchDelete(['1'.repeat(128)]);
    assert.equal(reply.status, 200);
  });
});

describe('ShowImageJob takes a job_id of at most 128 characters', () => {
  it('answers 400 WKS.00211102, not 404, for a 129-character job_id', async () => {
    const reply = await call(`image-server-jobs/${'9'.repeat(129)}`);
    assert.equal(reply.status, 400);
    assert.equal(reply.body.error_code, 'WKS.00211102');
    assert.match(String(reply.body.error_msg), /job_id/);
  });

  it('still answers 404 for an unknown job_id of 128 characters', async () => {
    const reply = await call(`image-server-jobs/${'9'.repeat(128)}`);
    assert.equal(reply.status, 404);
  });
});

describe('CountImageSubJobs takes a job_type of at most 128 characters', () => {
  it('answers 400 for a list of valid job types longer than 128 characters', async () => {
    const jobType = Array.from({ length: 10 }, () => 'CREATE_SERVER').join(',');
    assert.ok(jobType.length > 128);
    const reply = await call(`image-server-sub-jobs/actions/count?job_type=${jobType}`);
    assert.equal(reply.status, 400);
    assert.equal(reply.body.error_code, 'WKS.00211102');
    assert.match(String(reply.body.error_msg), /job_type.*128 characters/);
  });

  it('counts the three job types given as one 47-character list', async () => {
    const reply = await call(
      'image-server-sub-jobs/actions/count?job_type=CREATE_SERVER,CREATE_SERVER_IMAGE,DELETE_SERVER',
    );
    assert.equal(reply.status, 200);
    assert.equal(reply.body.count, sim.subJobs().length);
  });
});

describe('403 and 405 carry the codes the API definitions give', () => {
  it("another project's id: 403 WKS.00081102", async () => {
    const reply = await call('image-server-sub-jobs?job_type=CREATE_SERVER', { projectId: 'another-project' });
    assert.equal(reply.status, 403);
    assert.equal(reply.body.error_code, 'WKS.00081102');
  });

  it('an injected 403 (a policy that refuses the call): WKS.00081102', async () => {
    sim.setFaults({ errorRate: { rate: 1, statuses: [403] } });
    const reply = await call('image-server-sub-jobs/actions/count');
    assert.equal(reply.status, 403);
    assert.equal(reply.body.error_code, 'WKS.00081102');
  });

  it('another method: 405 WKS.00211105 (the facts file gives no other code), with Allow', async () => {
    const response = await fetch(`${sim.url}/v1/${sim.projectId}/image-server-sub-jobs?job_type=CREATE_SERVER`, {
      method: 'DELETE',
      headers: { 'X-Auth-Token': sim.token },
    });
    assert.equal(response.status, 405);
    assert.equal(response.headers.get('allow'), 'GET');
    assert.equal(((await response.json()) as { error_code: string }).error_code, 'WKS.00211105');
  });
});
