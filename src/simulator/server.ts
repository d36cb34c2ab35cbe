import { randomBytes } from 'node:crypto';
import { createServer, IncomingHttpHeaders, IncomingMessage, Server, ServerResponse } from 'node:http';
import { AddressInfo } from 'node:net';
import { isSubJobStatus } from '../model/subJob';
import { DELETABLE_STATUSES, parseBatchDeleteBody } from './batchDelete';
import { Failure } from './catalog';
import { controlAnswer, isControlPath, refuse } from './control';
import { parseAuthorization } from '../api/akskSigner';
import { iamProjectsAnswer, SimulatedProject } from './iamProjects';
import { DEFAULT_PROJECT_ID, DEFAULT_SEED, DEFAULT_SIZE, generateSubJobs, SeededSubJob } from './dataset';
import {
  actionDenied,
  apiNotFound,
  authenticationFailed,
  ErrorAnswer,
  invalidParameter,
  jobNotFound,
  methodNotAllowed,
  projectForbidden,
  subJobNotDeletable,
  typicalErrorBody,
} from './errors';
import {
  DEFAULT_IAM_USER,
  DEFAULT_MFA_USER,
  DEFAULT_PROJECT_NAME,
  IAM_TOKENS_PATH,
  IamUser,
  SimulatedIam,
  TOKEN_LIFETIME_MS,
} from './iam';
import { identityAnswer, isIdentityRequest } from './identity';
import { FaultDecision, FaultInjector, FaultPlan, IAM_ACTIONS, nextStatus, SimulatedAction } from './faults';
import { MAX_JOB_DETAIL_ID_LENGTH } from './appServerCatalog';
import { generateAppServerSubJobs } from './appServerDataset';
import { APP_SERVER_SHAPE, RawAppSubJob } from './appServerSubJob';
import {
  CountQuery,
  InvalidParameterError,
  ListQuery,
  MAX_JOB_ID_LENGTH,
  parseAppServerCountQuery,
  parseAppServerListQuery,
  parseCountQuery,
  parseListQuery,
} from './query';
import { IMAGE_SHAPE } from './imageShape';
import { seededRandom } from './random';
import { RawSubJob } from './rawSubJob';
import { AccessKey, DEFAULT_ACCESS_KEY, SignatureVerifier } from './signature';
import { PendingDevice, SimulatedSso, SSO_CONTROL_PATH, SsoLifetimes } from './sso';
import { AddOptions, SubJobStore } from './store';
import { StoredSubJob, SubJobShape } from './subJobShape';

export type { RawSubJob } from './rawSubJob';
export type { AppJobResourceInfo, RawAppSubJob, RelativeResource } from './appServerSubJob';
export { APP_SERVER_JOB_TYPES } from './appServerCatalog';
export type { AccessKey } from './signature';
export type { IamUser } from './iam';
export type { AddOptions, WireJob } from './store';
export { DEFAULT_ACCESS_KEY } from './signature';
export { DEFAULT_IAM_USER, DEFAULT_MFA_USER, DEFAULT_PROJECT_NAME } from './iam';
export type { FaultPlan, ShiftPlan } from './faults';
export type { PendingDevice, SsoLifetimes } from './sso';
export { SSO_ACCOUNTS, SSO_CONTROL_PATH, SSO_START_PATH } from './sso';
export { FAULTS_ENV, faultsFromEnvironment, formatFaults, parseFaults } from './faults';

/** Not a secret: the extension's sample mode sends it to the simulator it starts. */
export const DEFAULT_TOKEN = 'sample-token';

export interface SimulatorOptions {
  /** Same seed, size and clock: same sub-jobs. */
  seed?: number;
  /** Number of generated image sub-jobs; 40 by default. */
  size?: number;
  /** Number of generated app-server sub-jobs; `size` by default (so `size: 0` is an empty simulator). */
  appServerSize?: number;
  projectId?: string;
  /** The X-Auth-Token the simulator accepts. */
  token?: string;
  /** The simulator's clock; sub-jobs progress as it advances. Date.now by default. */
  now?: () => number;
  /** False freezes every sub-job in its generated status. True by default. */
  progress?: boolean;
  /** Delay before each answer. */
  latencyMs?: number;
  /** 0 (the default) lets the system choose a free port. */
  port?: number;
  /** Keys whose SDK-HMAC-SHA256 signatures are accepted; DEFAULT_ACCESS_KEY by default. */
  accessKeys?: ReadonlyArray<AccessKey>;
  /** Who may get a token from POST /v3/auth/tokens; DEFAULT_IAM_USER and DEFAULT_MFA_USER by default. */
  iamUsers?: ReadonlyArray<IamUser>;
  /** The project's name (its region) that IAM scopes accept; DEFAULT_PROJECT_NAME by default. */
  projectName?: string;
  /** How long IAM tokens issued by POST /v3/auth/tokens last; 24 hours by default. */
  tokenLifetimeMs?: number;
  /** Faults to inject from the start (a plan, or its JSON or compact text); none by default. */
  faults?: FaultPlan | string;
  /** Serve /__control/faults (loopback only, see control.ts). True by default. */
  control?: boolean;
  /** IAM Identity Center's lifetimes (sso.ts); short ones let tests see temporary keys expire. */
  sso?: Partial<SsoLifetimes>;
}

export interface RecordedRequest {
  readonly method: string;
  readonly path: string;
  /** Query parameters; a repeated one keeps its first value. */
  readonly query: Readonly<Record<string, string>>;
  /** Header names in lower case; credentials are replaced by "[redacted]". */
  readonly headers: Readonly<Record<string, string>>;
  /** The status answered. */
  readonly status: number;
  /** Simulator clock reading when the request arrived. */
  readonly time: number;
  readonly requestId: string;
  /** The faults injected into this answer, '+'-joined (e.g. "503", "throttle", "reset+slow"); absent when none. */
  readonly fault?: string;
  /**
   * The body as text (UTF-8), kept only for the batch deletes (PATCH for images, POST for app
   * servers), whose body is sub-job ids: other bodies may hold credentials (IAM's holds a password).
   * At most RECORDED_BODY_CHARS.
   */
  readonly body?: string;
  /** The access key id an AK/SK signature names (an identifier, not a secret): which key signed. */
  readonly accessKeyId?: string;
}

export interface RunningSimulator {
  /** http://127.0.0.1:PORT, the endpoint origin to configure. */
  readonly url: string;
  readonly projectId: string;
  readonly token: string;
  /** The most recent requests (up to 10,000), oldest first. */
  readonly requests: ReadonlyArray<RecordedRequest>;
  /** Forces a sub-job's status; it no longer progresses by itself. Throws on an unknown id. */
  setStatus(id: string, status: string, error?: { code: string; message: string }): void;
  /**
   * Adds a sub-job begun now (defaults: CREATE_SERVER, WAITING); it does not progress by itself.
   * `options.listedUnder` lists it under a query job type other than its job_type (e.g.
   * `addSubJob({ job_type: 'BUILD_IMAGE' }, { listedUnder: 'CREATE_SERVER_IMAGE' })`), and
   * `options.omit` leaves fields out of the answers (`{ omit: ['job_type'] }`: no job type at all).
   */
  addSubJob(partial?: Partial<RawSubJob>, options?: AddOptions): RawSubJob;
  /** Removes every sub-job of both families. */
  removeAll(): void;
  /** Forgets the recorded requests (tests count from a clean slate). */
  clearRequests(): void;
  /** The app-server family's setStatus: its failure goes into error_code/error_message. */
  setAppServerStatus(id: string, status: string, error?: { code: string; message: string }): void;
  /**
   * Adds an app-server sub-job begun now (defaults: CREATE_SERVER, WAITING, a server with all its
   * resource fields); it does not progress by itself. `options` as for addSubJob.
   */
  addAppServerSubJob(partial?: Partial<RawAppSubJob>, options?: AddOptions<RawAppSubJob>): RawAppSubJob;
  /** Every app-server sub-job as it is now, newest first. */
  appServerSubJobs(): RawAppSubJob[];
  appServerSubJob(id: string): RawAppSubJob | undefined;
  /** The current state of every image sub-job, after progression, newest first. */
  subJobs(): RawSubJob[];
  /** The current state of one sub-job; undefined when there is none (never was, or deleted). */
  subJob(id: string): RawSubJob | undefined;
  /**
   * The next n answers, whatever the request, are this status with this body (a string is sent
   * as it is; by default the body the real service or gateway sends for that status) and headers.
   * Calls queue up. A `Transfer-Encoding: chunked` header sends the body without Content-Length.
   */
  failNext(n: number, status: number, body?: unknown, headers?: Record<string, string>): void;
  /** The fault plan in force ({} when none). */
  readonly faults: FaultPlan;
  /** Replaces the fault plan (see faults.ts); its PRNG, token uses and shift count start over. */
  setFaults(plan: FaultPlan | string): void;
  clearFaults(): void;
  /** IAM Identity Center: device authorizations waiting for the user, and its lifetimes. */
  readonly sso: {
    pending(): PendingDevice[];
    configure(lifetimes: Partial<SsoLifetimes>): SsoLifetimes;
  };
  close(): Promise<void>;
}

interface Answer {
  readonly status: number;
  readonly body: unknown;
  readonly headers?: Readonly<Record<string, string>>;
  /** Which fault decided this answer; an answer from failNext is sent exactly as given. */
  readonly fault?: string;
  readonly injected?: boolean;
}

interface Injection {
  readonly status: number;
  readonly body?: unknown;
  readonly headers?: Readonly<Record<string, string>>;
}

const MAX_RECORDED = 10_000;
const CREDENTIAL_HEADERS = new Set([
  'x-auth-token',
  'authorization',
  'x-security-token',
  'x-subject-token',
  'access-token',
]);
const ROUTE = /^\/v1\/([^/]+)\/image-server-sub-jobs(\/actions\/count)?$/;
/** BatchDeleteImageSubJobs: PATCH /v1/{project_id}/image-server-sub-jobs/actions/batch-delete. */
const BATCH_DELETE_ROUTE = /^\/v1\/([^/]+)\/image-server-sub-jobs\/actions\/batch-delete$/;
/** A real deletion body is under 1,000 characters; a huge one is not worth 10,000 copies in memory. */
export const RECORDED_BODY_CHARS = 16 * 1024;
/** ShowImageJob: GET /v1/{project_id}/image-server-jobs/{job_id}. */
const JOB_ROUTE = /^\/v1\/([^/]+)\/image-server-jobs\/([^/]+)$/;
/** ListSubJobs and CountSubJobs: GET /v1/{project_id}/app-server-sub-jobs[/actions/count]. */
const APP_ROUTE = /^\/v1\/([^/]+)\/app-server-sub-jobs(\/actions\/count)?$/;
/** BatchDeleteAppSubJobs: POST (not PATCH) /v1/{project_id}/app-server-sub-jobs/actions/batch-delete. */
const APP_DELETE_ROUTE = /^\/v1\/([^/]+)\/app-server-sub-jobs\/actions\/batch-delete$/;
/** ShowJobDetail: GET /v2/{project_id}/job/{job_id}. */
const JOB_DETAIL_ROUTE = /^\/v2\/([^/]+)\/job\/([^/]+)$/;
/** Far more than any call here sends; a bigger body is refused rather than buffered. */
const MAX_BODY_BYTES = 1024 * 1024;

/** Starts the simulated WorkspaceApp on 127.0.0.1. */
export async function startSimulator(options: SimulatorOptions = {}): Promise<RunningSimulator> {
  const simulator = new Simulator(options);
  await simulator.listen(options.port ?? 0);
  return simulator;
}

class Simulator implements RunningSimulator {
  readonly projectId: string;
  readonly token: string;
  private readonly store: SubJobStore;
  private readonly appStore: SubJobStore<RawAppSubJob>;
  private readonly families: { readonly image: Family; readonly appServer: Family };
  private readonly server: Server;
  private readonly now: () => number;
  private readonly injector: FaultInjector;
  private readonly control: boolean;
  private readonly recorded: RecordedRequest[] = [];
  private readonly injections: Injection[] = [];
  private readonly delays = new Set<NodeJS.Timeout>();
  private readonly signatures: SignatureVerifier;
  private readonly accessKeys: ReadonlyArray<AccessKey>;
  private readonly iam: SimulatedIam;
  private readonly iamProject: SimulatedProject;
  readonly sso: SimulatedSso;
  private origin = '';

  constructor(options: SimulatorOptions) {
    this.projectId = options.projectId ?? DEFAULT_PROJECT_ID;
    this.token = options.token ?? DEFAULT_TOKEN;
    this.now = options.now ?? Date.now;
    this.injector = new FaultInjector({}, Math.max(0, options.latencyMs ?? 0));
    if (options.faults !== undefined) this.injector.set(options.faults);
    this.control = options.control ?? true;
    const seed = options.seed ?? DEFAULT_SEED;
    const seeded = generateSubJobs({
      seed,
      size: options.size ?? DEFAULT_SIZE,
      projectId: this.projectId,
      anchor: this.now(),
    });
    // Each family's store draws from its own random stream: one family's progress does not change the other's.
    const store = <T extends StoredSubJob>(subJobs: readonly SeededSubJob<T>[], salt: number, shape: SubJobShape<T>) =>
      new SubJobStore(
        subJobs,
        {
          projectId: this.projectId,
          now: this.now,
          progress: options.progress ?? true,
          random: seededRandom(seed ^ salt),
        },
        shape,
      );
    this.store = store(seeded, 0x5eed, IMAGE_SHAPE);
    const appSeeded = generateAppServerSubJobs({
      seed,
      size: options.appServerSize ?? options.size ?? DEFAULT_SIZE,
      projectId: this.projectId,
      anchor: this.now(),
      images: seeded,
    });
    this.appStore = store(appSeeded, 0xa995, APP_SERVER_SHAPE);
    this.families = {
      image: {
        store: this.store,
        actions: {
          list: 'listImageSubJobs',
          count: 'countImageSubJobs',
          job: 'getImageJob',
          delete: 'batchDeleteImageSubJobs',
        },
        parseList: parseListQuery,
        parseCount: parseCountQuery,
        maxJobIdLength: MAX_JOB_ID_LENGTH,
        deleteMethod: 'PATCH',
        wrongMethod: (method, allow) => methodNotAllowed(method, allow),
      },
      appServer: {
        store: this.appStore,
        actions: { list: 'listSubJobs', count: 'countSubJobs', job: 'getJob', delete: 'batchDeleteSubJobs' },
        parseList: parseAppServerListQuery,
        parseCount: (params) => parseAppServerCountQuery(params, this.injector.plan.countJobTypes === 'documented'),
        maxJobIdLength: MAX_JOB_DETAIL_ID_LENGTH,
        deleteMethod: 'POST',
        // Huawei's API gateway finds an API by method and path: a method the API is not published
        // with matches no API, so the gateway answers 404 APIGW.0101 before the service sees it.
        wrongMethod: (_method, _allow, requestId) => apiNotFound(requestId),
      },
    };
    this.accessKeys = options.accessKeys ?? [DEFAULT_ACCESS_KEY];
    this.signatures = new SignatureVerifier(this.accessKeys, this.now);
    this.iam = new SimulatedIam({
      users: options.iamUsers ?? [DEFAULT_IAM_USER, DEFAULT_MFA_USER],
      projectId: this.projectId,
      projectName: options.projectName ?? DEFAULT_PROJECT_NAME,
      now: this.now,
      ...(options.tokenLifetimeMs !== undefined && { tokenLifetimeMs: options.tokenLifetimeMs }),
    });
    this.iamProject = {
      id: this.projectId,
      name: options.projectName ?? DEFAULT_PROJECT_NAME,
      domainId: 'sample-domain-id',
    };
    this.sso = new SimulatedSso(this.now, () => this.origin, this.signatures, options.sso);
    this.server = createServer((request, response) => this.handle(request, response));
  }

  get url(): string {
    return this.origin;
  }

  get requests(): ReadonlyArray<RecordedRequest> {
    return this.recorded;
  }

  listen(port: number): Promise<void> {
    return new Promise((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(port, '127.0.0.1', () => {
        this.server.off('error', reject);
        this.origin = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
        resolve();
      });
    });
  }

  setStatus(id: string, status: string, error?: Failure): void {
    this.store.setStatus(id, status, error);
  }

  addSubJob(partial?: Partial<RawSubJob>, options?: AddOptions): RawSubJob {
    return this.store.add(partial, options);
  }

  removeAll(): void {
    this.store.removeAll();
    this.appStore.removeAll();
  }

  clearRequests(): void {
    this.recorded.length = 0;
  }

  setAppServerStatus(id: string, status: string, error?: Failure): void {
    this.appStore.setStatus(id, status, error);
  }

  addAppServerSubJob(partial?: Partial<RawAppSubJob>, options?: AddOptions<RawAppSubJob>): RawAppSubJob {
    return this.appStore.add(partial, options);
  }

  appServerSubJobs(): RawAppSubJob[] {
    return this.appStore.all();
  }

  appServerSubJob(id: string): RawAppSubJob | undefined {
    return this.appStore.get(id);
  }

  subJobs(): RawSubJob[] {
    return this.store.all();
  }

  subJob(id: string): RawSubJob | undefined {
    return this.store.get(id);
  }

  failNext(n: number, status: number, body?: unknown, headers?: Record<string, string>): void {
    if (!Number.isInteger(n) || n < 0) throw new RangeError(`n must be a non-negative integer, got ${n}`);
    if (!Number.isInteger(status) || status < 100 || status > 599)
      throw new RangeError(`not an HTTP status: ${status}`);
    for (let i = 0; i < n; i++) this.injections.push({ status, body, headers: headers && { ...headers } });
  }

  get faults(): FaultPlan {
    return this.injector.plan;
  }

  setFaults(plan: FaultPlan | string): void {
    this.injector.set(plan);
  }

  clearFaults(): void {
    this.injector.clear();
  }

  async close(): Promise<void> {
    for (const delay of this.delays) clearTimeout(delay);
    this.delays.clear();
    await new Promise<void>((resolve) => {
      this.server.close(() => resolve());
      // Idle keep-alive sockets would otherwise hold close() open for seconds.
      this.server.closeAllConnections();
    });
  }

  private handle(request: IncomingMessage, response: ServerResponse): void {
    const time = this.now();
    // Signatures cover the body and IAM reads it, so answers wait for the whole request.
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_BODY_BYTES) chunks.push(chunk);
    });
    request.on('end', () =>
      this.respond(request, response, time, size <= MAX_BODY_BYTES ? Buffer.concat(chunks) : undefined),
    );
    request.on('error', () => response.destroy());
  }

  private respond(request: IncomingMessage, response: ServerResponse, time: number, body: Buffer | undefined): void {
    const requestId = randomBytes(16).toString('hex');
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    if (this.control && url.pathname === SSO_CONTROL_PATH) {
      const refusal = refuse({
        headers: request.headers,
        remoteAddress: request.socket.remoteAddress,
        port: (this.server.address() as AddressInfo).port,
      });
      const answer = refusal
        ? { status: 403, body: { error_code: 'SIM.0403', error_msg: refusal } }
        : this.sso.control(request.method ?? '', body?.toString('utf8') ?? '');
      send(response, answer, requestId, undefined, this.delays);
      return;
    }
    if (this.control && isControlPath(url.pathname)) {
      // The simulator's own switchboard: not part of the API, so neither faulted nor recorded.
      const control = controlAnswer(this, {
        method: request.method ?? '',
        pathname: url.pathname,
        headers: request.headers,
        remoteAddress: request.socket.remoteAddress,
        body: body?.toString('utf8') ?? '',
        port: (this.server.address() as AddressInfo).port,
      });
      send(response, control, requestId, undefined, this.delays);
      return;
    }
    const decision = this.injector.decide();
    const answer: Answer = body
      ? this.answer(request, url, body, requestId, decision)
      : {
          status: 413,
          body: { error_code: 'APIGW.0201', error_msg: 'Request entity too large', request_id: requestId },
        };
    const faults = answer.injected
      ? []
      : [answer.fault, ...transportFaults(decision)].filter((f): f is string => Boolean(f));
    this.record({
      method: request.method ?? '',
      path: url.pathname,
      query: Object.fromEntries([...url.searchParams.keys()].map((key) => [key, url.searchParams.get(key) ?? ''])),
      headers: recordableHeaders(request.headers),
      ...signedBy(request.headers),
      status: answer.status,
      time,
      requestId,
      ...(faults.length && { fault: faults.join('+') }),
      ...(body &&
        ((request.method === 'PATCH' && BATCH_DELETE_ROUTE.test(url.pathname)) ||
          (request.method === 'POST' && APP_DELETE_ROUTE.test(url.pathname))) && {
          body: body.toString('utf8').slice(0, RECORDED_BODY_CHARS),
        }),
    });
    const delivery = answer.injected ? undefined : decision;
    if (decision.delayMs === 0) {
      send(response, answer, requestId, delivery, this.delays);
      return;
    }
    later(this.delays, () => send(response, answer, requestId, delivery, this.delays), decision.delayMs);
  }

  /** In the order the real stack decides: gateway routing, gateway auth, then the service. */
  private answer(request: IncomingMessage, url: URL, body: Buffer, requestId: string, decision: FaultDecision): Answer {
    const injected = this.injections.shift();
    if (injected) {
      return {
        status: injected.status,
        body: injected.body ?? typicalErrorBody(injected.status, requestId),
        headers: injected.headers,
        injected: true,
      };
    }
    // Injected faults: the gateway throttles before anything else; an error stands for any layer failing.
    if (decision.throttle) {
      const seconds = String(decision.throttle.retryAfterSeconds);
      return {
        status: 429,
        body: typicalErrorBody(429, requestId),
        headers: { 'Retry-After': seconds },
        fault: 'throttle',
      };
    }
    if (decision.errorStatus !== undefined) {
      return {
        status: decision.errorStatus,
        body: typicalErrorBody(decision.errorStatus, requestId),
        fault: String(decision.errorStatus),
      };
    }
    // IAM is its own service; the simulator serves it on the same origin for convenience.
    if (isIdentityRequest(request.method ?? '', url.pathname)) return this.identity(request, url, body, requestId);
    const projects = iamProjectsAnswer(request.method ?? '', url.pathname, this.origin, this.iamProject, () =>
      this.authenticate(request, url, body, requestId),
    );
    if (projects) return projects;
    if (url.pathname === IAM_TOKENS_PATH) return this.iam.issueToken(request.method ?? '', body.toString('utf8'));
    const sso = this.sso.answer(request.method ?? '', url, body.toString('utf8'), request.headers, requestId);
    if (sso) return sso;
    const route = matchRoute(url.pathname);
    if (!route) return apiNotFound(requestId);
    const family = this.families[route.family];
    if (route.kind === 'delete') return this.batchDelete(request, url, body, requestId, route.project, family);
    const projectId = decodeSegment(route.project);
    const jobId = route.kind === 'job' ? decodeSegment(route.job) : undefined;
    if (projectId === undefined || (route.kind === 'job' && jobId === undefined)) return apiNotFound(requestId);
    if (request.method !== 'GET') return family.wrongMethod(request.method ?? '', 'GET', requestId);
    const authFailure = this.authenticate(request, url, body, requestId);
    if (authFailure) return authFailure;
    if (projectId !== this.projectId) return projectForbidden(projectId);
    const denied = this.denied(family.actions[route.kind]);
    if (denied) return denied;
    const store = family.store;
    if (jobId !== undefined) {
      // The service checks the path parameter before it looks: a job id no job has is a bad request.
      if (jobId.length > family.maxJobIdLength)
        return invalidParameter(`Invalid parameter: job_id must be at most ${family.maxJobIdLength} characters.`);
      const job = store.job(jobId);
      return job ? { status: 200, body: job } : jobNotFound(jobId, this.injector.plan.unknownJobStatus);
    }
    try {
      if (route.kind === 'count') {
        const query = family.parseCount(url.searchParams);
        return { status: 200, body: { count: store.count(query) } };
      }
      const query = family.parseList(url.searchParams);
      const oldestFirst = this.injector.plan.listOrder === 'oldest';
      const page = store.page({ ...query, jobTypes: [query.jobType] }, query.offset, query.limit, oldestFirst);
      const shifted = this.shiftIfDue(store);
      const hostile = this.injector.plan.hostileItem === true && query.offset === 0;
      return {
        status: 200,
        body: hostile ? withHostileItem(page) : page,
        ...((shifted || hostile) && { fault: [shifted && 'shift', hostile && 'hostile'].filter(Boolean).join('+') }),
      };
    } catch (error) {
      if (error instanceof InvalidParameterError) return invalidParameter(error.message);
      // A simulator bug must show up as the service's 500, not take the test process down.
      return { status: 500, body: typicalErrorBody(500, requestId) };
    }
  }

  /**
   * BatchDeleteImageSubJobs (PATCH) or BatchDeleteAppSubJobs (POST), checked as the gateway and the
   * service check them: path, method, auth, project, body; then all the listed sub-jobs go at once,
   * or none when one has not finished.
   */
  private batchDelete(
    request: IncomingMessage,
    url: URL,
    body: Buffer,
    requestId: string,
    projectSegment: string,
    family: Family,
  ): Answer {
    const projectId = decodeSegment(projectSegment);
    if (projectId === undefined) return apiNotFound(requestId);
    if (request.method !== family.deleteMethod)
      return family.wrongMethod(request.method ?? '', family.deleteMethod, requestId);
    const authFailure = this.authenticate(request, url, body, requestId);
    if (authFailure) return authFailure;
    if (projectId !== this.projectId) return projectForbidden(projectId);
    const denied = this.denied(family.actions.delete);
    if (denied) return denied;
    let ids: string[];
    try {
      ids = parseBatchDeleteBody(body.toString('utf8'));
    } catch (error) {
      if (error instanceof InvalidParameterError) return invalidParameter(error.message);
      return { status: 500, body: typicalErrorBody(500, requestId) };
    }
    const outcome = family.store.deleteFinished(ids, DELETABLE_STATUSES);
    if ('refused' in outcome) return subJobNotDeletable(outcome.refused.id, outcome.refused.status);
    // The service answers success with no body at all.
    return { status: 200, body: '' };
  }

  /** IAM's caller-identity calls (see identity.ts). */
  private identity(request: IncomingMessage, url: URL, body: Buffer, requestId: string): Answer {
    const denied = this.injector.plan.deny?.includes('callerIdentity') === true;
    const answer = identityAnswer({
      method: request.method ?? '',
      url,
      headers: request.headers,
      authenticate: () => this.authenticate(request, url, body, requestId),
      denied,
      tokenOwner: (token) =>
        token === this.token
          ? { user: DEFAULT_IAM_USER, expiresAt: this.now() + TOKEN_LIFETIME_MS }
          : this.iam.ownerOf(token),
      accessKeys: this.accessKeys,
      keyOwner: DEFAULT_IAM_USER,
    });
    return denied && answer.status === 403 ? { ...answer, fault: 'deny' } : answer;
  }

  /** The 403 for an action the fault plan's policy leaves out; undefined when it is granted. */
  private denied(action: SimulatedAction): Answer | undefined {
    return this.injector.plan.deny?.includes(action)
      ? { ...actionDenied(IAM_ACTIONS[action]), fault: 'deny' }
      : undefined;
  }

  /**
   * A page-shift fault: after the answer is taken, the newest sub-job in the plan's source status
   * moves on, so the pages read next see the list shifted. True when one moved.
   */
  private shiftIfDue(store: FamilyStore): boolean {
    const shift = this.injector.shiftDue();
    if (!shift) return false;
    let newest: StoredSubJob | undefined;
    for (const status of FaultInjector.shiftSources(shift)) {
      const candidate = store.list({ status }, 0, 1).items[0];
      if (candidate && (!newest || Date.parse(candidate.begin_time) > Date.parse(newest.begin_time)))
        newest = candidate;
    }
    const target = newest && (shift.to ?? (isSubJobStatus(newest.status) ? nextStatus(newest.status) : undefined));
    if (!newest || !target) return false;
    store.setStatus(newest.id, target);
    this.injector.shifted();
    return true;
  }

  private authenticate(request: IncomingMessage, url: URL, body: Buffer, requestId: string): Answer | undefined {
    const headers = request.headers;
    const token = headers['x-auth-token'];
    if (typeof token === 'string' && token !== '') return this.checkToken(token, requestId);
    if (headers.authorization?.startsWith('SDK-HMAC-SHA256 ')) {
      return this.signatures.verify({ method: request.method ?? '', url, headers, body }, requestId);
    }
    return authenticationFailed(headers.authorization ? 'bad-signature' : 'no-credentials', requestId);
  }

  /**
   * The fixed sample token never expires; tokens IAM issued do, 24 hours after issue. The
   * tokenExpiresAfter fault expires any token early, after that many requests.
   */
  private checkToken(token: string, requestId: string): Answer | undefined {
    const check = token === this.token ? ({ state: 'valid' } as const) : this.iam.check(token);
    if (check.state === 'valid') {
      const expiredAt = this.injector.useToken(token, this.now());
      return expiredAt === undefined ? undefined : { ...tokenExpired(expiredAt, requestId), fault: 'token-expired' };
    }
    if (check.state === 'expired') return tokenExpired(check.expiresAt, requestId);
    return authenticationFailed('bad-token', requestId);
  }

  private record(request: RecordedRequest): void {
    this.recorded.push(request);
    if (this.recorded.length > MAX_RECORDED) this.recorded.shift();
  }
}

/** What differs between the two families' calls. */
/** What the routes use of a family's store, whatever its item shape. */
type FamilyStore = Pick<SubJobStore<StoredSubJob>, 'count' | 'page' | 'job' | 'deleteFinished' | 'list' | 'setStatus'>;

interface Family {
  readonly store: FamilyStore;
  readonly actions: Readonly<Record<'list' | 'count' | 'job' | 'delete', SimulatedAction>>;
  readonly parseList: (params: URLSearchParams) => ListQuery<string>;
  readonly parseCount: (params: URLSearchParams) => CountQuery<string>;
  /** The longest job id the look-up's path takes. */
  readonly maxJobIdLength: number;
  readonly deleteMethod: 'PATCH' | 'POST';
  /** The answer to a method the path is not published with. */
  readonly wrongMethod: (method: string, allow: string, requestId: string) => ErrorAnswer;
}

interface Route {
  readonly family: 'image' | 'appServer';
  readonly kind: 'list' | 'count' | 'job' | 'delete';
  readonly project: string;
  readonly job?: string;
}

/** Which family's call a path names; undefined when none (the gateway's 404). */
function matchRoute(pathname: string): Route | undefined {
  let match = BATCH_DELETE_ROUTE.exec(pathname);
  if (match) return { family: 'image', kind: 'delete', project: match[1] };
  match = APP_DELETE_ROUTE.exec(pathname);
  if (match) return { family: 'appServer', kind: 'delete', project: match[1] };
  match = ROUTE.exec(pathname);
  if (match) return { family: 'image', kind: match[2] ? 'count' : 'list', project: match[1] };
  match = APP_ROUTE.exec(pathname);
  if (match) return { family: 'appServer', kind: match[2] ? 'count' : 'list', project: match[1] };
  match = JOB_ROUTE.exec(pathname);
  if (match) return { family: 'image', kind: 'job', project: match[1], job: match[2] };
  match = JOB_DETAIL_ROUTE.exec(pathname);
  if (match) return { family: 'appServer', kind: 'job', project: match[1], job: match[2] };
  return undefined;
}

function tokenExpired(at: number, requestId: string): ErrorAnswer {
  return {
    status: 401,
    body: {
      error_code: 'APIGW.0301',
      error_msg: `Incorrect IAM authentication information: the token expired at ${new Date(at).toISOString()}`,
      request_id: requestId,
    },
  };
}

function decodeSegment(segment: string | undefined): string | undefined {
  if (segment === undefined) return undefined;
  try {
    return decodeURIComponent(segment);
  } catch {
    return undefined;
  }
}

function signedBy(headers: IncomingHttpHeaders): { accessKeyId?: string } {
  const accessKeyId = parseAuthorization(headers.authorization ?? '')?.accessKeyId;
  return accessKeyId ? { accessKeyId } : {};
}

function recordableHeaders(headers: IncomingHttpHeaders): Record<string, string> {
  const result: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined) continue;
    result[name] = CREDENTIAL_HEADERS.has(name) ? '[redacted]' : Array.isArray(value) ? value.join(', ') : value;
  }
  return result;
}

/** What a gateway or proxy in the way sends instead of JSON. */
const HTML_ERROR_PAGE =
  '<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n' +
  '<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n';
/** A slow body arrives in this many pieces (fewer when it is shorter). */
const SLOW_CHUNKS = 20;
/** Lets the half body reach the client before the reset. */
const RESET_AFTER_MS = 10;

/** A timer that close() can cancel: it sits in `timers` until it fires. */
function later(timers: Set<NodeJS.Timeout>, action: () => void, ms: number): void {
  const timer = setTimeout(() => {
    timers.delete(timer);
    action();
  }, ms);
  timers.add(timer);
}

function transportFaults(decision: FaultDecision): string[] {
  const faults: string[] = [];
  if (decision.body === 'truncate') faults.push('truncate');
  if (decision.body === 'nonJson') faults.push('non-json');
  if (decision.delivery === 'reset') faults.push('reset');
  if (decision.delivery === 'drop') faults.push('drop');
  if (decision.slowBodyMs > 0) faults.push('slow');
  return faults;
}

/**
 * Writes an answer. With a fault decision the body may be replaced or cut, dribble out slowly, or
 * stop halfway with a TCP reset; the timers this needs go into `timers` so close() can stop them.
 */
function send(
  response: ServerResponse,
  answer:
    Answer | { readonly status: number; readonly body: unknown; readonly headers?: Readonly<Record<string, string>> },
  requestId: string,
  decision: FaultDecision | undefined,
  timers: Set<NodeJS.Timeout>,
): void {
  if (response.destroyed) return;
  if (decision?.delivery === 'drop') {
    // The work is done (the answer was computed); the client hears nothing but a reset.
    const socket = response.socket;
    if (socket && typeof socket.resetAndDestroy === 'function') socket.resetAndDestroy();
    else socket?.destroy();
    return;
  }
  let text = typeof answer.body === 'string' ? answer.body : JSON.stringify(answer.body);
  // A truncated body comes with a Content-Length that matches it: the cut happened upstream.
  if (decision?.body === 'nonJson') text = HTML_ERROR_PAGE;
  else if (decision?.body === 'truncate') text = text.slice(0, Math.floor(text.length / 2));
  const bytes = Buffer.from(text, 'utf8');
  const headers: Record<string, string | number> = {
    'content-type': 'application/json;charset=UTF-8',
    'content-length': bytes.length,
    'x-request-id': requestId,
  };
  // Injected headers may replace the defaults, e.g. an HTML content type from a broken proxy.
  for (const [name, value] of Object.entries(answer.headers ?? {})) headers[name.toLowerCase()] = value;
  // An injected Transfer-Encoding (chunked) sends a body of unannounced length, as streaming servers do.
  if (headers['transfer-encoding'] !== undefined) delete headers['content-length'];
  if (decision?.body === 'nonJson') headers['content-type'] = 'text/html';
  response.writeHead(answer.status, headers);
  if (!decision || (decision.delivery === 'whole' && decision.slowBodyMs === 0)) {
    response.end(bytes);
    return;
  }
  const reset = decision.delivery === 'reset';
  const sent = reset ? bytes.subarray(0, Math.floor(bytes.length / 2)) : bytes;
  const pieces = decision.slowBodyMs > 0 ? Math.max(1, Math.min(SLOW_CHUNKS, sent.length)) : 1;
  const size = Math.ceil(sent.length / pieces) || 1;
  const interval = decision.slowBodyMs / pieces;
  let offset = 0;
  const step = () => {
    if (response.destroyed) return;
    if (offset < sent.length) {
      response.write(sent.subarray(offset, offset + size));
      offset += size;
      if (interval > 0) later(timers, step, interval);
      else step();
      return;
    }
    if (!reset) {
      response.end();
      return;
    }
    response.flushHeaders();
    later(
      timers,
      () => {
        const socket = response.socket;
        if (!socket || socket.destroyed) return;
        // A reset rather than a clean close: the client reads ECONNRESET in the middle of the body.
        if (typeof socket.resetAndDestroy === 'function') socket.resetAndDestroy();
        else socket.destroy();
      },
      RESET_AFTER_MS,
    );
  };
  step();
}

/** A page's JSON with one more item first, whose status is an array nested 20,000 deep (written as text: no stringify survives it). */
function withHostileItem(page: { count: number; items: unknown[] }): string {
  const deep = '['.repeat(20_000) + ']'.repeat(20_000);
  const hostile = `{"id":"hostile-item","job_type":"CREATE_SERVER","status":${deep}}`;
  const items = page.items.map((item) => JSON.stringify(item));
  return `{"count":${page.count},"items":[${[hostile, ...items].join(',')}]}`;
}
