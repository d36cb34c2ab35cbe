/**
 * The simulator's control endpoint, so a demo can switch faults on and off while the extension
 * watches. It is the simulator's own (no real service has it), needs no credentials, and only
 * answers requests from this machine that no web page could have sent:
 *
 *   GET    /__control/faults   → {faults, compact}
 *   PUT    /__control/faults   ← a plan as JSON or in the compact form (see parseFaults); replaces it
 *   PATCH  /__control/faults   ← a JSON plan whose fields replace those of the current one
 *   DELETE /__control/faults   → no faults
 *   PUT    /__control/sub-jobs/{image|app-server}/{id}/status
 *          ← {"status": "FAILED", "error_code"?: "WKS…", "error_message"?: "…"}; → the sub-job as it is now
 *   GET    /__control/requests → {requests: [{method, path, query, status, time, fault?}]}, oldest first
 *   DELETE /__control/requests → forgets them (a test counts its POSTs from there)
 *
 * Plus helpers to call it from scripts.
 */
import { IncomingHttpHeaders } from 'node:http';
import { FaultPlan, FaultPlanError, formatFaults, normalizeFaults, parseFaults } from './faults';

export const CONTROL_PREFIX = '/__control/';
export const FAULTS_PATH = '/__control/faults';
export const REQUESTS_PATH = '/__control/requests';
/** /__control/sub-jobs/{family}/{id}/status, family `image` or `app-server`. */
const STATUS_PATH = /^\/__control\/sub-jobs\/(image|app-server)\/([^/]+)\/status$/;

export interface ControlTarget {
  readonly faults: FaultPlan;
  setFaults(plan: FaultPlan | string): void;
  clearFaults(): void;
  readonly requests: ReadonlyArray<{
    readonly method: string;
    readonly path: string;
    readonly query: Readonly<Record<string, string>>;
    readonly status: number;
    readonly time: number;
    readonly fault?: string;
  }>;
  clearRequests(): void;
  setStatus(id: string, status: string, error?: { code: string; message: string }): void;
  setAppServerStatus(id: string, status: string, error?: { code: string; message: string }): void;
  subJob(id: string): unknown;
  appServerSubJob(id: string): unknown;
}

export interface ControlRequest {
  readonly method: string;
  readonly pathname: string;
  readonly headers: IncomingHttpHeaders;
  readonly remoteAddress: string | undefined;
  readonly body: string;
  /** The port the simulator listens on, to check the Host header against. */
  readonly port: number;
}

export interface ControlAnswer {
  readonly status: number;
  readonly body: unknown;
  readonly headers?: Readonly<Record<string, string>>;
}

const LOOPBACK_ADDRESSES = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);

export function isControlPath(pathname: string): boolean {
  return pathname.startsWith(CONTROL_PREFIX);
}

/** Answers a request under /__control/. */
export function controlAnswer(target: ControlTarget, request: ControlRequest): ControlAnswer {
  const refusal = refuse(request);
  if (refusal) return { status: 403, body: { error_code: 'SIM.0403', error_msg: refusal } };
  if (request.pathname === REQUESTS_PATH) return requestsAnswer(target, request.method);
  const statusPath = STATUS_PATH.exec(request.pathname);
  if (statusPath) return statusAnswer(target, request, statusPath[1] === 'app-server', statusPath[2]);
  if (request.pathname !== FAULTS_PATH) {
    return {
      status: 404,
      body: {
        error_code: 'SIM.0404',
        error_msg: `No control endpoint ${request.pathname}; try ${FAULTS_PATH}, ${REQUESTS_PATH} or /__control/sub-jobs/{image|app-server}/{id}/status`,
      },
    };
  }
  try {
    switch (request.method) {
      case 'GET':
        break;
      case 'PUT':
        target.setFaults(parseFaults(request.body));
        break;
      case 'PATCH': {
        const patch = request.body.trim() === '' ? {} : (JSON.parse(request.body) as unknown);
        target.setFaults({ ...target.faults, ...normalizeFaults(patch) });
        break;
      }
      case 'DELETE':
        target.clearFaults();
        break;
      default:
        return {
          status: 405,
          body: { error_code: 'SIM.0405', error_msg: `Method ${request.method} is not supported here` },
          headers: { Allow: 'GET, PUT, PATCH, DELETE' },
        };
    }
  } catch (error) {
    if (error instanceof FaultPlanError || error instanceof SyntaxError) {
      return { status: 400, body: { error_code: 'SIM.0400', error_msg: error.message } };
    }
    throw error;
  }
  return { status: 200, body: describe(target.faults) };
}

function notSupported(method: string, allow: string): ControlAnswer {
  return {
    status: 405,
    body: { error_code: 'SIM.0405', error_msg: `Method ${method} is not supported here` },
    headers: { Allow: allow },
  };
}

/** The request log without headers or bodies: what a test counts calls by. */
function requestsAnswer(target: ControlTarget, method: string): ControlAnswer {
  if (method === 'DELETE') target.clearRequests();
  else if (method !== 'GET') return notSupported(method, 'GET, DELETE');
  const requests = target.requests.map(({ method, path, query, status, time, fault }) => ({
    method,
    path,
    query,
    status,
    time,
    ...(fault !== undefined && { fault }),
  }));
  return { status: 200, body: { requests } };
}

/** Forces one sub-job's status, as setStatus and setAppServerStatus do in-process. */
function statusAnswer(
  target: ControlTarget,
  request: ControlRequest,
  appServer: boolean,
  idSegment: string,
): ControlAnswer {
  if (request.method !== 'PUT') return notSupported(request.method, 'PUT');
  const refused = (message: string): ControlAnswer => ({
    status: 400,
    body: { error_code: 'SIM.0400', error_msg: message },
  });
  let body: unknown;
  try {
    body = JSON.parse(request.body);
  } catch {
    return refused('Expected a JSON body {"status": "...", "error_code"?: "...", "error_message"?: "..."}');
  }
  const { status, error_code: code, error_message: message } = (body ?? {}) as Record<string, unknown>;
  if (typeof status !== 'string' || status === '') return refused('status must be a non-empty string');
  if ((code !== undefined && typeof code !== 'string') || (message !== undefined && typeof message !== 'string'))
    return refused('error_code and error_message must be strings');
  let id: string;
  try {
    id = decodeURIComponent(idSegment);
  } catch {
    return refused('The sub-job id in the path is not valid percent-encoding');
  }
  const error = code !== undefined ? { code, message: message ?? '' } : undefined;
  try {
    if (appServer) target.setAppServerStatus(id, status, error);
    else target.setStatus(id, status, error);
  } catch (error) {
    return { status: 404, body: { error_code: 'SIM.0404', error_msg: (error as Error).message } };
  }
  return { status: 200, body: appServer ? target.appServerSubJob(id) : target.subJob(id) };
}

/** Why a control request is refused, or undefined when it may go ahead. */
/** Why a control request is refused (not loopback, from a web page, a rebound Host), or undefined. */
export function refuse(request: Pick<ControlRequest, 'headers' | 'remoteAddress' | 'port'>): string | undefined {
  if (!request.remoteAddress || !LOOPBACK_ADDRESSES.has(request.remoteAddress))
    return 'The control endpoint only answers loopback clients';
  // A browser adds Origin to cross-site writes; a page must not reconfigure the simulator.
  if (request.headers.origin !== undefined)
    return 'The control endpoint refuses requests from web pages (Origin header present)';
  // DNS rebinding: a hostile name resolving to 127.0.0.1 still carries that name in Host.
  const host = request.headers.host ?? '';
  const allowed = [`127.0.0.1:${request.port}`, `localhost:${request.port}`, `[::1]:${request.port}`];
  if (!allowed.includes(host.toLowerCase())) return `The control endpoint refuses Host ${JSON.stringify(host)}`;
  return undefined;
}

export interface FaultsDescription {
  readonly faults: FaultPlan;
  /** The same plan in the compact form. */
  readonly compact: string;
}

function describe(plan: FaultPlan): FaultsDescription {
  return { faults: plan, compact: formatFaults(plan) };
}

/** The plan a running simulator (its url, http://127.0.0.1:PORT) injects. */
export async function getRemoteFaults(url: string): Promise<FaultsDescription> {
  return control(url, 'GET');
}

/** Replaces a running simulator's plan. */
export async function setRemoteFaults(url: string, plan: FaultPlan | string): Promise<FaultsDescription> {
  return control(url, 'PUT', typeof plan === 'string' ? plan : JSON.stringify(plan));
}

export async function clearRemoteFaults(url: string): Promise<FaultsDescription> {
  return control(url, 'DELETE');
}

async function control(url: string, method: string, body?: string): Promise<FaultsDescription> {
  const response = await fetch(new URL(FAULTS_PATH, url), {
    method,
    ...(body !== undefined && {
      body,
      headers: { 'Content-Type': body.startsWith('{') ? 'application/json' : 'text/plain' },
    }),
  });
  const answer = (await response.json()) as FaultsDescription & { error_msg?: string };
  if (!response.ok)
    throw new Error(
      `simulator control ${method} ${FAULTS_PATH}: HTTP ${response.status} ${answer.error_msg ?? ''}`.trim(),
    );
  return answer;
}
