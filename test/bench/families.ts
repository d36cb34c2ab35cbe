import { performance } from 'node:perf_hooks';
import { SubJobClient } from '../../src/api/subJobClient';
import { CredentialProof } from '../../src/core/credentialProof';
import { ProjectSession, SessionSpec } from '../../src/core/projectSession';
import { familySessionKey } from '../../src/core/sessionSpec';
import { APP_SERVER_JOB_TYPES, Family, IMAGE_JOB_TYPES } from '../../src/model/family';
import type { QueryJobType } from '../../src/model/subJob';
import { authorizer, Credential, median, roundTrips, TracingClient, USER_AGENT } from './harness';
import { markdownTable, ms } from './table';
import { startThreadedSimulator } from './threadedSimulator';

/** Issue 18's project: 10,000 sub-jobs in each family. */
export const FAMILIES_SIZE = 10_000;
export const FAMILIES_TARGET_MS = 500;

export interface FamiliesRun {
  readonly families: readonly Family[];
  readonly credential: Credential;
  /** refresh of every family's session → the last family's counts published. */
  readonly wallMs: number;
  readonly rounds: number;
  readonly requests: number;
  /** What each family's counts add up to, in `families` order. */
  readonly counted: readonly number[];
}

/**
 * One refresh of a project as Sessions.refreshAll runs it: a new session per family (new clients,
 * new connections), all refreshed at once, sharing the proof of their credential; the clock stops
 * when every family's counts are published.
 */
async function oneRefresh(
  sim: Awaited<ReturnType<typeof startThreadedSimulator>>,
  families: readonly Family[],
  credential: Credential,
): Promise<FamiliesRun> {
  const proof = new CredentialProof();
  const projectKey = `${sim.url}|${sim.projectId}`;
  const built = families.map((family) => {
    const client = new TracingClient(
      new SubJobClient({
        endpoint: sim.url,
        projectId: sim.projectId,
        family,
        authorizer: authorizer(sim, credential),
        userAgent: USER_AGENT,
      }),
    );
    const spec: SessionSpec = {
      key: familySessionKey(projectKey, family),
      projectKey,
      family,
      projectId: sim.projectId,
      location: 'simulator',
      endpoint: sim.url,
      sampleData: false,
      credential: credential === 'token' ? 'IAM token' : 'AK SAMP…',
      ...(credential === 'accessKey' && { cautious: true }),
      query: {
        jobTypes: (family === 'image' ? IMAGE_JOB_TYPES : APP_SERVER_JOB_TYPES) as readonly QueryJobType[],
      },
    };
    return { client, session: new ProjectSession(spec, client, undefined, { proof }) };
  });
  try {
    await sim.mark();
    let shown = 0;
    let shownAt = NaN;
    const started = performance.now();
    for (const { session } of built)
      session.onDidChange(() => {
        if (session.state.counts && ++shown === built.length) shownAt = performance.now();
      });
    await Promise.all(built.map(({ session }) => session.refresh('bench')));
    const counted = built.map(({ session }) =>
      [...(session.state.counts ?? new Map()).values()].reduce((a, b) => a + b, 0),
    );
    if (Number.isNaN(shownAt)) throw new Error(`families: not every family's counts were published`);
    const stats = await sim.stats();
    if (stats.failed > 0) throw new Error(`families: ${stats.failed} request(s) failed at the simulator`);
    return {
      families,
      credential,
      wallMs: shownAt - started,
      rounds: roundTrips(built.flatMap(({ client }) => client.spans.filter((s) => s.start <= shownAt))),
      requests: stats.requests,
      counted,
    };
  } finally {
    for (const { session, client } of built) {
      session.dispose();
      await client.close();
    }
  }
}

export interface FamiliesResults {
  readonly runs: readonly FamiliesRun[][];
}

/** Image family alone (the baseline) and both families, with a token and an access key, in the same run. */
export async function measureFamilies(
  latencyMs: number,
  runs: number,
  seed: number,
  token: string,
): Promise<FamiliesRun[][]> {
  const sim = await startThreadedSimulator({
    simulator: {
      size: FAMILIES_SIZE,
      appServerSize: FAMILIES_SIZE,
      seed,
      progress: false,
      latencyMs,
      token,
      control: false,
    },
  });
  const cases: Array<[readonly Family[], Credential]> = [
    [['image'], 'token'],
    [['image', 'appServer'], 'token'],
    [['image'], 'accessKey'],
    [['image', 'appServer'], 'accessKey'],
  ];
  try {
    for (const [families, credential] of cases) await oneRefresh(sim, families, credential); // warm-up
    const results: FamiliesRun[][] = cases.map(() => []);
    for (let i = 0; i < runs; i++)
      for (const [c, [families, credential]] of cases.entries())
        results[c].push(await oneRefresh(sim, families, credential));
    for (const run of results.flat())
      if (run.counted.some((n) => n !== FAMILIES_SIZE))
        throw new Error(`families: counts add up to ${run.counted.join(' + ')}, not ${FAMILIES_SIZE} each`);
    return results;
  } finally {
    await sim.close();
  }
}

const label = (families: readonly Family[]) =>
  families.length > 1 ? 'image + app server (both families)' : 'image alone (before families)';

export function familiesSection(results: readonly FamiliesRun[][]): string {
  return markdownTable(
    ['families', 'credential', 'median ms', 'max ms', 'round trips', 'requests', `≤ ${FAMILIES_TARGET_MS} ms`],
    results.map((runs) => {
      const wall = runs.map((r) => r.wallMs);
      return [
        label(runs[0].families),
        runs[0].credential === 'token' ? 'token' : 'access key (cautious)',
        ms(median(wall)),
        ms(Math.max(...wall)),
        median(runs.map((r) => r.rounds)),
        median(runs.map((r) => r.requests)),
        median(wall) <= FAMILIES_TARGET_MS ? 'met' : 'missed',
      ];
    }),
  );
}
