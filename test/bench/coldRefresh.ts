import { performance } from 'node:perf_hooks';
import { TokenAuthorizer } from '../../src/api/authorizer';
import { PAGE_LIMIT, SubJobClient } from '../../src/api/subJobClient';
import { JOB_TYPES } from '../../src/model/subJob';
import { startThreadedSimulator, ThreadedSimulator } from './threadedSimulator';

export interface ColdRun {
  readonly size: number;
  readonly pager: string;
  readonly concurrency: number;
  readonly wallMs: number;
  readonly requests: number;
  readonly peak: number;
  readonly listed: number;
}

export const BENCH_SEED = 20260307;
const USER_AGENT = 'workspace-image-jobs-bench';

/** The floor: ceil(N/100) pages, `concurrency` at a time, each taking one latency. */
export function floorMs(size: number, concurrency: number, latencyMs: number): number {
  return (Math.ceil(size / PAGE_LIMIT) / concurrency) * latencyMs;
}

/** A cold full refresh with the extension's client: a new client (new connections) each time. */
async function clientRun(sim: ThreadedSimulator, concurrency: number): Promise<ColdRun> {
  const client = new SubJobClient({
    endpoint: sim.url,
    projectId: sim.projectId,
    authorizer: new TokenAuthorizer(sim.token),
    userAgent: USER_AGENT,
    concurrency,
  });
  try {
    const started = performance.now();
    const result = await client.listAll({ jobTypes: JOB_TYPES }, new AbortController().signal);
    const wallMs = performance.now() - started;
    return { size: sim.size, pager: 'SubJobClient.listAll', concurrency, wallMs, requests: result.requests, peak: result.peakConcurrency, listed: result.subJobs.length };
  } finally {
    await client.close();
  }
}

/** What an SDK script does: one job type after the other, one page after the other, limit=100. */
async function sequentialRun(sim: ThreadedSimulator): Promise<ColdRun> {
  const ids = new Set<string>();
  let requests = 0;
  const started = performance.now();
  for (const jobType of JOB_TYPES) {
    for (let offset = 0; ; offset += PAGE_LIMIT) {
      requests++;
      const response = await fetch(`${sim.url}/v1/${sim.projectId}/image-server-sub-jobs?job_type=${jobType}&offset=${offset}&limit=${PAGE_LIMIT}`, {
        headers: { 'X-Auth-Token': sim.token, 'User-Agent': USER_AGENT, Accept: 'application/json' },
      });
      if (!response.ok) throw new Error(`sequential pager: HTTP ${response.status}`);
      const page = (await response.json()) as { count: number; items: Array<{ id: string }> };
      for (const item of page.items) ids.add(item.id);
      if (offset + PAGE_LIMIT >= page.count) break;
    }
  }
  return { size: sim.size, pager: 'sequential pager', concurrency: 1, wallMs: performance.now() - started, requests, peak: 1, listed: ids.size };
}

/** Every size against its own simulator (in a worker thread) with the given latency per request. */
export async function coldRefreshes(sizes: readonly number[], concurrencies: readonly number[], latencyMs: number): Promise<ColdRun[]> {
  const runs: ColdRun[] = [];
  for (const size of sizes) {
    const sim = await startThreadedSimulator({ size, seed: BENCH_SEED, progress: false, latencyMs, token: 'bench-token' });
    try {
      for (const concurrency of concurrencies) runs.push(check(await clientRun(sim, concurrency)));
      runs.push(check(await sequentialRun(sim)));
    } finally {
      await sim.close();
    }
  }
  return runs;
}

function check(run: ColdRun): ColdRun {
  if (run.listed !== run.size) throw new Error(`${run.pager} listed ${run.listed} of ${run.size} sub-jobs`);
  return run;
}
