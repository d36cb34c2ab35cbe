/**
 * Runs the simulator on its own, for the demo and for trying the extension by hand:
 *   node out/src/simulator/cli.js [--port N] [--size N] [--seed N] [--speed N] [--latency-ms N]
 * Prints one JSON line {url, projectId, token} on stdout, then serves until SIGINT or SIGTERM.
 * --speed runs the simulator's clock faster, so sub-jobs progress within a short demo.
 */
import { parseArgs } from 'node:util';
import { startSimulator } from './server';

function nonNegativeInteger(name: string, text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  if (!/^\d+$/.test(text)) throw new Error(`--${name} must be a non-negative integer, got ${JSON.stringify(text)}`);
  return Number(text);
}

function acceleratedClock(speed: number): () => number {
  const start = Date.now();
  return () => start + (Date.now() - start) * speed;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string' },
      size: { type: 'string' },
      seed: { type: 'string' },
      speed: { type: 'string' },
      'latency-ms': { type: 'string' },
    },
  });
  const speed = values.speed === undefined ? 1 : Number(values.speed);
  if (!(speed > 0)) throw new Error(`--speed must be a positive number, got ${JSON.stringify(values.speed)}`);
  const simulator = await startSimulator({
    port: nonNegativeInteger('port', values.port),
    size: nonNegativeInteger('size', values.size),
    seed: nonNegativeInteger('seed', values.seed),
    latencyMs: nonNegativeInteger('latency-ms', values['latency-ms']),
    now: speed === 1 ? Date.now : acceleratedClock(speed),
  });
  process.stdout.write(`${JSON.stringify({ url: simulator.url, projectId: simulator.projectId, token: simulator.token })}\n`);
  const stop = () => {
    simulator.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  process.stderr.write(`simulator: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(2);
});
