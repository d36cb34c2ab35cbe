import { TokenAuthorizer } from '../../src/api/authorizer';
import { silentLogger } from '../../src/api/logger';
import { SubJobClient } from '../../src/api/subJobClient';
import { RefreshKind } from '../../src/core/refreshPolicy';
import { RefreshScheduler } from '../../src/core/refreshScheduler';
import { SubJobStore } from '../../src/core/subJobStore';
import { isActiveStatus, isSubJobStatus, JOB_TYPES } from '../../src/model/subJob';
import { startSimulator } from '../../src/simulator/server';
import { BENCH_SEED } from './coldRefresh';
import { FakeClock } from '../unit/fakeClock';

export interface SteadyState {
  readonly size: number;
  readonly running: number;
  readonly minutes: number;
  readonly intervalSeconds: number;
  readonly listCalls: number;
  readonly countCalls: number;
  readonly fullRefreshes: number;
  /** Refreshes of the active statuses only. */
  readonly activeRefreshes: number;
  readonly checks: number;
}

const START = Date.parse('2026-03-07T10:00:00Z');

/**
 * The real RefreshScheduler and SubJobStore polling the simulator for `minutes` of simulated time
 * after the first (cold) listing, which is not counted. Counts what the simulator saw.
 */
export async function steadyState(size: number, running: number, minutes = 10, intervalSeconds = 30): Promise<SteadyState> {
  const clock = new FakeClock(START);
  const sim = await startSimulator({ size, seed: BENCH_SEED, progress: false, token: 'bench-token', now: clock.now, control: false });
  const client = new SubJobClient({ endpoint: sim.url, projectId: sim.projectId, authorizer: new TokenAuthorizer(sim.token), userAgent: 'bench' });
  const store = new SubJobStore(silentLogger, clock.now);
  try {
    for (const subJob of sim.subJobs()) {
      if (isSubJobStatus(subJob.status) && isActiveStatus(subJob.status)) sim.setStatus(subJob.id, 'SUCCESS');
    }
    for (let i = 0; i < running; i++) sim.addSubJob({ status: 'RUNNING', job_type: JOB_TYPES[i % JOB_TYPES.length] });

    let inFlight: Promise<void> | undefined;
    const kinds = { full: 0, active: 0, check: 0 };
    // As SubJobsController.refresh does: the store refreshes, the scheduler hears the outcome.
    const scheduler = new RefreshScheduler((kind: RefreshKind) => {
      kinds[kind]++;
      const run = (async () => {
        const outcome = await store.refresh('timer', kind);
        if (outcome) scheduler.recordOutcome(kind, outcome);
      })();
      inFlight = run;
      return run;
    }, clock);
    const settle = async () => {
      while (inFlight) {
        const current = inFlight;
        await current;
        if (inFlight === current) inFlight = undefined;
      }
      await new Promise((resolve) => setImmediate(resolve));
    };

    store.setSource('bench', client, { jobTypes: [...JOB_TYPES] });
    scheduler.setInterval(intervalSeconds);
    const first = await store.refresh('configuration', 'full');
    if (!first?.ok) throw new Error(`steady state: the first listing failed: ${store.current.failure?.message}`);
    scheduler.recordOutcome('full', first);
    const seenBefore = sim.requests.length;
    await clock.runUntil(clock.time + minutes * 60_000, settle);
    scheduler.dispose();
    const seen = sim.requests.slice(seenBefore);
    if (seen.length + seenBefore >= 10_000) throw new Error('steady state: the simulator request log overflowed; lower the size');
    const countCalls = seen.filter((r) => r.path.endsWith('/actions/count')).length;
    return { size, running, minutes, intervalSeconds, listCalls: seen.length - countCalls, countCalls, fullRefreshes: kinds.full, activeRefreshes: kinds.active, checks: kinds.check };
  } finally {
    store.dispose();
    await client.close();
    await sim.close();
  }
}
