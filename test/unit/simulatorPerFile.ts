import { after, afterEach, before, beforeEach } from 'node:test';
import { RunningSimulator, SimulatorOptions, startSimulator } from '../../src/simulator/server';
import type { SubJobClient } from '../../src/api/subJobClient';
import { OpenedInTest, tokenClient } from './simulatorClient';

/** Where the clock of an empty test simulator stands (sub-jobs added by a test start here). */
export const SIMULATOR_START = Date.parse('2026-03-07T10:40:43.858Z');

/**
 * One simulator for the whole test file, with no sub-jobs and its clock standing still, handed to
 * `started` once it listens. Each test starts from it empty (no sub-jobs, faults or recorded
 * requests), and what the test opened through `opened` is closed after it.
 */
export function simulatorPerFile(
  options: SimulatorOptions,
  opened: OpenedInTest,
  started: (sim: RunningSimulator) => void,
): void {
  let sim: RunningSimulator | undefined;
  before(async () => {
    sim = await startSimulator({ now: () => SIMULATOR_START, progress: false, size: 0, ...options });
    started(sim);
  });
  after(() => sim?.close());
  beforeEach(() => {
    sim?.removeAll();
    sim?.clearFaults();
    sim?.clearRequests();
  });
  afterEach(() => opened.closeAll());
}

/**
 * A simulator (seeded, sub-jobs standing still) and a client with its token, for the enclosing suite
 * or file, handed to `started` once it listens; both are closed after its last test.
 */
export function simulatorWithClient(
  options: SimulatorOptions,
  started: (sim: RunningSimulator, client: SubJobClient) => void,
): void {
  let sim: RunningSimulator | undefined;
  let client: SubJobClient | undefined;
  before(async () => {
    sim = await startSimulator({ progress: false, ...options });
    client = tokenClient(sim, sim.token);
    started(sim, client);
  });
  after(async () => {
    await client?.close();
    await sim?.close();
  });
}
