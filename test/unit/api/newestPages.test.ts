/**
 * listNewest: a status group's newest sub-jobs across job types, through the simulator over
 * loopback. Outcomes are compared with the simulator's own state, costs with the requests it
 * recorded; nothing is timed.
 */
import assert from 'node:assert/strict';
import { afterEach, it } from 'node:test';
import { listNewest } from '../../../src/api/newestPages';
import { PAGE_LIMIT } from '../../../src/api/subJobClient';
import { JOB_TYPES } from '../../../src/model/subJob';
import { formatTime } from '../../../src/simulator/rawSubJob';
import { startSimulator } from '../../../src/simulator/server';
import { inBothOrders, listOrder, orderFaults } from '../listOrders';
import {
  assertSent,
  clientFor,
  MINUTE,
  newestIds,
  opened,
  signal,
  simulatorWith,
  START,
  watched,
} from './newestFixture';

afterEach(() => opened.closeAll());

inBothOrders('listNewest', () => {
  it('merges the job types newest first: when one job type holds all the newest, the top N are its newest N', async () => {
    const sim = await simulatorWith([
      { jobType: 'CREATE_SERVER_IMAGE', status: 'SUCCESS', count: 150 },
      { jobType: 'CREATE_SERVER', status: 'SUCCESS', count: 150 },
      { jobType: 'DELETE_SERVER', status: 'SUCCESS', count: 150 },
    ]);
    const before = sim.requests.length;
    const result = await listNewest(clientFor(sim), { jobTypes: JOB_TYPES, status: 'SUCCESS', limit: 120 }, signal());
    const ids = result.subJobs.map((s) => s.id);
    assert.deepEqual(ids, newestIds(sim, 'SUCCESS', 120));
    assert.ok(result.subJobs.every((s) => s.jobType === 'CREATE_SERVER_IMAGE'));
    assert.equal(result.total, 450);
    assert.deepEqual(Object.fromEntries(result.totalByJobType), {
      CREATE_SERVER: 150,
      CREATE_SERVER_IMAGE: 150,
      DELETE_SERVER: 150,
    });
    // Without a hint: one page per job type, then the second page each needs to cover 120.
    assert.equal(result.requests, 6);
    assertSent(sim.requests.length - before, 6, 9);
    assert.deepEqual(result.rejected, []);
  });

  it('with the count as a hint, a 42,500-sub-job group loads its newest 200 in one round of parallel requests: job types × 2 pages, no more', async () => {
    const sim = opened.track(
      await startSimulator({ faults: orderFaults(), size: 62_800, seed: 7, progress: false, now: () => START }),
    );
    // Top the generated SUCCESS group up to exactly 42,500 with sub-jobs older than any generated one.
    const generated = sim.subJobs().filter((s) => s.status === 'SUCCESS').length;
    assert.ok(generated <= 42_500 && generated > 42_000, `${generated} generated SUCCESS sub-jobs`);
    for (let i = 0; i < 42_500 - generated; i++) {
      sim.addSubJob({
        job_type: JOB_TYPES[i % 3],
        status: 'SUCCESS',
        begin_time: formatTime(START - 400 * 24 * 60 * MINUTE - i * MINUTE),
      });
    }
    const client = clientFor(sim);
    const count = await client.count(JOB_TYPES, { status: 'SUCCESS' }, signal());
    assert.equal(count, 42_500);

    const { source, stats } = watched(client);
    const before = sim.requests.length;
    const result = await listNewest(
      source,
      { jobTypes: JOB_TYPES, status: 'SUCCESS', limit: 200, expected: count },
      signal(),
    );
    assert.equal(result.requests, JOB_TYPES.length * 2);
    assertSent(
      sim.requests.length - before,
      JOB_TYPES.length * 2,
      JOB_TYPES.length * 4,
      'no request beyond the first round',
    );
    assert.equal(stats.peak, JOB_TYPES.length * 2, 'every request was sent before any answer came back: one round');
    assert.deepEqual(
      stats.queries.map((q) => `${q.jobType}@${q.offset}`).sort(),
      JOB_TYPES.flatMap((t) => [`${t}@0`, `${t}@${PAGE_LIMIT}`]).sort(),
    );
    assert.deepEqual(
      result.subJobs.map((s) => s.id),
      newestIds(sim, 'SUCCESS', 200),
    );
    assert.equal(result.total, 42_500);
  });

  it('a small group asks one page per job type, with a hint or without', async () => {
    const sim = opened.track(
      await startSimulator({ faults: orderFaults(), size: 40, seed: 5, progress: false, now: () => START }),
    );
    const running = newestIds(sim, 'RUNNING');
    assert.ok(running.length > 0 && running.length < PAGE_LIMIT);
    const client = clientFor(sim);
    for (const expected of [running.length, undefined]) {
      const { source, stats } = watched(client);
      const result = await listNewest(
        source,
        { jobTypes: JOB_TYPES, status: 'RUNNING', limit: 100, ...(expected !== undefined && { expected }) },
        signal(),
      );
      assert.equal(stats.calls, JOB_TYPES.length, `expected ${expected}`);
      assert.ok(stats.queries.every((q) => q.offset === 0 && q.status === 'RUNNING'));
      assert.deepEqual(
        result.subJobs.map((s) => s.id),
        running,
      );
    }
  });

  it('a limit beyond the count returns the whole group and asks only for the pages that hold something', async () => {
    const sim = await simulatorWith([
      { jobType: 'CREATE_SERVER', status: 'FAILED', count: 150 },
      { jobType: 'CREATE_SERVER_IMAGE', status: 'FAILED', count: 120 },
      { jobType: 'DELETE_SERVER', status: 'FAILED', count: 30 },
    ]);
    const before = sim.requests.length;
    const result = await listNewest(clientFor(sim), { jobTypes: JOB_TYPES, status: 'FAILED', limit: 1000 }, signal());
    assert.deepEqual(
      result.subJobs.map((s) => s.id),
      newestIds(sim, 'FAILED'),
    );
    assert.equal(result.total, 300);
    assert.equal(result.requests, 2 + 2 + 1);
    assertSent(sim.requests.length - before, 5, 7);
  });

  it('a job type with no sub-jobs costs one request and adds nothing', async () => {
    const sim = await simulatorWith([{ jobType: 'CREATE_SERVER', status: 'WAITING', count: 30 }]);
    const result = await listNewest(
      clientFor(sim),
      { jobTypes: JOB_TYPES, status: 'WAITING', limit: 50, expected: 30 },
      signal(),
    );
    assert.deepEqual(
      result.subJobs.map((s) => s.id),
      newestIds(sim, 'WAITING'),
    );
    assert.deepEqual(Object.fromEntries(result.totalByJobType), {
      CREATE_SERVER: 30,
      CREATE_SERVER_IMAGE: 0,
      DELETE_SERVER: 0,
    });
    assert.equal(result.total, 30);
    assert.equal(result.requests, 3);
  });

  it('passes the parent job id to every page', async () => {
    const sim = await simulatorWith([{ jobType: 'CREATE_SERVER', status: 'SUCCESS', count: 5 }]);
    const one = sim.subJobs()[2];
    const before = sim.requests.length;
    const result = await listNewest(
      clientFor(sim),
      { jobTypes: JOB_TYPES, status: 'SUCCESS', jobId: one.job_id, limit: 10 },
      signal(),
    );
    assert.deepEqual(
      result.subJobs.map((s) => s.id),
      [one.id],
    );
    assert.ok(sim.requests.slice(before).every((r) => r.query.job_id === one.job_id && r.query.status === 'SUCCESS'));
  });

  it('reports the items it could not understand, and keeps the rest', async () => {
    const sim = await simulatorWith([{ jobType: 'CREATE_SERVER', status: 'SUCCESS', count: 3 }]);
    const good = sim.subJobs()[0];
    sim.failNext(
      1,
      200,
      `{"count":3,"items":[${JSON.stringify(good)},{"status":"SUCCESS"},{"id":702364884037271553,"status":"SUCCESS"}]}`,
    );
    const result = await listNewest(
      clientFor(sim),
      { jobTypes: ['CREATE_SERVER'], status: 'SUCCESS', limit: 10 },
      signal(),
    );
    assert.deepEqual(
      result.subJobs.map((s) => s.id),
      [good.id],
    );
    assert.equal(result.rejected.length, 2);
    assert.equal(result.rejected[0], 'item has no id');
    assert.match(result.rejected[1], /beyond 2\^53/);
  });

  it('a full page with a malformed item is not taken for the last page', async () => {
    const sim = await simulatorWith([{ jobType: 'CREATE_SERVER', status: 'SUCCESS', count: 250 }]);
    const client = clientFor(sim);
    // The client has read this filter before: it knows the order and where the tail is.
    await client.listPage({ jobType: 'CREATE_SERVER', status: 'SUCCESS', offset: 0, limit: 100 }, signal());
    // The newest page as the service answers it: the head, or oldest first the last 100.
    const offset = listOrder() === 'newest' ? 0 : 150;
    const response = await fetch(
      `${sim.url}/v1/${sim.projectId}/image-server-sub-jobs?job_type=CREATE_SERVER&status=SUCCESS&offset=${offset}&limit=100`,
      { headers: { 'X-Auth-Token': sim.token } },
    );
    const first = (await response.json()) as { count: number; items: Array<Record<string, unknown>> };
    assert.equal(first.items.length, 100);
    delete first.items[0].status;
    sim.failNext(1, 200, first);
    const before = sim.requests.length;
    const result = await listNewest(client, { jobTypes: ['CREATE_SERVER'], status: 'SUCCESS', limit: 300 }, signal());
    assertSent(sim.requests.length - before, 3, 3);
    assert.equal(result.subJobs.length, 249);
    assert.equal(result.rejected.length, 1);
  });

  it('refuses a limit that is not a number instead of asking for nothing or everything', async () => {
    const sim = await simulatorWith([]);
    for (const limit of [NaN, Infinity]) {
      await assert.rejects(listNewest(clientFor(sim), { jobTypes: JOB_TYPES, limit }, signal()), RangeError);
    }
    assert.equal(sim.requests.length, 0);
  });
});
