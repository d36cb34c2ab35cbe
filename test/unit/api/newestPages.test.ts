/**
 * listNewest: a status group's newest sub-jobs across job types, through the simulator over
 * loopback. Outcomes are compared with the simulator's own state, costs with the requests it
 * recorded; nothing is timed.
 */
import assert from 'node:assert/strict';
import { afterEach, it } from 'node:test';
import { listNewest, PageSource } from '../../../src/api/newestPages';
import { PAGE_LIMIT, PageQuery, SubJobClient } from '../../../src/api/subJobClient';
import { JOB_TYPES, JobType, SubJobStatus } from '../../../src/model/subJob';
import { formatTime } from '../../../src/simulator/rawSubJob';
import { RawSubJob, RunningSimulator, startSimulator } from '../../../src/simulator/server';
import { inBothOrders, listOrder, orderFaults } from '../listOrders';
import { OpenedInTest, tokenClient } from '../simulatorClient';

const START = Date.parse('2026-03-07T10:00:00Z');
const MINUTE = 60_000;
const signal = () => new AbortController().signal;

/**
 * Requests the simulator saw, exactly, in the order the service lists in. Oldest first, a fresh
 * client's first read of a filter tells the order and the count, the next reads the tail the newest
 * sub-jobs are at (one read when the first page holds the whole filter); later pages cost one each.
 */
function assertSent(actual: number, newestFirst: number, oldestFirst: number, message?: string): void {
  assert.equal(actual, listOrder() === 'newest' ? newestFirst : oldestFirst, message);
}

const opened = new OpenedInTest();
afterEach(() => opened.closeAll());

interface Group {
  readonly jobType: JobType;
  readonly status: SubJobStatus;
  readonly count: number;
}

/** A simulator holding exactly these sub-jobs, each group older than the one before it. */
async function simulatorWith(groups: readonly Group[]): Promise<RunningSimulator> {
  const sim = opened.track(await startSimulator({ faults: orderFaults(), size: 0, progress: false, now: () => START }));
  let minute = 0;
  for (const group of groups) {
    for (let i = 0; i < group.count; i++) {
      sim.addSubJob({
        job_type: group.jobType,
        status: group.status,
        begin_time: formatTime(START - ++minute * MINUTE),
      });
    }
  }
  return sim;
}

function clientFor(sim: RunningSimulator): SubJobClient {
  return opened.track(tokenClient(sim, sim.token));
}

/** A page source that counts the calls made through it and how many were in flight at once. */
function watched(client: SubJobClient) {
  const stats = { calls: 0, inFlight: 0, peak: 0, queries: [] as PageQuery[] };
  const source: PageSource = {
    async listPage(query, callSignal) {
      stats.calls++;
      stats.queries.push(query);
      stats.peak = Math.max(stats.peak, ++stats.inFlight);
      try {
        return await client.listPage(query, callSignal);
      } finally {
        stats.inFlight--;
      }
    },
  };
  return { source, stats };
}

/** The simulator's truth: the ids in a status, newest first. */
function newestIds(sim: RunningSimulator, status: string, n = Infinity): string[] {
  return sim
    .subJobs()
    .filter((s: RawSubJob) => s.status === status)
    .slice(0, n)
    .map((s) => s.id);
}

function duplicates(ids: readonly string[]): string[] {
  const seen = new Set<string>();
  return ids.filter((id) => (seen.has(id) ? true : (seen.add(id), false)));
}

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

  it('pages that shift while they are read are read again: nothing duplicated, nothing lost, nothing stale', async () => {
    const sim = await simulatorWith([{ jobType: 'CREATE_SERVER', status: 'RUNNING', count: 350 }]);
    // After the first list answer the newest RUNNING sub-job finishes: the pages answered after it
    // are shifted by one (the sub-job on a page boundary moves to the page before) and say 349.
    sim.setFaults({ ...orderFaults(), shift: { everyRequests: 1, from: 'RUNNING', to: 'SUCCESS', max: 1 } });
    const before = sim.requests.length;
    const result = await listNewest(
      clientFor(sim),
      { jobTypes: ['CREATE_SERVER'], status: 'RUNNING', limit: 250, expected: 350 },
      signal(),
    );
    assert.ok(
      sim.requests.some((r) => r.fault === 'shift'),
      'a sub-job moved during the listing',
    );
    const ids = result.subJobs.map((s) => s.id);
    assert.deepEqual(duplicates(ids), []);
    assert.deepEqual(ids, newestIds(sim, 'RUNNING', 250), 'the newest 250 as they are now');
    assert.equal(result.total, 349);
    // Newest first: three pages at once, then the same three again once their counts disagreed.
    // Oldest first: three first reads tell the order and the count, three tail reads follow, and
    // the one answered before the move is read once more at the new tail: the counts agree.
    assert.equal(result.requests, listOrder() === 'newest' ? 6 : 3);
    assertSent(sim.requests.length - before, 6, 7);
  });

  it('pages that keep shifting are read again at most MAX_RELISTS times, and nothing is shown twice', async () => {
    const sim = await simulatorWith([
      { jobType: 'CREATE_SERVER', status: 'RUNNING', count: 350 },
      { jobType: 'DELETE_SERVER', status: 'RUNNING', count: 20 },
    ]);
    sim.setFaults({ ...orderFaults(), shift: { everyRequests: 1, from: 'RUNNING', to: 'SUCCESS' } });
    const before = sim.requests.length;
    const result = await listNewest(
      clientFor(sim),
      { jobTypes: ['CREATE_SERVER', 'DELETE_SERVER'], status: 'RUNNING', limit: 250, expected: 370 },
      signal(),
    );
    const ids = result.subJobs.map((s) => s.id);
    assert.deepEqual(duplicates(ids), []);
    assert.equal(ids.length, 250);
    // Three pages per job type, each read at most 1 + MAX_RELISTS (2) times.
    assert.ok(result.requests <= 2 * 3 * 3, `${result.requests} requests`);
    // Oldest first every page is a first read and a tail read, and a tail read the list shrank
    // under is read again and topped up: how many depends on which answer each move follows.
    if (listOrder() === 'newest') assert.equal(sim.requests.length - before, result.requests);
    else assert.ok(sim.requests.length - before <= 4 * result.requests, `${sim.requests.length - before} requests`);
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
