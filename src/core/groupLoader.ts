import { describeError, isAbort } from '../api/errors';
import { Logger } from '../api/logger';
import { listNewest, PageSource } from '../api/newestPages';
import { ACTIVE_STATUSES, isActiveStatus, isSubJobStatus } from '../model/subJob';
import { ChangeBatcher } from './changeBatcher';
import { GROUP_PAGE, SessionQuery } from './sessionSpec';
import { dedupe, withUnknown } from './sessionState';

export interface GroupLoaderDeps {
  readonly store: ChangeBatcher;
  /** The session's gated pages. */
  readonly pages: PageSource;
  readonly query: SessionQuery;
  /** The session's lifetime: loads the user started stop with it. */
  readonly lifetime: AbortSignal;
  readonly logger: Logger;
  readonly projectId: string;
}

/**
 * Which status groups are open and how much of each is shown, and the loads of their newest
 * sub-jobs: concurrent expansions share one load, and a load is applied only if no later answer
 * for its group came first.
 */
export class GroupLoader {
  private readonly expanded = new Set<string>();
  private readonly limits = new Map<string, number>();
  /** Groups loading now, with how many each asks for. */
  private readonly loading = new Map<string, { done: Promise<void>; limit: number }>();

  constructor(private readonly deps: GroupLoaderDeps) {}

  isExpanded(status: string): boolean {
    return this.expanded.has(status);
  }

  limitOf(status: string): number {
    return this.limits.get(status) ?? GROUP_PAGE;
  }

  /** Opens a group and loads it unless it is up to date: undefined then, so a tree can answer at once. */
  expand(status: string, connected: boolean): Promise<void> | undefined {
    this.expanded.add(status);
    if (!connected) return undefined;
    const { state, countsAnswer } = this.deps.store;
    const group = state.groups.get(status);
    const upToDate =
      group &&
      !group.error &&
      group.answer > countsAnswer &&
      group.subJobs.length >= Math.min(this.limitOf(status), state.counts?.get(status) ?? 0);
    return upToDate ? this.loading.get(status)?.done : this.load(status);
  }

  /** A collapsed group costs only its count; opened again, it starts from its newest page. */
  collapse(status: string): void {
    this.expanded.delete(status);
    this.limits.delete(status);
  }

  showMore(status: string, more: number): Promise<void> {
    this.limits.set(status, this.limitOf(status) + more);
    this.expanded.add(status);
    return this.load(status);
  }

  /** Takes over which groups another session of the same data had open, and how far. */
  inherit(from: GroupLoader): void {
    for (const status of from.expanded) this.expanded.add(status);
    for (const [status, limit] of from.limits) this.limits.set(status, limit);
  }

  /**
   * The groups a refresh reads again: the open ones, except a finished one whose count has not
   * moved (finished sub-jobs stay finished); while tracking, the active ones whether open or not.
   */
  toReload(byStatus: ReadonlyMap<string, number>, tracking: boolean): string[] {
    const reload = [...this.expanded].filter((s) => {
      if (!isSubJobStatus(s) || (byStatus.get(s) ?? 0) === 0) return false;
      const group = this.deps.store.state.groups.get(s);
      return (
        isActiveStatus(s) ||
        !group ||
        group.error !== undefined ||
        group.total !== byStatus.get(s) ||
        group.subJobs.length < Math.min(this.limitOf(s), group.total ?? 0)
      );
    });
    if (tracking)
      for (const s of ACTIVE_STATUSES) if ((byStatus.get(s) ?? 0) > 0 && !reload.includes(s)) reload.push(s);
    return reload;
  }

  /** An active group whose count fell to zero holds nothing any more: its sub-jobs have moved on. */
  dropGroup(status: string): void {
    const current = this.deps.store.state;
    const group = current.groups.get(status);
    if (!group || group.subJobs.length === 0) return;
    const groups = new Map(current.groups);
    if (this.expanded.has(status)) groups.set(status, { ...group, subJobs: [], total: 0 });
    else groups.delete(status);
    this.deps.store.apply({ ...current, groups });
  }

  /**
   * Loads a group's newest sub-jobs. With a signal (a refresh's), a failure is the caller's to
   * handle; without, it is shown on the group, and the load stops with the session.
   */
  load(status: string, signal?: AbortSignal): Promise<void> {
    if (!isSubJobStatus(status)) return Promise.resolve();
    const limit = this.limitOf(status);
    const running = this.loading.get(status);
    if (running && !signal && running.limit >= limit) return running.done;
    const { store, lifetime } = this.deps;
    if (lifetime.aborted) return Promise.resolve();
    const stopped = () => lifetime.aborted || signal?.aborted === true;
    const loaded: Promise<void> = (async () => {
      const answer = store.nextAnswer();
      try {
        const result = await listNewest(
          this.deps.pages,
          {
            jobTypes: this.deps.query.jobTypes,
            status,
            jobId: this.deps.query.jobId,
            limit,
            expected: store.state.groups.get(status)?.totalByJobType ?? store.state.counts?.get(status),
          },
          signal ?? lifetime,
        );
        if (stopped()) return;
        if (result.rejected.length)
          this.deps.logger.warn(
            `${this.deps.projectId}: ${status}: ${result.rejected.length} sub-job(s) skipped as malformed, e.g. ${result.rejected[0]}`,
          );
        // A later load (a refresh, Show more) answered first: this older answer would bring back what has moved on.
        if ((store.state.groups.get(status)?.answer ?? 0) > answer) return;
        const groups = new Map(store.state.groups);
        groups.set(status, {
          subJobs: result.subJobs,
          limit,
          answer,
          totalByJobType: result.totalByJobType,
          total: result.total,
        });
        const counts = new Map(store.state.counts ?? []);
        // The listing's own count is newer than the count call's.
        counts.set(status, result.total);
        store.apply({ ...store.state, groups: dedupe(groups), counts: withUnknown(counts, store.state) });
      } catch (error) {
        if (isAbort(error) || stopped()) return;
        if (signal) throw error;
        const message = describeError(error);
        this.deps.logger.error(`${this.deps.projectId}: loading ${status} failed: ${message}`);
        const groups = new Map(store.state.groups);
        const before = groups.get(status);
        groups.set(status, { subJobs: before?.subJobs ?? [], limit, answer: before?.answer ?? 0, error: message });
        store.apply({ ...store.state, groups });
      } finally {
        // Cleared once this load settled, unless a newer one took its place.
        queueMicrotask(() => {
          if (this.loading.get(status)?.done === loaded) this.loading.delete(status);
        });
      }
    })();
    this.loading.set(status, { done: loaded, limit });
    return loaded;
  }
}
