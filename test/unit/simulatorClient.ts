import { AkskAuthorizer } from '../../src/api/akskSigner';
import { Authorizer, TokenAuthorizer } from '../../src/api/authorizer';
import { SubJobClient } from '../../src/api/subJobClient';
import type { SessionSpec } from '../../src/core/projectSession';
import type { SessionPlan } from '../../src/core/sessions';
import { familySessionKey } from '../../src/core/sessionSpec';
import { APP_SERVER_JOB_TYPES, type Family } from '../../src/model/family';
import { JOB_TYPES } from '../../src/model/subJob';
import { DEFAULT_ACCESS_KEY } from '../../src/simulator/signature';

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

/** What signs for a simulator's project: its token, or its access key (another `secretKey` makes it a wrong one). */
export function simulatorAuthorizer(
  simulator: { readonly projectId: string; readonly token: string },
  credential: 'token' | 'accessKey',
  secretKey: string = DEFAULT_ACCESS_KEY.sk,
): Authorizer {
  return credential === 'token'
    ? new TokenAuthorizer(simulator.token)
    : new AkskAuthorizer({ accessKeyId: DEFAULT_ACCESS_KEY.ak, secretKey, projectId: simulator.projectId });
}

/** A client that signs with the simulator's access key; another `secretKey` makes it a wrong one. */
export function accessKeyClient(
  simulator: { readonly url: string; readonly projectId: string },
  secretKey: string = DEFAULT_ACCESS_KEY.sk,
): SubJobClient {
  return new SubJobClient({
    endpoint: simulator.url,
    projectId: simulator.projectId,
    authorizer: simulatorAuthorizer({ ...simulator, token: '' }, 'accessKey', secretKey),
    userAgent: 'test',
  });
}

/** The app-server family's session of the project an image session's spec is of (its key, project key, job types). */
export function appServerSpecOf(image: SessionSpec, jobTypes = true): SessionSpec {
  return {
    ...image,
    key: `${image.key}#appServer`,
    projectKey: image.key,
    family: 'appServer',
    ...(jobTypes && { query: { jobTypes: [...APP_SERVER_JOB_TYPES] } }),
  };
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

/**
 * A plan for a session on a simulator's project that sends the token "tok" (start the simulator with
 * token: 'tok'); a new `fingerprint` stands for changed credentials.
 */
export function tokenSessionPlan(
  simulator: { readonly url: string; readonly projectId: string },
  overrides: Partial<SessionSpec> = {},
  fingerprint = '0',
): SessionPlan {
  return {
    spec: simulatorSessionSpec(simulator, { credential: 'token', ...overrides }),
    connect: () => tokenClient(simulator, 'tok'),
    credentialFingerprint: fingerprint,
  };
}

/**
 * A project's plan for one family (image, app server) on a simulator, signed with its token or its
 * access key (cautious, as the extension makes it: five bad signatures lock a key); another
 * `secretKey` makes the key a wrong one.
 */
export function familySessionPlan(
  simulator: { readonly url: string; readonly projectId: string; readonly token: string },
  family: Family,
  credential: 'access key' | 'token',
  secretKey: string = DEFAULT_ACCESS_KEY.sk,
): SessionPlan {
  const projectKey = `${simulator.url}|${simulator.projectId}`;
  const kind = credential === 'token' ? 'token' : 'accessKey';
  return {
    spec: {
      key: familySessionKey(projectKey, family),
      projectKey,
      family,
      projectId: simulator.projectId,
      location: 'simulator',
      endpoint: simulator.url,
      sampleData: false,
      credential,
      cautious: credential === 'access key',
      query: { jobTypes: family === 'image' ? JOB_TYPES : APP_SERVER_JOB_TYPES },
    },
    connect: () =>
      new SubJobClient({
        endpoint: simulator.url,
        projectId: simulator.projectId,
        family,
        authorizer: simulatorAuthorizer(simulator, kind, secretKey),
        userAgent: 'test',
      }),
    credentialFingerprint: credential === 'token' ? `token:${simulator.token}` : `ak:${secretKey}`,
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
