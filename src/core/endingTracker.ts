import { describeError, isAbort } from '../api/errors';
import { Logger } from '../api/logger';
import type { SubJobRef } from '../api/subJobClient';
import { isActiveStatus, SubJob } from '../model/subJob';
import { SessionState } from './sessionState';
import { activeSubJobs, leftActive, MAX_TRANSITION_LOOKUPS, Transition, transitionsOf } from './transitions';

/** What the tracker needs of its session: a look-up, and what is loaded now. */
export interface EndingSource {
  findSubJob(ref: SubJobRef, signal: AbortSignal): Promise<SubJob | undefined>;
  readonly state: SessionState;
  loadedSubJobs(): SubJob[];
}

export interface Endings {
  readonly transitions: Transition[];
  /** Ended too, but not looked up (more than MAX_TRANSITION_LOOKUPS at once). */
  readonly unresolved: number;
}

/**
 * Follows the active sub-jobs from one refresh to the next, so a refresh can report which ended
 * and how: found in a group loaded now, else looked up, at most MAX_TRANSITION_LOOKUPS. The
 * session's source sends those look-ups through its follow engine, whose pool bounds them together
 * with every watch and panel; the endings stay in the refresh's report (one notification a refresh).
 */
export class EndingTracker {
  private tracking = false;
  /** The active sub-jobs at the last refresh that completed; undefined until one was seen. */
  private activeSeen: Map<string, SubJob> | undefined;

  constructor(
    private readonly source: EndingSource,
    private readonly logger: Logger,
    private readonly projectId: string,
  ) {}

  get enabled(): boolean {
    return this.tracking;
  }

  setTracking(tracking: boolean): void {
    if (this.tracking === tracking) return;
    this.tracking = tracking;
    this.activeSeen = undefined;
  }

  /** What was running is still being followed: an ending between two sessions is reported, not lost. */
  inherit(from: EndingTracker): void {
    this.activeSeen = from.activeSeen;
  }

  /**
   * Which sub-jobs active at the previous refresh have ended, once the refresh's groups are in.
   * The new baseline is kept only when `commit` is called: an aborted refresh must not swallow endings.
   */
  async ended(signal: AbortSignal): Promise<Endings & { commit(): void }> {
    const none = { transitions: [], unresolved: 0 };
    if (!this.tracking) return { ...none, commit: () => undefined };
    const previous = this.activeSeen;
    const { groups, counts } = this.source.state;
    const seen = activeSubJobs(groups);
    const commit = () => {
      if (this.tracking) this.activeSeen = seen;
    };
    if (!previous) return { ...none, commit };
    const left = leftActive(previous, groups, counts ?? new Map(), seen);
    if (!left.length) return { ...none, commit };
    const loaded = new Map(this.source.loadedSubJobs().map((s) => [s.id, s]));
    const unknown = left.filter((s) => !loaded.has(s.id) || isActiveStatus(loaded.get(s.id)!.status));
    const lookups = unknown.slice(0, MAX_TRANSITION_LOOKUPS);
    const found = await Promise.all(lookups.map((s) => this.lookUp(s, signal)));
    for (const subJob of found) if (subJob) loaded.set(subJob.id, subJob);
    return { transitions: transitionsOf(left, loaded), unresolved: unknown.length - lookups.length, commit };
  }

  private lookUp(s: SubJob, signal: AbortSignal): Promise<SubJob | undefined> {
    const ref = {
      id: s.id,
      jobType: s.jobType,
      jobId: s.jobId,
      status: s.status,
      ...(s.listedAs && { listedAs: s.listedAs }),
    };
    return this.source.findSubJob(ref, signal).catch((error: unknown) => {
      if (!isAbort(error) && !signal.aborted)
        this.logger.warn(`${this.projectId}: looking up sub-job ${s.id}, which ended, failed: ${describeError(error)}`);
      return undefined;
    });
  }
}
