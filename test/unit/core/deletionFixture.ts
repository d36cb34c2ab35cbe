import { findById } from '../../../src/api/scanNewest';
import { SubJobClient } from '../../../src/api/subJobClient';
import { DeletionSource } from '../../../src/core/deletionPlan';
import type { Family } from '../../../src/model/family';
import { JOB_TYPES, SubJob, SubJobStatus } from '../../../src/model/subJob';
import { RunningSimulator } from '../../../src/simulator/server';

/**
 * A project session reduced to what deleting uses, over a real client to the simulator: what is
 * "loaded" and the counts are what the test says the view holds, as a session's state would.
 */
export class SimulatorSource implements DeletionSource {
  readonly spec: { key: string; projectId: string; name?: string; family?: Family };
  state: { counts?: ReadonlyMap<string, number> } = {};
  refused = false;
  loaded: SubJob[] = [];
  readonly removed: Array<{ id: string; status: string }> = [];
  /** Ids of each batchDelete call, in order. */
  readonly deleteCalls: string[][] = [];

  constructor(
    private readonly sim: RunningSimulator,
    private readonly client: SubJobClient,
    key = `${sim.url}|${sim.projectId}`,
    family?: Family,
  ) {
    this.spec = { key, projectId: sim.projectId, ...(family && { family }) };
  }

  /** The counts the session would show now. */
  countNow(): void {
    const counts = new Map<string, number>();
    for (const s of this.sim.subJobs()) counts.set(s.status, (counts.get(s.status) ?? 0) + 1);
    this.state = { counts };
  }

  /** Loads a status group as the view would, through the client. */
  async load(status: SubJobStatus): Promise<SubJob[]> {
    const listed = await this.listGroup(status, new AbortController().signal);
    this.loaded.push(...listed);
    return listed;
  }

  loadedSubJobs(): readonly SubJob[] {
    return this.loaded;
  }

  async findById(id: string, signal: AbortSignal): Promise<SubJob | undefined> {
    const loaded = this.loaded.find((s) => s.id === id);
    if (loaded) return loaded;
    return (await findById(this.client, { jobTypes: JOB_TYPES, id }, signal)).subJobs[0];
  }

  async listGroup(status: SubJobStatus, signal: AbortSignal): Promise<SubJob[]> {
    const result = await this.client.listAll({ jobTypes: JOB_TYPES, statuses: [status] }, signal);
    return result.subJobs.filter((s) => s.status === status);
  }

  batchDelete(ids: readonly string[], signal: AbortSignal): Promise<void> {
    this.deleteCalls.push([...ids]);
    return this.client.batchDelete(ids, signal);
  }

  removeSubJobs(removed: ReadonlyArray<{ readonly id: string; readonly status: string }>): void {
    this.removed.push(...removed);
    const gone = new Set(removed.map((r) => r.id));
    this.loaded = this.loaded.filter((s) => !gone.has(s.id));
  }
}
