/**
 * Faults the simulator can inject: latency, error answers, throttling, broken bodies, expiring
 * tokens and sub-jobs that move while a listing is paged. Every decision comes from a seeded PRNG
 * that draws the same number of values for every request, so the n-th request of a run meets the
 * same fate whatever else the plan switches on.
 */
import { ACTIVE_STATUSES, isSubJobStatus, SubJobStatus } from '../model/subJob';
import { Random, seededRandom } from './random';

/** The environment variable cli.ts and the extension's sample mode read a plan from. */
export const FAULTS_ENV = 'WORKSPACE_JOBS_SIM_FAULTS';
export const DEFAULT_FAULT_SEED = 0xfa017;
export const DEFAULT_ERROR_STATUSES: readonly number[] = [500, 503];

export interface FaultPlan {
  /** Delay before each answer; replaces the simulator's latencyMs option while set. */
  readonly latencyMs?: number;
  /** Each delay is drawn evenly from latency ± jitter (never below 0). */
  readonly jitterMs?: number;
  /** This share of requests is answered with one of the statuses (500 and 503 by default). */
  readonly errorRate?: { readonly rate: number; readonly statuses?: readonly number[] };
  /** This share of requests is refused by the gateway: 429 APIGW.0308 with Retry-After. */
  readonly throttle?: { readonly rate: number; readonly retryAfterSeconds?: number };
  /** Share of answers whose connection is reset (TCP RST) after half the body. */
  readonly resetMidBody?: number;
  /**
   * Share of requests the service handles (a delete deletes) whose connection is then reset before
   * any answer: the client cannot tell whether the call did anything.
   */
  readonly dropAnswer?: number;
  /** Share of answers whose body is cut in half (with a Content-Length that matches the cut). */
  readonly truncateBody?: number;
  /** Share of answers whose body is an HTML error page instead of JSON. */
  readonly nonJson?: number;
  /** Every body dribbles out in small chunks over this many ms. */
  readonly slowBodyMs?: number;
  /** A token is refused as expired (401 APIGW.0301) once it has been presented this many times. */
  readonly tokenExpiresAfter?: number;
  /** Moves sub-jobs between statuses while listings are paged, to make pages shift. */
  readonly shift?: ShiftPlan;
  /** Seeds the decisions; the same seed and plan make the same n-th decision. */
  readonly seed?: number;
  /**
   * Actions the caller's IAM policy does not grant, as a least-privilege custom policy leaves them
   * out: each is answered 403 WKS.00081102 once the caller is authenticated.
   */
  readonly deny?: readonly SimulatedAction[];
  /** The order ListImageSubJobs answers in: newest first (the default) or oldest first. No document says which. */
  readonly listOrder?: ListOrder;
  /** What ShowImageJob answers for a job it does not know: 404 (the default) or 400, as the real service may. */
  readonly unknownJobStatus?: 400 | 404;
  /**
   * Every first list page (offset 0) carries one more item, first, whose status is an array nested
   * 20,000 deep: an answer built to hurt (JSON.stringify of it overflows the stack).
   */
  readonly hostileItem?: boolean;
  /**
   * Which job types CountSubJobs (app servers) takes: all ten ListSubJobs takes (the default, as
   * the facts file infers) or only the four its API page documents; any other is a 400 WKS.00211102.
   */
  readonly countJobTypes?: CountJobTypes;
}

/** CountSubJobs' job_type enum: ListSubJobs' ten, or the four the CountSubJobs page lists. */
export type CountJobTypes = 'all' | 'documented';

/**
 * The calls an IAM policy can grant one by one, by the action's last part; IAM_ACTIONS has the
 * whole name, as the API pages' identity-policy tables give it (ShowImageJob is an images action).
 */
export const SIMULATED_ACTIONS = [
  'listImageSubJobs',
  'countImageSubJobs',
  'getImageJob',
  'batchDeleteImageSubJobs',
  'listSubJobs',
  'countSubJobs',
  'getJob',
  'batchDeleteSubJobs',
  /** IAM's caller-identity calls together (Who Am I): validate a token, list the domains, show an access key. */
  'callerIdentity',
] as const;
export type SimulatedAction = (typeof SIMULATED_ACTIONS)[number];

export const IAM_ACTIONS: Readonly<Record<SimulatedAction, string>> = {
  listImageSubJobs: 'workspace:imageServer:listImageSubJobs',
  countImageSubJobs: 'workspace:imageServer:countImageSubJobs',
  getImageJob: 'workspace:images:getImageJob',
  batchDeleteImageSubJobs: 'workspace:imageServer:batchDeleteImageSubJobs',
  // The app-server family's calls (ListSubJobs, CountSubJobs as their API pages name them; the
  // pages of ShowJobDetail and BatchDeleteAppSubJobs name none, so these two follow the pattern).
  listSubJobs: 'workspace:jobs:listSubJobs',
  countSubJobs: 'workspace:jobs:countSubJobs',
  getJob: 'workspace:jobs:getJob',
  batchDeleteSubJobs: 'workspace:jobs:batchDeleteSubJobs',
  // What an administrator needs to look up another user's key; a user's own needs none, but a policy can still deny.
  callerIdentity: 'iam:credentials:getCredential',
};
export type ListOrder = 'newest' | 'oldest';

export interface ShiftPlan {
  /** After every n-th list answer one sub-job moves. */
  readonly everyRequests: number;
  /** Which status it leaves: the newest sub-job in it moves. Any active status by default. */
  readonly from?: SubJobStatus;
  /** Where it goes; by default where it would go next (WAITING → RUNNING → SUCCESS, ROLLBACK/ABORTING → FAILED). */
  readonly to?: SubJobStatus;
  /** At most this many moves; unlimited by default. */
  readonly max?: number;
}

/** What happens to one request. */
export interface FaultDecision {
  readonly delayMs: number;
  /** Answer 429 with this Retry-After instead of anything else. */
  readonly throttle?: { readonly retryAfterSeconds: number };
  /** Answer this error status instead. */
  readonly errorStatus?: number;
  readonly body: 'intact' | 'truncate' | 'nonJson';
  /** 'drop': the request is handled, then the connection is reset before the status line. */
  readonly delivery: 'whole' | 'reset' | 'drop';
  /** 0: the body goes in one write. */
  readonly slowBodyMs: number;
}

export class FaultPlanError extends Error {
  constructor(message: string) {
    super(`Invalid fault plan: ${message}`);
    this.name = 'FaultPlanError';
  }
}

const NEXT_STATUS: Readonly<Partial<Record<SubJobStatus, SubJobStatus>>> = {
  WAITING: 'RUNNING',
  RUNNING: 'SUCCESS',
  ROLLBACK: 'FAILED',
  ABORTING: 'FAILED',
};

/** Where a sub-job in `status` moves to when a shift plan names no target. */
export function nextStatus(status: SubJobStatus): SubJobStatus | undefined {
  return NEXT_STATUS[status];
}

const MAX_MS = 10 * 60_000;
const PLAN_KEYS = new Set([
  'latencyMs',
  'jitterMs',
  'errorRate',
  'throttle',
  'resetMidBody',
  'dropAnswer',
  'truncateBody',
  'nonJson',
  'slowBodyMs',
  'tokenExpiresAfter',
  'shift',
  'seed',
  'deny',
  'listOrder',
  'unknownJobStatus',
  'hostileItem',
  'countJobTypes',
]);

/** Checks a plan that came from JSON (the control endpoint, the environment); returns a clean copy. */
export function normalizeFaults(input: unknown): FaultPlan {
  if (typeof input !== 'object' || input === null || Array.isArray(input))
    throw new FaultPlanError('expected an object');
  const raw = input as Record<string, unknown>;
  for (const key of Object.keys(raw)) {
    if (!PLAN_KEYS.has(key))
      throw new FaultPlanError(`unknown field ${JSON.stringify(key)}; known: ${[...PLAN_KEYS].join(', ')}`);
  }
  const plan: { -readonly [K in keyof FaultPlan]: FaultPlan[K] } = {};
  if (raw.latencyMs !== undefined) plan.latencyMs = integer('latencyMs', raw.latencyMs, 0, MAX_MS);
  if (raw.jitterMs !== undefined) plan.jitterMs = integer('jitterMs', raw.jitterMs, 0, MAX_MS);
  if (raw.errorRate !== undefined) {
    const e = object('errorRate', raw.errorRate);
    const statuses = e.statuses === undefined ? undefined : statusList('errorRate.statuses', e.statuses);
    plan.errorRate = { rate: rate('errorRate.rate', e.rate), ...(statuses && { statuses }) };
  }
  if (raw.throttle !== undefined) {
    const t = object('throttle', raw.throttle);
    plan.throttle = {
      rate: rate('throttle.rate', t.rate),
      ...(t.retryAfterSeconds !== undefined && {
        retryAfterSeconds: integer('throttle.retryAfterSeconds', t.retryAfterSeconds, 0, 3600),
      }),
    };
  }
  if (raw.resetMidBody !== undefined) plan.resetMidBody = rate('resetMidBody', raw.resetMidBody);
  if (raw.dropAnswer !== undefined) plan.dropAnswer = rate('dropAnswer', raw.dropAnswer);
  if (raw.truncateBody !== undefined) plan.truncateBody = rate('truncateBody', raw.truncateBody);
  if (raw.nonJson !== undefined) plan.nonJson = rate('nonJson', raw.nonJson);
  if (raw.slowBodyMs !== undefined) plan.slowBodyMs = integer('slowBodyMs', raw.slowBodyMs, 0, MAX_MS);
  if (raw.tokenExpiresAfter !== undefined)
    plan.tokenExpiresAfter = integer('tokenExpiresAfter', raw.tokenExpiresAfter, 0, Number.MAX_SAFE_INTEGER);
  if (raw.shift !== undefined) {
    const s = object('shift', raw.shift);
    plan.shift = {
      everyRequests: integer('shift.everyRequests', s.everyRequests, 1, Number.MAX_SAFE_INTEGER),
      ...(s.from !== undefined && { from: status('shift.from', s.from) }),
      ...(s.to !== undefined && { to: status('shift.to', s.to) }),
      ...(s.max !== undefined && { max: integer('shift.max', s.max, 0, Number.MAX_SAFE_INTEGER) }),
    };
  }
  if (raw.seed !== undefined) plan.seed = integer('seed', raw.seed, 0, 0xffffffff);
  if (raw.deny !== undefined) plan.deny = actionList(raw.deny);
  if (raw.listOrder !== undefined) {
    if (raw.listOrder !== 'newest' && raw.listOrder !== 'oldest')
      throw new FaultPlanError(`listOrder must be "newest" or "oldest", got ${JSON.stringify(raw.listOrder)}`);
    plan.listOrder = raw.listOrder;
  }
  if (raw.hostileItem !== undefined) {
    if (typeof raw.hostileItem !== 'boolean')
      throw new FaultPlanError(`hostileItem must be true or false, got ${JSON.stringify(raw.hostileItem)}`);
    if (raw.hostileItem) plan.hostileItem = true;
  }
  if (raw.countJobTypes !== undefined) {
    if (raw.countJobTypes !== 'all' && raw.countJobTypes !== 'documented')
      throw new FaultPlanError(`countJobTypes must be "all" or "documented", got ${JSON.stringify(raw.countJobTypes)}`);
    if (raw.countJobTypes === 'documented') plan.countJobTypes = 'documented';
  }
  if (raw.unknownJobStatus !== undefined) {
    if (raw.unknownJobStatus !== 400 && raw.unknownJobStatus !== 404)
      throw new FaultPlanError(`unknownJobStatus must be 400 or 404, got ${JSON.stringify(raw.unknownJobStatus)}`);
    plan.unknownJobStatus = raw.unknownJobStatus;
  }
  return plan;
}

/**
 * A plan from text: JSON (`{"latencyMs":50}`) or the compact form, comma-separated:
 *   latency=50  jitter=20  503=0.2  500/503=0.2  5xx=0.2  429=0.1[:retryAfterSeconds]
 *   reset=0.05  drop=0.05  truncate=0.05  nonjson=0.05  slow=2000  expire=N  shift=N[:FROM>TO][:MAX]  seed=N
 *   deny=countImageSubJobs[/getImageJob…] (app servers: listSubJobs, countSubJobs, getJob, batchDeleteSubJobs; IAM: callerIdentity)
 *   order=oldest  unknownjob=400  hostile=1   (order, unknownjob, hostile and shift apply to both families)
 *   counttypes=documented   (CountSubJobs takes only the four job types its API page lists)
 * An empty text is the empty plan (no faults).
 */
export function parseFaults(text: string): FaultPlan {
  const trimmed = text.trim();
  if (trimmed === '') return {};
  if (trimmed.startsWith('{')) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(trimmed);
    } catch (error) {
      throw new FaultPlanError(`not valid JSON (${(error as Error).message})`);
    }
    return normalizeFaults(parsed);
  }
  const plan: Record<string, unknown> = {};
  const seen = new Set<string>();
  for (const part of trimmed.split(',')) {
    const item = part.trim();
    if (item === '') continue;
    const eq = item.indexOf('=');
    if (eq <= 0) throw new FaultPlanError(`${JSON.stringify(item)} is not key=value`);
    const key = item.slice(0, eq).trim().toLowerCase();
    const value = item.slice(eq + 1).trim();
    const errorStatuses = errorKey(key);
    const field = errorStatuses ? 'errorRate' : key;
    if (seen.has(field))
      throw new FaultPlanError(
        `${JSON.stringify(key)} given twice${errorStatuses ? ' (one error rate; mix statuses as 500/503=0.2)' : ''}`,
      );
    seen.add(field);
    if (errorStatuses) {
      plan.errorRate = { rate: number(key, value), statuses: errorStatuses };
      continue;
    }
    switch (key) {
      case 'latency':
        plan.latencyMs = number(key, value);
        break;
      case 'jitter':
        plan.jitterMs = number(key, value);
        break;
      case '429': {
        const [r, retry] = value.split(':');
        plan.throttle = {
          rate: number(key, r),
          ...(retry !== undefined && { retryAfterSeconds: number(`${key} Retry-After`, retry) }),
        };
        break;
      }
      case 'reset':
        plan.resetMidBody = number(key, value);
        break;
      case 'drop':
        plan.dropAnswer = number(key, value);
        break;
      case 'truncate':
        plan.truncateBody = number(key, value);
        break;
      case 'nonjson':
      case 'html':
        plan.nonJson = number(key, value);
        break;
      case 'slow':
        plan.slowBodyMs = number(key, value);
        break;
      case 'expire':
        plan.tokenExpiresAfter = number(key, value);
        break;
      case 'seed':
        plan.seed = number(key, value);
        break;
      case 'shift':
        plan.shift = compactShift(value);
        break;
      case 'deny':
        plan.deny = value.split('/').map((action) => action.trim());
        break;
      case 'order':
        plan.listOrder = value;
        break;
      case 'unknownjob':
        plan.unknownJobStatus = number(key, value);
        break;
      case 'hostile':
        plan.hostileItem = number(key, value) === 1;
        break;
      case 'counttypes':
        plan.countJobTypes = value;
        break;
      default:
        throw new FaultPlanError(`unknown key ${JSON.stringify(key)}`);
    }
  }
  return normalizeFaults(plan);
}

/** The compact form of a plan, as parseFaults reads it; '' for no faults. */
export function formatFaults(plan: FaultPlan): string {
  const parts: string[] = [];
  if (plan.latencyMs !== undefined) parts.push(`latency=${plan.latencyMs}`);
  if (plan.jitterMs !== undefined) parts.push(`jitter=${plan.jitterMs}`);
  if (plan.errorRate)
    parts.push(`${(plan.errorRate.statuses ?? DEFAULT_ERROR_STATUSES).join('/')}=${plan.errorRate.rate}`);
  if (plan.throttle)
    parts.push(
      `429=${plan.throttle.rate}${plan.throttle.retryAfterSeconds !== undefined ? `:${plan.throttle.retryAfterSeconds}` : ''}`,
    );
  if (plan.resetMidBody !== undefined) parts.push(`reset=${plan.resetMidBody}`);
  if (plan.dropAnswer !== undefined) parts.push(`drop=${plan.dropAnswer}`);
  if (plan.truncateBody !== undefined) parts.push(`truncate=${plan.truncateBody}`);
  if (plan.nonJson !== undefined) parts.push(`nonjson=${plan.nonJson}`);
  if (plan.slowBodyMs !== undefined) parts.push(`slow=${plan.slowBodyMs}`);
  if (plan.tokenExpiresAfter !== undefined) parts.push(`expire=${plan.tokenExpiresAfter}`);
  if (plan.shift) {
    const s = plan.shift;
    const move = s.from || s.to ? `:${s.from ?? ''}>${s.to ?? ''}` : s.max !== undefined ? ':' : '';
    parts.push(`shift=${s.everyRequests}${move}${s.max !== undefined ? `:${s.max}` : ''}`);
  }
  if (plan.seed !== undefined) parts.push(`seed=${plan.seed}`);
  if (plan.deny?.length) parts.push(`deny=${plan.deny.join('/')}`);
  if (plan.listOrder) parts.push(`order=${plan.listOrder}`);
  if (plan.unknownJobStatus !== undefined) parts.push(`unknownjob=${plan.unknownJobStatus}`);
  if (plan.hostileItem) parts.push('hostile=1');
  if (plan.countJobTypes) parts.push(`counttypes=${plan.countJobTypes}`);
  return parts.join(',');
}

/**
 * The plan in WORKSPACE_JOBS_SIM_FAULTS, or undefined when it is unset or empty. Throws
 * FaultPlanError (naming the variable) when it cannot be read, so a typo is not silently ignored.
 */
export function faultsFromEnvironment(
  env: Readonly<Record<string, string | undefined>> = process.env,
): FaultPlan | undefined {
  const text = env[FAULTS_ENV];
  if (text === undefined || text.trim() === '') return undefined;
  try {
    return parseFaults(text);
  } catch (error) {
    throw new FaultPlanError(`${FAULTS_ENV}: ${(error as Error).message.replace(/^Invalid fault plan: /, '')}`);
  }
}

/** Draws per request, whatever the plan: keeps the n-th decision independent of which faults are on. */
const DRAWS_PER_REQUEST = 7;
/** Distinct tokens tracked for expiry; a simulator never sees more than a handful. */
const MAX_TRACKED_TOKENS = 1000;

/** Holds the current plan and makes its decisions. */
export class FaultInjector {
  private current: FaultPlan = {};
  private random: Random = seededRandom(DEFAULT_FAULT_SEED);
  private readonly tokenUses = new Map<string, { uses: number; expiredAt?: number }>();
  private listAnswers = 0;
  private shifts = 0;
  /** Requests decided since the plan was set. */
  decided = 0;

  constructor(
    plan: FaultPlan = {},
    /** The simulator's own latency, used while the plan sets none. */
    private readonly baseLatencyMs = 0,
  ) {
    this.set(plan);
  }

  get plan(): FaultPlan {
    return this.current;
  }

  /** Replaces the plan; the PRNG, token uses and shift counts start over. */
  set(plan: FaultPlan | string): void {
    this.current = typeof plan === 'string' ? parseFaults(plan) : normalizeFaults(plan);
    this.random = seededRandom(this.current.seed ?? DEFAULT_FAULT_SEED);
    this.tokenUses.clear();
    this.listAnswers = 0;
    this.shifts = 0;
    this.decided = 0;
  }

  clear(): void {
    this.set({});
  }

  decide(): FaultDecision {
    const rolls = Array.from({ length: DRAWS_PER_REQUEST }, () => this.random());
    const [throttleRoll, errorRoll, errorPick, jitterRoll, resetRoll, truncateRoll, nonJsonRoll] = rolls;
    this.decided++;
    const p = this.current;
    const latency = p.latencyMs ?? this.baseLatencyMs;
    const jitter = p.jitterMs ?? 0;
    const delayMs = Math.max(0, Math.round(latency + (jitterRoll * 2 - 1) * jitter));
    const statuses = p.errorRate?.statuses?.length ? p.errorRate.statuses : DEFAULT_ERROR_STATUSES;
    return {
      delayMs,
      ...(p.throttle &&
        throttleRoll < p.throttle.rate && { throttle: { retryAfterSeconds: p.throttle.retryAfterSeconds ?? 1 } }),
      ...(p.errorRate &&
        errorRoll < p.errorRate.rate && { errorStatus: statuses[Math.floor(errorPick * statuses.length)] }),
      body:
        p.truncateBody !== undefined && truncateRoll < p.truncateBody
          ? 'truncate'
          : p.nonJson !== undefined && nonJsonRoll < p.nonJson
            ? 'nonJson'
            : 'intact',
      // One roll for both: a drop takes the share after the reset's, so no extra draw shifts later requests.
      delivery:
        p.resetMidBody !== undefined && resetRoll < p.resetMidBody
          ? 'reset'
          : p.dropAnswer !== undefined && resetRoll < (p.resetMidBody ?? 0) + p.dropAnswer
            ? 'drop'
            : 'whole',
      slowBodyMs: p.slowBodyMs ?? 0,
    };
  }

  /**
   * Counts one presentation of a token the gateway would otherwise accept. Returns when it expired
   * once it has been used more than tokenExpiresAfter times; undefined while it is still good.
   */
  useToken(token: string, now: number): number | undefined {
    const limit = this.current.tokenExpiresAfter;
    if (limit === undefined) return undefined;
    let entry = this.tokenUses.get(token);
    if (!entry) {
      if (this.tokenUses.size >= MAX_TRACKED_TOKENS) this.tokenUses.clear();
      this.tokenUses.set(token, (entry = { uses: 0 }));
    }
    entry.uses++;
    if (entry.uses <= limit) return undefined;
    entry.expiredAt ??= now;
    return entry.expiredAt;
  }

  /** Counts a list answer; returns the shift plan when a sub-job should move now. */
  shiftDue(): ShiftPlan | undefined {
    const shift = this.current.shift;
    if (!shift) return undefined;
    this.listAnswers++;
    if (this.listAnswers % shift.everyRequests !== 0) return undefined;
    if (shift.max !== undefined && this.shifts >= shift.max) return undefined;
    return shift;
  }

  /** Records that a due shift moved a sub-job (one with nothing to move does not count toward max). */
  shifted(): void {
    this.shifts++;
  }

  /** The statuses a shift may take a sub-job from. */
  static shiftSources(shift: ShiftPlan): readonly SubJobStatus[] {
    return shift.from ? [shift.from] : ACTIVE_STATUSES;
  }
}

function errorKey(key: string): number[] | undefined {
  if (key === '5xx' || key === 'errors') return [...DEFAULT_ERROR_STATUSES];
  if (!/^\d{3}(\/\d{3})*$/.test(key) || key === '429') return undefined;
  return key.split('/').map(Number);
}

function compactShift(value: string): ShiftPlan {
  const [every, move, max] = value.split(':');
  const shift: Record<string, unknown> = { everyRequests: number('shift', every) };
  if (move) {
    const [from, to] = move.split('>');
    if (to === undefined) throw new FaultPlanError(`shift move ${JSON.stringify(move)} is not FROM>TO`);
    if (from) shift.from = from.trim().toUpperCase();
    if (to) shift.to = to.trim().toUpperCase();
  }
  if (max !== undefined && max !== '') shift.max = number('shift max', max);
  return shift as unknown as ShiftPlan;
}

function number(name: string, text: string): number {
  const value = text.trim() === '' ? NaN : Number(text);
  if (!Number.isFinite(value)) throw new FaultPlanError(`${name}: ${JSON.stringify(text)} is not a number`);
  return value;
}

function object(name: string, value: unknown): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw new FaultPlanError(`${name} must be an object`);
  return value as Record<string, unknown>;
}

function rate(name: string, value: unknown): number {
  if (typeof value !== 'number' || !(value >= 0 && value <= 1))
    throw new FaultPlanError(`${name} must be a number from 0 to 1, got ${JSON.stringify(value)}`);
  return value;
}

function integer(name: string, value: unknown, min: number, max: number): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw new FaultPlanError(`${name} must be an integer from ${min} to ${max}, got ${JSON.stringify(value)}`);
  }
  return value;
}

function statusList(name: string, value: unknown): number[] {
  if (!Array.isArray(value) || value.length === 0)
    throw new FaultPlanError(`${name} must be a non-empty array of HTTP statuses`);
  return value.map((status, i) => integer(`${name}[${i}]`, status, 400, 599));
}

function actionList(value: unknown): SimulatedAction[] {
  const known: readonly string[] = SIMULATED_ACTIONS;
  if (!Array.isArray(value)) throw new FaultPlanError('deny must be an array of actions');
  return value.map((action, i) => {
    if (typeof action !== 'string' || !known.includes(action))
      throw new FaultPlanError(`deny[${i}] must be one of ${known.join(', ')}, got ${JSON.stringify(action)}`);
    return action as SimulatedAction;
  });
}

function status(name: string, value: unknown): SubJobStatus {
  if (!isSubJobStatus(value))
    throw new FaultPlanError(`${name} must be a sub-job status, got ${JSON.stringify(value)}`);
  return value;
}
