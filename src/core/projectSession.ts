import { setMaxListeners } from 'node:events';
import * as l10n from '@vscode/l10n';
import { ApiError, describeError, isAbort } from '../api/errors';
import { Logger, silentLogger } from '../api/logger';
import { listNewest, PageSource } from '../api/newestPages';
import { CountSource, countByStatus, unknownStatusCount } from '../api/statusCounts';
import type { ImageJob, ListQuery, ListResult, SubJobRef } from '../api/subJobClient';
import { findById, findUnknownStatuses } from '../api/scanNewest';
import { groupByStatus } from '../model/statusGroups';
import {
  ACTIVE_STATUSES,
  isActiveStatus,
  isSubJobStatus,
  JOB_TYPES,
  JobType,
  STATUSES,
  SubJob,
  SubJobStatus,
} from '../model/subJob';
import { activeSubJobs, leftActive, MAX_TRANSITION_LOOKUPS, Transition, transitionsOf } from './transitions';
import { Clock, systemClock } from './clock';
import { RefreshKind } from './refreshPolicy';
import { RefreshOutcome, RefreshScheduler } from './refreshScheduler';
import {
  diffStates,
  EMPTY_STATE,
  GroupState,
  hasActive,
  isNoChange,
  orderedCounts,
  RefreshFailure,
  SessionChange,
  SessionProblem,
  SessionState,
} from './sessionState';

/** Sub-jobs a status group shows at first, and how many more each "Show more" adds. */
export const GROUP_PAGE = 200;

/** What the session asks the API, after the filter. */
export interface SessionQuery {
  readonly jobTypes: readonly JobType[];
  /** Only these status groups; absent = all, plus statuses this version does not know. */
  readonly statuses?: readonly SubJobStatus[];
  readonly jobId?: string;
}

/** Everything that identifies a session: a change of any of it is a new session. */
export interface SessionSpec {
  /** endpoint|projectId: equal keys are the same data. */
  readonly key: string;
  readonly projectId: string;
  /** What the user named the project, if anything. */
  readonly name?: string;
  /** Region, or the endpoint's host when overridden, or "simulator". */
  readonly location: string;
  readonly endpoint: string;
  readonly sampleData: boolean;
  /** Which credential is in use, in words that reveal no secret. */
  readonly credential: string;
  /** An access key, which five bad signatures in a row lock: try one request before many. */
  readonly cautious?: boolean;
  readonly query: SessionQuery;
}

/** The calls a session makes. */
export interface SessionClient extends CountSource, PageSource {
  findSubJob(ref: SubJobRef, signal: AbortSignal): Promise<SubJob | undefined>;
  showJob(jobId: string, signal: AbortSignal): Promise<ImageJob>;
  listAll(query: ListQuery, signal: AbortSignal): Promise<ListResult>;
  batchDelete(ids: readonly string[], signal: AbortSignal): Promise<void>;
  close(): Promise<void>;
}

/** What one refresh did, for whoever reacts to outcomes (token renewal, notifications, the status bar, the log). */
export interface RefreshReport {
  readonly ok: boolean;
  readonly kind: RefreshKind;
  readonly reason: string;
  readonly requests: number;
  readonly failure?: RefreshFailure;
  /**
   * Sub-jobs seen active at the previous refresh that have ended since (only while tracking, and
   * never on a session's first refresh: nothing was seen before it).
   */
  readonly transitions: readonly Transition[];
  /** Sub-jobs that ended too but were not looked up (more than MAX_TRANSITION_LOOKUPS at once). */
  readonly unresolved: number;
  /** Time since the previous successful refresh, when there was one: a long gap means the user was away. */
  readonly sinceLastMs?: number;
}

export interface SessionDeps {
  readonly clock?: Clock;
  readonly logger?: Logger;
}

type Listener<T> = (value: T) => void;

/**
 * Everything about one project: its connection (a client, or the problem that keeps it from having
 * one), its counts and loaded status groups, its refresh schedule, and the outcome of each refresh,
 * which it publishes. Counts come first — one count call per status, all at once, whatever the
 * number of sub-jobs — and a group's sub-jobs only when it is expanded.
 */
export class ProjectSession {
  private current: SessionState;
  private readonly scheduler: RefreshScheduler;
  private readonly expanded = new Set<string>();
  private readonly limits = new Map<string, number>();
  /** Groups loading now, with how many each asks for, so concurrent expansions share one load. */
  private readonly loading = new Map<string, { done: Promise<void>; limit: number }>();
  private readonly changeListeners = new Set<Listener<SessionChange>>();
  private readonly refreshListeners = new Set<Listener<RefreshReport>>();
  private inFlight: { controller: AbortController; done: Promise<unknown> } | undefined;
  /** Orders answers: a sub-job seen in two groups belongs to the later answer's. */
  private answers = 0;
  private requests = 0;
  private disposed = false;
  private readonly clock: Clock;
  private readonly logger: Logger;

  constructor(
    readonly spec: SessionSpec,
    private readonly client: SessionClient | undefined,
    problem: SessionProblem | undefined,
    deps: SessionDeps = {},
  ) {
    this.clock = deps.clock ?? systemClock;
    this.logger = deps.logger ?? silentLogger;
    this.current = problem || !client ? { ...EMPTY_STATE, problem: problem ?? { kind: 'noCredentials' } } : EMPTY_STATE;
    this.scheduler = new RefreshScheduler((kind) => this.refresh('automatic', kind), this.clock);
  }

  get state(): SessionState {
    return this.current;
  }

  /** Whether requests can be made at all. */
  get connected(): boolean {
    return this.client !== undefined && this.current.problem === undefined;
  }

  /**
   * The service refused the credential at the last refresh: nothing is sent automatically (a watch
   * included) until the credential changes or the user refreshes — five bad AK/SK signatures in a
   * row lock the key.
   */
  get refused(): boolean {
    return this.current.failure?.authFailure === true;
  }

  /** Requests this session has sent. */
  get requestCount(): number {
    return this.requests;
  }

  isExpanded(status: string): boolean {
    return this.expanded.has(status);
  }

  onDidChange(listener: Listener<SessionChange>): { dispose(): void } {
    this.changeListeners.add(listener);
    return { dispose: () => this.changeListeners.delete(listener) };
  }

  onDidRefresh(listener: Listener<RefreshReport>): { dispose(): void } {
    this.refreshListeners.add(listener);
    return { dispose: () => this.refreshListeners.delete(listener) };
  }

  /** Seconds between automatic refreshes; 0 = off. */
  setInterval(seconds: number): void {
    this.scheduler.setInterval(seconds);
  }

  /**
   * Follows the active sub-jobs one by one (their groups' newest pages each refresh, and a look-up
   * of each one that left them), so that refreshes report which ended and how.
   */
  setTracking(tracking: boolean): void {
    if (this.tracking === tracking) return;
    this.tracking = tracking;
    this.activeSeen = undefined;
  }

  /** Someone may be looking (the view is visible or the window focused). */
  setAttention(attention: boolean): void {
    this.scheduler.setAttention(attention);
  }

  /**
   * Takes over what another session of the same project and query showed (a new credential for
   * the same data): the last good counts and groups stay on screen, marked stale if the new
   * credential fails, instead of the view going blank.
   */
  inherit(from: ProjectSession): void {
    if (
      this.current.problem ||
      from.spec.key !== this.spec.key ||
      JSON.stringify(from.spec.query) !== JSON.stringify(this.spec.query)
    )
      return;
    const { counts, groups, unknownMissing, fetchedAt } = from.current;
    this.current = {
      ...this.current,
      ...(counts && { counts }),
      groups,
      unknownMissing,
      ...(fetchedAt !== undefined && { fetchedAt }),
    };
    for (const status of from.expanded) this.expanded.add(status);
    for (const [status, limit] of from.limits) this.limits.set(status, limit);
    this.lastTotal = from.lastTotal;
    // What was running is still being followed: an ending in between is reported, not lost.
    this.activeSeen = from.activeSeen;
    this.lastSuccessAt = from.lastSuccessAt;
    // Answer order goes on where it was, so older and newer answers compare right.
    this.answers = from.answers;
    this.countsAnswer = from.countsAnswer;
  }

  /**
   * Refreshes now: every count, or (kind 'check') one count that falls back to every count when it
   * moved; then the expanded groups' pages. A refresh aborts the one in flight. Never rejects.
   */
  async refresh(reason: string, kind: RefreshKind = 'counts'): Promise<void> {
    if (!this.client || this.current.problem || this.disposed) return;
    const previous = this.inFlight;
    previous?.controller.abort();
    const controller = manyListeners(new AbortController());
    const done = (async () => {
      await previous?.done;
      if (controller.signal.aborted || this.disposed) return undefined;
      return this.run(this.client!, controller.signal, reason, kind);
    })();
    this.inFlight = { controller, done };
    const outcome = await done;
    if (this.inFlight?.done === done) this.inFlight = undefined;
    if (outcome) this.scheduler.recordOutcome(kind, outcome);
  }

  /**
   * Marks a group expanded, so refreshes keep its sub-jobs fresh, and loads them unless they are
   * up to date: undefined then, so a tree can answer at once.
   */
  expand(status: string): Promise<void> | undefined {
    this.expanded.add(status);
    if (!this.connected) return undefined;
    const group = this.current.groups.get(status);
    const upToDate =
      group &&
      !group.error &&
      group.answer > this.countsAnswer &&
      group.subJobs.length >= Math.min(this.limitOf(status), this.current.counts?.get(status) ?? 0);
    return upToDate ? this.loading.get(status)?.done : this.load(status);
  }

  /** A collapsed group costs only its count; opened again, it starts from its newest page. */
  collapse(status: string): void {
    this.expanded.delete(status);
    this.limits.delete(status);
  }

  /** Loads GROUP_PAGE more of a group (or, with 0, the same again: a retry). */
  showMore(status: string, more = GROUP_PAGE): Promise<void> {
    this.limits.set(status, this.limitOf(status) + more);
    this.expanded.add(status);
    return this.load(status);
  }

  /** The current state of one sub-job, for a details panel or a watch. */
  findSubJob(ref: SubJobRef, signal: AbortSignal): Promise<SubJob | undefined> {
    if (!this.client) return Promise.reject(new Error(l10n.t('This project has no connection.')));
    return this.track(this.client.findSubJob(ref, signal), 1);
  }

  /** Every sub-job of a parent job, whatever its job type, from the listings (a watch's fallback). */
  async listJob(jobId: string, signal: AbortSignal): Promise<SubJob[]> {
    if (!this.client) throw new Error(l10n.t('This project has no connection.'));
    const result = await this.client.listAll({ jobTypes: JOB_TYPES, jobId }, signal);
    this.requests += result.requests;
    return result.subJobs;
  }

  /** A parent job with its sub-jobs, for a watch. */
  showJob(jobId: string, signal: AbortSignal): Promise<ImageJob> {
    if (!this.client) return Promise.reject(new Error(l10n.t('This project has no connection.')));
    return this.track(this.client.showJob(jobId, signal), 1);
  }

  /** A sub-job by its id alone, among the newest of every job type; undefined when not found there. */
  async findById(id: string, signal: AbortSignal): Promise<SubJob | undefined> {
    const loaded = this.loadedSubJobs().find((s) => s.id === id);
    if (loaded) return loaded;
    if (!this.client || this.current.problem) return undefined;
    const client = this.client;
    const result = await findById(
      { listPage: (q, s) => this.track(client.listPage(q, s), 1) },
      { jobTypes: JOB_TYPES, id },
      signal,
    );
    return result.subJobs[0];
  }

  /** Every sub-job of a status group, under the session's filter (a group to delete). */
  async listGroup(status: SubJobStatus, signal: AbortSignal): Promise<SubJob[]> {
    if (!this.client || this.current.problem) throw new Error(l10n.t('This project has no connection.'));
    const result = await this.client.listAll(
      {
        jobTypes: this.spec.query.jobTypes,
        statuses: [status],
        ...(this.spec.query.jobId && { jobId: this.spec.query.jobId }),
      },
      signal,
    );
    this.requests += result.requests;
    return result.subJobs.filter((s) => s.status === status);
  }

  /** Deletes sub-job records (SUCCESS or FAILED only: the caller checks), 20 per call. */
  batchDelete(ids: readonly string[], signal: AbortSignal): Promise<void> {
    if (!this.client) return Promise.reject(new Error(l10n.t('This project has no connection.')));
    return this.track(this.client.batchDelete(ids, signal), 1);
  }

  /**
   * Takes deleted sub-jobs off the counts and the loaded groups at once, without a reload: the
   * next refresh confirms it.
   */
  removeSubJobs(removed: ReadonlyArray<{ readonly id: string; readonly status: string }>): void {
    if (!removed.length || !this.current.counts) return;
    const gone = new Set(removed.map((r) => r.id));
    const counts = new Map(this.current.counts);
    for (const { status } of removed) counts.set(status, Math.max(0, (counts.get(status) ?? 0) - 1));
    const groups = new Map<string, GroupState>();
    for (const [status, group] of this.current.groups) {
      const kept = group.subJobs.filter((s) => !gone.has(s.id));
      groups.set(
        status,
        kept.length === group.subJobs.length
          ? group
          : {
              ...group,
              subJobs: kept,
              ...(group.total !== undefined && { total: group.total - (group.subJobs.length - kept.length) }),
            },
      );
    }
    if (this.lastTotal !== undefined) this.lastTotal = Math.max(0, this.lastTotal - gone.size);
    this.apply({ ...this.current, counts: orderedCounts(counts), groups });
  }

  /** Every sub-job loaded so far, for the palette's Show Details. */
  loadedSubJobs(): SubJob[] {
    return [...this.current.groups.values()].flatMap((g) => g.subJobs);
  }

  dispose(): void {
    this.disposed = true;
    this.scheduler.dispose();
    this.inFlight?.controller.abort();
    for (const controller of this.userLoads) controller.abort();
    this.changeListeners.clear();
    this.refreshListeners.clear();
    void this.client?.close().catch(() => undefined);
  }

  /** The counts answer of the last counts refresh: groups loaded before it may be out of date. */
  private countsAnswer = 0;

  private limitOf(status: string): number {
    return this.limits.get(status) ?? GROUP_PAGE;
  }

  private async run(
    client: SessionClient,
    signal: AbortSignal,
    reason: string,
    kind: RefreshKind,
  ): Promise<RefreshOutcome | undefined> {
    this.holding = true;
    this.pendingReport = undefined;
    try {
      return await this.runHeld(client, signal, reason, kind);
    } finally {
      this.holding = false;
      if (!this.disposed) this.flush();
      // Reported after the changes went out: whoever reacts to the report sees the new state told.
      const report = this.pendingReport;
      this.pendingReport = undefined;
      if (report && !this.disposed) for (const listener of [...this.refreshListeners]) listener(report);
    }
  }

  /** The report of the refresh running now, sent when it ends. */
  private pendingReport: RefreshReport | undefined;

  private async runHeld(
    client: SessionClient,
    signal: AbortSignal,
    reason: string,
    kind: RefreshKind,
  ): Promise<RefreshOutcome | undefined> {
    const started = this.clock.now();
    const sentBefore = this.requests;
    const query = this.spec.query;
    try {
      if (kind === 'check' && this.current.counts && this.lastTotal !== undefined) {
        const total = await this.count(client, query, signal);
        if (signal.aborted) return undefined;
        if (total === this.lastTotal) {
          this.logger.debug(`${this.spec.projectId}: checked (${reason}), still ${total} sub-jobs, 1 request`);
          const now = this.clock.now();
          this.apply({ ...this.current, fetchedAt: now, failure: undefined });
          this.report({
            ok: true,
            kind,
            reason,
            requests: this.requests - sentBefore,
            transitions: [],
            unresolved: 0,
            ...(this.lastSuccessAt !== undefined && { sinceLastMs: now - this.lastSuccessAt }),
          });
          this.lastSuccessAt = now;
          return this.outcome(true);
        }
        this.logger.info(
          `${this.spec.projectId}: the count moved from ${this.lastTotal} to ${total}: counting every status`,
        );
      }
      let probed: number | undefined;
      if (this.spec.cautious && !this.proven) {
        // An access key that has not worked yet gets one request first: the counts go out eight
        // at a time, and five bad signatures in a row lock the key for minutes.
        probed = await this.track(
          client.count(query.jobTypes, { ...(query.jobId && { jobId: query.jobId }) }, signal),
          1,
        );
        if (signal.aborted) return undefined;
      }
      this.proven = true;
      const statuses = query.statuses?.length ? query.statuses : STATUSES;
      const withTotal = !query.statuses?.length && probed === undefined;
      const answered = await this.track(
        countByStatus(client, { jobTypes: query.jobTypes, statuses, jobId: query.jobId, withTotal }, signal),
        statuses.length + (withTotal ? 1 : 0),
      );
      if (signal.aborted) return undefined;
      const counts = probed !== undefined && !query.statuses?.length ? { ...answered, total: probed } : answered;
      this.countsAnswer = ++this.answers;
      this.lastTotal = withTotal ? counts.total : [...counts.byStatus.values()].reduce((a, b) => a + b, 0);
      const byStatus = new Map<string, number>(counts.byStatus);
      // Open groups are read again, except a finished one whose count has not moved: finished
      // sub-jobs stay finished, so it holds what it held (every count every tenth time still checks).
      const reload = [...this.expanded].filter((s) => {
        if (!isSubJobStatus(s) || (byStatus.get(s) ?? 0) === 0) return false;
        const group = this.current.groups.get(s);
        return (
          isActiveStatus(s) ||
          !group ||
          group.error !== undefined ||
          group.total !== byStatus.get(s) ||
          group.subJobs.length < Math.min(this.limitOf(s), group.total ?? 0)
        );
      });
      // Tracking reads the active groups whether they are open or not.
      if (this.tracking)
        for (const s of ACTIVE_STATUSES) if ((byStatus.get(s) ?? 0) > 0 && !reload.includes(s)) reload.push(s);
      // Counts alone are worth showing at once when they change the list of groups (the first
      // answer among them): the groups appear in one round trip.
      this.apply({
        ...this.current,
        counts: this.withUnknown(byStatus, this.current),
        fetchedAt: this.clock.now(),
        failure: undefined,
      });
      const unknown = unknownStatusCount(counts);
      await Promise.all([
        ...reload.map((s) => this.load(s, signal)),
        unknown === 0
          ? this.dropUnknown()
          : unknown !== this.unknownScanned
            ? this.discoverUnknown(client, unknown, signal)
            : Promise.resolve(),
      ]);
      if (signal.aborted) return undefined;
      for (const s of ACTIVE_STATUSES) if (!byStatus.get(s)) this.dropGroup(s);
      const ended = this.tracking
        ? await this.endedSinceLastRefresh(client, signal)
        : { transitions: [], unresolved: 0, seen: undefined };
      if (signal.aborted) return undefined;
      if (ended.seen) this.activeSeen = ended.seen;
      this.logger.info(
        `${this.spec.projectId}: refreshed (${reason}) with ${this.requests - sentBefore} requests in ${this.clock.now() - started} ms`,
      );
      const now = this.clock.now();
      this.report({
        ok: true,
        kind,
        reason,
        requests: this.requests - sentBefore,
        transitions: ended.transitions,
        unresolved: ended.unresolved,
        ...(this.lastSuccessAt !== undefined && { sinceLastMs: now - this.lastSuccessAt }),
      });
      this.lastSuccessAt = now;
      return this.outcome(true);
    } catch (error) {
      if (isAbort(error) || signal.aborted || this.disposed) return undefined;
      const failure: RefreshFailure = {
        message: describeError(error),
        error,
        at: this.clock.now(),
        authFailure: error instanceof ApiError && error.isAuthFailure,
      };
      this.logger.error(`${this.spec.projectId}: refresh (${reason}) failed: ${failure.message}`);
      this.apply({ ...this.current, failure });
      this.report({
        ok: false,
        kind,
        reason,
        requests: this.requests - sentBefore,
        failure,
        transitions: [],
        unresolved: 0,
      });
      const retryAfter = error instanceof ApiError ? error.retryAfterSeconds : undefined;
      return {
        ...this.outcome(false),
        ...(retryAfter !== undefined && { retryAfterMs: retryAfter * 1000 }),
        // Refused credentials stay refused; retrying a bad signature would lock the access key.
        ...(failure.authFailure && { halt: true }),
      };
    }
  }

  /** A request with this session's credential has worked (or the credential needs no caution). */
  private proven = false;
  private tracking = false;
  /** The active sub-jobs at the last refresh, while tracking; undefined until one was seen. */
  private activeSeen: Map<string, SubJob> | undefined;
  /** When the last refresh that worked ended (clock ms). */
  private lastSuccessAt: number | undefined;

  /**
   * Which sub-jobs active at the previous refresh have ended, and how: found in a group loaded
   * now, else looked up one by one (ShowImageJob: one request each), at most MAX_TRANSITION_LOOKUPS.
   */
  private async endedSinceLastRefresh(
    client: SessionClient,
    signal: AbortSignal,
  ): Promise<{ transitions: Transition[]; unresolved: number; seen: Map<string, SubJob> }> {
    const previous = this.activeSeen;
    // The new baseline is kept only once the refresh completes: an aborted one must not swallow endings.
    const seen = activeSubJobs(this.current.groups);
    if (!previous) return { transitions: [], unresolved: 0, seen };
    const left = leftActive(previous, this.current.groups, this.current.counts ?? new Map(), seen);
    if (!left.length) return { transitions: [], unresolved: 0, seen };
    const loaded = new Map(this.loadedSubJobs().map((s) => [s.id, s]));
    const unknown = left.filter((s) => !loaded.has(s.id) || isActiveStatus(loaded.get(s.id)!.status));
    const lookups = unknown.slice(0, MAX_TRANSITION_LOOKUPS);
    const found = await Promise.all(
      lookups.map((s) =>
        this.track(
          client.findSubJob(
            {
              id: s.id,
              jobType: s.jobType,
              jobId: s.jobId,
              status: s.status,
              ...(s.listedAs && { listedAs: s.listedAs }),
            },
            signal,
          ),
          1,
        ).catch((error: unknown) => {
          if (!isAbort(error))
            this.logger.warn(
              `${this.spec.projectId}: looking up sub-job ${s.id}, which ended, failed: ${describeError(error)}`,
            );
          return undefined;
        }),
      ),
    );
    for (const subJob of found) if (subJob) loaded.set(subJob.id, subJob);
    return { transitions: transitionsOf(left, loaded), unresolved: unknown.length - lookups.length, seen };
  }

  /** An active group whose count fell to zero holds nothing any more: its sub-jobs have moved on. */
  private dropGroup(status: string): void {
    const group = this.current.groups.get(status);
    if (!group || group.subJobs.length === 0) return;
    const groups = new Map(this.current.groups);
    if (this.expanded.has(status)) groups.set(status, { ...group, subJobs: [], total: 0 });
    else groups.delete(status);
    this.apply({ ...this.current, groups });
  }

  /** The total the last counts added up to, for the one-call check. */
  private lastTotal: number | undefined;

  private async count(client: SessionClient, query: SessionQuery, signal: AbortSignal): Promise<number> {
    const filtered = query.statuses?.length;
    const counts = await this.track(
      countByStatus(
        client,
        {
          jobTypes: query.jobTypes,
          statuses: filtered ? query.statuses! : [],
          jobId: query.jobId,
          withTotal: !filtered,
        },
        signal,
      ),
      filtered ? query.statuses!.length : 1,
    );
    return filtered ? [...counts.byStatus.values()].reduce((a, b) => a + b, 0) : counts.total!;
  }

  /** Counts the requests a call makes as it is made. */
  private async track<T>(call: Promise<T>, requests: number): Promise<T> {
    this.requests += requests;
    return call;
  }

  /**
   * Loads a group's newest sub-jobs, joining a load already running for it when that one asks for
   * as many; a load is applied only if no later answer for the group came first.
   */
  private load(status: string, signal?: AbortSignal): Promise<void> {
    if (!isSubJobStatus(status)) return Promise.resolve();
    const limit = this.limitOf(status);
    const running = this.loading.get(status);
    if (running && !signal && running.limit >= limit) return running.done;
    const client = this.client;
    if (!client || this.disposed) return Promise.resolve();
    const own = signal ? undefined : manyListeners(new AbortController());
    if (own) this.userLoads.add(own);
    const loaded: Promise<void> = (async () => {
      const answer = ++this.answers;
      try {
        const result = await listNewest(
          { listPage: (q, s) => this.track(client.listPage(q, s), 1) },
          {
            jobTypes: this.spec.query.jobTypes,
            status,
            jobId: this.spec.query.jobId,
            limit,
            expected: this.current.groups.get(status)?.totalByJobType ?? this.current.counts?.get(status),
          },
          signal ?? own!.signal,
        );
        if (this.disposed || signal?.aborted || own?.signal.aborted) return;
        // A later load (a refresh, Show more) answered first: this older answer would bring back what has moved on.
        if ((this.current.groups.get(status)?.answer ?? 0) > answer) return;
        const groups = new Map(this.current.groups);
        groups.set(status, {
          subJobs: result.subJobs,
          limit,
          answer,
          totalByJobType: result.totalByJobType,
          total: result.total,
        });
        const counts = new Map(this.current.counts ?? []);
        // The listing's own count is newer than the count call's.
        counts.set(status, result.total);
        this.apply({ ...this.current, groups: dedupe(groups), counts: this.withUnknown(counts, this.current) });
      } catch (error) {
        if (isAbort(error) || this.disposed || signal?.aborted || own?.signal.aborted) return;
        if (signal) throw error;
        const message = describeError(error);
        this.logger.error(`${this.spec.projectId}: loading ${status} failed: ${message}`);
        const groups = new Map(this.current.groups);
        const before = groups.get(status);
        groups.set(status, { subJobs: before?.subJobs ?? [], limit, answer: before?.answer ?? 0, error: message });
        this.apply({ ...this.current, groups });
      } finally {
        if (own) this.userLoads.delete(own);
        // Cleared once this load settled, unless a newer one took its place.
        queueMicrotask(() => {
          if (this.loading.get(status)?.done === loaded) this.loading.delete(status);
        });
      }
    })();
    this.loading.set(status, { done: loaded, limit });
    return loaded;
  }

  /** Loads started by the user (expand, Show more): stopped when the session goes. */
  private readonly userLoads = new Set<AbortController>();

  /** How many uncounted sub-jobs the last scan looked for: the scan is repeated only when that moves. */
  private unknownScanned: number | undefined;

  /** Finds which statuses the uncounted sub-jobs are in, by scanning the newest pages of every job type. */
  private async discoverUnknown(client: SessionClient, expected: number, signal: AbortSignal): Promise<void> {
    const answer = ++this.answers;
    const found = await findUnknownStatuses(
      { listPage: (q, s) => this.track(client.listPage(q, s), 1) },
      { jobTypes: this.spec.query.jobTypes, jobId: this.spec.query.jobId, expected },
      signal,
    );
    if (signal.aborted || this.disposed) return;
    this.unknownScanned = expected;
    const groups = new Map([...this.current.groups].filter(([status]) => isSubJobStatus(status)));
    const counts = new Map([...(this.current.counts ?? [])].filter(([status]) => isSubJobStatus(status)));
    for (const group of groupByStatus(found.subJobs)) {
      groups.set(group.status, { subJobs: group.subJobs, limit: group.subJobs.length, answer });
      counts.set(group.status, group.subJobs.length);
    }
    this.apply({
      ...this.current,
      groups: dedupe(groups),
      counts: orderedCounts(counts),
      unknownMissing: Math.max(0, expected - found.subJobs.length),
    });
  }

  private async dropUnknown(): Promise<void> {
    this.unknownScanned = undefined;
    if (
      !this.current.unknownMissing &&
      ![...(this.current.counts ?? new Map<string, number>()).keys()].some((s) => !isSubJobStatus(s))
    )
      return;
    const groups = new Map([...this.current.groups].filter(([status]) => isSubJobStatus(status)));
    const counts = new Map([...(this.current.counts ?? [])].filter(([status]) => isSubJobStatus(status)));
    this.apply({ ...this.current, groups, counts: orderedCounts(counts), unknownMissing: 0 });
  }

  /** New known counts, keeping the unknown statuses found before (they are refreshed by discovery). */
  private withUnknown(known: ReadonlyMap<string, number>, state: SessionState): Map<string, number> {
    const counts = new Map(known);
    for (const [status, n] of state.counts ?? [])
      if (!isSubJobStatus(status) && !counts.has(status)) counts.set(status, n);
    return orderedCounts(counts);
  }

  private outcome(ok: boolean): RefreshOutcome {
    return { ok, active: hasActive(this.current), hasData: this.current.counts !== undefined };
  }

  /**
   * Replaces the state and tells listeners what changed. While a refresh runs (`holding`), group
   * changes wait for its end and go out together, so each group is redrawn once per refresh; a
   * change of the project row (the first counts, a failure) goes out at once.
   */
  private apply(next: SessionState): void {
    const diff = diffStates(this.current, next);
    this.current = next;
    for (const status of diff.groups) this.heldGroups.add(status);
    if (this.holding && !diff.project) return;
    this.flush(diff.project);
  }

  private flush(project = false): void {
    const groups = [...this.heldGroups].filter((status) => this.current.counts?.has(status));
    this.heldGroups.clear();
    const change = { project, groups };
    if (isNoChange(change)) return;
    for (const listener of [...this.changeListeners]) listener(change);
  }

  /** Set while a refresh runs. */
  private holding = false;

  /** Groups whose change was held back until their load reports it. */
  private readonly heldGroups = new Set<string>();

  private report(report: RefreshReport): void {
    this.pendingReport = report;
  }
}

/**
 * One refresh sends its eight counts and every open group's pages on one signal, and undici adds a
 * listener per request: more than Node's default ten is expected here, not a leak.
 */
function manyListeners(controller: AbortController): AbortController {
  setMaxListeners(200, controller.signal);
  return controller;
}

/** A sub-job that two answers put in two groups (it moved while they were read) stays in the later one's. */
function dedupe(groups: Map<string, GroupState>): Map<string, GroupState> {
  const owner = new Map<string, { status: string; answer: number }>();
  for (const [status, group] of groups) {
    for (const subJob of group.subJobs) {
      const held = owner.get(subJob.id);
      if (!held || held.answer < group.answer) owner.set(subJob.id, { status, answer: group.answer });
    }
  }
  const result = new Map<string, GroupState>();
  for (const [status, group] of groups) {
    const kept = group.subJobs.filter((s) => owner.get(s.id)?.status === status);
    result.set(status, kept.length === group.subJobs.length ? group : { ...group, subJobs: kept });
  }
  return result;
}
