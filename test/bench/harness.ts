import { performance } from 'node:perf_hooks';
import { AkskAuthorizer } from '../../src/api/akskSigner';
import { Authorizer, TokenAuthorizer } from '../../src/api/authorizer';
import {
  ImageJob,
  ListQuery,
  ListResult,
  PageQuery,
  QueryFilter,
  SubJobClient,
  SubJobRef,
} from '../../src/api/subJobClient';
import { ProjectSession, SessionClient, SessionDeps, SessionSpec } from '../../src/core/projectSession';
import { JOB_TYPES, JobType, SubJob } from '../../src/model/subJob';
import { SubJobPage } from '../../src/model/validate';
import { DEFAULT_ACCESS_KEY } from '../../src/simulator/server';
import type { ThreadedSimulator } from './threadedSimulator';

export const BENCH_SEED = 20260307;
export const BENCH_TOKEN = 'bench-token';
export const USER_AGENT = 'workspace-image-jobs-bench';

export type Credential = 'token' | 'accessKey';

/** One request as the session made it, on the performance clock. */
export interface Span {
  readonly kind: 'count' | 'list' | 'find';
  readonly start: number;
  end: number;
}

/**
 * The extension's SubJobClient, timing each call the session makes: how many round trips a step
 * took is then read from the calls themselves, not guessed from the wall time.
 */
export class TracingClient implements SessionClient {
  readonly spans: Span[] = [];
  /** Calls not answered yet. */
  outstanding = 0;
  private closing: Promise<void> | undefined;

  constructor(readonly inner: SubJobClient) {}

  count(jobTypes: readonly JobType[], filter: QueryFilter, signal: AbortSignal): Promise<number> {
    return this.trace('count', () => this.inner.count(jobTypes, filter, signal));
  }

  listPage(query: PageQuery, signal: AbortSignal): Promise<SubJobPage> {
    return this.trace('list', () => this.inner.listPage(query, signal));
  }

  findSubJob(ref: SubJobRef, signal: AbortSignal): Promise<SubJob | undefined> {
    return this.trace('find', () => this.inner.findSubJob(ref, signal));
  }

  showJob(jobId: string, signal: AbortSignal): Promise<ImageJob> {
    return this.trace('find', () => this.inner.showJob(jobId, signal));
  }

  listAll(query: ListQuery, signal: AbortSignal): Promise<ListResult> {
    return this.trace('list', () => this.inner.listAll(query, signal));
  }

  batchDelete(ids: readonly string[], signal: AbortSignal): Promise<void> {
    return this.trace('find', () => this.inner.batchDelete(ids, signal));
  }

  /** Idempotent: the session closes it on dispose, the bench awaits the same close. */
  close(): Promise<void> {
    this.closing ??= this.inner.close();
    return this.closing;
  }

  private async trace<T>(kind: Span['kind'], call: () => Promise<T>): Promise<T> {
    const span: Span = { kind, start: performance.now(), end: NaN };
    this.spans.push(span);
    this.outstanding++;
    try {
      return await call();
    } finally {
      span.end = performance.now();
      this.outstanding--;
    }
  }
}

/**
 * Sequential round trips among these calls: the longest chain in which each call was sent only
 * after the one before it was answered. Calls sent together count once.
 */
export function roundTrips(spans: readonly Span[]): number {
  const sorted = [...spans].sort((a, b) => a.start - b.start);
  const depth: number[] = [];
  let longest = 0;
  sorted.forEach((span, i) => {
    let before = 0;
    for (let j = 0; j < i; j++) if (sorted[j].end <= span.start) before = Math.max(before, depth[j]);
    depth[i] = before + 1;
    longest = Math.max(longest, depth[i]);
  });
  return longest;
}

export function authorizer(sim: ThreadedSimulator, credential: Credential): Authorizer {
  return credential === 'token'
    ? new TokenAuthorizer(sim.token)
    : new AkskAuthorizer({
        accessKeyId: DEFAULT_ACCESS_KEY.ak,
        secretKey: DEFAULT_ACCESS_KEY.sk,
        projectId: sim.projectId,
      });
}

export function newClient(sim: ThreadedSimulator, credential: Credential = 'token'): SubJobClient {
  return new SubJobClient({
    endpoint: sim.url,
    projectId: sim.projectId,
    authorizer: authorizer(sim, credential),
    userAgent: USER_AGENT,
  });
}

export interface BenchSession {
  readonly session: ProjectSession;
  readonly client: TracingClient;
  readonly spec: SessionSpec;
  /** Disposes the session and waits for its connections to close. */
  dispose(): Promise<void>;
}

/**
 * A session as the extension builds one for a configured project (sessionPlans.ts): all three job
 * types, no filter; an access key makes it cautious. A new client, so new connections.
 */
export function benchSession(
  sim: ThreadedSimulator,
  credential: Credential = 'token',
  deps: SessionDeps = {},
): BenchSession {
  const client = new TracingClient(newClient(sim, credential));
  const spec: SessionSpec = {
    key: `${sim.url}|${sim.projectId}`,
    projectId: sim.projectId,
    location: 'simulator',
    endpoint: sim.url,
    sampleData: false,
    credential: credential === 'token' ? 'IAM token' : `AK ${DEFAULT_ACCESS_KEY.ak.slice(0, 4)}…`,
    ...(credential === 'accessKey' && { cautious: true }),
    query: { jobTypes: [...JOB_TYPES] },
  };
  const session = new ProjectSession(spec, client, undefined, deps);
  return {
    session,
    client,
    spec,
    dispose: async () => {
      session.dispose();
      await client.close();
    },
  };
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** heapUsed after full collections (node --expose-gc). */
export function collectedHeap(): number {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) throw new Error('run node with --expose-gc');
  gc();
  gc();
  return process.memoryUsage().heapUsed;
}
