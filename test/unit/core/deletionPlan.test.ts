import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { MAX_LOOKUPS, needsLookUp, planDeletion, plannedCount, subJobRefOf } from '../../../src/core/deletionPlan';
import { reportOf } from '../../../src/core/deletionReport';
import type { RunningSimulator } from '../../../src/simulator/server';
import { OpenedInTest, tokenClient } from '../simulatorClient';
import { simulatorPerFile } from '../simulatorPerFile';
import { SimulatorSource } from './deletionFixture';

const TOKEN = 'deletion-plan-token';

let sim: RunningSimulator;
const opened = new OpenedInTest();
const signal = () => new AbortController().signal;

simulatorPerFile({ token: TOKEN }, opened, (started) => (sim = started));

const source = () => new SimulatorSource(sim, opened.track(tokenClient(sim, TOKEN)));
const add = (n: number, status: string) => Array.from({ length: n }, () => sim.addSubJob({ status }).id);
const listCalls = (from: number) => sim.requests.slice(from).filter((r) => r.method === 'GET').length;
const patches = (from: number) => sim.requests.slice(from).filter((r) => r.method === 'PATCH').length;

describe('planDeletion: arguments are pointers, not facts', () => {
  it('a group is asked about with the count its session has, not the one the row claims', async () => {
    // The old command asked "all 1 in FAILED?" for a crafted {count: 1} row, then deleted 45.
    add(45, 'FAILED');
    const s = source();
    s.countNow();
    const plan = await planDeletion([s], { kind: 'group', sessionKey: s.spec.key, status: 'FAILED' }, signal());
    assert.equal(plan.group?.count, 45);
    assert.equal(plannedCount(plan), 45);
  });

  it('a group of a project that is not there, or of an active status, plans nothing', async () => {
    add(3, 'RUNNING');
    const s = source();
    s.countNow();
    const gone = await planDeletion([s], { kind: 'group', sessionKey: 'elsewhere|p', status: 'FAILED' }, signal());
    assert.equal(plannedCount(gone), 0);
    const running = await planDeletion([s], { kind: 'group', sessionKey: s.spec.key, status: 'RUNNING' }, signal());
    assert.equal(plannedCount(running), 0);
    assert.deepEqual(running.groupLeftAlone, { status: 'RUNNING', count: 3 });
  });

  it("a loaded sub-job's status is its session's, whatever the row says", async () => {
    const [id] = add(1, 'SUCCESS');
    const s = source();
    await s.load('SUCCESS');
    sim.setStatus(id, 'RUNNING');
    s.loaded = s.loaded.map((j) => ({ ...j, status: 'RUNNING' }));
    const plan = await planDeletion([s], { kind: 'subJobs', refs: [{ id, sessionKey: s.spec.key }] }, signal());
    assert.equal(plannedCount(plan), 0);
    assert.deepEqual(plan.notDeletable, [{ id, status: 'RUNNING' }]);
  });

  it('ids not loaded are looked up: found ones are planned, active ones and missing ones left alone, nothing sent', async () => {
    const [done] = add(1, 'SUCCESS');
    const [busy] = add(1, 'RUNNING');
    const s = source();
    const from = sim.requests.length;
    const plan = await planDeletion(
      [s],
      { kind: 'subJobs', refs: [{ id: done }, { id: busy }, { id: '1' }] },
      signal(),
    );
    assert.ok(listCalls(from) > 0, 'looked up');
    assert.equal(patches(from), 0, 'planning sends no delete');
    assert.deepEqual(
      plan.batches.flatMap((b) => b.subJobs.map((j) => j.id)),
      [done],
    );
    assert.deepEqual(plan.notDeletable, [{ id: busy, status: 'RUNNING' }]);
    assert.deepEqual(plan.notFound, ['1']);
    const report = reportOf(plan, { projects: [], cancelled: false });
    assert.deepEqual(
      report.notSent.map((g) => [g.count, g.ids]),
      [
        [1, ['1']],
        [1, [busy]],
      ],
    );
  });

  it('a crafted sub-job row claiming SUCCESS for an id never loaded is looked up like a bare id', async () => {
    const [busy] = add(1, 'WAITING');
    const s = source();
    const plan = await planDeletion([s], { kind: 'subJobs', refs: [{ id: busy, sessionKey: s.spec.key }] }, signal());
    assert.equal(plannedCount(plan), 0);
    assert.deepEqual(plan.notDeletable, [{ id: busy, status: 'WAITING' }]);
  });

  it('a project whose credential was refused is not asked: its ids are not found, with no request', async () => {
    const [done] = add(1, 'SUCCESS');
    const s = source();
    s.refused = true;
    const from = sim.requests.length;
    const plan = await planDeletion([s], { kind: 'subJobs', refs: [{ id: done }] }, signal());
    assert.equal(sim.requests.length, from);
    assert.deepEqual(plan.notFound, [done]);
  });

  it(`looks up at most ${MAX_LOOKUPS} ids; the others are named and never sent`, async () => {
    const ids = add(MAX_LOOKUPS + 3, 'SUCCESS');
    const s = source();
    const plan = await planDeletion([s], { kind: 'subJobs', refs: ids.map((id) => ({ id })) }, signal());
    assert.equal(plannedCount(plan), MAX_LOOKUPS);
    assert.equal(plan.notLookedUp.length, 3);
  });

  it('a look-up that fails leaves its id alone, named with the error, and the others go on', async () => {
    const [done] = add(1, 'SUCCESS');
    const s = source();
    sim.failNext(1, 503);
    const plan = await planDeletion([s], { kind: 'subJobs', refs: [{ id: '9' }, { id: done }] }, signal());
    assert.equal(plan.lookUpFailed?.[0].id, '9');
    assert.deepEqual(
      plan.batches.flatMap((b) => b.subJobs.map((j) => j.id)),
      [done],
    );
    const report = reportOf(plan, { projects: [], cancelled: false });
    assert.match(report.notSent[0].reason, /could not be looked up \(HTTP 503/);
  });

  it('a cancelled look-up rejects and plans nothing', async () => {
    const s = source();
    await assert.rejects(planDeletion([s], { kind: 'subJobs', refs: [{ id: '5' }] }, AbortSignal.abort()));
  });

  it('the same id selected in both families is two sub-jobs, one batch per family', async () => {
    const [id] = add(1, 'SUCCESS');
    const { image, appServer } = await bothFamiliesHold(id!);
    const refs = [
      { id: id!, sessionKey: image.spec.key },
      { id: id!, sessionKey: appServer.spec.key },
    ];
    assert.equal(needsLookUp([image, appServer], { kind: 'subJobs', refs }), false);
    const plan = await planDeletion([image, appServer], { kind: 'subJobs', refs }, signal());
    assert.deepEqual(
      plan.batches.map((b) => [b.source.spec.key, b.subJobs.map((j) => j.id)]),
      [
        [image.spec.key, [id]],
        [appServer.spec.key, [id]],
      ],
    );
    assert.equal(plannedCount(plan), 2);
  });
});

/** An image session and an app-server session of one project, both holding sub-job `id` loaded. */
async function bothFamiliesHold(id: string): Promise<{ image: SimulatorSource; appServer: SimulatorSource }> {
  const image = new SimulatorSource(sim, opened.track(tokenClient(sim, TOKEN)), undefined, 'image');
  await image.load('SUCCESS');
  const appServer = new SimulatorSource(
    sim,
    opened.track(tokenClient(sim, TOKEN)),
    `${image.spec.key}#appServer`,
    'appServer',
  );
  appServer.loaded = image.loaded.filter((j) => j.id === id).map((j) => ({ ...j, family: 'appServer' as const }));
  return { image, appServer };
}

describe('planDeletion: a bare id two families hold is never sent', () => {
  it('a bare id loaded in both families is refused, named as not sent with the reason', async () => {
    // The old plan took the first family that had it (image) and deleted that record without a word.
    const [id] = add(1, 'SUCCESS');
    const { image, appServer } = await bothFamiliesHold(id!);
    const plan = await planDeletion([image, appServer], { kind: 'subJobs', refs: [{ id: id! }] }, signal());
    assert.equal(plannedCount(plan), 0);
    assert.deepEqual(plan.batches, []);
    const report = reportOf(plan, { projects: [], cancelled: false });
    assert.deepEqual(
      report.notSent.map((g) => g.ids),
      [[id]],
    );
    assert.match(report.notSent[0].reason, /more than one project or family/);
    assert.match(report.notSent[0].reason, /appServer:/);
  });

  it('a bare id loaded in one family is looked up in the other before anything is planned', async () => {
    const [id] = add(1, 'SUCCESS');
    const { image, appServer } = await bothFamiliesHold(id!);
    // Only the image row is loaded; the app-server session finds the same id when asked.
    const held = appServer.loaded;
    appServer.loaded = [];
    appServer.findById = async (wanted) => held.find((j) => j.id === wanted);
    assert.equal(needsLookUp([image, appServer], { kind: 'subJobs', refs: [{ id: id! }] }), true);
    const plan = await planDeletion([image, appServer], { kind: 'subJobs', refs: [{ id: id! }] }, signal());
    assert.equal(plannedCount(plan), 0);
    assert.match(reportOf(plan, { projects: [], cancelled: false }).notSent[0].reason, /more than one/);
  });

  it('a bare id only one family holds goes straight to that family', async () => {
    const [id] = add(1, 'SUCCESS');
    const { image, appServer } = await bothFamiliesHold(id!);
    image.loaded = [];
    image.findById = async () => undefined;
    const plan = await planDeletion([image, appServer], { kind: 'subJobs', refs: [{ id: id! }] }, signal());
    assert.deepEqual(
      plan.batches.map((b) => [b.source.spec.key, b.subJobs.map((j) => j.id)]),
      [[appServer.spec.key, [id]]],
    );
  });

  it('a family that could not be asked leaves the bare id alone, even when the other family has it', async () => {
    const [id] = add(1, 'SUCCESS');
    const { image, appServer } = await bothFamiliesHold(id!);
    appServer.loaded = [];
    appServer.findById = async () => {
      throw new Error('the service is down');
    };
    const plan = await planDeletion([image, appServer], { kind: 'subJobs', refs: [{ id: id! }] }, signal());
    assert.equal(plannedCount(plan), 0);
    const report = reportOf(plan, { projects: [], cancelled: false });
    assert.deepEqual(
      report.notSent.map((g) => g.ids),
      [[id]],
    );
  });

  it('appServer:ID and image:ID (any case) pick the family; the other family is not asked', async () => {
    const [id] = add(1, 'SUCCESS');
    const { image, appServer } = await bothFamiliesHold(id!);
    const refs = ['appServer:' + id, 'IMAGE:' + id].map(subJobRefOf);
    const plan = await planDeletion([image, appServer], { kind: 'subJobs', refs: refs.slice(0, 1) }, signal());
    assert.deepEqual(
      plan.batches.map((b) => [b.source.spec.key, b.subJobs.map((j) => j.id)]),
      [[appServer.spec.key, [id]]],
    );
    const imageOnly = await planDeletion([image, appServer], { kind: 'subJobs', refs: refs.slice(1) }, signal());
    assert.deepEqual(
      imageOnly.batches.map((b) => b.source.spec.key),
      [image.spec.key],
    );
    assert.deepEqual(subJobRefOf('123'), { id: '123' });
    // Not a family: the whole text is the id, and is not found.
    assert.deepEqual(subJobRefOf('bogus:123'), { id: 'bogus:123' });
  });
});
