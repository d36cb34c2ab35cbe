import { FAMILIES, Family, familyOf } from '../model/family';
import { isDeletableStatus, SubJob, SubJobStatus } from '../model/subJob';

/**
 * What deleting needs of a project session. ProjectSession has all of it; keeping to this much lets
 * the planning and the run be tested in plain Node against the simulator.
 */
export interface DeletionSource {
  readonly spec: { readonly key: string; readonly projectId: string; readonly name?: string; readonly family?: Family };
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

/** A sub-job given: its id, and its session (a row) or its family (`appServer:ID`) when known. */
export interface SubJobRef {
  readonly id: string;
  readonly sessionKey?: string;
  readonly family?: Family;
}

/** What a command was given, reduced to pointers: everything else is looked up again. */
export type DeletionTarget =
  | { readonly kind: 'group'; readonly sessionKey: string; readonly status: string }
  | { readonly kind: 'subJobs'; readonly refs: readonly SubJobRef[] };

/**
 * An id passed as an argument: `ID`, or `image:ID` / `appServer:ID` (the family in any case, as the
 * job-type filter takes `appServer:TYPE`), since one id may be an image and an app-server sub-job.
 */
export function subJobRefOf(text: string): SubJobRef {
  const colon = text.indexOf(':');
  const family = FAMILIES.find((f) => colon > 0 && f.toLowerCase() === text.slice(0, colon).trim().toLowerCase());
  return family ? { id: text.slice(colon + 1).trim(), family } : { id: text };
}

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
  /** Given without a session, and held by more than one session: which one was meant is not known. */
  readonly ambiguous?: readonly string[];
  /** Given without a session, found in one, but another could not be asked (refused, or its look-up failed). */
  readonly unchecked?: readonly string[];
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
  return target.refs.some((r) => {
    const among = candidates(sources, r);
    const holders = among.filter((s) => s.loadedSubJobs().some((j) => j.id === r.id)).length;
    // Every session that might hold an id given without one is asked, not only the first that has it.
    return among.length > 1 ? holders < 2 : among.length === 1 && holders === 0;
  });
}

/**
 * Where a ref's sub-job may be: its own session when the ref names one still shown (the two families
 * share ids, so an image row's id is not looked for among app servers), else every session of its
 * family when it names one, else every session.
 */
function candidates(sources: readonly DeletionSource[], ref: SubJobRef): readonly DeletionSource[] {
  const own = ref.sessionKey === undefined ? undefined : sources.find((s) => s.spec.key === ref.sessionKey);
  if (own) return [own];
  return ref.family ? sources.filter((s) => familyOf(s.spec) === ref.family) : sources;
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
function better(seen: SubJob | undefined, next: SubJob): SubJob {
  return !seen || (!isDeletableStatus(seen.status) && isDeletableStatus(next.status)) ? next : seen;
}

/** Each session among `among` that has sub-job `id` loaded, with it. */
function loadedHolders(among: readonly DeletionSource[], id: string): Map<DeletionSource, SubJob> {
  const holders = new Map<DeletionSource, SubJob>();
  for (const source of among)
    for (const subJob of source.loadedSubJobs())
      if (subJob.id === id) holders.set(source, better(holders.get(source), subJob));
  return holders;
}

/** Where one ref ended, after the loaded rows and the look-ups. */
type Outcome =
  | { readonly kind: 'found'; readonly found: Found }
  | { readonly kind: 'notFound' | 'ambiguous' | 'unchecked' }
  | { readonly kind: 'lookUpFailed'; readonly error: unknown };

/**
 * Asks the sessions that may hold a ref's sub-job and have not shown it loaded. With one candidate
 * (a row's own session) the first answer settles it; given without a session, every candidate is
 * asked, since deleting the image record X when an app-server record X was meant cannot be undone.
 */
async function lookUpRef(
  among: readonly DeletionSource[],
  id: string,
  holders: Map<DeletionSource, SubJob>,
  signal: AbortSignal,
): Promise<Outcome> {
  let failure: unknown;
  let unasked = false;
  for (const source of among) {
    if (holders.has(source)) continue;
    // The service refused the credential: nothing is sent for it, look-ups included.
    if (source.refused) {
      unasked = true;
      continue;
    }
    signal.throwIfAborted();
    const subJob = await source.findById(id, signal).catch((error: unknown) => {
      if (signal.aborted) throw error;
      failure = error;
      return undefined;
    });
    if (subJob?.id === id) holders.set(source, subJob);
    if (among.length === 1) break;
  }
  if (holders.size > 1) return { kind: 'ambiguous' };
  const [only] = holders;
  if (only) {
    if (failure !== undefined || unasked) return { kind: 'unchecked' };
    return { kind: 'found', found: { source: only[0], subJob: only[1] } };
  }
  return failure === undefined ? { kind: 'notFound' } : { kind: 'lookUpFailed', error: failure };
}

async function planSubJobs(
  sources: readonly DeletionSource[],
  refs: readonly SubJobRef[],
  signal: AbortSignal,
): Promise<DeletionPlan> {
  const notFound: string[] = [];
  // Keyed by session (or family) and id: the image row X and the app-server row X are two sub-jobs.
  // A bare id (the palette's list) means the keyed one when a row names it too.
  const wanted = new Map<string, SubJobRef>();
  const keyedIds = new Set(refs.filter((r) => r.sessionKey !== undefined).map((r) => r.id));
  for (const ref of refs) {
    if (typeof ref.id !== 'string' || ref.id === '') notFound.push(String(ref.id ?? ''));
    else if (ref.sessionKey !== undefined || !keyedIds.has(ref.id))
      wanted.set(`${ref.sessionKey ?? ''}\u0000${ref.family ?? ''}\u0000${ref.id}`, ref);
  }
  const found = new Map<string, Found>();
  const ambiguous: string[] = [];
  const unloaded: Array<[string, SubJobRef, readonly DeletionSource[], Map<DeletionSource, SubJob>]> = [];
  for (const [key, ref] of wanted) {
    const among = candidates(sources, ref);
    const holders = loadedHolders(among, ref.id);
    const [only] = holders;
    if (holders.size > 1) ambiguous.push(ref.id);
    else if (only && among.length === 1) found.set(key, { source: only[0], subJob: only[1] });
    else unloaded.push([key, ref, among, holders]);
  }
  // One look-up at a time: each reads several pages, and an access key not yet proven must not meet a burst.
  const lookUpFailed: Array<{ id: string; error: unknown }> = [];
  const unchecked: string[] = [];
  for (const [key, { id }, among, holders] of unloaded.slice(0, MAX_LOOKUPS)) {
    const outcome = await lookUpRef(among, id, holders, signal);
    if (outcome.kind === 'found') found.set(key, outcome.found);
    else if (outcome.kind === 'lookUpFailed') lookUpFailed.push({ id, error: outcome.error });
    else if (outcome.kind === 'ambiguous') ambiguous.push(id);
    else if (outcome.kind === 'unchecked') unchecked.push(id);
    else notFound.push(id);
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
    ...(ambiguous.length && { ambiguous }),
    ...(unchecked.length && { unchecked }),
  };
}
