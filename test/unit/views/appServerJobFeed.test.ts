import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { TokenAuthorizer } from '../../../src/api/authorizer';
import { SubJobClient } from '../../../src/api/subJobClient';
import { ProjectSession } from '../../../src/core/projectSession';
import { familySessionKey } from '../../../src/core/sessionSpec';
import { APP_SERVER_JOB_TYPES } from '../../../src/model/family';
import { QueryJobType } from '../../../src/model/subJob';
import { startSimulator } from '../../../src/simulator/server';
import { FreshJob, parentJobFeed } from '../../../src/views/jobPanelSource';
import { FakeClock } from '../fakeClock';
import { OpenedInTest, simulatorSessionSpec } from '../simulatorClient';

const TOKEN = 'feed-token';
const JOB = 'app-job-4711';
const opened = new OpenedInTest();
after(() => opened.closeAll());

// An app-server job opens through its family's session: ShowJobDetail (v2) on the session's own
// client and engine, never ShowImageJob; a flip reaches the timeline within one interval.
test("an app-server parent job is followed through its family's session: ShowJobDetail v2, its own type, a flip within one interval", async () => {
  const simulator = opened.track(await startSimulator({ progress: false, token: TOKEN, size: 0, seed: 7 }));
  const begin = new Date(Date.now() - 10 * 60_000).toISOString();
  const failing = simulator.addAppServerSubJob({
    job_id: JOB,
    job_type: 'REINSTALL_OS',
    status: 'RUNNING',
    begin_time: begin,
  });
  simulator.addAppServerSubJob({ job_id: JOB, job_type: 'REINSTALL_OS', status: 'SUCCESS', begin_time: begin });
  simulator.addSubJob({ job_id: 'image-job', job_type: 'CREATE_SERVER', status: 'RUNNING' });
  const client = new SubJobClient({
    endpoint: simulator.url,
    projectId: simulator.projectId,
    authorizer: new TokenAuthorizer(TOKEN),
    userAgent: 'test',
    family: 'appServer',
  });
  const base = simulatorSessionSpec(simulator);
  const spec = simulatorSessionSpec(simulator, {
    key: familySessionKey(base.key, 'appServer'),
    projectKey: base.key,
    family: 'appServer',
    query: { jobTypes: APP_SERVER_JOB_TYPES as readonly QueryJobType[] },
  });
  const clock = new FakeClock(Date.now());
  const session = new ProjectSession(spec, client, undefined, { clock });
  session.setInterval(5);
  opened.track({ close: async () => session.dispose() });

  const feed = parentJobFeed(session);
  assert.equal(feed.call, 'ShowJobDetail');
  simulator.clearRequests();
  const seen: FreshJob[] = [];
  const follow = feed.follow(JOB, (fresh) => seen.push(fresh));
  await follow.checkNow();
  const first = seen.at(-1);
  assert.ok(first?.kind === 'found', `found: ${JSON.stringify(first)}`);
  assert.equal(first.job.subJobs.length, 2, 'one bar per sub-job');
  assert.equal(first.job.jobType, 'REINSTALL_OS');
  assert.ok(first.job.subJobs.every((s) => s.family === 'appServer'));
  const paths = simulator.requests.map((r) => r.path);
  assert.ok(paths.includes(`/v2/${simulator.projectId}/job/${JOB}`), paths.join(', '));
  assert.ok(!paths.some((p) => p.includes('image-server')), 'no image-family call for an app-server job');

  simulator.setAppServerStatus(failing.id, 'FAILED', { code: 'WKS.00129901', message: 'Disk quota exceeded.' });
  const before = seen.length;
  await clock.advance(5_000);
  // The poll is due on the fake clock; its request goes over loopback in real time.
  for (let i = 0; i < 200 && seen.length === before; i++) await new Promise((resolve) => setTimeout(resolve, 10));
  const flipped = seen.at(-1);
  assert.ok(flipped?.kind === 'found');
  assert.equal(flipped.job.subJobs.find((s) => s.id === failing.id)?.errorCode, 'WKS.00129901');
  follow.dispose();
});
