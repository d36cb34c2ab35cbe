import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ImageJob } from '../../../src/api/imageJob';
import { FollowChange, FollowEngine } from '../../../src/core/followEngine';
import { aSubJob } from '../builders';
import { FakeClock } from '../fakeClock';

const JOB = '702364884037270009';

// The header names the job's own type: an image build (CREATE_SERVER_IMAGE) whose sub-jobs are mostly
// CREATE_SERVER must not read as a CREATE_SERVER job.
test("a followed parent job carries its own job type from the look-up's answer, through the engine", async () => {
  const clock = new FakeClock(Date.parse('2026-11-27T10:00:00Z'));
  const subJobs = [
    aSubJob({ id: 'a', jobId: JOB, jobType: 'CREATE_SERVER', status: 'RUNNING', endTime: '' }),
    aSubJob({ id: 'b', jobId: JOB, jobType: 'CREATE_SERVER', status: 'SUCCESS' }),
    aSubJob({ id: 'c', jobId: JOB, jobType: 'CREATE_SERVER_IMAGE', status: 'RUNNING', endTime: '' }),
  ];
  const answer: ImageJob = {
    id: JOB,
    jobType: 'CREATE_SERVER_IMAGE',
    beginTime: '2026-11-27T09:00:00Z',
    endTime: '',
    status: 'RUNNING',
    subJobs,
    rejected: [],
  };
  const engine = new FollowEngine({
    source: {
      findSubJob: async () => undefined,
      showJob: async () => answer,
      listJob: async () => subJobs,
    },
    intervalSeconds: () => 5,
    clock,
  });
  const changes: FollowChange[] = [];
  engine.onDidChangeSubJob((change) => changes.push(change));
  const handle = engine.follow({ kind: 'job', id: JOB }, 'panel');
  await handle.checkNow();
  const told = changes.at(-1);
  assert.ok(told && 'job' in told, 'the job was told');
  assert.equal(told.job.jobType, 'CREATE_SERVER_IMAGE');
  handle.dispose();
  engine.dispose();
});
