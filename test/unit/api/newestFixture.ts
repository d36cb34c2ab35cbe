/** What the listNewest tests share: simulators holding exact groups, and the simulator's truth. */
import assert from 'node:assert/strict';
import { PageSource } from '../../../src/api/newestPages';
import { PageQuery, SubJobClient } from '../../../src/api/subJobClient';
import { JobType, SubJobStatus } from '../../../src/model/subJob';
import { formatTime } from '../../../src/simulator/rawSubJob';
import { RawSubJob, RunningSimulator, startSimulator } from '../../../src/simulator/server';
import { listOrder, orderFaults } from '../listOrders';
import { OpenedInTest, tokenClient } from '../simulatorClient';

export const START = Date.parse('2026-03-07T10:00:00Z');
export const MINUTE = 60_000;
export const signal = () => new AbortController().signal;

/**
 * Requests the simulator saw, exactly, in the order the service lists in. Oldest first, a fresh
 * client's first read of a filter tells the order and the count, the next reads the tail the newest
 * sub-jobs are at (one read when the first page holds the whole filter); later pages cost one each.
 */
export function assertSent(actual: number, newestFirst: number, oldestFirst: number, message?: string): void {
  assert.equal(actual, listOrder() === 'newest' ? newestFirst : oldestFirst, message);
}

/** Closed by each test file's afterEach. */
export const opened = new OpenedInTest();

export interface Group {
  readonly jobType: JobType;
  readonly status: SubJobStatus;
  readonly count: number;
}

/** A simulator holding exactly these sub-jobs, each group older than the one before it. */
export async function simulatorWith(groups: readonly Group[]): Promise<RunningSimulator> {
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

export function clientFor(sim: RunningSimulator): SubJobClient {
  return opened.track(tokenClient(sim, sim.token));
}

/** A page source that counts the calls made through it and how many were in flight at once. */
export function watched(client: SubJobClient) {
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
export function newestIds(sim: RunningSimulator, status: string, n = Infinity): string[] {
  return sim
    .subJobs()
    .filter((s: RawSubJob) => s.status === status)
    .slice(0, n)
    .map((s) => s.id);
}

export function duplicates(ids: readonly string[]): string[] {
  const seen = new Set<string>();
  return ids.filter((id) => (seen.has(id) ? true : (seen.add(id), false)));
}
