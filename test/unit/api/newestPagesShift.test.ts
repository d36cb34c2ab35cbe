/**
 * listNewest while sub-jobs move between statuses during the listing (the simulator's shift fault),
 * in both list orders: read again, nothing duplicated, nothing lost.
 */
import assert from 'node:assert/strict';
import { afterEach, it } from 'node:test';
import { listNewest } from '../../../src/api/newestPages';
import { inBothOrders, listOrder, orderFaults } from '../listOrders';
import { assertSent, clientFor, duplicates, newestIds, opened, signal, simulatorWith } from './newestFixture';

afterEach(() => opened.closeAll());

inBothOrders('listNewest while pages shift', () => {
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
});
