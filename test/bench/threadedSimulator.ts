import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import { SimulatorOptions } from '../../src/simulator/server';
import type { WorkerReady } from './simWorker';

export interface ThreadedSimulator extends WorkerReady {
  close(): Promise<void>;
}

/** Starts a simulator in a worker thread (see simWorker.ts). Options must be cloneable: no `now`. */
export async function startThreadedSimulator(options: Omit<SimulatorOptions, 'now'>): Promise<ThreadedSimulator> {
  const worker = new Worker(path.join(__dirname, 'simWorker.js'), { workerData: options });
  const ready = await new Promise<WorkerReady>((resolve, reject) => {
    worker.once('message', resolve);
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`simulator worker exited with ${code}`)));
  });
  return {
    ...ready,
    close: async () => {
      const closed = new Promise((resolve) => worker.once('message', resolve));
      worker.postMessage('close');
      await closed;
      await worker.terminate();
    },
  };
}
