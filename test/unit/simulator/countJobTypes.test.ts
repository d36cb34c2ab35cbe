/**
 * The simulator's countJobTypes option: a CountSubJobs that takes only the four job types its API
 * page lists (CREATE_SERVER, CREATE_SERVER_IMAGE, DELETE_SERVER, UPGRADE_ACCESS_AGENT), as the real
 * service may, against the default that takes every one ListSubJobs takes.
 */
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { FaultPlanError, formatFaults, parseFaults } from '../../../src/simulator/faults';
import { RunningSimulator, startSimulator } from '../../../src/simulator/server';

let sim: RunningSimulator;

before(async () => {
  sim = await startSimulator({ now: () => Date.parse('2026-12-06T10:00:00Z'), progress: false, size: 60, seed: 3 });
});
after(() => sim.close());
beforeEach(() => sim.clearFaults());

async function count(
  jobTypes?: string,
  family = 'app-server',
): Promise<{ status: number; body: Record<string, unknown> }> {
  const query = jobTypes === undefined ? '' : `?job_type=${jobTypes}`;
  const response = await fetch(`${sim.url}/v1/${sim.projectId}/${family}-sub-jobs/actions/count${query}`, {
    headers: { 'X-Auth-Token': sim.token },
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

describe('countJobTypes=documented', () => {
  it('answers a list holding an undocumented job type 400 WKS.00211102, and the documented ones as before', async () => {
    const before = await count('CREATE_SERVER,DELETE_SERVER');
    sim.setFaults('counttypes=documented');
    const refused = await count('CREATE_SERVER,REJOIN_DOMAIN');
    assert.equal(refused.status, 400);
    assert.equal(refused.body.error_code, 'WKS.00211102');
    assert.match(
      String(refused.body.error_msg),
      /job_type "REJOIN_DOMAIN" is not one of CREATE_SERVER, CREATE_SERVER_IMAGE/,
    );
    assert.equal((await count('SCHEDULED_TASK')).status, 400, 'one undocumented job type alone is refused too');
    assert.deepEqual(await count('CREATE_SERVER,DELETE_SERVER'), before);
    assert.equal((await count('CREATE_SERVER_IMAGE,UPGRADE_ACCESS_AGENT')).status, 200);
  });

  it('still counts every sub-job without a job type, and leaves the image family alone', async () => {
    const all = await count();
    sim.setFaults({ countJobTypes: 'documented' });
    assert.deepEqual(await count(), all);
    assert.equal(all.body.count, sim.appServerSubJobs().length);
    assert.equal((await count('CREATE_SERVER,CREATE_SERVER_IMAGE,DELETE_SERVER', 'image-server')).status, 200);
  });

  it('reads and writes the compact form, and refuses other values', () => {
    assert.deepEqual(parseFaults('counttypes=documented'), { countJobTypes: 'documented' });
    assert.equal(formatFaults({ countJobTypes: 'documented' }), 'counttypes=documented');
    assert.deepEqual(parseFaults('counttypes=all'), {});
    assert.throws(() => parseFaults('counttypes=four'), FaultPlanError);
  });
});
