import { performance } from 'node:perf_hooks';
import { AkskAuthorizer } from '../../src/api/akskSigner';
import { TokenAuthorizer } from '../../src/api/authorizer';
import { SubJobClient } from '../../src/api/subJobClient';
import { ProjectSession } from '../../src/core/projectSession';
import { RefreshKind } from '../../src/core/refreshPolicy';
import { JOB_TYPES } from '../../src/model/subJob';
import { DEFAULT_ACCESS_KEY, startSimulator } from '../../src/simulator/server';
import { markdownTable, ms } from './table';

export interface CountModeRun {
  readonly mode: 'count' | 'list';
  /** A token sends the counts all at once; an access key at most 8 at once (CAUTIOUS_CONCURRENCY). */
  readonly credential: 'token' | 'access key';
  /** The session's first refresh: in list mode it meets the 403s first. */
  readonly firstRequests: number;
  readonly firstMs: number;
  /** Each later automatic refresh of every count (no group expanded). */
  readonly requests: number;
  readonly wallMs: number;
  /** Each later automatic 'check' (the total only, while nothing moves). */
  readonly checkRequests: number;
  readonly checkMs: number;
}

/** The session's automatic refresh, as its schedule runs it: the user's Refresh would ask the count call again. */
type Runner = { refresh(reason: string, kind: RefreshKind, explicit: boolean): Promise<void> };

/**
 * Issue 16 item 1: what one refresh costs when the policy grants the count call, and when it grants
 * listing only (counts by `limit=1` list calls); with a token and with an access key (at most 8
 * requests at once, so 24 list calls take three rounds). Same simulator, same data, same latency.
 */
export async function countModes(size: number, latencyMs: number, runs: number): Promise<CountModeRun[]> {
  const results: CountModeRun[] = [];
  for (const credential of ['token', 'access key'] as const) {
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
        authorizer:
          credential === 'token'
            ? new TokenAuthorizer(sim.token)
            : new AkskAuthorizer({
                accessKeyId: DEFAULT_ACCESS_KEY.ak,
                secretKey: DEFAULT_ACCESS_KEY.sk,
                projectId: sim.projectId,
              }),
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
          ...(credential === 'access key' && { cautious: true }),
        },
        client,
        undefined,
      );
      const runner = (session as unknown as { runner: Runner }).runner;
      try {
        const timed = async (refresh: () => Promise<void>) => {
          const before = sim.requests.length;
          const started = performance.now();
          await refresh();
          if (session.state.failure) throw new Error(`count modes: ${session.state.failure.message}`);
          return { requests: sim.requests.length - before, ms: performance.now() - started };
        };
        const first = await timed(() => session.refresh('bench'));
        const later: Array<{ requests: number; ms: number }> = [];
        const checks: Array<{ requests: number; ms: number }> = [];
        for (let i = 0; i < runs; i++) {
          later.push(await timed(() => runner.refresh('bench', 'counts', false)));
          checks.push(await timed(() => runner.refresh('bench', 'check', false)));
        }
        const median = (values: number[]) => values.sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
        results.push({
          mode,
          credential,
          firstRequests: first.requests,
          firstMs: first.ms,
          requests: median(later.map((r) => r.requests)),
          wallMs: median(later.map((r) => r.ms)),
          checkRequests: median(checks.map((r) => r.requests)),
          checkMs: median(checks.map((r) => r.ms)),
        });
      } finally {
        session.dispose();
        await client.close();
        await sim.close();
      }
    }
  }
  return results;
}

export function countModesSection(runs: readonly CountModeRun[], size: number, latencyMs: number): string {
  return [
    `${size.toLocaleString('en')} sub-jobs, ${latencyMs} ms latency, in-process simulator; automatic refreshes with no group expanded. "list" is a policy without workspace:imageServer:countImageSubJobs (the count call answers 403); an access key sends at most 8 requests at once.`,
    '',
    markdownTable(
      [
        'counting with',
        'credential',
        'first refresh: requests',
        'first refresh: ms',
        'every count: requests',
        'every count: median ms',
        "'check': requests",
        "'check': median ms",
      ],
      runs.map((r) => [
        r.mode === 'count' ? 'the count call' : 'the list call (limit=1)',
        r.credential,
        r.firstRequests,
        ms(r.firstMs),
        r.requests,
        ms(r.wallMs),
        r.checkRequests,
        ms(r.checkMs),
      ]),
    ),
  ].join('\n');
}
