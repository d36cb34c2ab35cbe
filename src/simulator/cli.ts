/**
 * Runs the simulator on its own, for the demo and for trying the extension by hand:
 *   node out/src/simulator/cli.js [--port N] [--size N] [--app-server-size N] [--seed N] [--speed N] [--latency-ms N] [--faults PLAN]
 * --size sets both families' number of sub-jobs; --app-server-size the app-server family's alone.
 * Prints one JSON line {url, projectId, token, faults, control, ssoStartUrl} on stdout, then serves until SIGINT or SIGTERM.
 * --speed runs the simulator's clock faster, so sub-jobs progress within a short demo.
 * --faults (or the WORKSPACE_JOBS_SIM_FAULTS environment variable; the flag wins) injects faults,
 * as JSON or compact, e.g. "latency=50,jitter=20,503=0.2,429=0.1:3,reset=0.05" (see faults.ts);
 * PUT /__control/faults changes them while it runs (see control.ts).
 */
import { parseArgs } from 'node:util';
import { FAULTS_PATH } from './control';
import { faultsFromEnvironment, formatFaults, parseFaults } from './faults';
import { SSO_START_PATH, startSimulator } from './server';

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
      'app-server-size': { type: 'string' },
      seed: { type: 'string' },
      speed: { type: 'string' },
      'latency-ms': { type: 'string' },
      faults: { type: 'string' },
    },
  });
  const speed = values.speed === undefined ? 1 : Number(values.speed);
  if (!(speed > 0)) throw new Error(`--speed must be a positive number, got ${JSON.stringify(values.speed)}`);
  const faults = values.faults !== undefined ? parseFaults(values.faults) : faultsFromEnvironment();
  const simulator = await startSimulator({
    port: nonNegativeInteger('port', values.port),
    size: nonNegativeInteger('size', values.size),
    appServerSize: nonNegativeInteger('app-server-size', values['app-server-size']),
    seed: nonNegativeInteger('seed', values.seed),
    latencyMs: nonNegativeInteger('latency-ms', values['latency-ms']),
    now: speed === 1 ? Date.now : acceleratedClock(speed),
    ...(faults && { faults }),
  });
  const ready = {
    url: simulator.url,
    projectId: simulator.projectId,
    token: simulator.token,
    faults: formatFaults(simulator.faults),
    control: `${simulator.url}${FAULTS_PATH}`,
    // Sign In with IAM Identity Center accepts this start URL; its page approves the code.
    ssoStartUrl: `${simulator.url}${SSO_START_PATH}`,
  };
  process.stdout.write(`${JSON.stringify(ready)}\n`);
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
