import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { TokenAuthorizer } from '../../src/api/authorizer';
import { SubJobClient } from '../../src/api/subJobClient';
import { SubJobStore } from '../../src/core/subJobStore';
import { JOB_TYPES } from '../../src/model/subJob';
import { groupByStatus } from '../../src/model/statusGroups';
import { buildProjectRow, ProjectView } from '../../src/presentation/treeModel';
import { reconcile } from '../../src/presentation/treeReconcile';
import { BENCH_SEED } from './coldRefresh';
import { startThreadedSimulator } from './threadedSimulator';

export interface HeapResult {
  readonly size: number;
  /** heapUsed after loading and rendering, minus before, both after full GCs. */
  readonly heapBytes: number;
  readonly listMs: number;
  /** groupByStatus over the whole list, as the store does after each listing. */
  readonly groupMs: number;
  /** buildProjectRow + reconcile, as each render does. */
  readonly renderMs: number;
  /** Longest the event loop was blocked while listing and rendering. */
  readonly maxStallMs: number;
}

function collect(): number {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) throw new Error('run node with --expose-gc');
  gc();
  gc();
  return process.memoryUsage().heapUsed;
}

/**
 * What the extension host holds for a project of `size` sub-jobs: the store's snapshot (sub-jobs and
 * status groups), the client, and the tree rows and nodes the view keeps. The simulator runs on a
 * worker thread, whose heap is its own and is not counted.
 */
export async function heapAfterLoading(size: number): Promise<HeapResult> {
  const sim = await startThreadedSimulator({ size, seed: BENCH_SEED, progress: false, token: 'bench-token', latencyMs: 0 });
  try {
    const before = collect();
    const client = new SubJobClient({ endpoint: sim.url, projectId: sim.projectId, authorizer: new TokenAuthorizer(sim.token), userAgent: 'bench' });
    const store = new SubJobStore();
    store.setSource('bench', client, { jobTypes: [...JOB_TYPES] });
    const stalls = monitorEventLoopDelay({ resolution: 5 });
    stalls.enable();
    const listStarted = performance.now();
    const outcome = await store.refresh('bench');
    const listMs = performance.now() - listStarted;
    if (!outcome?.ok || store.current.snapshot?.subJobs.length !== size) throw new Error(`heap: listing ${size} failed: ${store.current.failure?.message}`);
    const view: ProjectView = { projectId: sim.projectId, location: 'simulator', endpoint: sim.url, sampleData: true, credential: 'sample data' };
    const renderStarted = performance.now();
    const row = buildProjectRow(view, store.current, Date.now(), {});
    const { root } = reconcile(undefined, row);
    const renderMs = performance.now() - renderStarted;
    await new Promise((resolve) => setTimeout(resolve, 20));
    stalls.disable();
    const groupStarted = performance.now();
    groupByStatus(store.current.snapshot.subJobs);
    const groupMs = performance.now() - groupStarted;
    const after = collect();
    // Everything measured stays reachable until here.
    if (!root || !store.current.snapshot) throw new Error('unreachable');
    store.dispose();
    await client.close();
    return { size, heapBytes: after - before, listMs, groupMs, renderMs, maxStallMs: stalls.max / 1e6 };
  } finally {
    await sim.close();
  }
}
