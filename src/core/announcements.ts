import { isActiveStatus, SubJob } from '../model/subJob';
import { Transition } from './transitions';

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
