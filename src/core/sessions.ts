import { describeError } from '../api/errors';
import { Logger, silentLogger } from '../api/logger';
import { Clock } from './clock';
import { CredentialProof, CredentialProofs } from './credentialProof';
import { Emitter, Event } from './events';
import { ProjectSession, RefreshReport, SessionClient, SessionSpec } from './projectSession';
import { endOfRetired } from './sessionEnd';
import { specProjectKey } from './sessionSpec';
import { SessionChange, SessionProblem } from './sessionState';

/** What a session should be: built anew only when any of it differs from the running one. */
export interface SessionPlan {
  readonly spec: SessionSpec;
  /** Why it cannot connect, decided from settings and credentials; `connect` is not called then. */
  readonly problem?: SessionProblem;
  /** Builds the client (its connection pool, through the proxy); may throw when a setting cannot be used. */
  readonly connect?: () => SessionClient;
  /**
   * Identifies the credential this project's requests carry (a hash, never the secret) and the
   * connection settings it was built with: a session is rebuilt when its own credential changes,
   * not when another project's does.
   */
  readonly credentialFingerprint: string;
}

interface SessionEntry {
  readonly session: ProjectSession;
  readonly fingerprint: string;
  /** The verdict on its credential, shared with the project's other families. */
  readonly proof: CredentialProof;
}

export interface SessionsDeps {
  readonly clock?: Clock;
  readonly logger?: Logger;
}

/**
 * The projects being watched, one session each, in the order they are configured. A change of
 * settings, credentials or filter rebuilds only the sessions it touches, and each completely before
 * it replaces the old one: a session that cannot connect is a session with a problem, never a gap.
 */
export class Sessions {
  private list: SessionEntry[] = [];
  private attention = true;
  /**
   * Sessions built while nobody may be looking (window unfocused, view hidden), not refreshed yet:
   * projects live in user settings, so every open window builds them at start-up, and each would
   * otherwise send a full refresh (and, with a refused access key, one more bad signature).
   */
  private readonly waiting = new Set<ProjectSession>();
  private tracking = false;
  private intervalSeconds = 0;
  private readonly changes = new Emitter<{ session: ProjectSession; change: SessionChange }>();
  private readonly refreshes = new Emitter<{ session: ProjectSession; report: RefreshReport }>();
  private readonly sets = new Emitter<readonly ProjectSession[]>();
  private readonly logger: Logger;
  private readonly proofs = new CredentialProofs();

  constructor(private readonly deps: SessionsDeps = {}) {
    this.logger = deps.logger ?? silentLogger;
  }

  get all(): readonly ProjectSession[] {
    return this.list.map((entry) => entry.session);
  }

  get(key: string): ProjectSession | undefined {
    return this.list.find((entry) => entry.session.spec.key === key)?.session;
  }

  /** Fired when sessions were added, removed or replaced. */
  readonly onDidChangeSessions: Event<readonly ProjectSession[]> = this.sets.event;

  /** Fired when a session's data changed (only what changed). */
  readonly onDidChangeSession: Event<{ session: ProjectSession; change: SessionChange }> = this.changes.event;

  /**
   * How the next session built for a project first fares: its first refresh's report, or the
   * problem that keeps it from asking; undefined if none is built and answers within `timeoutMs`.
   * Called before a credential is saved, it tells whether the API accepts that credential. With
   * `again` (the credential saved is the one in use) no session is rebuilt: the next answer of the
   * project's current sessions counts (the caller asks them again: refreshProject).
   */
  firstAnswer(
    projectId: string,
    timeoutMs: number,
    again = false,
  ): Promise<{ session: ProjectSession; report?: RefreshReport; problem?: SessionProblem } | undefined> {
    const before = new Set(again ? [] : this.all);
    const isNew = (session: ProjectSession) => !before.has(session) && session.spec.projectId === projectId;
    return new Promise((resolve) => {
      const finish = (
        answer: { session: ProjectSession; report?: RefreshReport; problem?: SessionProblem } | undefined,
      ) => {
        clearTimeout(timer);
        refreshed.dispose();
        changed.dispose();
        resolve(answer);
      };
      const refreshed = this.onDidRefresh(({ session, report }) => {
        if (isNew(session)) finish({ session, report });
      });
      const changed = this.onDidChangeSessions((all) => {
        const blocked = all.find((session) => isNew(session) && session.state.problem);
        if (blocked) finish({ session: blocked, problem: blocked.state.problem });
      });
      const timer = setTimeout(() => finish(undefined), timeoutMs);
      timer.unref?.();
      if (again) {
        const blocked = this.all.find((session) => isNew(session) && session.state.problem);
        if (blocked) finish({ session: blocked, problem: blocked.state.problem });
      }
    });
  }

  /** Fired after every refresh of any session. */
  readonly onDidRefresh: Event<{ session: ProjectSession; report: RefreshReport }> = this.refreshes.event;

  /**
   * Makes the sessions match the plans. Unchanged sessions keep their data and schedule; new ones
   * are built first, swapped in together, then refreshed; the replaced ones are disposed.
   */
  configure(plans: readonly SessionPlan[], intervalSeconds: number): void {
    this.intervalSeconds = intervalSeconds;
    const previous = new Map(this.list.map((entry) => [entry.session.spec.key, entry]));
    const next: SessionEntry[] = [];
    const created: ProjectSession[] = [];
    for (const plan of plans) {
      const fingerprint = JSON.stringify([plan.spec, plan.problem ?? null, plan.credentialFingerprint]);
      const kept = previous.get(plan.spec.key);
      if (kept && kept.fingerprint === fingerprint && !next.includes(kept)) {
        next.push(kept);
        continue;
      }
      const proof = this.proofs.of(specProjectKey(plan.spec), plan.credentialFingerprint);
      const session = this.build(plan, proof);
      if (kept) session.inherit(kept.session);
      created.push(session);
      next.push({ session, fingerprint, proof });
    }
    this.proofs.retain(new Set(next.map((entry) => entry.proof)));
    const retired = this.list.filter((entry) => !next.includes(entry));
    const changed = created.length > 0 || retired.length > 0 || next.some((entry, i) => this.list[i] !== entry);
    this.list = next;
    for (const entry of next) {
      entry.session.setInterval(intervalSeconds);
      entry.session.setAttention(this.attention);
    }
    const specs = next.map((entry) => entry.session.spec);
    for (const entry of retired) {
      this.waiting.delete(entry.session);
      entry.session.dispose(endOfRetired(entry.session.spec, specs));
    }
    if (changed) this.sets.fire(this.all);
    for (const session of created) {
      if (this.attention) void session.refresh('configuration');
      else this.waiting.add(session);
    }
  }

  /** Someone may be looking (the view is visible or the window focused): sessions waiting for it refresh now. */
  setAttention(attention: boolean): void {
    this.attention = attention;
    for (const session of this.all) session.setAttention(attention);
    if (!attention) return;
    // After setAttention: the schedule's own catch-up refresh has not sent anything yet, and this one supersedes it.
    const waiting = this.all.filter((session) => this.waiting.has(session));
    this.waiting.clear();
    for (const session of waiting) void session.refresh('configuration');
  }

  /** Whether sessions follow their active sub-jobs one by one, to report which ended. */
  setTracking(tracking: boolean): void {
    this.tracking = tracking;
    for (const session of this.all) session.setTracking(tracking);
  }

  /** Refreshes the sessions of one project now. */
  async refreshProject(projectId: string, reason: string): Promise<void> {
    await Promise.all(
      this.all.filter((session) => session.spec.projectId === projectId).map((session) => session.refresh(reason)),
    );
  }

  /** Refreshes every session now (the Refresh button), all at once. */
  async refreshAll(reason: string): Promise<void> {
    await Promise.all(this.all.map((session) => session.refresh(reason)));
  }

  dispose(): void {
    for (const session of this.all) session.dispose('shutdown');
    this.list = [];
    this.waiting.clear();
    this.changes.dispose();
    this.refreshes.dispose();
    this.sets.dispose();
  }

  private build(plan: SessionPlan, proof: CredentialProof): ProjectSession {
    let client: SessionClient | undefined;
    let problem = plan.problem;
    if (!problem) {
      try {
        client = plan.connect?.();
        if (!client) problem = { kind: 'noCredentials' };
      } catch (error) {
        const reason = describeError(error);
        this.logger.error(`${plan.spec.projectId}: cannot connect to ${plan.spec.endpoint}: ${reason}`);
        problem = { kind: 'badProxy', reason };
      }
    }
    const session = new ProjectSession(plan.spec, client, problem, { ...this.deps, proof });
    session.setInterval(this.intervalSeconds);
    session.setAttention(this.attention);
    session.setTracking(this.tracking);
    session.onDidChange((change) => this.changes.fire({ session, change }));
    session.onDidRefresh((report) => {
      // Refreshed by someone (the user, a credential check): nothing left to wait for.
      this.waiting.delete(session);
      this.refreshes.fire({ session, report });
    });
    return session;
  }
}
