import { isActiveStatus, SubJob } from '../model/subJob';
import { Clock } from './clock';
import { Transition } from './transitions';
import { isWatchGone, WatchEnd, WatchEnding } from './watches';

/** workspaceJobs.notifications. */
export type NotificationSetting = 'failures' | 'all' | 'off';

export function isNotificationSetting(value: unknown): value is NotificationSetting {
  return value === 'failures' || value === 'all' || value === 'off';
}

/** What one refresh of one project has to tell; the VS Code layer words it. */
export interface Announcement {
  /** one: a single sub-job ended; many: several in one refresh; away: a summary after a long absence. */
  readonly kind: 'one' | 'many' | 'away';
  readonly failed: readonly SubJob[];
  /** Only with the setting `all`. */
  readonly succeeded: readonly SubJob[];
  /** Ended too, but not looked up one by one. */
  readonly more: number;
}

export interface AnnouncementInput {
  readonly transitions: readonly Transition[];
  readonly unresolved: number;
  /** Time since the previous successful refresh. */
  readonly sinceLastMs?: number;
  readonly setting: NotificationSetting;
  /** Sub-jobs (and parent jobs) being watched: their end is told by the watch, not twice. */
  readonly watched: ReadonlySet<string>;
  /** The refresh interval in ms (0 = off). */
  readonly intervalMs: number;
}

/** After this long without a refresh (several intervals, at least five minutes) the user was away. */
export function awayAfterMs(intervalMs: number): number {
  return Math.max(5 * 60_000, 3 * intervalMs);
}

export const FAILED_STATUSES: readonly string[] = ['FAILED', 'ABNORMAL'];

export function isFailure(status: string): boolean {
  return FAILED_STATUSES.includes(status);
}

/**
 * Whether and what to announce after a refresh. Only transitions seen live count: the session
 * reports none on its first refresh (so none on a first load, or after a filter or project change,
 * which make new sessions), and a refresh after a long absence makes one summary, not a burst.
 */
export function announce(input: AnnouncementInput): Announcement | undefined {
  if (input.setting === 'off') return undefined;
  const ended = input.transitions.filter(
    (t) => !input.watched.has(t.subJob.id) && !input.watched.has(t.subJob.jobId) && !isActiveStatus(t.subJob.status),
  );
  const failed = ended.filter((t) => isFailure(t.subJob.status)).map((t) => t.subJob);
  const succeeded =
    input.setting === 'all' ? ended.filter((t) => !isFailure(t.subJob.status)).map((t) => t.subJob) : [];
  // Endings not looked up may be successes: under "failures" they are only mentioned beside failures.
  const more = input.setting === 'all' || failed.length > 0 ? input.unresolved : 0;
  if (failed.length + succeeded.length + more === 0) return undefined;
  if (input.sinceLastMs !== undefined && input.sinceLastMs > awayAfterMs(input.intervalMs))
    return { kind: 'away', failed, succeeded, more };
  return { kind: failed.length + succeeded.length + more === 1 ? 'one' : 'many', failed, succeeded, more };
}

/** The first line of an error message, for a notification (the details panel shows the rest). */
export function firstLine(text: string, max = 160): string {
  const line = text.split(/\r?\n/, 1)[0].trim();
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
}

/** How many sub-jobs a notification names; the rest are "and N more". */
export const MAX_NAMED = 3;

/** A sub-job's id is 18 digits: a notification shows its ends, the details panel the whole. */
export function shortId(id: string): string {
  return id.length > 10 ? `${id.slice(0, 4)}…${id.slice(-3)}` : id;
}

/** What a notification calls sub-jobs: up to MAX_NAMED resource names (or short ids), and how many more. */
export function namesOf(subJobs: readonly SubJob[], max = MAX_NAMED): { names: string[]; more: number } {
  const names = subJobs.slice(0, max).map((s) => s.resourceName || s.resourceId || shortId(s.id));
  return { names, more: Math.max(0, subJobs.length - max) };
}

/** How a parent job's sub-jobs ended: successes counted, failures listed (to be named). */
export function jobOutcome(subJobs: readonly SubJob[]): { succeeded: number; failed: SubJob[] } {
  return {
    succeeded: subJobs.filter((s) => s.status === 'SUCCESS').length,
    failed: subJobs.filter((s) => isFailure(s.status)),
  };
}

/** A sub-job told in a batch, with the project it belongs to. */
export interface BatchedSubJob {
  readonly sessionKey: string;
  readonly subJob: SubJob;
}

/** Announcements of one or several projects, and watches that ended, told as one notification. */
export interface AnnouncementBatch {
  /** watch: one watch's ending alone, told in the watch's own words (its ending is in watchEndings). */
  readonly kind: Announcement['kind'] | 'watch';
  readonly failed: readonly BatchedSubJob[];
  readonly succeeded: readonly BatchedSubJob[];
  /** Ended too, outcome not named: sub-jobs not looked up one by one, and jobs whose watch ended. */
  readonly more: number;
  /** Watched sub-jobs or jobs the service no longer knows. */
  readonly gone: number;
  readonly watchEndings: readonly WatchEnding[];
  /** The projects it speaks of, in the order they came. */
  readonly sessionKeys: readonly string[];
}

/** Projects refresh on timers of their own: what arrives this close together is told together. */
export const COALESCE_MS = 2_000;

/**
 * At most one notification an interval, but never held longer than this after the last one: with an
 * hour's interval a failure is still told within half a minute.
 */
export const MAX_HOLD_MS = 30_000;

export interface AnnouncementBatcherDeps {
  readonly clock: Clock;
  /** The refresh interval in ms (0 = off): at most one notification an interval (capped by MAX_HOLD_MS). */
  readonly intervalMs: () => number;
  readonly show: (batch: AnnouncementBatch) => void;
}

type Pending =
  | { readonly sessionKey: string; readonly announcement: Announcement }
  | { readonly sessionKey: string; readonly ending: WatchEnding };

/**
 * Gathers what refreshes announce, and the endings watches tell, into one notification: what arrives
 * within COALESCE_MS (another project's refresh, the watch poll of the same moment), and everything
 * within one interval (at most MAX_HOLD_MS) after a notification, told once that has passed. A burst
 * of failures is one toast, never one per refresh. A UI debounce: it sends nothing to the service.
 */
export class AnnouncementBatcher {
  private pending: Pending[] = [];
  private timer: unknown;
  private lastShownAt = Number.NEGATIVE_INFINITY;
  private disposed = false;

  constructor(private readonly deps: AnnouncementBatcherDeps) {}

  add(sessionKey: string, announcement: Announcement): void {
    this.queue([{ sessionKey, announcement }]);
  }

  /** Watches that ended (one poll, or a refresh that saw them end). */
  addEndings(endings: readonly WatchEnding[]): void {
    this.queue(endings.map((ending) => ({ sessionKey: ending.watch.sessionKey, ending })));
  }

  dispose(): void {
    this.disposed = true;
    if (this.timer !== undefined) this.deps.clock.clearTimeout(this.timer);
    this.timer = undefined;
    this.pending = [];
  }

  private queue(items: readonly Pending[]): void {
    if (this.disposed || !items.length) return;
    this.pending.push(...items);
    if (this.timer !== undefined) return;
    const now = this.deps.clock.now();
    const hold = Math.min(this.deps.intervalMs(), MAX_HOLD_MS);
    const due = Math.max(now + COALESCE_MS, this.lastShownAt + hold);
    this.timer = this.deps.clock.setTimeout(() => this.flush(), due - now);
  }

  private flush(): void {
    this.timer = undefined;
    const pending = this.pending;
    this.pending = [];
    if (this.disposed || !pending.length) return;
    this.lastShownAt = this.deps.clock.now();
    const announced = pending.flatMap((p) => ('announcement' in p ? [p] : []));
    const watchEndings = pending.flatMap((p) => ('ending' in p ? [p.ending] : []));
    const ended = watchEndings.filter((e): e is WatchEnd => !isWatchGone(e));
    const tagged = (pick: (a: Announcement) => readonly SubJob[], fromWatch: (s: SubJob) => boolean) => [
      ...announced.flatMap(({ sessionKey, announcement }) =>
        pick(announcement).map((subJob) => ({ sessionKey, subJob })),
      ),
      ...ended.flatMap((e) =>
        e.subJob && fromWatch(e.subJob) ? [{ sessionKey: e.watch.sessionKey, subJob: e.subJob }] : [],
      ),
    ];
    const failed = tagged(
      (a) => a.failed,
      (s) => isFailure(s.status),
    );
    const succeeded = tagged(
      (a) => a.succeeded,
      (s) => !isFailure(s.status),
    );
    const more =
      announced.reduce((n, p) => n + p.announcement.more, 0) + ended.filter((e) => e.subJob === undefined).length;
    const gone = watchEndings.length - ended.length;
    const away = announced.some((p) => p.announcement.kind === 'away');
    const kind =
      pending.length === 1 && watchEndings.length === 1
        ? 'watch'
        : away
          ? 'away'
          : failed.length + succeeded.length + more + gone === 1
            ? 'one'
            : 'many';
    this.deps.show({
      kind,
      failed,
      succeeded,
      more,
      gone,
      watchEndings,
      sessionKeys: [...new Set(pending.map((p) => p.sessionKey))],
    });
  }
}
