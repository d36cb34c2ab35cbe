import { performance } from 'node:perf_hooks';
import { TokenAuthorizer } from '../../src/api/authorizer';
import { SubJobClient } from '../../src/api/subJobClient';
import { ProjectSession } from '../../src/core/projectSession';
import { JOB_TYPES } from '../../src/model/subJob';
import { startSimulator } from '../../src/simulator/server';
import { markdownTable, ms } from './table';

export interface CountModeRun {
  readonly mode: 'count' | 'list';
  /** The session's first refresh: in list mode it meets the 403s first. */
  readonly firstRequests: number;
  readonly firstMs: number;
  /** Every later refresh (counts only, no group expanded). */
  readonly requests: number;
  readonly wallMs: number;
}

/**
 * Issue 16 item 1: what one refresh costs when the policy grants the count call, and when it grants
 * listing only (counts by `limit=1` list calls). Same simulator, same data, same latency.
 */
export async function countModes(size: number, latencyMs: number, runs: number): Promise<CountModeRun[]> {
  const results: CountModeRun[] = [];
  for (const mode of ['count', 'list'] as const) {
    const sim = await startSimulator({
      size,
      progress: false,
      seed: 16,
      faults: { latencyMs, ...(mode === 'list' && { deny: ['countImageSubJobs' as const] }) },
    });
    const client = new SubJobClient({
      endpoint: sim.url,
      projectId: sim.projectId,
      authorizer: new TokenAuthorizer(sim.token),
      userAgent: 'bench',
    });
    const session = new ProjectSession(
      {
        key: `${sim.url}|${sim.projectId}`,
        projectId: sim.projectId,
        location: 'simulator',
        endpoint: sim.url,
        sampleData: false,
        credential: 'bench',
        query: { jobTypes: JOB_TYPES },
      },
      client,
      undefined,
    );
    try {
      const timed = async () => {
        const before = sim.requests.length;
        const started = performance.now();
        await session.refresh('bench');
        if (session.state.failure) throw new Error(`count modes: ${session.state.failure.message}`);
        return { requests: sim.requests.length - before, ms: performance.now() - started };
      };
      const first = await timed();
      const later: Array<{ requests: number; ms: number }> = [];
      for (let i = 0; i < runs; i++) later.push(await timed());
      const median = (values: number[]) => values.sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
      results.push({
        mode,
        firstRequests: first.requests,
        firstMs: first.ms,
        requests: median(later.map((r) => r.requests)),
        wallMs: median(later.map((r) => r.ms)),
      });
    } finally {
      session.dispose();
      await client.close();
      await sim.close();
    }
  }
  return results;
}

export function countModesSection(runs: readonly CountModeRun[], size: number, latencyMs: number): string {
  return [
    `${size.toLocaleString('en')} sub-jobs, ${latencyMs} ms latency, in-process simulator; a refresh with no group expanded. "list" is a policy without workspace:imageServer:countImageSubJobs (the count call answers 403).`,
    '',
    markdownTable(
      [
        'counting with',
        'first refresh: requests',
        'first refresh: ms',
        'each later refresh: requests',
        'each later refresh: median ms',
      ],
      runs.map((r) => [
        r.mode === 'count' ? 'the count call' : 'the list call (limit=1)',
        r.firstRequests,
        ms(r.firstMs),
        r.requests,
        ms(r.wallMs),
      ]),
    ),
  ].join('\n');
}
