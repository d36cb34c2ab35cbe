import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { RequestStats, WorkerAnswer, WorkerOptions, WorkerReady, WorkerRequest } from './simWorker';

export interface ThreadedSimulator extends WorkerReady {
  /** Requests seen from now on are what `stats` counts. */
  mark(): Promise<void>;
  /** The requests the simulator answered since the last mark. */
  stats(): Promise<RequestStats>;
  /** Sub-jobs per status now. */
  currentStatuses(): Promise<Record<string, number>>;
  /** Every WAITING, RUNNING, ROLLBACK and ABORTING sub-job becomes SUCCESS; returns how many. */
  finishActive(): Promise<number>;
  /** Adds n RUNNING sub-jobs (job types in turn) that stay RUNNING. */
  addRunning(n: number): Promise<void>;
  /** Latency per request from now on. */
  setLatency(ms: number): Promise<void>;
  close(): Promise<void>;
}

type Op = WorkerRequest['op'];

/** Starts a simulator in a worker thread (see simWorker.ts). Options must be cloneable: no `now`. */
export async function startThreadedSimulator(options: WorkerOptions): Promise<ThreadedSimulator> {
  const worker = new Worker(path.join(__dirname, 'simWorker.js'), { workerData: options });
  const ready = await new Promise<WorkerReady>((resolve, reject) => {
    worker.once('message', resolve);
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`simulator worker exited with ${code}`)));
  });
  worker.removeAllListeners('error');
  worker.removeAllListeners('exit');
  const pending = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();
  let next = 1;
  worker.on('message', (answer: WorkerAnswer) => {
    const waiting = pending.get(answer.id);
    pending.delete(answer.id);
    if (answer.error !== undefined) waiting?.reject(new Error(`simulator worker: ${answer.error}`));
    else waiting?.resolve(answer.value);
  });
  worker.on('error', (error) => {
    for (const waiting of pending.values()) waiting.reject(error);
    pending.clear();
  });
  const ask = <T>(op: Op, extra: object = {}): Promise<T> =>
    new Promise<T>((resolve, reject) => {
      const id = next++;
      pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
      worker.postMessage({ id, op, ...extra });
    });
  return {
    ...ready,
    mark: () => ask<void>('mark'),
    stats: () => ask<RequestStats>('stats'),
    currentStatuses: () => ask<Record<string, number>>('statuses'),
    finishActive: () => ask<number>('finishActive'),
    addRunning: (n) => ask<void>('addRunning', { n }),
    setLatency: (ms) => ask<void>('latency', { ms }),
    close: async () => {
      await ask<void>('close');
      await worker.terminate();
    },
  };
}
