import { RefreshReport } from '../../src/core/projectSession';
import { ACTIVE_STATUSES } from '../../src/model/subJob';
import { FakeClock } from '../unit/fakeClock';
import { benchSession } from './harness';
import type { ThreadedSimulator } from './threadedSimulator';

export interface SteadyScenario {
  readonly name: string;
  /** RUNNING sub-jobs (added, they never finish); every other sub-job is finished. */
  readonly running: number;
  /** Status groups expanded before the measured minutes. */
  readonly expanded: readonly string[];
  /** Notifications on: the session follows its active sub-jobs one by one (their groups' pages). */
  readonly tracking?: boolean;
}

export const STEADY_SCENARIOS: readonly SteadyScenario[] = [
  { name: 'idle, nothing expanded', running: 0, expanded: [] },
  { name: 'idle, SUCCESS expanded', running: 0, expanded: ['SUCCESS'] },
  { name: '10 running, RUNNING expanded', running: 10, expanded: ['RUNNING'] },
  { name: '10 running, RUNNING + SUCCESS expanded', running: 10, expanded: ['RUNNING', 'SUCCESS'] },
  { name: '10 running, nothing expanded, notifications on', running: 10, expanded: [], tracking: true },
];

export interface SteadyState {
  readonly size: number;
  readonly scenario: SteadyScenario;
  readonly minutes: number;
  readonly intervalSeconds: number;
  /** Refreshes the schedule ran, by kind: every count ('counts') or the one-call check. */
  readonly countsRefreshes: number;
  readonly checks: number;
  readonly countCalls: number;
  readonly listCalls: number;
  readonly perMinute: number;
}

const START = Date.parse('2026-03-07T10:00:00Z');

/**
 * Issue target 4: a session on its own schedule (the real RefreshScheduler inside it, the view
 * visible, a 30 s interval) for `minutes` of simulated time after its first refresh and the
 * expansions, which are not counted. The clock is the unit tests' FakeClock, so ten minutes take a
 * few seconds of real requests; the simulator counts what arrives.
 *
 * The simulator is the one the other sections used; the scenarios run in STEADY_SCENARIOS order,
 * each changing it only forward (finishing everything, then adding running sub-jobs).
 */
export async function steadyState(
  sim: ThreadedSimulator,
  scenario: SteadyScenario,
  minutes = 10,
  intervalSeconds = 30,
): Promise<SteadyState> {
  const statuses = await sim.currentStatuses();
  const active = ACTIVE_STATUSES.reduce((sum, status) => sum + (statuses[status] ?? 0), 0);
  if (active !== scenario.running || (statuses.RUNNING ?? 0) !== scenario.running) {
    await sim.finishActive();
    if (scenario.running > 0) await sim.addRunning(scenario.running);
  }
  const clock = new FakeClock(START);
  const bench = benchSession(sim, 'token', { clock });
  const { session, client } = bench;
  const kinds = { counts: 0, check: 0 };
  const failures: string[] = [];
  session.onDidRefresh((report: RefreshReport) => {
    if (!report.ok) failures.push(report.failure?.message ?? 'failed');
    kinds[report.kind]++;
  });
  // Until every request a timer started is answered (and what it started in turn).
  const settle = async () => {
    for (let quiet = 0; quiet < 2;) {
      await new Promise((resolve) => setImmediate(resolve));
      quiet = client.outstanding === 0 ? quiet + 1 : 0;
    }
  };
  try {
    session.setAttention(true);
    session.setTracking(scenario.tracking === true);
    session.setInterval(intervalSeconds);
    await session.refresh('configuration');
    for (const status of scenario.expanded) await session.expand(status);
    const running = session.state.counts?.get('RUNNING') ?? 0;
    if (running !== scenario.running) throw new Error(`steady state: ${running} running, expected ${scenario.running}`);
    kinds.counts = 0;
    kinds.check = 0;
    await sim.mark();
    await clock.runUntil(clock.time + minutes * 60_000, settle);
    const stats = await sim.stats();
    if (failures.length) throw new Error(`steady state: ${failures.length} refresh(es) failed: ${failures[0]}`);
    if (stats.failed > 0 || stats.overflow)
      throw new Error(`steady state: ${stats.failed} failed requests${stats.overflow ? ', log overflowed' : ''}`);
    return {
      size: sim.size,
      scenario,
      minutes,
      intervalSeconds,
      countsRefreshes: kinds.counts,
      checks: kinds.check,
      countCalls: stats.countCalls,
      listCalls: stats.listCalls + stats.otherCalls,
      perMinute: stats.requests / minutes,
    };
  } finally {
    await bench.dispose();
  }
}
