import { isDeletableStatus, SubJob, SubJobStatus } from '../model/subJob';

/**
 * What deleting needs of a project session. ProjectSession has all of it; keeping to this much lets
 * the planning and the run be tested in plain Node against the simulator.
 */
export interface DeletionSource {
  readonly spec: { readonly key: string; readonly projectId: string; readonly name?: string };
  /** The session's own counts per status: what a group row claims is not trusted. */
  readonly state: { readonly counts?: ReadonlyMap<string, number> };
  /** The service refused the credential: nothing is sent for it, look-ups included. */
  readonly refused: boolean;
  loadedSubJobs(): readonly SubJob[];
  /** A sub-job among the newest pages of every job type; undefined when not found there. */
  findById(id: string, signal: AbortSignal): Promise<SubJob | undefined>;
  /** Every sub-job of a status group under the session's filter. */
  listGroup(status: SubJobStatus, signal: AbortSignal): Promise<SubJob[]>;
  batchDelete(ids: readonly string[], signal: AbortSignal): Promise<void>;
  /** Takes deleted sub-jobs off the view at once. */
  removeSubJobs(removed: ReadonlyArray<{ readonly id: string; readonly status: string }>): void;
}

/** What a command was given, reduced to pointers: everything else is looked up again. */
export type DeletionTarget =
  | { readonly kind: 'group'; readonly sessionKey: string; readonly status: string }
  | { readonly kind: 'subJobs'; readonly refs: ReadonlyArray<{ readonly id: string; readonly sessionKey?: string }> };

/** Ids given whose rows are not loaded that are looked up; each look-up reads the newest pages of every job type. */
export const MAX_LOOKUPS = 20;

export interface DeletionPlan {
  /** Sub-jobs to delete, per project, each with the status its session has for it. */
  readonly batches: ReadonlyArray<{ readonly source: DeletionSource; readonly subJobs: readonly SubJob[] }>;
  /** A whole status group: listed once confirmed, and at most `count` (the session's count) deleted. */
  readonly group?: { readonly source: DeletionSource; readonly status: 'SUCCESS' | 'FAILED'; readonly count: number };
  /** Ids looked up and not found (or given empty). */
  readonly notFound: readonly string[];
  /** Found, but not SUCCESS or FAILED: the service would refuse the whole call. */
  readonly notDeletable: ReadonlyArray<{ readonly id: string; readonly status: string }>;
  /** Not loaded, and past MAX_LOOKUPS: not looked up, never sent. */
  readonly notLookedUp: readonly string[];
  /** Not found because a look-up failed (the error of the last one that did). */
  readonly lookUpFailed?: ReadonlyArray<{ readonly id: string; readonly error: unknown }>;
  /** A group row that is not SUCCESS or FAILED, with the session's count of it. */
  readonly groupLeftAlone?: { readonly status: string; readonly count: number };
}

const EMPTY: DeletionPlan = { batches: [], notFound: [], notDeletable: [], notLookedUp: [] };

/** How many sub-jobs the plan would delete: what the confirmation asks about. */
export function plannedCount(plan: DeletionPlan): number {
  return (plan.group?.count ?? 0) + plan.batches.reduce((n, b) => n + b.subJobs.length, 0);
}

/** Whether a look-up is needed before the plan is known (the command shows progress then). */
export function needsLookUp(sources: readonly DeletionSource[], target: DeletionTarget): boolean {
  if (target.kind === 'group') return false;
  return target.refs.some(
    (r) => !candidates(sources, r.sessionKey).some((s) => s.loadedSubJobs().some((j) => j.id === r.id)),
  );
}

/**
 * Where a ref's sub-job is: its own session when the ref names one still shown (the two families share
 * ids, so an image row's id is not looked for among app servers), else every session, first first.
 */
function candidates(sources: readonly DeletionSource[], sessionKey: string | undefined): readonly DeletionSource[] {
  const own = sessionKey === undefined ? undefined : sources.find((s) => s.spec.key === sessionKey);
  return own ? [own] : sources;
}

/**
 * What will be deleted and what is left alone, and why. A group is asked about with its session's
 * count; a sub-job's status is the one its session has loaded, or the one a look-up finds.
 */
export async function planDeletion(
  sources: readonly DeletionSource[],
  target: DeletionTarget,
  signal: AbortSignal,
): Promise<DeletionPlan> {
  return target.kind === 'group' ? planGroup(sources, target) : planSubJobs(sources, target.refs, signal);
}

function planGroup(sources: readonly DeletionSource[], target: { sessionKey: string; status: string }): DeletionPlan {
  const source = sources.find((s) => s.spec.key === target.sessionKey);
  if (!source) return EMPTY;
  const count = source.state.counts?.get(target.status) ?? 0;
  if (!isDeletableStatus(target.status))
    return count ? { ...EMPTY, groupLeftAlone: { status: target.status, count } } : EMPTY;
  if (!count) return EMPTY;
  return { ...EMPTY, group: { source, status: target.status as 'SUCCESS' | 'FAILED', count } };
}

type Found = { readonly source: DeletionSource; readonly subJob: SubJob };

/** A sub-job loaded in two groups for a moment (it moved) counts once: the deletable copy. */
function better(seen: Found | undefined, next: Found): Found {
  return !seen || (!isDeletableStatus(seen.subJob.status) && isDeletableStatus(next.subJob.status)) ? next : seen;
}

async function planSubJobs(
  sources: readonly DeletionSource[],
  refs: ReadonlyArray<{ readonly id: string; readonly sessionKey?: string }>,
  signal: AbortSignal,
): Promise<DeletionPlan> {
  const notFound: string[] = [];
  // Keyed by session and id: the image row X and the app-server row X are two sub-jobs. A bare id
  // (the palette's list) means the keyed one when a row names it too.
  const wanted = new Map<string, { readonly id: string; readonly sessionKey?: string }>();
  const keyedIds = new Set(refs.filter((r) => r.sessionKey !== undefined).map((r) => r.id));
  for (const ref of refs) {
    if (typeof ref.id !== 'string' || ref.id === '') notFound.push(String(ref.id ?? ''));
    else if (ref.sessionKey !== undefined || !keyedIds.has(ref.id))
      wanted.set(`${ref.sessionKey ?? ''}\u0000${ref.id}`, {
        id: ref.id,
        ...(ref.sessionKey !== undefined && { sessionKey: ref.sessionKey }),
      });
  }
  const found = new Map<string, Found>();
  for (const [key, { id, sessionKey }] of wanted)
    for (const source of candidates(sources, sessionKey)) {
      for (const subJob of source.loadedSubJobs())
        if (subJob.id === id) found.set(key, better(found.get(key), { source, subJob }));
      if (found.has(key)) break;
    }
  const unloaded = [...wanted].filter(([key]) => !found.has(key));
  const lookedUp = unloaded.slice(0, MAX_LOOKUPS);
  const usable = new Set(sources.filter((s) => !s.refused));
  // One look-up at a time: each reads several pages, and an access key not yet proven must not meet a burst.
  const lookUpFailed: Array<{ id: string; error: unknown }> = [];
  for (const [key, { id, sessionKey }] of lookedUp) {
    let failure: unknown;
    for (const source of candidates(sources, sessionKey)) {
      if (!usable.has(source)) continue;
      signal.throwIfAborted();
      const subJob = await source.findById(id, signal).catch((error: unknown) => {
        if (signal.aborted) throw error;
        failure = error;
        return undefined;
      });
      if (subJob?.id === id) {
        found.set(key, { source, subJob });
        break;
      }
    }
    if (found.has(key)) continue;
    if (failure === undefined) notFound.push(id);
    else lookUpFailed.push({ id, error: failure });
  }
  const bySource = new Map<DeletionSource, SubJob[]>();
  const notDeletable: Array<{ id: string; status: string }> = [];
  for (const { source, subJob } of found.values()) {
    const batch = bySource.get(source) ?? [];
    // Two refs that end at one sub-job (a bare id and a stale row) delete it once.
    if (batch.some((j) => j.id === subJob.id)) continue;
    if (isDeletableStatus(subJob.status)) bySource.set(source, [...batch, subJob]);
    else notDeletable.push({ id: subJob.id, status: subJob.status });
  }
  return {
    batches: [...bySource].map(([source, subJobs]) => ({ source, subJobs })),
    notFound,
    notDeletable,
    notLookedUp: unloaded.slice(MAX_LOOKUPS).map(([, { id }]) => id),
    ...(lookUpFailed.length && { lookUpFailed }),
  };
}
