/**
 * The app-server family's data (tied to the image builds, deterministic, progressing), its faults
 * (deny per family, order, hostile, throttling) and the control calls that flip it and count requests.
 */
import * as SimulatorJobTypes from '../../../src/simulator/appServerCatalog';
import * as ModelJobTypes from '../../../src/model/family';
import assert from 'node:assert/strict';
import { after, before, describe, it, test } from 'node:test';
import { generateAppServerSubJobs } from '../../../src/simulator/appServerDataset';
import { generateSubJobs } from '../../../src/simulator/dataset';
import { APP_SERVER_JOB_TYPES, RunningSimulator, startSimulator } from '../../../src/simulator/server';

const ANCHOR = Date.parse('2026-03-07T10:40:43.858Z');

async function get(sim: RunningSimulator, path: string): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await fetch(`${sim.url}${path}`, { headers: { 'X-Auth-Token': sim.token } });
  const text = await response.text();
  return { status: response.status, body: text.startsWith('{') ? (JSON.parse(text) as Record<string, unknown>) : {} };
}

describe('generateAppServerSubJobs', () => {
  const images = generateSubJobs({ size: 200, anchor: ANCHOR });
  const sample = generateAppServerSubJobs({ size: 200, anchor: ANCHOR, images });

  it('has the size asked for, every query job type and all seven statuses', () => {
    assert.equal(sample.length, 200);
    const types = new Set(sample.map((s) => s.listedUnder ?? s.subJob.job_type));
    assert.deepEqual([...types].sort(), [...APP_SERVER_JOB_TYPES].sort());
    assert.equal(new Set(sample.map((s) => s.subJob.status)).size, 7);
  });

  it('rolls out the images the builds made: servers named after an image built before they began', () => {
    const built = new Map<string, { name: string; endMs: number }>();
    for (const { subJob } of images) {
      if (subJob.job_type === 'CREATE_SERVER_IMAGE' && subJob.status === 'SUCCESS')
        built.set(subJob.job_resource_info.resource_id, {
          name: subJob.job_resource_info.resource_name,
          endMs: Date.parse(subJob.end_time),
        });
    }
    let tied = 0;
    for (const { subJob, beginMs } of sample) {
      const { image_id: imageId } = JSON.parse(subJob.job_resource_info.extend_params ?? '{}') as { image_id: string };
      const image = built.get(imageId);
      if (!image) continue;
      tied++;
      assert.ok(image.endMs < beginMs, 'the image was built before the server job began');
      assert.ok(subJob.job_resource_info.resource_name?.startsWith(`${image.name.replace(/^img-/, '')}-srv-`));
    }
    assert.ok(tied > sample.length * 0.8, `${tied} of ${sample.length} tied to a build`);
  });

  it('puts failures at the top level, with a WKS code, and carries response-only job types under SCHEDULED_TASK', () => {
    const failed = sample.filter((s) => s.subJob.status === 'FAILED');
    assert.ok(failed.length > 0);
    for (const { subJob } of failed) assert.match(subJob.error_code, /^WKS\.\d{8}$/);
    for (const { subJob } of sample.filter((s) => s.subJob.status === 'SUCCESS')) assert.equal(subJob.error_code, '');
    const wider = generateAppServerSubJobs({ size: 2000, anchor: ANCHOR }).filter((s) => s.listedUnder);
    assert.ok(wider.length > 0);
    for (const s of wider) {
      assert.equal(s.listedUnder, 'SCHEDULED_TASK');
      assert.ok(!(APP_SERVER_JOB_TYPES as readonly string[]).includes(s.subJob.job_type));
    }
  });

  it('is deterministic, and leaves the image family as it was for the same seed', () => {
    assert.deepEqual(
      generateAppServerSubJobs({ seed: 3, anchor: ANCHOR }),
      generateAppServerSubJobs({ seed: 3, anchor: ANCHOR }),
    );
    assert.notDeepEqual(
      generateAppServerSubJobs({ seed: 3, anchor: ANCHOR }),
      generateAppServerSubJobs({ seed: 4, anchor: ANCHOR }),
    );
  });

  // How fast it generates is npm run bench's to report, not a test's to assert.
  it('makes 10,000 (the bench asks for them) with unique ids', () => {
    const big = generateAppServerSubJobs({
      size: 10_000,
      anchor: ANCHOR,
      images: generateSubJobs({ size: 10_000, anchor: ANCHOR }),
    });
    assert.equal(big.length, 10_000);
    assert.equal(new Set(big.map((s) => s.subJob.id)).size, 10_000);
  });
});

describe('simulated app-server family: sizes, progression, faults and control', () => {
  let now = ANCHOR;
  let sim: RunningSimulator;
  before(async () => {
    sim = await startSimulator({ now: () => now, size: 30, appServerSize: 50 });
  });
  after(() => sim.close());
  const list = (query: string) => get(sim, `/v1/${sim.projectId}/app-server-sub-jobs?${query}`);

  it('generates size image and appServerSize app-server sub-jobs', async () => {
    assert.equal(sim.subJobs().length, 30);
    assert.equal(sim.appServerSubJobs().length, 50);
    assert.equal((await get(sim, `/v1/${sim.projectId}/app-server-sub-jobs/actions/count`)).body.count, 50);
  });

  it('moves running app-server sub-jobs on as the clock advances', () => {
    const active = sim.appServerSubJobs().filter((s) => ['WAITING', 'RUNNING'].includes(s.status));
    assert.ok(active.length > 0);
    now += 60 * 60_000;
    const later = sim
      .appServerSubJobs()
      .filter((s) => ['WAITING', 'RUNNING', 'ROLLBACK', 'ABORTING'].includes(s.status));
    assert.equal(later.length, 0);
  });

  it('denies one family’s action only: deny=countSubJobs leaves the image count and the app list alone', async () => {
    sim.setFaults('deny=countSubJobs');
    try {
      const denied = await get(sim, `/v1/${sim.projectId}/app-server-sub-jobs/actions/count`);
      assert.equal(denied.status, 403);
      assert.match(String(denied.body.error_msg), /workspace:jobs:countSubJobs/);
      assert.equal((await get(sim, `/v1/${sim.projectId}/image-server-sub-jobs/actions/count`)).status, 200);
      assert.equal((await list('job_type=CREATE_SERVER')).status, 200);
      sim.setFaults('deny=countImageSubJobs');
      assert.equal((await get(sim, `/v1/${sim.projectId}/app-server-sub-jobs/actions/count`)).status, 200);
      sim.setFaults('deny=listSubJobs/getJob/batchDeleteSubJobs');
      assert.equal((await list('job_type=CREATE_SERVER')).status, 403);
      assert.equal((await get(sim, `/v2/${sim.projectId}/job/1`)).status, 403);
    } finally {
      sim.clearFaults();
    }
  });

  it('lists oldest first with order=oldest, and adds the hostile item with hostile=1', async () => {
    const newest = (await list('job_type=CREATE_SERVER&limit=100')).body.items as Array<{ id: string }>;
    sim.setFaults('order=oldest');
    const oldest = (await list('job_type=CREATE_SERVER&limit=100')).body.items as Array<{ id: string }>;
    assert.deepEqual(
      oldest.map((s) => s.id),
      newest.map((s) => s.id).reverse(),
    );
    sim.setFaults('hostile=1');
    const response = await fetch(`${sim.url}/v1/${sim.projectId}/app-server-sub-jobs?job_type=CREATE_SERVER`, {
      headers: { 'X-Auth-Token': sim.token },
    });
    assert.match((await response.text()).slice(0, 60), /"hostile-item"/);
    sim.setFaults('429=1:3');
    const throttled = await list('job_type=CREATE_SERVER');
    assert.equal(throttled.status, 429);
    assert.equal(throttled.body.error_code, 'APIGW.0308');
    sim.clearFaults();
  });

  it('flips an app-server sub-job over the control endpoint and counts requests there', async () => {
    const target = sim.addAppServerSubJob({ status: 'RUNNING', job_type: 'REINSTALL_OS' });
    const clear = await fetch(`${sim.url}/__control/requests`, { method: 'DELETE' });
    assert.deepEqual(await clear.json(), { requests: [] });
    const flip = await fetch(`${sim.url}/__control/sub-jobs/app-server/${target.id}/status`, {
      method: 'PUT',
      body: JSON.stringify({ status: 'FAILED', error_code: 'WKS.00131501', error_message: 'Reinstall failed.' }),
    });
    assert.equal(flip.status, 200);
    const flipped = (await flip.json()) as Record<string, unknown>;
    assert.equal(flipped.status, 'FAILED');
    assert.equal(flipped.error_code, 'WKS.00131501');
    assert.equal(sim.appServerSubJob(target.id)?.error_message, 'Reinstall failed.');
    const unknown = await fetch(`${sim.url}/__control/sub-jobs/image/${target.id}/status`, {
      method: 'PUT',
      body: '{"status":"FAILED"}',
    });
    assert.equal(unknown.status, 404, 'the image family has no sub-job with that id');
    await list('job_type=REINSTALL_OS');
    await fetch(`${sim.url}/v1/${sim.projectId}/app-server-sub-jobs/actions/batch-delete`, {
      method: 'POST',
      headers: { 'X-Auth-Token': sim.token, 'Content-Type': 'application/json' },
      body: JSON.stringify({ items: [target.id] }),
    });
    const log = (await (await fetch(`${sim.url}/__control/requests`)).json()) as {
      requests: Array<{ method: string; path: string; status: number; query: Record<string, string> }>;
    };
    assert.deepEqual(
      log.requests.map((r) => `${r.method} ${r.status}`),
      ['GET 200', 'POST 200'],
    );
    assert.equal(log.requests[0].query.job_type, 'REINSTALL_OS');
    assert.equal(sim.appServerSubJob(target.id), undefined);
  });
});

test("the simulator's app-server job types are the extension's own list, not a copy that may drift", () => {
  assert.equal(SimulatorJobTypes.APP_SERVER_JOB_TYPES, ModelJobTypes.APP_SERVER_JOB_TYPES);
  assert.equal(SimulatorJobTypes.isAppServerJobType('REINSTALL_OS'), true);
  assert.equal(SimulatorJobTypes.isAppServerJobType('CREATE_SERVER_IMAGE'), false);
});
