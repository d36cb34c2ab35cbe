/**
 * countByStatus and unknownStatusCount: every status group's size from the count call, through the
 * simulator over loopback; costs are the requests the simulator recorded.
 */
import assert from 'node:assert/strict';
import { beforeEach, describe, it } from 'node:test';
import { countByStatus, StatusCounts, unknownStatusCount } from '../../../src/api/statusCounts';
import { SubJobClient } from '../../../src/api/subJobClient';
import { JOB_TYPES, STATUSES, SubJobStatus } from '../../../src/model/subJob';
import { RawSubJob, RunningSimulator } from '../../../src/simulator/server';
import { simulatorWithClient } from '../simulatorPerFile';

const START = Date.parse('2026-03-07T10:00:00Z');
const signal = () => new AbortController().signal;
const COUNT_PATH = /\/image-server-sub-jobs\/actions\/count$/;

let simulator: RunningSimulator;
let client: SubJobClient;
simulatorWithClient({ size: 400, seed: 11, now: () => START }, (started, startedClient) => {
  simulator = started;
  client = startedClient;
});

let mark = 0;
beforeEach(() => {
  mark = simulator.requests.length;
});
const sent = () => simulator.requests.slice(mark);

/** The simulator's truth: how many sub-jobs match. */
function truth(filter: (s: RawSubJob) => boolean): number {
  return simulator.subJobs().filter(filter).length;
}

describe('countByStatus', () => {
  it('asks one count per status and one without a status, all with the comma-separated job types', async () => {
    const counts = await countByStatus(client, { jobTypes: JOB_TYPES, statuses: STATUSES, withTotal: true }, signal());
    assert.equal(counts.requests, STATUSES.length + 1);
    assert.equal(sent().length, STATUSES.length + 1);
    assert.ok(sent().every((r) => COUNT_PATH.test(r.path) && r.status === 200));
    assert.ok(
      sent().every((r) => r.query.job_type === 'CREATE_SERVER,CREATE_SERVER_IMAGE,DELETE_SERVER'),
      JSON.stringify(sent().map((r) => r.query)),
    );
    assert.deepEqual(
      sent()
        .map((r) => r.query.status ?? '(none)')
        .sort(),
      [...STATUSES, '(none)'].sort(),
    );
    for (const status of STATUSES)
      assert.equal(
        counts.byStatus.get(status),
        truth((s) => s.status === status),
        status,
      );
    assert.equal(
      counts.total,
      truth(() => true),
    );
  });

  it('without the total: one count per status and no total', async () => {
    const statuses: SubJobStatus[] = ['RUNNING', 'FAILED'];
    const counts = await countByStatus(client, { jobTypes: JOB_TYPES, statuses, withTotal: false }, signal());
    assert.equal(counts.requests, 2);
    assert.equal(sent().length, 2);
    assert.equal(counts.total, undefined);
    assert.deepEqual([...counts.byStatus.keys()], statuses);
  });

  it('passes a subset of job types as one list, and the parent job id to every call', async () => {
    const job = simulator.subJobs().find((s) => s.job_type === 'CREATE_SERVER')!;
    const counts = await countByStatus(
      client,
      { jobTypes: ['CREATE_SERVER', 'DELETE_SERVER'], statuses: STATUSES, jobId: job.job_id, withTotal: true },
      signal(),
    );
    assert.ok(sent().every((r) => r.query.job_type === 'CREATE_SERVER,DELETE_SERVER' && r.query.job_id === job.job_id));
    const inJob = (s: RawSubJob) =>
      s.job_id === job.job_id && (s.job_type === 'CREATE_SERVER' || s.job_type === 'DELETE_SERVER');
    assert.equal(counts.total, truth(inJob));
    assert.ok(counts.total! > 0);
    for (const status of STATUSES)
      assert.equal(
        counts.byStatus.get(status),
        truth((s) => inJob(s) && s.status === status),
        status,
      );
  });

  it('a failed count fails the whole answer', async () => {
    simulator.failNext(1, 503);
    await assert.rejects(
      countByStatus(client, { jobTypes: JOB_TYPES, statuses: STATUSES, withTotal: true }, signal()),
      /HTTP 503/,
    );
  });
});

describe('unknownStatusCount', () => {
  it('is what the total holds beyond the seven statuses: sub-jobs in a status added later', async () => {
    const [a, b] = simulator.subJobs().filter((s) => s.status === 'SUCCESS');
    simulator.setStatus(a.id, 'PAUSED');
    simulator.setStatus(b.id, 'HIBERNATING');
    try {
      const counts = await countByStatus(
        client,
        { jobTypes: JOB_TYPES, statuses: STATUSES, withTotal: true },
        signal(),
      );
      assert.equal(unknownStatusCount(counts), 2);
    } finally {
      simulator.setStatus(a.id, 'SUCCESS');
      simulator.setStatus(b.id, 'SUCCESS');
    }
    const counts = await countByStatus(client, { jobTypes: JOB_TYPES, statuses: STATUSES, withTotal: true }, signal());
    assert.equal(unknownStatusCount(counts), 0);
  });

  it('is 0 without a total, and never negative when the counts were taken at different moments', () => {
    const byStatus = new Map<SubJobStatus, number>([
      ['RUNNING', 3],
      ['SUCCESS', 5],
    ]);
    const answer = (total?: number): StatusCounts => ({ byStatus, ...(total !== undefined && { total }), requests: 3 });
    assert.equal(unknownStatusCount(answer()), 0);
    assert.equal(unknownStatusCount(answer(7)), 0);
    assert.equal(unknownStatusCount(answer(8)), 0);
    assert.equal(unknownStatusCount(answer(11)), 3);
  });
});
