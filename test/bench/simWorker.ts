/**
 * Runs a simulator on its own thread, so the client under measurement does not share an event loop
 * (or a V8 heap) with the server it talks to: in the extension they live in different processes.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { SimulatorOptions, startSimulator } from '../../src/simulator/server';

export interface WorkerReady {
  readonly url: string;
  readonly projectId: string;
  readonly token: string;
  readonly size: number;
}

async function main(): Promise<void> {
  const port = parentPort;
  if (!port) throw new Error('simWorker must run as a worker thread');
  const simulator = await startSimulator(workerData as SimulatorOptions);
  port.on('message', (message: unknown) => {
    if (message === 'requests') port.postMessage({ requests: simulator.requests.length });
    if (message === 'close') void simulator.close().then(() => port.postMessage('closed'));
  });
  const ready: WorkerReady = { url: simulator.url, projectId: simulator.projectId, token: simulator.token, size: simulator.subJobs().length };
  port.postMessage(ready);
}

void main();
