/**
 * scanNewest, findUnknownStatuses and findById: reading the newest pages of every job type for
 * sub-jobs no count or filter can single out. Through the simulator over loopback; costs are the
 * requests it recorded.
 */
import assert from 'node:assert/strict';
import { afterEach, it } from 'node:test';
import { findById, findUnknownStatuses, SCAN_PAGES, scanNewest } from '../../../src/api/scanNewest';
import { SubJobClient } from '../../../src/api/subJobClient';
import { JOB_TYPES, JobType } from '../../../src/model/subJob';
import { formatTime } from '../../../src/simulator/rawSubJob';
import { RawSubJob, RunningSimulator, startSimulator } from '../../../src/simulator/server';
import { inBothOrders, listOrder, orderFaults } from '../listOrders';
import { OpenedInTest, tokenClient } from '../simulatorClient';

const START = Date.parse('2026-03-07T10:00:00Z');
const signal = () => new AbortController().signal;
const never = () => false;

/**
 * Requests the simulator saw. Oldest first, a page may cost a second request: the first read of a
 * filter tells the order and the count, the next reads the tail the newest sub-jobs are at.
 */
function assertSent(actual: number, newestFirst: number, message?: string): void {
  if (listOrder() === 'newest') assert.equal(actual, newestFirst, message);
  else assert.ok(actual >= newestFirst && actual <= 2 * newestFirst, `${actual} requests for ${newestFirst} pages`);
}

const opened = new OpenedInTest();
afterEach(() => opened.closeAll());

/** A simulator holding `perType` SUCCESS sub-jobs of each job type given, interleaved in time. */
async function simulatorWith(
  perType: Partial<Record<JobType, number>>,
): Promise<{ sim: RunningSimulator; client: SubJobClient }> {
  const sim = opened.track(await startSimulator({ faults: orderFaults(), size: 0, progress: false, now: () => START }));
  let minute = 0;
  const most = Math.max(...Object.values(perType));
  for (let i = 0; i < most; i++) {
    for (const jobType of JOB_TYPES) {
      if (i < (perType[jobType] ?? 0))
        sim.addSubJob({ job_type: jobType, status: 'SUCCESS', begin_time: formatTime(START - ++minute * 60_000) });
    }
  }
  return { sim, client: opened.track(tokenClient(sim, sim.token)) };
}

/** The simulator's sub-jobs of one job type, newest first. */
const ofType = (sim: RunningSimulator, jobType: JobType): RawSubJob[] =>
  sim.subJobs().filter((s) => s.job_type === jobType);

inBothOrders('scanNewest', () => {
  it('stops once enough are found', async () => {
    const { sim, client } = await simulatorWith({ CREATE_SERVER: 250, CREATE_SERVER_IMAGE: 250, DELETE_SERVER: 250 });
    const [a, b] = ofType(sim, 'CREATE_SERVER');
    const before = sim.requests.length;
    const result = await scanNewest(
      client,
      { jobTypes: JOB_TYPES, wanted: (s) => s.id === a.id || s.id === b.id, enough: 2 },
      signal(),
    );
    assert.deepEqual(result.subJobs.map((s) => s.id).sort(), [a.id, b.id].sort());
    // The three first pages are asked at once; none after them.
    if (listOrder() === 'newest') assert.equal(result.requests, 3);
    assertSent(sim.requests.length - before, listOrder() === 'newest' ? 3 : result.requests);
    assert.equal(result.complete, false, 'older pages were left unread');
  });

  it('stops at the last page: the one that reaches the count, or one with fewer items', async () => {
    const { sim, client } = await simulatorWith({ CREATE_SERVER: 200, CREATE_SERVER_IMAGE: 150, DELETE_SERVER: 0 });
    const before = sim.requests.length;
    const result = await scanNewest(client, { jobTypes: JOB_TYPES, wanted: never, enough: 1 }, signal());
    // CREATE_SERVER: two full pages reach the count of 200; CREATE_SERVER_IMAGE: a full page and a
    // short one; DELETE_SERVER: one empty page.
    assert.equal(result.requests, 2 + 2 + 1);
    assertSent(sim.requests.length - before, 5);
    assert.deepEqual(result.subJobs, []);
    assert.equal(result.complete, true);
  });

  it('reads at most maxPages per job type and says the scan is not complete', async () => {
    const { sim, client } = await simulatorWith({ CREATE_SERVER: 450, CREATE_SERVER_IMAGE: 450, DELETE_SERVER: 50 });
    const before = sim.requests.length;
    const result = await scanNewest(client, { jobTypes: JOB_TYPES, wanted: never, enough: 1, maxPages: 2 }, signal());
    assert.equal(result.requests, 2 + 2 + 1);
    assertSent(sim.requests.length - before, 5);
    if (listOrder() === 'newest') assert.ok(sim.requests.slice(before).every((r) => Number(r.query.offset) < 200));
    assert.equal(result.complete, false);
  });

  it('reads SCAN_PAGES per job type by default', async () => {
    const { sim, client } = await simulatorWith({ CREATE_SERVER: (SCAN_PAGES + 2) * 100 });
    const result = await scanNewest(client, { jobTypes: ['CREATE_SERVER'], wanted: never, enough: 1 }, signal());
    assert.equal(result.requests, SCAN_PAGES);
    assert.equal(result.complete, false);
    assertSent(sim.requests.length, SCAN_PAGES);
  });

  it('a full page with a malformed item is not taken for the last page', async () => {
    const { sim, client } = await simulatorWith({ CREATE_SERVER: 250 });
    const response = await fetch(
      `${sim.url}/v1/${sim.projectId}/image-server-sub-jobs?job_type=CREATE_SERVER&offset=0&limit=100`,
      {
        headers: { 'X-Auth-Token': sim.token },
      },
    );
    const first = (await response.json()) as { count: number; items: Array<Record<string, unknown>> };
    delete first.items[0].id;
    sim.failNext(1, 200, first);
    const oldest = ofType(sim, 'CREATE_SERVER').at(-1)!;
    const before = sim.requests.length;
    const result = await scanNewest(
      client,
      { jobTypes: ['CREATE_SERVER'], wanted: (s) => s.id === oldest.id, enough: 1 },
      signal(),
    );
    assertSent(sim.requests.length - before, 3);
    assert.deepEqual(
      result.subJobs.map((s) => s.id),
      [oldest.id],
    );
  });
});

inBothOrders('findUnknownStatuses', () => {
  it('finds sub-jobs in a status the seven do not include, wherever they are among the newest pages', async () => {
    const { sim, client } = await simulatorWith({ CREATE_SERVER: 350, CREATE_SERVER_IMAGE: 120, DELETE_SERVER: 40 });
    const paused = ofType(sim, 'CREATE_SERVER')[230];
    const hibernating = ofType(sim, 'DELETE_SERVER')[7];
    sim.setStatus(paused.id, 'PAUSED');
    sim.setStatus(hibernating.id, 'HIBERNATING');
    const before = sim.requests.length;
    const result = await findUnknownStatuses(client, { jobTypes: JOB_TYPES, expected: 2 }, signal());
    assert.deepEqual(
      new Map(result.subJobs.map((s) => [s.id, s.status])),
      new Map([
        [paused.id, 'PAUSED'],
        [hibernating.id, 'HIBERNATING'],
      ]),
    );
    const asked = sim.requests.slice(before);
    const offsets = (jobType: JobType) =>
      asked.filter((r) => r.query.job_type === jobType).map((r) => Number(r.query.offset));
    // CREATE_SERVER up to the page holding its 231st, no further; DELETE_SERVER's one page; the
    // other job type's pages at most to its end (the scan may stop it sooner).
    // Oldest first, the same pages are read from the tail, at offsets that depend on the counts.
    if (listOrder() === 'newest') {
      assert.deepEqual(offsets('CREATE_SERVER'), [0, 100, 200]);
      assert.deepEqual(offsets('DELETE_SERVER'), [0]);
      assert.ok(offsets('CREATE_SERVER_IMAGE').length <= 2);
      assert.equal(result.requests, asked.length);
    }
    assert.ok(
      asked.every((r) => r.query.status === undefined),
      'listed without a status filter',
    );
  });

  it('reports fewer than expected when the newest pages do not hold them all', async () => {
    const { sim, client } = await simulatorWith({ CREATE_SERVER: 30 });
    sim.setStatus(ofType(sim, 'CREATE_SERVER')[3].id, 'PAUSED');
    const result = await findUnknownStatuses(client, { jobTypes: JOB_TYPES, expected: 3 }, signal());
    assert.equal(result.subJobs.length, 1);
    assert.equal(result.complete, true);
    assert.equal(result.requests, 3);
  });
});

inBothOrders('findById', () => {
  it('finds a sub-job on an older page and stops there', async () => {
    const { sim, client } = await simulatorWith({ CREATE_SERVER_IMAGE: 300 });
    const target = ofType(sim, 'CREATE_SERVER_IMAGE')[150];
    const before = sim.requests.length;
    const result = await findById(client, { jobTypes: JOB_TYPES, id: target.id }, signal());
    assert.deepEqual(
      result.subJobs.map((s) => s.id),
      [target.id],
    );
    assert.equal(result.subJobs[0].listedAs, 'CREATE_SERVER_IMAGE');
    // Two pages of CREATE_SERVER_IMAGE; one (empty) page of the other two job types.
    assert.equal(result.requests, 4);
    assertSent(sim.requests.length - before, 4);
  });

  it('finds a sub-job in a status the seven do not include', async () => {
    const { sim, client } = await simulatorWith({ DELETE_SERVER: 120 });
    const target = ofType(sim, 'DELETE_SERVER')[110];
    sim.setStatus(target.id, 'PAUSED');
    const result = await findById(client, { jobTypes: JOB_TYPES, id: target.id }, signal());
    assert.equal(result.subJobs[0]?.status, 'PAUSED');
  });

  it('a sub-job beyond maxPages is not found, and the answer says the scan was cut short', async () => {
    const { sim, client } = await simulatorWith({ CREATE_SERVER: 300 });
    const target = ofType(sim, 'CREATE_SERVER')[250];
    const before = sim.requests.length;
    const result = await findById(client, { jobTypes: ['CREATE_SERVER'], id: target.id, maxPages: 2 }, signal());
    assert.deepEqual(result.subJobs, []);
    assert.equal(result.complete, false);
    assertSent(sim.requests.length - before, 2);
  });

  it('a sub-job that does not exist: every page read, nothing found, complete', async () => {
    const { sim, client } = await simulatorWith({ CREATE_SERVER: 130, DELETE_SERVER: 10 });
    const before = sim.requests.length;
    const result = await findById(client, { jobTypes: JOB_TYPES, id: '1' }, signal());
    assert.deepEqual(result.subJobs, []);
    assert.equal(result.complete, true);
    assertSent(sim.requests.length - before, 2 + 1 + 1);
  });
});
