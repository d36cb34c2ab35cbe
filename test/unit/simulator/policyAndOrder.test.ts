/**
 * The simulator's policy, list-order and unknown-job options: what a least-privilege IAM policy,
 * a service that lists oldest first, and a ShowImageJob that answers 400 for an unknown job look
 * like. Set through the fault plan, so the control endpoint and the environment reach them too.
 */
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { setRemoteFaults } from '../../../src/simulator/control';
import { FaultPlanError, formatFaults, parseFaults } from '../../../src/simulator/faults';
import { RunningSimulator, startSimulator } from '../../../src/simulator/server';

const START = Date.parse('2026-03-07T10:40:43.858Z');

let sim: RunningSimulator;

before(async () => {
  sim = await startSimulator({ now: () => START, progress: false, size: 30 });
});
after(() => sim.close());
beforeEach(() => sim.clearFaults());

async function get(path: string): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await fetch(`${sim.url}/v1/${sim.projectId}/${path}`, { headers: { 'X-Auth-Token': sim.token } });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

describe('deny: actions a least-privilege policy leaves out', () => {
  it('answers the count call 403 WKS.00081102 naming the action, and still lists', async () => {
    await setRemoteFaults(sim.url, { deny: ['countImageSubJobs'] });
    const count = await get('image-server-sub-jobs/actions/count');
    assert.equal(count.status, 403);
    assert.deepEqual(count.body, {
      error_code: 'WKS.00081102',
      error_msg: "Policy doesn't allow workspace:imageServer:countImageSubJobs to be performed.",
    });
    const list = await get('image-server-sub-jobs?job_type=CREATE_SERVER&limit=1');
    assert.equal(list.status, 200);
    assert.equal(sim.requests.at(-2)?.fault, 'deny');
  });

  it('denies listing, ShowImageJob and batch delete by their own action names', async () => {
    sim.setFaults('deny=listImageSubJobs/getImageJob/batchDeleteImageSubJobs');
    assert.equal((await get('image-server-sub-jobs?job_type=CREATE_SERVER')).status, 403);
    const job = await get('image-server-jobs/123');
    assert.equal(job.status, 403);
    // ShowImageJob's action is an images action (support.huaweicloud.com/api-workspace/ShowImageJob).
    assert.equal(job.body.error_msg, "Policy doesn't allow workspace:images:getImageJob to be performed.");
    const deleted = await fetch(`${sim.url}/v1/${sim.projectId}/image-server-sub-jobs/actions/batch-delete`, {
      method: 'PATCH',
      headers: { 'X-Auth-Token': sim.token, 'Content-Type': 'application/json' },
      body: JSON.stringify({ items: ['1'] }),
    });
    assert.equal(deleted.status, 403);
    assert.equal((await get('image-server-sub-jobs/actions/count')).status, 200);
  });

  it('refuses an action it does not know, and round-trips the compact form', () => {
    assert.throws(() => parseFaults('deny=deleteEverything'), FaultPlanError);
    const plan = parseFaults('deny=countImageSubJobs,order=oldest,unknownjob=400');
    assert.deepEqual(plan, { deny: ['countImageSubJobs'], listOrder: 'oldest', unknownJobStatus: 400 });
    assert.deepEqual(parseFaults(formatFaults(plan)), plan);
    assert.throws(() => parseFaults('order=sideways'), FaultPlanError);
    assert.throws(() => parseFaults('unknownjob=500'), FaultPlanError);
  });
});

describe('listOrder', () => {
  it('lists oldest first when asked, with the same count, pages continuing from the oldest', async () => {
    const newest = await get('image-server-sub-jobs?job_type=CREATE_SERVER&limit=100');
    sim.setFaults({ listOrder: 'oldest' });
    const oldest = await get('image-server-sub-jobs?job_type=CREATE_SERVER&limit=100');
    assert.equal(oldest.body.count, newest.body.count);
    const ids = (page: Record<string, unknown>) => (page.items as Array<{ id: string }>).map((i) => i.id);
    assert.ok(ids(newest.body).length > 2);
    assert.deepEqual(ids(oldest.body), [...ids(newest.body)].reverse());
    const second = await get('image-server-sub-jobs?job_type=CREATE_SERVER&offset=1&limit=1');
    assert.deepEqual(ids(second.body), [ids(oldest.body)[1]]);
  });
});

describe('unknownJobStatus', () => {
  it('answers an unknown job 404 by default and 400 WKS.00211102 when set', async () => {
    assert.equal((await get('image-server-jobs/999')).status, 404);
    sim.setFaults({ unknownJobStatus: 400 });
    const answer = await get('image-server-jobs/999');
    assert.equal(answer.status, 400);
    assert.equal(answer.body.error_code, 'WKS.00211102');
    const known = sim.subJobs()[0]!.job_id;
    assert.equal((await get(`image-server-jobs/${known}`)).status, 200);
  });
});
