import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ACTIVE_STATUSES } from '../../../src/model/subJob';
import { applyPlan } from '../../../src/simulator/progression';
import { RawSubJob } from '../../../src/simulator/rawSubJob';
import { startSimulator } from '../../../src/simulator/server';

const START = Date.parse('2026-03-07T10:40:43.858Z');
const TEN_MINUTES = 10 * 60_000;
const isActive = (status: string) => (ACTIVE_STATUSES as readonly string[]).includes(status);

/** A clock the test moves by hand. */
function fakeClock(): { now: () => number; advance: (ms: number) => void } {
  let time = START;
  return { now: () => time, advance: (ms) => (time += ms) };
}

async function statusOverHttp(url: string, token: string, projectId: string, subJob: RawSubJob): Promise<string> {
  const response = await fetch(`${url}/v1/${projectId}/image-server-sub-jobs?job_type=${subJob.job_type}&limit=100`, {
    headers: { 'X-Auth-Token': token },
  });
  const body = (await response.json()) as { items: RawSubJob[] };
  const item = body.items.find((i) => i.id === subJob.id);
  assert.ok(item, `sub-job ${subJob.id} is listed`);
  return item.status;
}

describe('progression', () => {
  it('moves a WAITING sub-job to RUNNING, then to SUCCESS or FAILED, as the clock advances', async () => {
    const clock = fakeClock();
    const sim = await startSimulator({ now: clock.now });
    try {
      const waiting = sim.subJobs().filter((s) => s.status === 'WAITING');
      assert.ok(waiting.length > 0);
      const seen = new Map(waiting.map((s) => [s.id, ['WAITING']]));
      for (let elapsed = 0; elapsed <= TEN_MINUTES; elapsed += 5000) {
        clock.advance(5000);
        for (const subJob of waiting) {
          const status = await statusOverHttp(sim.url, sim.token, sim.projectId, subJob);
          const history = seen.get(subJob.id)!;
          if (history[history.length - 1] !== status) history.push(status);
        }
      }
      for (const [id, history] of seen) {
        assert.equal(history.length, 3, `${id}: ${history.join(' → ')}`);
        assert.deepEqual(history.slice(0, 2), ['WAITING', 'RUNNING']);
        assert.match(history[2], /^(SUCCESS|FAILED)$/);
      }
    } finally {
      await sim.close();
    }
  });

  it('settles every active sub-job within ten minutes, with an end time and, on failure, a reason', async () => {
    const clock = fakeClock();
    const sim = await startSimulator({ now: clock.now });
    try {
      const before = sim.subJobs();
      const activeIds = new Set(before.filter((s) => isActive(s.status)).map((s) => s.id));
      clock.advance(TEN_MINUTES);
      const after = sim.subJobs();
      assert.ok(after.every((s) => !isActive(s.status)));
      for (const subJob of after.filter((s) => activeIds.has(s.id))) {
        assert.ok(Date.parse(subJob.end_time) > START && Date.parse(subJob.end_time) <= START + TEN_MINUTES);
        if (subJob.status === 'FAILED') assert.match(subJob.job_execute_info.error_code, /^WKS\.\d{8}$/);
        else assert.deepEqual(subJob.job_execute_info, { error_code: '', error_message: '' });
      }
      const unchanged = before.filter((s) => !activeIds.has(s.id));
      assert.deepEqual(
        after.filter((s) => !activeIds.has(s.id)),
        unchanged,
        'finished sub-jobs stay as they were',
      );
    } finally {
      await sim.close();
    }
  });

  it('is deterministic: the same seed and clock give the same history', async () => {
    const histories: RawSubJob[][][] = [];
    for (let run = 0; run < 2; run++) {
      const clock = fakeClock();
      const sim = await startSimulator({ seed: 99, now: clock.now });
      const history: RawSubJob[][] = [];
      for (let step = 0; step < 12; step++) {
        history.push(sim.subJobs());
        clock.advance(30_000);
      }
      histories.push(history);
      await sim.close();
    }
    assert.deepEqual(histories[0], histories[1]);
  });

  it('freezes everything with progress: false', async () => {
    const clock = fakeClock();
    const sim = await startSimulator({ now: clock.now, progress: false });
    try {
      const before = sim.subJobs();
      clock.advance(24 * 60 * 60_000);
      assert.deepEqual(sim.subJobs(), before);
      assert.ok(before.some((s) => s.status === 'WAITING'));
    } finally {
      await sim.close();
    }
  });

  it('leaves a status set by hand alone', async () => {
    const clock = fakeClock();
    const sim = await startSimulator({ now: clock.now });
    try {
      const running = sim.subJobs().find((s) => s.status === 'RUNNING')!;
      sim.setStatus(running.id, 'WAITING');
      clock.advance(TEN_MINUTES);
      assert.equal(sim.subJobs().find((s) => s.id === running.id)!.status, 'WAITING');
    } finally {
      await sim.close();
    }
  });
});

describe('applyPlan', () => {
  const subJob = (): RawSubJob => ({
    id: '702364884037271552',
    job_type: 'CREATE_SERVER',
    job_resource_info: { resource_id: '', resource_name: 'dev-desktop-07' },
    begin_time: '2026-03-07T10:40:43.858Z',
    end_time: '',
    status: 'WAITING',
    job_execute_info: { error_code: '', error_message: '' },
    project_id: 'p',
    job_id: '702364884037271551',
  });
  const plan = {
    runningAt: START + 1000,
    endsAt: START + 5000,
    outcome: 'FAILED' as const,
    failure: { code: 'WKS.00129901', message: 'The service is now unavailable to process the request.' },
  };

  it('follows the plan and only moves forward', () => {
    const s = subJob();
    assert.equal(applyPlan(s, plan, START), false);
    assert.equal(s.status, 'WAITING');
    assert.equal(applyPlan(s, plan, START + 1000), false);
    assert.equal(s.status, 'RUNNING');
    assert.equal(applyPlan(s, plan, START), false, 'a clock going back');
    assert.equal(s.status, 'RUNNING');
    assert.equal(applyPlan(s, plan, START + 60_000), true);
    assert.equal(s.status, 'FAILED');
    assert.equal(s.end_time, '2026-03-07T10:40:48.858Z', 'ends at the planned time, not the reading');
    assert.deepEqual(s.job_execute_info, {
      error_code: 'WKS.00129901',
      error_message: 'The service is now unavailable to process the request.',
    });
  });

  it('can jump straight from WAITING to the outcome', () => {
    const s = subJob();
    assert.equal(applyPlan(s, { ...plan, outcome: 'SUCCESS', failure: undefined }, START + 10_000), true);
    assert.equal(s.status, 'SUCCESS');
    assert.deepEqual(s.job_execute_info, { error_code: '', error_message: '' });
  });
});
