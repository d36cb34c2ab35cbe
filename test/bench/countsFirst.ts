import { performance } from 'node:perf_hooks';
import { GROUP_PAGE } from '../../src/core/projectSession';
import { groupByStatus } from '../../src/model/statusGroups';
import { JOB_TYPES } from '../../src/model/subJob';
import { projectRow } from '../../src/presentation/projectRow';
import { groupChildren, projectChildren, TreeRow } from '../../src/presentation/treeModel';
import { benchSession, collectedHeap, Credential, newClient, roundTrips } from './harness';
import { RequestStats } from './simWorker';
import type { ThreadedSimulator } from './threadedSimulator';

export interface CountsRun {
  readonly size: number;
  readonly credential: Credential;
  /** refresh() called → counts published and the project's rows built. */
  readonly wallMs: number;
  /** Sequential round trips before the counts were on screen. */
  readonly rounds: number;
  /** Requests the simulator answered for the whole refresh. */
  readonly requests: number;
  /** Status rows built. */
  readonly statusRows: number;
  /** What the status rows add up to (must be the project's size). */
  readonly counted: number;
}

function checkStats(stats: RequestStats, what: string): RequestStats {
  if (stats.failed > 0) throw new Error(`${what}: ${stats.failed} request(s) failed at the simulator`);
  if (stats.overflow) throw new Error(`${what}: the simulator's request log overflowed`);
  return stats;
}

/**
 * Issue target 1: a fresh session (new client, new connections) refreshes; the clock stops when its
 * onDidChange carries the counts and the project row and its children (one row per status group)
 * are built from them, as the tree does on that event.
 */
export async function countsOnScreen(sim: ThreadedSimulator, credential: Credential): Promise<CountsRun> {
  const bench = benchSession(sim, credential);
  const { session, spec } = bench;
  try {
    await sim.mark();
    let rows: TreeRow[] | undefined;
    let shownAt = NaN;
    const started = performance.now();
    session.onDidChange(() => {
      const state = session.state;
      if (rows || !state.counts) return;
      rows = [projectRow(spec, state), ...projectChildren(spec, state)];
      shownAt = performance.now();
    });
    await session.refresh('bench');
    if (!rows) throw new Error(`counts: no counts were published (${session.state.failure?.message ?? 'no failure'})`);
    const shown: TreeRow[] = rows;
    const statusRows = shown.filter((r) => r.kind === 'status');
    const counted = statusRows.reduce((sum, r) => sum + (r.kind === 'status' ? r.count : 0), 0);
    if (counted !== sim.size) throw new Error(`counts: the status rows add up to ${counted}, not ${sim.size}`);
    const stats = checkStats(await sim.stats(), 'counts');
    return {
      size: sim.size,
      credential,
      wallMs: shownAt - started,
      rounds: roundTrips(bench.client.spans.filter((s) => s.start <= shownAt)),
      requests: stats.requests,
      statusRows: statusRows.length,
      counted,
    };
  } finally {
    await bench.dispose();
  }
}

export interface FullRun {
  readonly size: number;
  /** listAll of every job type, then groupByStatus. */
  readonly wallMs: number;
  readonly requests: number;
  readonly peakConcurrency: number;
  /** heapUsed after full GCs while holding the listing and its groups, minus before. */
  readonly heapBytes: number;
}

/**
 * The baseline: today's full-paging client. Nothing can show before every sub-job is listed, so
 * the time is listAll over all job types plus grouping them by status. The heap it holds then is
 * measured in the same run (the forced collections are outside the timed part).
 */
export async function fullPaging(sim: ThreadedSimulator): Promise<FullRun> {
  const before = collectedHeap();
  const client = newClient(sim);
  try {
    await sim.mark();
    const started = performance.now();
    const result = await client.listAll({ jobTypes: JOB_TYPES }, new AbortController().signal);
    const groups = groupByStatus(result.subJobs);
    const wallMs = performance.now() - started;
    const heapBytes = collectedHeap() - before;
    const listed = groups.reduce((sum, g) => sum + g.subJobs.length, 0);
    if (listed !== sim.size) throw new Error(`full paging listed ${listed} of ${sim.size} sub-jobs`);
    const stats = checkStats(await sim.stats(), 'full paging');
    return { size: sim.size, wallMs, requests: stats.requests, peakConcurrency: result.peakConcurrency, heapBytes };
  } finally {
    await client.close();
  }
}

export interface ExpandRun {
  readonly what: string;
  readonly groupSize: number;
  /** Sub-jobs in state and rows built for them. */
  readonly rows: number;
  readonly wallMs: number;
  readonly rounds: number;
  readonly requests: number;
}

/**
 * Issue target 2, three ways: expanding a group once its count is on screen (what the user does),
 * expanding it the moment the first counts are published (from a cold refresh: counts, then
 * pages), and "Show more" once it is expanded. The clock stops when the group's sub-jobs are in
 * the session's state and groupChildren has built their rows.
 */
export async function expandGroup(sim: ThreadedSimulator, status: string): Promise<ExpandRun[]> {
  const groupSize = sim.statuses[status] ?? 0;
  const results: ExpandRun[] = [];
  const rowsOf = (bench: ReturnType<typeof benchSession>) => {
    const state = bench.session.state;
    const loaded = state.groups.get(status)?.subJobs.length ?? 0;
    const rows = groupChildren(bench.spec, state, status, Date.now()).filter((r) => r.kind === 'subJob').length;
    if (state.groups.get(status)?.error) throw new Error(`expand: ${state.groups.get(status)?.error}`);
    if (rows !== loaded || rows === 0) throw new Error(`expand: ${rows} rows for ${loaded} loaded sub-jobs`);
    return rows;
  };

  // Expanded after the counts are on screen.
  {
    const bench = benchSession(sim);
    try {
      await bench.session.refresh('bench');
      await sim.mark();
      const from = bench.client.spans.length;
      const started = performance.now();
      await bench.session.expand(status);
      const rows = rowsOf(bench);
      const wallMs = performance.now() - started;
      if (rows !== Math.min(GROUP_PAGE, groupSize))
        throw new Error(`expand: ${rows} rows, expected ${Math.min(GROUP_PAGE, groupSize)}`);
      const stats = checkStats(await sim.stats(), 'expand');
      results.push({
        what: `expand ${status} (counts on screen)`,
        groupSize,
        rows,
        wallMs,
        rounds: roundTrips(bench.client.spans.slice(from)),
        requests: stats.requests,
      });

      await sim.mark();
      const fromMore = bench.client.spans.length;
      const moreStarted = performance.now();
      await bench.session.showMore(status);
      const more = rowsOf(bench);
      const moreMs = performance.now() - moreStarted;
      const moreStats = checkStats(await sim.stats(), 'show more');
      results.push({
        what: `"Show more" on ${status} (+${GROUP_PAGE})`,
        groupSize,
        rows: more,
        wallMs: moreMs,
        rounds: roundTrips(bench.client.spans.slice(fromMore)),
        requests: moreStats.requests,
      });
    } finally {
      await bench.dispose();
    }
  }

  // Expanded as soon as the first counts are published: the whole way from a cold start.
  {
    const bench = benchSession(sim);
    try {
      await sim.mark();
      let expanding: Promise<void> | undefined;
      const started = performance.now();
      bench.session.onDidChange(() => {
        if (!expanding && bench.session.state.counts?.has(status))
          expanding = bench.session.expand(status) ?? Promise.resolve();
      });
      await bench.session.refresh('bench');
      if (!expanding) throw new Error('expand: the counts never showed the group');
      await expanding;
      const rows = rowsOf(bench);
      const wallMs = performance.now() - started;
      const stats = checkStats(await sim.stats(), 'cold expand');
      results.push({
        what: `cold refresh → ${status} rows`,
        groupSize,
        rows,
        wallMs,
        rounds: roundTrips(bench.client.spans),
        requests: stats.requests,
      });
    } finally {
      await bench.dispose();
    }
  }
  return results;
}

export interface SessionHeap {
  readonly size: number;
  readonly heapBytes: number;
  readonly groupRows: number;
}

/**
 * Issue target 3: what the extension host holds after a project is loaded the new way: the
 * session (counts, one expanded group of GROUP_PAGE sub-jobs), its client and connections, and the
 * rows the tree builds for it. The simulator's heap is the worker's own and is not counted.
 */
export async function sessionHeap(sim: ThreadedSimulator, status: string): Promise<SessionHeap> {
  const before = collectedHeap();
  const bench = benchSession(sim);
  try {
    await bench.session.refresh('bench');
    await bench.session.expand(status);
    const state = bench.session.state;
    const rows: TreeRow[] = [
      projectRow(bench.spec, state),
      ...projectChildren(bench.spec, state),
      ...groupChildren(bench.spec, state, status, Date.now()),
    ];
    const heapBytes = collectedHeap() - before;
    // Everything measured stays reachable until here.
    const groupRows = rows.filter((r) => r.kind === 'subJob').length;
    if (groupRows !== Math.min(GROUP_PAGE, sim.statuses[status] ?? 0))
      throw new Error(`heap: ${groupRows} rows in ${status}`);
    return { size: sim.size, heapBytes, groupRows };
  } finally {
    await bench.dispose();
  }
}
