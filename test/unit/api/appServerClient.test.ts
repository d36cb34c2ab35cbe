import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { TokenAuthorizer } from '../../../src/api/authorizer';
import { SubJobClient } from '../../../src/api/subJobClient';
import { deleteSubJobs } from '../../../src/api/subJobDeletion';
import { APP_SERVER_JOB_TYPES } from '../../../src/model/family';
import type { RunningSimulator } from '../../../src/simulator/server';
import { OpenedInTest } from '../simulatorClient';
import { simulatorPerFile } from '../simulatorPerFile';

// The app-server family's calls against the simulator over loopback: paths, POST delete, ShowJobDetail v2.

const TOKEN = 'app-server-token';
let sim: RunningSimulator;
const opened = new OpenedInTest();
const signal = () => new AbortController().signal;

simulatorPerFile({ token: TOKEN }, opened, (started) => (sim = started));

const client = () =>
  opened.track(
    new SubJobClient({
      endpoint: sim.url,
      projectId: sim.projectId,
      authorizer: new TokenAuthorizer(TOKEN),
      userAgent: 'test',
      family: 'appServer',
    }),
  );

describe('app-server sub-jobs through the client', () => {
  it('lists and counts under /app-server-sub-jobs, items carrying the family and their resource fields', async () => {
    const added = sim.addAppServerSubJob({ job_type: 'REINSTALL_OS', status: 'FAILED' });
    sim.addAppServerSubJob({ job_type: 'CREATE_SERVER', status: 'RUNNING' });
    sim.addSubJob({ job_type: 'CREATE_SERVER', status: 'FAILED' });
    const c = client();
    assert.equal(await c.count(APP_SERVER_JOB_TYPES, { status: 'FAILED' }, signal()), 1);
    const page = await c.listPage({ jobType: 'REINSTALL_OS', offset: 0, limit: 100 }, signal());
    assert.equal(page.items.length, 1);
    const item = page.items[0]!;
    assert.equal(item.id, added.id);
    assert.equal(item.family, 'appServer');
    assert.ok((item.resource?.length ?? 0) > 0, 'resource fields kept');
    assert.ok(sim.requests.every((r) => r.path.startsWith(`/v1/${sim.projectId}/app-server-sub-jobs`)));
  });

  it('looks a sub-job up through ShowJobDetail v2', async () => {
    const added = sim.addAppServerSubJob({ job_type: 'MIGRATE_SERVER', status: 'SUCCESS' });
    const found = await client().findSubJob(
      { id: added.id, jobType: added.job_type ?? '', jobId: added.job_id ?? '' },
      signal(),
    );
    assert.equal(found?.id, added.id);
    assert.equal(found?.family, 'appServer');
    assert.ok(
      sim.requests.some((r) => r.path === `/v2/${sim.projectId}/job/${added.job_id}`),
      'ShowJobDetail asked',
    );
  });

  it('deleting 25 finished sub-jobs sends two POSTs (20 + 5), no PATCH', async () => {
    const ids = Array.from({ length: 25 }, () => sim.addAppServerSubJob({ status: 'SUCCESS' }).id);
    const result = await deleteSubJobs(client(), ids, { signal: signal() });
    assert.equal(result.deleted.length, 25);
    const deletes = sim.requests.filter((r) => r.path.endsWith('/actions/batch-delete'));
    assert.deepEqual(
      // Sent at once (3 calls may be in flight): the order they arrive in is not the test's business.
      deletes
        .map((r) => [r.method, r.path, (JSON.parse(r.body!) as { items: string[] }).items.length])
        .sort((a, b) => (b[2] as number) - (a[2] as number)),
      [
        ['POST', `/v1/${sim.projectId}/app-server-sub-jobs/actions/batch-delete`, 20],
        ['POST', `/v1/${sim.projectId}/app-server-sub-jobs/actions/batch-delete`, 5],
      ],
    );
    assert.equal(sim.appServerSubJobs().length, 0);
  });
});
