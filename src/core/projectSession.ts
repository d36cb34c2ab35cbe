import * as l10n from '@vscode/l10n';
import { ApiError, describeError } from '../api/errors';
import { Logger, silentLogger } from '../api/logger';
import { findById } from '../api/scanNewest';
import type { ImageJob, SubJobRef } from '../api/subJobClient';
import { SubJob, SubJobStatus } from '../model/subJob';
import { ChangeBatcher } from './changeBatcher';
import { Clock, systemClock } from './clock';
import { EndingTracker } from './endingTracker';
import { Emitter, Event } from './events';
import { FollowChange, FollowEnding, FollowEngine, FollowHandle, FollowReason } from './followEngine';
import { FollowItem } from './followLookup';
import { GroupLoader } from './groupLoader';
import { RefreshKind } from './refreshPolicy';
import { RefreshScheduler } from './refreshScheduler';
import type { SessionEnd } from './sessionEnd';
import { gatedClient, SessionClosedError, SessionGate } from './sessionGate';
import { GROUP_PAGE, RefreshReport, SessionClient, SessionDeps, SessionSpec, specJobTypes } from './sessionSpec';
import { sessionGateFor } from './sessionGateFor';
import {
  EMPTY_STATE,
  RefreshFailure,
  SessionChange,
  SessionProblem,
  SessionState,
  withoutSubJobs,
} from './sessionState';
import { RefreshRunner } from './refreshRunner';
import { inheritedState } from './sessionInherit';
import { endingSourceOf, sessionFollowEngine } from './sessionFollow';
import { UnknownScan } from './unknownScan';
import { whoAmI, WhoAmIAnswer } from './whoAmI';

export { GROUP_PAGE } from './sessionSpec';
export type { RefreshReport, SessionClient, SessionDeps, SessionQuery, SessionSpec } from './sessionSpec';
export { CredentialRefusedError, SessionClosedError } from './sessionGate';

/**
 * Everything about one project: its connection (a client, or the problem that keeps it from having
 * one), its counts and loaded status groups, its refresh schedule, and the outcome of each refresh,
 * which it publishes. Counts come first — one count call per status, all at once, whatever the
 * number of sub-jobs — and a group's sub-jobs only when it is expanded.
 *
 * The session owns every call it makes: each goes through its gate (see SessionGate) on a signal
 * joined to the session's lifetime, so dispose() stops them all and a call after it sends nothing.
 */
export class ProjectSession {
  private readonly clock: Clock;
  private readonly logger: Logger;
  private readonly gate: SessionGate;
  /** The gated client: undefined when the session has a problem instead. */
  private readonly client: SessionClient | undefined;
  private readonly store: ChangeBatcher;
  private readonly groups: GroupLoader;
  private readonly unknown: UnknownScan | undefined;
  private readonly endings: EndingTracker;
  private readonly scheduler: RefreshScheduler;
  private readonly refreshes = new Emitter<RefreshReport>();
  private readonly runner: RefreshRunner | undefined;
  /** Watches, open panels and endings: one set of followed items, polled on the session's interval. */
  readonly followEngine: FollowEngine;
  private intervalSeconds = 0;

  constructor(
    readonly spec: SessionSpec,
    private readonly raw: SessionClient | undefined,
    problem: SessionProblem | undefined,
    deps: SessionDeps = {},
  ) {
    this.clock = deps.clock ?? systemClock;
    this.logger = deps.logger ?? silentLogger;
    this.gate = sessionGateFor(spec, raw, deps.proof, (error) => this.refusedBy(error));
    this.client = raw && !problem ? gatedClient(raw, this.gate) : undefined;
    this.store = new ChangeBatcher(
      problem || !raw ? { ...EMPTY_STATE, problem: problem ?? { kind: 'noCredentials' } } : EMPTY_STATE,
    );
    const pages = { listPage: this.client?.listPage ?? (() => Promise.reject(this.noConnection())) };
    this.groups = new GroupLoader({
      store: this.store,
      pages,
      query: spec.query,
      lifetime: this.signal,
      logger: this.logger,
      projectId: spec.projectId,
    });
    this.unknown = this.client && new UnknownScan(this.store, pages, spec.query);
    this.followEngine = sessionFollowEngine(this, this.store, () => this.intervalSeconds, this.clock, this.logger);
    this.endings = new EndingTracker(endingSourceOf(this, this.followEngine), this.logger, spec.projectId);
    this.scheduler = new RefreshScheduler(
      (kind) => this.runner?.refresh('automatic', kind, false) ?? Promise.resolve(),
      this.clock,
    );
    this.runner =
      this.client &&
      new RefreshRunner({
        spec,
        client: this.client,
        gate: this.gate,
        store: this.store,
        groups: this.groups,
        unknown: this.unknown!,
        endings: this.endings,
        clock: this.clock,
        logger: this.logger,
        scheduler: this.scheduler,
        reports: this.refreshes,
      });
    // A refresh that works proves the family answered again (a policy's grant, say): followers halted by its 403 follow again.
    this.refreshes.event((report) => report.ok && !this.refused && this.followEngine.resume());
  }

  readonly onDidChange: Event<SessionChange> = (listener) => this.store.onDidChange(listener);
  readonly onDidRefresh: Event<RefreshReport> = (listener) => this.refreshes.event(listener);
  /** A followed sub-job or job changed, went, or could not be looked up; a refresh's data included. */
  readonly onDidChangeSubJob: Event<FollowChange> = (listener) => this.followEngine.onDidChangeSubJob(listener);
  /** The followed items that ended or went in one poll, together. */
  readonly onDidEnd: Event<readonly FollowEnding[]> = (listener) => this.followEngine.onDidEnd(listener);

  /** Follows a sub-job or a parent job for a reason (a watch, an open panel) until it ends or the handle is disposed. */
  follow(item: FollowItem, why: FollowReason): FollowHandle {
    return this.followEngine.follow(item, why);
  }
  unfollow(item: FollowItem, why: FollowReason): void {
    this.followEngine.unfollow(item, why);
  }

  get state(): SessionState {
    return this.store.state;
  }
  /** Whether requests can be made at all. */
  get connected(): boolean {
    return this.client !== undefined && this.state.problem === undefined && !this.gate.closed;
  }
  /** The credential was refused: nothing is sent (a watch, a delete) until it changes or the user refreshes. */
  get refused(): boolean {
    return this.gate.refused !== undefined;
  }
  /** The session's lifetime: aborted by dispose(). Work that belongs to the session may listen to it. */
  get signal(): AbortSignal {
    return this.gate.signal;
  }
  get closed(): boolean {
    return this.gate.closed;
  }
  /** Requests this session has sent. */
  get requestCount(): number {
    return this.gate.requests;
  }

  isExpanded(status: string): boolean {
    return this.groups.isExpanded(status);
  }

  /** Seconds between automatic refreshes; 0 = off. */
  setInterval(seconds: number): void {
    this.intervalSeconds = seconds;
    this.scheduler.setInterval(seconds);
    this.followEngine.schedule();
  }

  /** Follows the active sub-jobs from one refresh to the next, so that refreshes report which ended and how. */
  setTracking(tracking: boolean): void {
    this.endings.setTracking(tracking);
  }

  /** Someone may be looking (the view is visible or the window focused). */
  setAttention(attention: boolean): void {
    this.scheduler.setAttention(attention);
  }

  /** Takes over what the session it replaces showed (see inheritedState), marked stale if the new credential fails. */
  inherit(from: ProjectSession): void {
    const state = inheritedState(this, from);
    if (!state) return;
    this.store.takeOver(from.store, state);
    this.groups.inherit(from.groups);
    this.endings.inherit(from.endings);
    if (from.runner) this.runner?.inherit(from.runner);
  }

  /**
   * Refreshes now: every count, or (kind 'check') one count that falls back to every count when it
   * moved; then the expanded groups' pages. A refresh aborts the one in flight. Never rejects.
   * Called by anyone but the schedule it is the user's (or a credential change's) request, which
   * may ask a refused credential again, once.
   */
  async refresh(reason: string, kind: RefreshKind = 'counts'): Promise<void> {
    await this.runner?.refresh(reason, kind, true);
    // The user asked again: followers halted by a refused credential may try again if it now works.
    if (!this.refused) this.followEngine.resume();
  }

  /** Marks a group expanded and loads it unless it is up to date: undefined then, so a tree can answer at once. */
  expand(status: string): Promise<void> | undefined {
    return this.groups.expand(status, this.connected);
  }

  /** A collapsed group costs only its count; opened again, it starts from its newest page. */
  collapse(status: string): void {
    this.groups.collapse(status);
  }

  /** Loads GROUP_PAGE more of a group (or, with 0, the same again: a retry). */
  showMore(status: string, more = GROUP_PAGE): Promise<void> {
    if (!this.client) return Promise.resolve();
    return this.groups.showMore(status, more);
  }

  /** The current state of one sub-job, for a details panel or a watch. */
  async findSubJob(ref: SubJobRef, signal?: AbortSignal): Promise<SubJob | undefined> {
    return this.connection().findSubJob(ref, this.own(signal));
  }

  /** Every sub-job of a parent job, whatever its job type, from the listings (a watch's fallback). */
  async listJob(jobId: string, signal?: AbortSignal): Promise<SubJob[]> {
    return (await this.connection().listAll({ jobTypes: specJobTypes(this.spec), jobId }, this.own(signal))).subJobs;
  }

  /** A parent job with its sub-jobs, for a watch. */
  async showJob(jobId: string, signal?: AbortSignal): Promise<ImageJob> {
    return this.connection().showJob(jobId, this.own(signal));
  }

  /** A sub-job by its id alone, among the newest of every job type; undefined when not found there. */
  async findById(id: string, signal?: AbortSignal): Promise<SubJob | undefined> {
    const client = this.connection();
    const loaded = this.loadedSubJobs().find((s) => s.id === id);
    if (loaded) return loaded;
    return (await findById(client, { jobTypes: specJobTypes(this.spec), id }, this.own(signal))).subJobs[0];
  }

  /** Every sub-job of a status group, under the session's filter (a group to delete). */
  async listGroup(status: SubJobStatus, signal?: AbortSignal): Promise<SubJob[]> {
    const { jobTypes, jobId } = this.spec.query;
    const query = { jobTypes, statuses: [status], ...(jobId && { jobId }) };
    const result = await this.connection().listAll(query, this.own(signal));
    return result.subJobs.filter((s) => s.status === status);
  }

  /** Deletes sub-job records, 1–20 per call (SUCCESS or FAILED only: the caller checks). */
  async batchDelete(ids: readonly string[], signal?: AbortSignal): Promise<void> {
    await this.connection().batchDelete(ids, this.own(signal));
  }

  /** Who IAM says this project's credential belongs to, or (IAM silent) that a count call works with it. */
  whoAmI(iamEndpoint: string, signal?: AbortSignal): Promise<WhoAmIAnswer> {
    return whoAmI(this.connection(), this.spec.query, iamEndpoint, this.own(signal));
  }

  /** Takes deleted sub-jobs off the counts and the loaded groups at once, without a reload: the next refresh confirms it. */
  removeSubJobs(removed: ReadonlyArray<{ readonly id: string; readonly status: string }>): void {
    this.followEngine.removed(removed.map((r) => r.id));
    if (!removed.length || !this.state.counts) return;
    this.runner?.removed(new Set(removed.map((r) => r.id)).size);
    this.store.apply(withoutSubJobs(this.state, removed));
  }

  /** Every sub-job loaded so far, for the palette's Show Details. */
  loadedSubJobs(): SubJob[] {
    return [...this.state.groups.values()].flatMap((g) => g.subJobs);
  }

  /** Stops every call in flight and the schedule; later calls fail at once with SessionClosedError (saying `end`). */
  dispose(end?: SessionEnd): void {
    if (this.gate.closed) return;
    this.gate.close(end);
    this.scheduler.dispose();
    this.runner?.abort();
    this.store.dispose();
    this.refreshes.dispose();
    void this.raw?.close().catch(() => undefined);
  }

  /** The gated client, or why there is none. */
  private connection(): SessionClient {
    if (this.gate.closed) throw new SessionClosedError(false);
    if (!this.client) throw this.noConnection();
    return this.client;
  }

  private noConnection(): Error {
    return new Error(l10n.t('This project has no connection.'));
  }

  /** The caller's signal, or none: the gate joins it to the session's lifetime either way. */
  private own(signal: AbortSignal | undefined): AbortSignal {
    return signal ?? this.gate.signal;
  }

  private refusedBy(error: ApiError): void {
    this.logger.warn(
      `${this.spec.projectId}: the service refused the credential (${describeError(error)}): nothing more is sent until it changes or the user refreshes`,
    );
    this.scheduler.halt();
    const failure: RefreshFailure = { message: describeError(error), error, at: this.clock.now(), authFailure: true };
    this.store.apply({ ...this.state, failure });
  }
}
