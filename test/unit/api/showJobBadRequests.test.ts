/**
 * ShowImageJob answering 400: about one job, but said once in the log with its code, and a service
 * that answers 400 for every job (three different jobs in a row, none answered) stops being asked.
 * Against the simulator over loopback, where an unknown job is answered 400.
 */
import assert from 'node:assert/strict';
import { afterEach, test } from 'node:test';
import { TokenAuthorizer } from '../../../src/api/authorizer';
import { Logger } from '../../../src/api/logger';
import { SubJobClient } from '../../../src/api/subJobClient';
import { RunningSimulator, startSimulator } from '../../../src/simulator/server';
import { OpenedInTest } from '../simulatorClient';

const opened = new OpenedInTest();
afterEach(() => opened.closeAll());
const signal = () => new AbortController().signal;
const isShowJob = (r: { path: string }) => r.path.includes('/image-server-jobs/');

async function setUp() {
  const sim = opened.track(
    await startSimulator({ size: 30, seed: 9, progress: false, faults: { unknownJobStatus: 400 } }),
  );
  const infos: string[] = [];
  const logger: Logger = { debug() {}, info: (m) => infos.push(m), warn: (m) => infos.push(m), error() {} };
  const client = opened.track(
    new SubJobClient({
      endpoint: sim.url,
      projectId: sim.projectId,
      authorizer: new TokenAuthorizer(sim.token),
      userAgent: 'test',
      logger,
    }),
  );
  return { sim, client, infos };
}

/** A ref to a real sub-job, named under a parent job id the service does not know. */
function refUnder(sim: RunningSimulator, i: number, jobId: string) {
  const s = sim.subJobs()[i]!;
  return { id: s.id, jobId, jobType: s.job_type, status: s.status };
}

test('three 400s for three different jobs, none answered in between: ShowImageJob is asked no more', async () => {
  const { sim, client, infos } = await setUp();
  for (let i = 0; i < 3; i++) await client.findSubJob(refUnder(sim, i, `unknown-job-${i}`), signal());
  const before = sim.requests.filter(isShowJob).length;
  assert.equal(before, 3);
  const real = sim.subJobs()[3]!;
  const found = await client.findSubJob(
    { id: real.id, jobId: real.job_id, jobType: real.job_type, status: real.status },
    signal(),
  );
  assert.equal(found?.id, real.id);
  assert.equal(sim.requests.filter(isShowJob).length, before, 'no fourth ShowImageJob request');
  const said = infos.filter((m) => /ShowImageJob/.test(m));
  assert.equal(said.filter((m) => /400/.test(m) && /WKS\.00211102/.test(m)).length, 1, said.join('\n'));
});

test('a job answered in between keeps ShowImageJob asked: 400s are about their jobs', async () => {
  const { sim, client } = await setUp();
  const real = sim.subJobs()[5]!;
  const realRef = { id: real.id, jobId: real.job_id, jobType: real.job_type, status: real.status };
  await client.findSubJob(refUnder(sim, 0, 'unknown-a'), signal());
  await client.findSubJob(refUnder(sim, 1, 'unknown-b'), signal());
  await client.findSubJob(realRef, signal());
  await client.findSubJob(refUnder(sim, 2, 'unknown-c'), signal());
  await client.findSubJob(refUnder(sim, 3, 'unknown-d'), signal());
  await client.findSubJob(realRef, signal());
  assert.equal(sim.requests.filter(isShowJob).length, 6);
});

test('the same unknown job asked three times is not three different jobs', async () => {
  const { sim, client } = await setUp();
  for (let i = 0; i < 3; i++) await client.findSubJob(refUnder(sim, i, 'unknown-same'), signal());
  const real = sim.subJobs()[5]!;
  await client.findSubJob({ id: real.id, jobId: real.job_id, jobType: real.job_type, status: real.status }, signal());
  assert.equal(sim.requests.filter(isShowJob).length, 4);
});
