import type { SubJobRef } from '../model/subJobRef';
import { isQueryJobType, SubJob } from '../model/subJob';
import { isRecord } from '../model/validate';
import { Emitter, Event } from './events';
import { KeyValueStore } from './filterStore';
import { projectKeyOf } from './sessionSpec';

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

/** Each watch costs a look-up an interval, whether or not anyone looks: beyond this many, a watch is refused. */
export const MAX_WATCHES = 100;

/** What adding a watch did: added, was watched already, or refused because MAX_WATCHES are. */
export type WatchAdded = 'added' | 'already' | 'full';

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
        ...(isQueryJobType(ref.listedAs) && { listedAs: ref.listedAs }),
      },
    }),
  };
}

/** A watch's identity: its session and its id, since the two families share ids (a CREATE_SERVER sub-job's). */
export function watchKey(sessionKey: string, id: string): string {
  return `${sessionKey}\u0000${id}`;
}

/** What names one watch. */
export type WatchId = Pick<Watch, 'sessionKey' | 'id'>;

/** How long an ended watch still counts as watched: its ending is told by the watch, not again by a refresh. */
export const ENDED_WATCH_MEMORY_MS = 10 * 60_000;

/** What is being watched, kept per workspace so it survives a reload. */
export class WatchList {
  private items: Watch[];
  private readonly changed = new Emitter<void>();
  readonly onDidChange: Event<void> = this.changed.event;
  /** Watch keys (watchKey) whose watch ended (and told so) recently, with when. */
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

  /** The watchKey of everything watched (sub-jobs and jobs), for marking rows. */
  get ids(): ReadonlySet<string> {
    return new Set(this.items.map((w) => watchKey(w.sessionKey, w.id)));
  }

  /**
   * Ids one session watches now or whose watch ended recently: a refresh that sees the ending after
   * the watch told it must not announce it again. Per session: another family's watch of the same id says nothing.
   */
  announcedByWatch(sessionKey: string): ReadonlySet<string> {
    const cutoff = this.now() - ENDED_WATCH_MEMORY_MS;
    for (const [key, at] of this.ended) if (at < cutoff) this.ended.delete(key);
    const prefix = watchKey(sessionKey, '');
    const ended = [...this.ended.keys()].filter((key) => key.startsWith(prefix)).map((key) => key.slice(prefix.length));
    return new Set([...this.items.filter((w) => w.sessionKey === sessionKey).map((w) => w.id), ...ended]);
  }

  has(sessionKey: string, id: string): boolean {
    return this.items.some((w) => w.sessionKey === sessionKey && w.id === id);
  }

  async add(watch: Watch): Promise<WatchAdded> {
    if (this.has(watch.sessionKey, watch.id)) return 'already';
    // Watches stored by an older version beyond the limit are kept; only new ones are refused.
    if (this.items.length >= MAX_WATCHES) return 'full';
    await this.set([...this.items, watch]);
    return 'added';
  }

  /** Stops watching; `ended` when the watch has told how its sub-job or job ended. */
  async remove(sessionKey: string, id: string, ended = false): Promise<boolean> {
    if (!this.has(sessionKey, id)) return false;
    if (ended) this.ended.set(watchKey(sessionKey, id), this.now());
    await this.set(this.items.filter((w) => w.sessionKey !== sessionKey || w.id !== id));
    return true;
  }

  /**
   * Ends the watches that told how they ended (or that their sub-job is gone): one write for a whole
   * poll. They leave the list at once, before the write is awaited, so no one tells them twice.
   */
  async removeEnded(watches: readonly WatchId[]): Promise<void> {
    const ended = new Set(watches.filter((w) => this.has(w.sessionKey, w.id)).map((w) => watchKey(w.sessionKey, w.id)));
    if (!ended.size) return;
    const at = this.now();
    for (const key of ended) this.ended.set(key, at);
    await this.set(this.items.filter((w) => !ended.has(watchKey(w.sessionKey, w.id))));
  }

  /**
   * Forgets the watches of projects no longer configured; returns those forgotten. By project, not
   * session: a family turned off keeps its watches, paused, until it is shown again.
   */
  async keepOnly(projectKeys: ReadonlySet<string>): Promise<Watch[]> {
    const kept = this.items.filter((w) => projectKeys.has(projectKeyOf(w.sessionKey)));
    const dropped = this.items.filter((w) => !projectKeys.has(projectKeyOf(w.sessionKey)));
    if (dropped.length) await this.set(kept);
    return dropped;
  }

  /** Puts back watches forgotten with their project (Remove Project's Undo), in one write, within MAX_WATCHES. */
  async restore(watches: readonly Watch[]): Promise<void> {
    const back: Watch[] = [];
    const taken = new Set(this.ids);
    for (const watch of watches) {
      const key = watchKey(watch.sessionKey, watch.id);
      if (taken.has(key) || this.items.length + back.length >= MAX_WATCHES) continue;
      taken.add(key);
      back.push(watch);
    }
    if (back.length) await this.set([...this.items, ...back]);
  }

  private async set(items: Watch[]): Promise<void> {
    this.items = items;
    await this.storage.update(KEY, items.length ? items : undefined);
    this.changed.fire();
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
  /** A job's sub-jobs as it ended (for a job watch): how many succeeded and failed. */
  readonly subJobs?: readonly SubJob[];
}

/** A watched sub-job or job the service no longer knows (deleted, or aged out): the watch ended without an outcome. */
export interface WatchGone {
  readonly watch: Watch;
  readonly gone: true;
}

export type WatchEnding = WatchEnd | WatchGone;

export function isWatchGone(ending: WatchEnding): ending is WatchGone {
  return 'gone' in ending;
}
