import { TokenAuthorizer } from '../../src/api/authorizer';
import { SubJobClient } from '../../src/api/subJobClient';
import type { SessionSpec } from '../../src/core/projectSession';
import { JOB_TYPES } from '../../src/model/subJob';

/** A client that sends `token` to a simulator (or to `endpoint`, when given, with the simulator's project). */
export function tokenClient(
  simulator: { readonly url: string; readonly projectId: string },
  token: string,
  options: { concurrency?: number; endpoint?: string; userAgent?: string } = {},
): SubJobClient {
  return new SubJobClient({
    endpoint: options.endpoint ?? simulator.url,
    projectId: simulator.projectId,
    authorizer: new TokenAuthorizer(token),
    userAgent: options.userAgent ?? 'workspace-image-jobs-test',
    ...(options.concurrency !== undefined && { concurrency: options.concurrency }),
  });
}

/** The spec of a session on a simulator's project, every job type, no filter; `overrides` for the rest. */
export function simulatorSessionSpec(
  simulator: { readonly url: string; readonly projectId: string },
  overrides: Partial<SessionSpec> = {},
): SessionSpec {
  return {
    key: `${simulator.url}|${simulator.projectId}`,
    projectId: simulator.projectId,
    location: 'simulator',
    endpoint: simulator.url,
    sampleData: false,
    credential: 'test',
    query: { jobTypes: JOB_TYPES },
    ...overrides,
  };
}

/** Simulators and clients a test opened, closed when it ends (call closeAll from afterEach). */
export class OpenedInTest {
  private readonly items: Array<{ close(): Promise<void> }> = [];

  track<T extends { close(): Promise<void> }>(item: T): T {
    this.items.push(item);
    return item;
  }

  async closeAll(): Promise<void> {
    // Clients first: a simulator closes faster without connections kept alive.
    const items = this.items.splice(0).reverse();
    for (const item of items) await item.close();
  }
}
