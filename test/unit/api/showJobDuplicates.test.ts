/**
 * A ShowImageJob or ShowJobDetail answer that holds one sub-job id twice (a buggy or hostile
 * answer): the sub-job is kept once, as its last item says, and the others are counted as rejected,
 * so everything keyed by id (the timeline's rows, its table) has no holes. Over loopback.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { TokenAuthorizer } from '../../../src/api/authorizer';
import { SubJobClient } from '../../../src/api/subJobClient';
import type { Family } from '../../../src/model/family';
import { RunningSimulator, startSimulator } from '../../../src/simulator/server';

let simulator: RunningSimulator;
before(async () => {
  simulator = await startSimulator({ progress: false, size: 0 });
});
after(() => simulator.close());

const JOB = '702364884037270009';
const item = (id: string, status: string, extra: Record<string, unknown> = {}) => ({
  id,
  job_id: JOB,
  job_type: 'CREATE_SERVER',
  status,
  begin_time: '2026-12-06T10:00:00Z',
  ...extra,
});

function client(family: Family): SubJobClient {
  return new SubJobClient({
    endpoint: simulator.url,
    projectId: simulator.projectId,
    family,
    authorizer: new TokenAuthorizer(simulator.token),
    userAgent: 'test',
  });
}

for (const family of ['image', 'appServer'] as const) {
  describe(`${family === 'image' ? 'ShowImageJob' : 'ShowJobDetail'} with a sub-job id twice`, () => {
    it('keeps the sub-job once, as its last item says, and counts the others as rejected', async () => {
      const c = client(family);
      try {
        simulator.failNext(1, 200, {
          id: JOB,
          status: 'RUNNING',
          sub_jobs_total: 5,
          sub_jobs: [
            item('1', 'RUNNING'),
            item('2', 'SUCCESS'),
            item('1', 'SUCCESS', { end_time: '2026-12-06T10:05:00Z' }),
            item('3', 'WAITING'),
            item('1', 'FAILED', { end_time: '2026-12-06T10:06:00Z' }),
          ],
        });
        const job = await c.showJob(JOB, new AbortController().signal);
        assert.deepEqual(
          job.subJobs.map((s) => [s.id, s.status]),
          [
            ['2', 'SUCCESS'],
            ['3', 'WAITING'],
            ['1', 'FAILED'],
          ],
        );
        assert.equal(new Set(job.subJobs.map((s) => s.id)).size, job.subJobs.length, 'no id twice');
        assert.equal(job.rejected.length, 2);
        assert.match(job.rejected[0]!, /1/);
        assert.equal(job.subJobsTotal, 5, "the service's total is shown as it said");
      } finally {
        await c.close();
      }
    });
  });
}
