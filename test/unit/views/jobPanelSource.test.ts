import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ApiError } from '../../../src/api/errors';
import type { ImageJob } from '../../../src/api/imageJob';
import { FollowEngine } from '../../../src/core/followEngine';
import { SubJob } from '../../../src/model/subJob';
import { engineJobFeed, FreshJob } from '../../../src/views/jobPanelSource';
import { aSubJob } from '../builders';
import { FakeClock } from '../fakeClock';

const JOB = '702364884037270001';

/** A session's engine whose ShowImageJob answers what `answer` says at the time of asking. */
function engineFor(answer: () => ImageJob | Error, clock: FakeClock, asked: string[]) {
  return new FollowEngine({
    source: {
      findSubJob: async () => undefined,
      showJob: async (jobId) => {
        asked.push(jobId);
        const a = answer();
        if (a instanceof Error) throw a;
        return a;
      },
      listJob: async () => [],
    },
    intervalSeconds: () => 5,
    clock,
  });
}

function imageJob(subJobs: SubJob[], status = 'RUNNING'): ImageJob {
  return { id: JOB, jobType: 'CREATE_SERVER', beginTime: '', endTime: '', status, subJobs, rejected: [] };
}

test('the timeline follows its job on the engine: a flip within one interval, a failed look-up keeps the last picture, no polling once the job ended', async () => {
  const clock = new FakeClock(Date.parse('2026-11-27T10:00:00Z'));
  const asked: string[] = [];
  const running = aSubJob({ status: 'RUNNING', endTime: '', jobId: JOB });
  let answer: ImageJob | Error = imageJob([running]);
  const engine = engineFor(() => answer, clock, asked);
  const seen: FreshJob[] = [];
  const follow = engineJobFeed(engine, 'image').follow(JOB, (fresh) => seen.push(fresh));
  await follow.checkNow();
  const first = seen.at(-1);
  assert.ok(first?.kind === 'found');
  assert.equal(first.job.jobType, 'CREATE_SERVER', "the header's type is the job's own");

  answer = new ApiError(503, 'WKS.0503', 'busy', 'rid');
  await clock.advance(5_000);
  assert.equal(seen.at(-1)?.kind, 'failed', 'a failed refresh is told, not a blank panel');

  const failed = { ...running, status: 'FAILED', endTime: '2026-11-27T10:00:04Z', errorCode: 'WKS.00129901' };
  answer = imageJob([failed], 'FAILED');
  await clock.advance(5_000);
  const last = seen.at(-1);
  assert.ok(last?.kind === 'found' && last.job.subJobs[0].status === 'FAILED', 'the flip within one interval');
  assert.equal(follow.active, true, "a panel's follow of an ended job rests, still told");

  const before = asked.length;
  await clock.advance(60_000);
  assert.equal(asked.length, before, 'an ended job is not polled');
  follow.dispose();
  assert.equal(engine.size, 0);
  engine.dispose();
});

test('a hidden timeline asks nothing until shown again', async () => {
  const clock = new FakeClock(0);
  const asked: string[] = [];
  const engine = engineFor(() => imageJob([aSubJob({ status: 'RUNNING', endTime: '', jobId: JOB })]), clock, asked);
  const follow = engineJobFeed(engine, 'image').follow(JOB, () => undefined);
  await follow.checkNow();
  follow.setPaused(true);
  const before = asked.length;
  await clock.advance(60_000);
  assert.equal(asked.length, before);
  follow.setPaused(false);
  await clock.advance(100);
  assert.ok(asked.length > before, 'shown again after its data went stale: looked up');
  follow.dispose();
  engine.dispose();
});

test('a failed refresh followed by the same answer as before clears the failure (the job did not move meanwhile)', async () => {
  const clock = new FakeClock(Date.parse('2026-11-27T10:00:00Z'));
  const ok = imageJob([aSubJob({ id: '1', status: 'RUNNING', endTime: '', jobId: JOB })]);
  let answer: ImageJob | Error = ok;
  const engine = engineFor(() => answer, clock, []);
  const seen: FreshJob[] = [];
  const follow = engineJobFeed(engine, 'image').follow(JOB, (fresh) => seen.push(fresh));
  await follow.checkNow();
  answer = new ApiError(503, 'WKS.0503', 'busy', 'rid');
  await clock.advance(5_000);
  assert.equal(seen.at(-1)?.kind, 'failed');
  answer = ok;
  await clock.advance(5_000);
  assert.deepEqual(
    seen.map((s) => s.kind),
    ['found', 'failed', 'found'],
  );
  follow.dispose();
  engine.dispose();
});

test('the timeline learns how many sub-jobs the job has and why some of its answer could not be read', async () => {
  const clock = new FakeClock(Date.parse('2026-11-27T10:00:00Z'));
  const answer: ImageJob = {
    ...imageJob([aSubJob({ status: 'SUCCESS', jobId: JOB })], 'SUCCESS'),
    subJobsTotal: 3,
    rejected: ['sub_jobs[1]: no id', 'sub_jobs[2]: no status'],
  };
  const engine = engineFor(() => answer, clock, []);
  const seen: FreshJob[] = [];
  const follow = engineJobFeed(engine, 'image').follow(JOB, (fresh) => seen.push(fresh));
  await follow.checkNow();
  const found = seen[0];
  assert.equal(found?.kind, 'found');
  assert.equal(found.kind === 'found' && found.job.subJobsTotal, 3);
  assert.deepEqual(found.kind === 'found' && found.job.rejected, answer.rejected);
  follow.dispose();
  engine.dispose();
});
