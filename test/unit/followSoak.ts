import { FollowEngine, FollowHandle } from '../../src/core/followEngine';
import { FollowItem, FollowSource } from '../../src/core/followLookup';
import { SubJob } from '../../src/model/subJob';
import { FakeClock } from './fakeClock';

export const SOAK_INTERVAL_SECONDS = 30;
export const SOAK_RUNNING = 10;
export const SOAK_WATCHES = 50;
export const SOAK_PANELS = 3;
/** Watched sub-jobs that end each hour (at its first poll), each replaced by a new watch at the half hour. */
export const SOAK_ENDING_PER_HOUR = 5;

const POLLS_PER_HOUR = 3600 / SOAK_INTERVAL_SECONDS;
/**
 * The plan, in look-ups an hour: every followed item once a poll, and nothing else. The sub-jobs
 * found ending are looked up once; their replacements once at once (as the Watch command does) and
 * then by the second half hour's polls; the panel hidden in the second half hour is polled in the
 * first, once when shown again with stale data, and by the poll at the hour.
 */
export const SOAK_PLAN_PER_HOUR =
  SOAK_RUNNING * POLLS_PER_HOUR +
  (SOAK_WATCHES - SOAK_ENDING_PER_HOUR) * POLLS_PER_HOUR +
  SOAK_ENDING_PER_HOUR +
  SOAK_ENDING_PER_HOUR * (1 + POLLS_PER_HOUR / 2) +
  (SOAK_PANELS - 1) * POLLS_PER_HOUR +
  (POLLS_PER_HOUR / 2 + 2);

export interface SoakResult {
  readonly requestsPerHour: readonly number[];
  readonly endingEvents: number;
  readonly endingsTold: number;
  readonly mostInFlight: number;
  /** After gc, from the end of the first hour to the end; undefined without gc. */
  readonly heapGrowthBytes?: number;
  readonly timersAfterDispose: number;
}

function subJob(id: string, status: string): SubJob {
  return {
    id,
    jobType: 'CREATE_SERVER',
    status,
    resourceId: `res-${id}`,
    resourceName: `desktop-${id}`,
    beginTime: '2025-01-01T00:00:00Z',
    endTime: status === 'RUNNING' ? '' : '2025-01-02T00:00:00Z',
    errorCode: '',
    errorMessage: '',
    projectId: 'p',
    jobId: 'job-1',
  };
}

const item = (id: string): FollowItem => ({
  kind: 'subJob',
  id,
  ref: { id, jobType: 'CREATE_SERVER', jobId: 'job-1' },
});

/**
 * 24 simulated hours (or `hours`) of one session's follows on the fake clock: SOAK_RUNNING sub-jobs
 * followed to find out how they end, SOAK_WATCHES watches (SOAK_ENDING_PER_HOUR of them ending
 * and replaced each hour), SOAK_PANELS open panels (one hidden half of each hour).
 */
export async function runFollowSoak(hours = 24, gc?: () => void): Promise<SoakResult> {
  const clock = new FakeClock(0);
  const status = new Map<string, string>();
  let requests = 0;
  const source: FollowSource = {
    findSubJob: async (ref) => {
      requests++;
      const s = status.get(ref.id);
      return s === undefined ? undefined : subJob(ref.id, s);
    },
    showJob: () => Promise.reject(new Error('not used')),
    listJob: () => Promise.reject(new Error('not used')),
  };
  const engine = new FollowEngine({ source, intervalSeconds: () => SOAK_INTERVAL_SECONDS, clock });
  let endingEvents = 0;
  let endingsTold = 0;
  const subscriptions = [
    engine.onDidEnd((endings) => {
      endingEvents++;
      endingsTold += endings.length;
    }),
    engine.onDidChangeSubJob(() => undefined),
  ];
  let next = 0;
  const follow = (reason: 'watch' | 'panel' | 'ending'): FollowHandle => {
    const id = `s${next++}`;
    status.set(id, 'RUNNING');
    return engine.follow(item(id), reason);
  };
  for (let i = 0; i < SOAK_RUNNING; i++) follow('ending');
  let watches = Array.from({ length: SOAK_WATCHES }, () => follow('watch'));
  const panels = Array.from({ length: SOAK_PANELS }, () => follow('panel'));
  const requestsPerHour: number[] = [];
  let heapAtFirstHour: number | undefined;
  for (let hour = 0; hour < hours; hour++) {
    const start = requests;
    const hourStart = clock.now();
    // Some watched sub-jobs end this hour; their watches are replaced.
    for (const handle of watches.slice(0, SOAK_ENDING_PER_HOUR)) status.set(handle.item.id, 'SUCCESS');
    await clock.runUntil(hourStart + 30 * 60_000);
    for (const handle of watches) if (!handle.active) status.delete(handle.item.id);
    const fresh = watches.filter((h) => !h.active).map(() => follow('watch'));
    watches = [...watches.filter((h) => h.active), ...fresh];
    await Promise.all(fresh.map((h) => h.checkNow()));
    panels[0].setPaused(true);
    await clock.runUntil(hourStart + 60 * 60_000 - 1);
    panels[0].setPaused(false);
    await clock.runUntil(hourStart + 60 * 60_000);
    requestsPerHour.push(requests - start);
    if (hour === 0 && gc) heapAtFirstHour = await settledHeap(gc);
  }
  let heapGrowthBytes: number | undefined;
  if (gc && heapAtFirstHour !== undefined) heapGrowthBytes = (await settledHeap(gc)) - heapAtFirstHour;
  const mostInFlight = engine.mostInFlight;
  engine.dispose();
  for (const s of subscriptions) s.dispose();
  return {
    requestsPerHour,
    endingEvents,
    endingsTold,
    mostInFlight,
    ...(heapGrowthBytes !== undefined && { heapGrowthBytes }),
    timersAfterDispose: clock.pending,
  };
}

/**
 * The heap once garbage is gone: a few collections with a turn of the event loop between them, so
 * what one collection only marks (weak references, finalizers, code compiled meanwhile) is gone too
 * and a busy machine does not read as a leak.
 */
async function settledHeap(gc: () => void): Promise<number> {
  let least = Number.POSITIVE_INFINITY;
  for (let i = 0; i < 4; i++) {
    gc();
    await new Promise<void>((resolve) => setImmediate(resolve));
    least = Math.min(least, process.memoryUsage().heapUsed);
  }
  return least;
}

/** global.gc, exposed now if the process was started without --expose-gc; undefined where that is refused. */
export async function exposeGc(): Promise<(() => void) | undefined> {
  const existing = (globalThis as { gc?: () => void }).gc;
  if (typeof existing === 'function') return existing;
  try {
    const v8 = await import('node:v8');
    const vm = await import('node:vm');
    v8.setFlagsFromString('--expose-gc');
    const gc: unknown = vm.runInNewContext('gc');
    return typeof gc === 'function' ? (gc as () => void) : undefined;
  } catch {
    return undefined;
  }
}
