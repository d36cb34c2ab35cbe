import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { MAX_FINISHED_LOOKUPS, SubJobClient } from '../../../src/api/subJobClient';
import { JOB_TYPES, SubJob } from '../../../src/model/subJob';
import { RunningSimulator, startSimulator } from '../../../src/simulator/server';
import { tokenClient } from '../simulatorClient';

const TOKEN = 'active-token';
let simulator: RunningSimulator;
let client: SubJobClient;
const signal = () => new AbortController().signal;
const query = { jobTypes: JOB_TYPES };
const byId = (subJobs: readonly SubJob[]) => new Map(subJobs.map((s) => [s.id, `${s.status} ${s.endTime} ${s.errorCode}`]));

before(async () => {
  simulator = await startSimulator({ size: 600, seed: 23, token: TOKEN, progress: false });
  client = tokenClient(simulator, TOKEN);
});
after(async () => {
  await client.close();
  await simulator.close();
});

test('an active-only refresh sees what a full listing sees, with far fewer calls', async () => {
  const previous = (await client.listAll(query, signal())).subJobs;
  const running = simulator.subJobs().filter((s) => s.status === 'RUNNING').slice(0, 2);
  assert.equal(running.length, 2);
  simulator.setStatus(running[0].id, 'SUCCESS');
  simulator.setStatus(running[1].id, 'FAILED', { code: 'WKS.00129901', message: 'The service is now unavailable to process the request.' });
  simulator.addSubJob({ status: 'WAITING', job_type: 'CREATE_SERVER_IMAGE' });

  const before = simulator.requests.length;
  const partial = await client.refreshActive(query, previous, signal());
  const partialCalls = simulator.requests.length - before;
  const full = await client.listAll(query, signal());
  const fullCalls = simulator.requests.length - before - partialCalls;

  assert.ok(partial, 'no fallback needed');
  assert.deepEqual(byId(partial.subJobs), byId(full.subJobs));
  assert.equal(partial.total, full.total);
  assert.equal(partial.requests, partialCalls);
  // 3 job types × 4 active statuses, 2 look-ups of finished sub-jobs, 1 count call.
  assert.equal(partialCalls, 15);
  assert.ok(fullCalls <= partialCalls, `this data set is small (${fullCalls} full calls); the saving shows at scale: see npm run bench`);
});

test('a status filter narrows what is looked at, and finished sub-jobs outside it drop out', async () => {
  const filtered = { jobTypes: JOB_TYPES, statuses: ['RUNNING' as const] };
  const previous = (await client.listAll(filtered, signal())).subJobs;
  const leaving = previous[0];
  simulator.setStatus(leaving.id, 'SUCCESS');
  const partial = await client.refreshActive(filtered, previous, signal());
  assert.ok(partial);
  assert.ok(!partial.subJobs.some((s) => s.id === leaving.id), 'a sub-job that left the filter is gone');
  assert.ok(partial.subJobs.every((s) => s.status === 'RUNNING'));
  assert.deepEqual(byId(partial.subJobs), byId((await client.listAll(filtered, signal())).subJobs));
});

test('it hands over to a full listing when the count disagrees or too many finished at once', async () => {
  let previous = (await client.listAll(query, signal())).subJobs;
  simulator.addSubJob({ status: 'SUCCESS', job_type: 'DELETE_SERVER' });
  assert.equal(await client.refreshActive(query, previous, signal()), undefined, 'a finished sub-job appeared out of nowhere');

  previous = (await client.listAll(query, signal())).subJobs;
  const active = simulator.subJobs().filter((s) => ['WAITING', 'RUNNING'].includes(s.status));
  assert.ok(active.length > MAX_FINISHED_LOOKUPS);
  for (const s of active.slice(0, MAX_FINISHED_LOOKUPS + 1)) simulator.setStatus(s.id, 'SUCCESS');
  assert.equal(await client.refreshActive(query, previous, signal()), undefined);
});
