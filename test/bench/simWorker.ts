/**
 * Runs a simulator on its own thread, so the client under measurement does not share an event loop
 * (or a V8 heap) with the server it talks to: in the extension they live in different processes.
 * The parent asks it things by message (see threadedSimulator.ts): requests seen since a mark,
 * status counts, and the few changes the steady-state scenarios need.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { isActiveStatus, JOB_TYPES } from '../../src/model/subJob';
import { RecordedRequest, RunningSimulator, SimulatorOptions, startSimulator } from '../../src/simulator/server';

export interface WorkerOptions {
  readonly simulator: Omit<SimulatorOptions, 'now'>;
  /** Moves sub-jobs into `status` (evenly across the others, newest to oldest) until it holds `count`. */
  readonly largest?: { readonly status: string; readonly count: number };
}

export interface WorkerReady {
  readonly url: string;
  readonly projectId: string;
  readonly token: string;
  readonly size: number;
  /** Sub-jobs per status as the dataset generated them. */
  readonly generated: Readonly<Record<string, number>>;
  /** Sub-jobs per status after `largest` was applied (the same when it was not given). */
  readonly statuses: Readonly<Record<string, number>>;
}

export interface RequestStats {
  readonly requests: number;
  readonly countCalls: number;
  readonly listCalls: number;
  readonly otherCalls: number;
  /** Answers other than 200. */
  readonly failed: number;
  /** The simulator's log (10,000 entries) lost the mark: the numbers are a lower bound. */
  readonly overflow: boolean;
}

export type WorkerRequest =
  | { readonly id: number; readonly op: 'mark' | 'stats' | 'statuses' | 'finishActive' | 'close' }
  | { readonly id: number; readonly op: 'addRunning'; readonly n: number }
  /** Replaces the latency per request from now on. */
  | { readonly id: number; readonly op: 'latency'; readonly ms: number };

export interface WorkerAnswer {
  readonly id: number;
  readonly value?: unknown;
  readonly error?: string;
}

function statusCounts(simulator: RunningSimulator): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const subJob of simulator.subJobs()) counts[subJob.status] = (counts[subJob.status] ?? 0) + 1;
  return counts;
}

/** Deterministic: the same dataset and target move the same sub-jobs, spread evenly over the others. */
function reshape(simulator: RunningSimulator, status: string, count: number): void {
  const all = simulator.subJobs();
  const others = all.filter((s) => s.status !== status);
  const need = count - (all.length - others.length);
  if (need < 0) throw new Error(`${status} already holds more than ${count} sub-jobs`);
  if (need > others.length) throw new Error(`only ${others.length} sub-jobs can move to ${status}, ${need} needed`);
  const n = others.length;
  // Index i moves when the running share need·i/n passes a whole number: exactly `need` of them.
  others.forEach((subJob, i) => {
    if (Math.floor(((i + 1) * need) / n) > Math.floor((i * need) / n)) simulator.setStatus(subJob.id, status);
  });
}

async function main(): Promise<void> {
  const port = parentPort;
  if (!port) throw new Error('simWorker must run as a worker thread');
  const options = workerData as WorkerOptions;
  const simulator = await startSimulator(options.simulator);
  const generated = statusCounts(simulator);
  if (options.largest) reshape(simulator, options.largest.status, options.largest.count);
  let mark: RecordedRequest | undefined;
  let marked = false;

  const stats = (): RequestStats => {
    const log = simulator.requests;
    const at = mark ? log.lastIndexOf(mark) : -1;
    const overflow = marked && mark !== undefined && at < 0;
    const seen = log.slice(at + 1);
    const countCalls = seen.filter((r) => r.path.endsWith('/actions/count')).length;
    const listCalls = seen.filter((r) => r.path.endsWith('/image-server-sub-jobs')).length;
    return {
      requests: seen.length,
      countCalls,
      listCalls,
      otherCalls: seen.length - countCalls - listCalls,
      failed: seen.filter((r) => r.status !== 200).length,
      overflow,
    };
  };

  port.on('message', (message: WorkerRequest) => {
    const answer = (value?: unknown) => port.postMessage({ id: message.id, value } satisfies WorkerAnswer);
    try {
      switch (message.op) {
        case 'mark':
          mark = simulator.requests[simulator.requests.length - 1];
          marked = true;
          answer();
          return;
        case 'stats':
          answer(stats());
          return;
        case 'statuses':
          answer(statusCounts(simulator));
          return;
        case 'finishActive': {
          let finished = 0;
          for (const subJob of simulator.subJobs()) {
            if (isActiveStatus(subJob.status)) {
              simulator.setStatus(subJob.id, 'SUCCESS');
              finished++;
            }
          }
          answer(finished);
          return;
        }
        case 'addRunning':
          for (let i = 0; i < message.n; i++)
            simulator.addSubJob({ status: 'RUNNING', job_type: JOB_TYPES[i % JOB_TYPES.length] });
          answer();
          return;
        case 'latency':
          simulator.setFaults({ latencyMs: message.ms });
          answer();
          return;
        case 'close':
          void simulator.close().then(() => answer());
          return;
      }
    } catch (error) {
      port.postMessage({ id: message.id, error: (error as Error).message } satisfies WorkerAnswer);
    }
  });
  const ready: WorkerReady = {
    url: simulator.url,
    projectId: simulator.projectId,
    token: simulator.token,
    size: simulator.subJobs().length,
    generated,
    statuses: statusCounts(simulator),
  };
  port.postMessage(ready);
}

void main();
