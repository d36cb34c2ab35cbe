import type { SubJobRef } from '../model/subJobRef';
import { isJobType, SubJob } from '../model/subJob';
import { isRecord } from '../model/validate';
import { Emitter, Event } from './events';
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
  private readonly changed = new Emitter<void>();
  readonly onDidChange: Event<void> = this.changed.event;
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

  async add(watch: Watch): Promise<WatchAdded> {
    if (this.has(watch.id)) return 'already';
    // Watches stored by an older version beyond the limit are kept; only new ones are refused.
    if (this.items.length >= MAX_WATCHES) return 'full';
    await this.set([...this.items, watch]);
    return 'added';
  }

  /** Stops watching; `ended` when the watch has told how its sub-job or job ended. */
  async remove(id: string, ended = false): Promise<boolean> {
    if (!this.has(id)) return false;
    if (ended) this.ended.set(id, this.now());
    await this.set(this.items.filter((w) => w.id !== id));
    return true;
  }

  /**
   * Ends the watches that told how they ended (or that their sub-job is gone): one write for a whole
   * poll. They leave the list at once, before the write is awaited, so no one tells them twice.
   */
  async removeEnded(ids: readonly string[]): Promise<void> {
    const ended = new Set(ids.filter((id) => this.has(id)));
    if (!ended.size) return;
    const at = this.now();
    for (const id of ended) this.ended.set(id, at);
    await this.set(this.items.filter((w) => !ended.has(w.id)));
  }

  /** Forgets the watches of projects no longer configured; returns those forgotten. */
  async keepOnly(sessionKeys: ReadonlySet<string>): Promise<Watch[]> {
    const kept = this.items.filter((w) => sessionKeys.has(w.sessionKey));
    const dropped = this.items.filter((w) => !sessionKeys.has(w.sessionKey));
    if (dropped.length) await this.set(kept);
    return dropped;
  }

  /** Puts back watches forgotten with their project (Remove Project's Undo), in one write, within MAX_WATCHES. */
  async restore(watches: readonly Watch[]): Promise<void> {
    const back: Watch[] = [];
    for (const watch of watches)
      if (!this.has(watch.id) && !back.some((w) => w.id === watch.id) && this.items.length + back.length < MAX_WATCHES)
        back.push(watch);
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
