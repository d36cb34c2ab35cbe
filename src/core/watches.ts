import { ApiError, describeError, isAbort } from '../api/errors';
import { Logger, silentLogger } from '../api/logger';
import { isShowJobUnavailable, type ImageJob } from '../api/imageJob';
import type { SubJobRef } from '../model/subJobRef';
import { isActiveStatus, isJobType, SubJob } from '../model/subJob';
import { isRecord } from '../model/validate';
import { isFailure } from './announcements';
import { Clock, systemClock } from './clock';
import { KeyValueStore } from './filterStore';

/** A sub-job, or a parent job, someone wants to hear about when it ends. */
export interface Watch {
  readonly kind: 'subJob' | 'job';
  /** The sub-job's id, or the job's. */
  readonly id: string;
  /** The session (project) it belongs to. */
  readonly sessionKey: string;
  /** What to call it: the sub-job's resource name, or "job <id>". */
  readonly label: string;
  /** For a sub-job: what finds it again. */
  readonly ref?: SubJobRef;
}

const KEY = 'workspaceJobs.watches';
type Listener = () => void;

function parseWatch(raw: unknown): Watch | undefined {
  if (!isRecord(raw) || (raw.kind !== 'subJob' && raw.kind !== 'job')) return undefined;
  if (typeof raw.id !== 'string' || !raw.id || typeof raw.sessionKey !== 'string' || typeof raw.label !== 'string')
    return undefined;
  const ref =
    isRecord(raw.ref) &&
    typeof raw.ref.id === 'string' &&
    typeof raw.ref.jobType === 'string' &&
    typeof raw.ref.jobId === 'string'
      ? raw.ref
      : undefined;
  return {
    kind: raw.kind,
    id: raw.id,
    sessionKey: raw.sessionKey,
    label: raw.label,
    ...(ref && {
      ref: {
        id: ref.id as string,
        jobType: ref.jobType as string,
        jobId: ref.jobId as string,
        ...(isJobType(ref.listedAs) && { listedAs: ref.listedAs }),
      },
    }),
  };
}

/** How long an ended watch still counts as watched: its ending is told by the watch, not again by a refresh. */
export const ENDED_WATCH_MEMORY_MS = 10 * 60_000;

/** What is being watched, kept per workspace so it survives a reload. */
export class WatchList {
  private items: Watch[];
  private readonly listeners = new Set<Listener>();
  /** Ids whose watch ended (and told so) recently, with when. */
  private readonly ended = new Map<string, number>();

  constructor(
    private readonly storage: KeyValueStore,
    private readonly now: () => number = Date.now,
  ) {
    const stored = storage.get<unknown>(KEY, []);
    this.items = Array.isArray(stored) ? stored.map(parseWatch).filter((w): w is Watch => w !== undefined) : [];
  }

  get all(): readonly Watch[] {
    return this.items;
  }

  /** Ids of everything watched (sub-jobs and jobs), for marking rows. */
  get ids(): ReadonlySet<string> {
    return new Set(this.items.map((w) => w.id));
  }

  /**
   * Ids watched now or whose watch ended recently: a refresh that sees the ending after the watch
   * told it must not announce it again.
   */
  get announcedByWatch(): ReadonlySet<string> {
    const cutoff = this.now() - ENDED_WATCH_MEMORY_MS;
    for (const [id, at] of this.ended) if (at < cutoff) this.ended.delete(id);
    return new Set([...this.ids, ...this.ended.keys()]);
  }

  has(id: string): boolean {
    return this.items.some((w) => w.id === id);
  }

  onDidChange(listener: Listener): { dispose(): void } {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  }

  async add(watch: Watch): Promise<boolean> {
    if (this.has(watch.id)) return false;
    await this.set([...this.items, watch]);
    return true;
  }

  /** Stops watching; `ended` when the watch has told how its sub-job or job ended. */
  async remove(id: string, ended = false): Promise<boolean> {
    if (!this.has(id)) return false;
    if (ended) this.ended.set(id, this.now());
    await this.set(this.items.filter((w) => w.id !== id));
    return true;
  }

  /** Forgets the watches of projects no longer configured. */
  async keepOnly(sessionKeys: ReadonlySet<string>): Promise<void> {
    const kept = this.items.filter((w) => sessionKeys.has(w.sessionKey));
    if (kept.length !== this.items.length) await this.set(kept);
  }

  private async set(items: Watch[]): Promise<void> {
    this.items = items;
    await this.storage.update(KEY, items.length ? items : undefined);
    for (const listener of [...this.listeners]) listener();
  }
}

/** How a watched sub-job or job ended. */
export interface WatchEnd {
  readonly watch: Watch;
  readonly status: string;
  readonly beginTime: string;
  readonly endTime: string;
  /** The sub-job as it ended (for a sub-job watch): its error, for the details panel. */
  readonly subJob?: SubJob;
}

/** The calls a watch needs from its project's session, while the session can make them. */
export interface WatchSource {
  findSubJob(ref: SubJobRef, signal: AbortSignal): Promise<SubJob | undefined>;
  showJob(jobId: string, signal: AbortSignal): Promise<ImageJob>;
  /** Every sub-job of a parent job, from the listings: where ShowImageJob is not offered. */
  listJob(jobId: string, signal: AbortSignal): Promise<SubJob[]>;
}

export interface WatchPollerDeps {
  readonly watches: WatchList;
  /** The connected session of a key, if it is still shown. */
  readonly source: (sessionKey: string) => WatchSource | undefined;
  /** Seconds between polls (the refresh interval); 0 = off. */
  readonly intervalSeconds: () => number;
  readonly onEnded: (end: WatchEnd) => void;
  readonly clock?: Clock;
  readonly logger?: Logger;
}

/**
 * Looks at each watched sub-job or job once an interval, whether or not anyone looks at the view
 * (the one exception to "no requests while nobody looks"), and only at them: one request each.
 * A watch ends itself once it has told how its sub-job or job ended.
 */
export class WatchPoller {
  private timer: unknown;
  private running = false;
  private disposed = false;
  private readonly clock: Clock;
  private readonly logger: Logger;

  constructor(private readonly deps: WatchPollerDeps) {
    this.clock = deps.clock ?? systemClock;
    this.logger = deps.logger ?? silentLogger;
  }

  /** (Re)starts the schedule: after a change of watches, interval or sessions. */
  schedule(): void {
    this.cancel();
    const seconds = this.deps.intervalSeconds();
    if (this.disposed || this.running || seconds <= 0 || this.deps.watches.all.length === 0) return;
    this.timer = this.clock.setTimeout(() => {
      this.timer = undefined;
      void this.poll();
    }, seconds * 1000);
  }

  /** Looks at every watch now. */
  async poll(): Promise<void> {
    if (this.running || this.disposed) return;
    this.running = true;
    try {
      const controller = new AbortController();
      await Promise.all(this.deps.watches.all.map((watch) => this.check(watch, controller.signal)));
    } finally {
      this.running = false;
      this.schedule();
    }
  }

  dispose(): void {
    this.disposed = true;
    this.cancel();
  }

  private async check(watch: Watch, signal: AbortSignal): Promise<void> {
    const source = this.deps.source(watch.sessionKey);
    if (!source) return;
    try {
      const end =
        watch.kind === 'job' ? await this.jobEnd(watch, source, signal) : await this.subJobEnd(watch, source, signal);
      if (!end || this.disposed || !this.deps.watches.has(watch.id)) return;
      await this.deps.watches.remove(watch.id, true);
      this.deps.onEnded(end);
    } catch (error) {
      if (!isAbort(error))
        this.logger.warn(
          `Checking watched ${watch.kind === 'job' ? 'job' : 'sub-job'} ${watch.id} failed: ${describeError(error)}`,
        );
    }
  }

  private async subJobEnd(watch: Watch, source: WatchSource, signal: AbortSignal): Promise<WatchEnd | undefined> {
    const subJob = await source.findSubJob(watch.ref ?? { id: watch.id, jobType: '', jobId: '' }, signal);
    if (!subJob || isActiveStatus(subJob.status)) return undefined;
    return { watch, status: subJob.status, beginTime: subJob.beginTime, endTime: subJob.endTime, subJob };
  }

  private async jobEnd(watch: Watch, source: WatchSource, signal: AbortSignal): Promise<WatchEnd | undefined> {
    let job: ImageJob | undefined;
    try {
      job = await source.showJob(watch.id, signal);
    } catch (error) {
      // A deployment without ShowImageJob (or a policy that denies it): the listings tell too.
      if (!isUnavailable(error)) throw error;
    }
    if (job) {
      // A job is WAITING, RUNNING, SUCCESS or FAILED; one still holding active sub-jobs has not ended.
      if (isActiveStatus(job.status) || job.subJobs.some((s) => isActiveStatus(s.status))) return undefined;
      return { watch, status: job.status, beginTime: job.beginTime, endTime: job.endTime };
    }
    const subJobs = await source.listJob(watch.id, signal);
    if (!subJobs.length || subJobs.some((s) => isActiveStatus(s.status))) return undefined;
    const failed = subJobs.some((s) => isFailure(s.status));
    const begins = subJobs
      .map((s) => s.beginTime)
      .filter(Boolean)
      .sort();
    const ends = subJobs
      .map((s) => s.endTime)
      .filter(Boolean)
      .sort();
    return { watch, status: failed ? 'FAILED' : 'SUCCESS', beginTime: begins[0] ?? '', endTime: ends.at(-1) ?? '' };
  }

  private cancel(): void {
    if (this.timer !== undefined) this.clock.clearTimeout(this.timer);
    this.timer = undefined;
  }
}

/** ShowImageJob not offered or not allowed here, or the job unknown to it: the listings may tell. */
function isUnavailable(error: unknown): boolean {
  return isShowJobUnavailable(error) || (error instanceof ApiError && error.status === 404);
}
