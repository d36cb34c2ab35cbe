import type { Family } from '../model/family';
import { orderStatuses } from '../model/statusGroups';
import { isActiveStatus, isSubJobStatus, QueryJobType, SubJob } from '../model/subJob';

/** Why a project cannot be asked anything; the tree shows it on the project's row. */
export type SessionProblem =
  /** `found`: labels of credentials found on this machine that could be chosen for it. */
  | { readonly kind: 'noCredentials'; readonly found?: readonly string[] }
  /** A token or sign-in exists, but for another project; an access key or a sign-in for this one would do. */
  | { readonly kind: 'notCovered'; readonly coveredProjects: readonly string[] }
  | { readonly kind: 'badEndpoint'; readonly reason: string }
  | { readonly kind: 'badProjectId'; readonly reason: string }
  | { readonly kind: 'badProxy'; readonly reason: string }
  /** The configured job types and the job type filter have nothing in common. */
  | { readonly kind: 'noJobTypes' };

export interface RefreshFailure {
  /** One line for a person, never a stack trace. */
  readonly message: string;
  readonly error: unknown;
  /** Clock ms. */
  readonly at: number;
  readonly authFailure: boolean;
  /**
   * The service accepted the credential but the policy denies this family's call (a 403 "Policy
   * doesn't allow"): the IAM action to grant. Never with authFailure.
   */
  readonly denied?: { readonly action: string; readonly family: Family };
}

/** One status group's loaded sub-jobs. */
export interface GroupState {
  /** The newest `limit` sub-jobs, newest first; none that another, later answer shows in another status. */
  readonly subJobs: readonly SubJob[];
  readonly limit: number;
  /** Order of the answer they came from: a later answer wins when a sub-job shows in two groups. */
  readonly answer: number;
  /** How many the group held per job type when loaded: the next load asks only for pages that can hold something. */
  readonly totalByJobType?: ReadonlyMap<QueryJobType, number>;
  /** The group's count when loaded: a finished group whose count has not moved has not changed. */
  readonly total?: number;
  /** Why the last load failed; the sub-jobs are the last good ones. */
  readonly error?: string;
}

/** What a session knows about its project at one moment; replaced whole on every change. */
export interface SessionState {
  readonly problem?: SessionProblem;
  /**
   * Sub-jobs per status, for every status group with any, known statuses in attention order then
   * the ones this version does not know; undefined before the first answer.
   */
  readonly counts?: ReadonlyMap<string, number>;
  /** Sub-jobs in statuses this version does not know whose status was not found (too old to scan for). */
  readonly unknownMissing: number;
  /** Loaded status groups (expanded now or before). */
  readonly groups: ReadonlyMap<string, GroupState>;
  /** When the counts were last confirmed (clock ms). */
  readonly fetchedAt?: number;
  /** The last refresh's failure; cleared by the next success. */
  readonly failure?: RefreshFailure;
  /** The count call was refused (403): counts come from the list call, which costs more requests. */
  readonly countingByListing?: boolean;
}

export const EMPTY_STATE: SessionState = { unknownMissing: 0, groups: new Map() };

/** What changed between two states: the project row (or its list of children), and which groups. */
export interface SessionChange {
  readonly project: boolean;
  readonly groups: readonly string[];
}

export function isNoChange(change: SessionChange): boolean {
  return !change.project && change.groups.length === 0;
}

/** Whether any sub-job can still move on (the scheduler polls counts and pages while so). */
export function hasActive(state: SessionState): boolean {
  for (const [status, count] of state.counts ?? []) if (count > 0 && isActiveStatus(status)) return true;
  return false;
}

/** Counts in display order, without empty groups. */
export function orderedCounts(counts: ReadonlyMap<string, number>): Map<string, number> {
  const present = [...counts].filter(([, n]) => n > 0).map(([status]) => status);
  return new Map(orderStatuses(present).map((status) => [status, counts.get(status)!]));
}

function sameProblem(a: SessionProblem | undefined, b: SessionProblem | undefined): boolean {
  return JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
}

function groupLook(group: GroupState | undefined): string {
  if (!group) return '';
  return JSON.stringify([group.limit, group.error ?? '', group.subJobs]);
}

/** Unchanged groups keep their object (a load replaces only its own), so most need no serialising. */
function sameGroupLook(before: GroupState | undefined, after: GroupState | undefined): boolean {
  return before === after || groupLook(before) === groupLook(after);
}

/**
 * The smallest change that makes a view of `before` show `after`: the project when its row or the
 * list of its groups changed, else each group whose count or loaded sub-jobs changed. A refresh that
 * found the same data changes nothing, so the tree hears nothing.
 */
export function diffStates(before: SessionState, after: SessionState): SessionChange {
  const beforeGroups = [...(before.counts ?? new Map<string, number>()).keys()];
  const afterGroups = [...(after.counts ?? new Map<string, number>()).keys()];
  const project =
    !sameProblem(before.problem, after.problem) ||
    (before.failure?.message ?? '') !== (after.failure?.message ?? '') ||
    (before.counts === undefined) !== (after.counts === undefined) ||
    before.unknownMissing !== after.unknownMissing ||
    beforeGroups.join('\n') !== afterGroups.join('\n');
  const groups = afterGroups.filter(
    (status) =>
      before.counts?.get(status) !== after.counts?.get(status) ||
      !sameGroupLook(before.groups.get(status), after.groups.get(status)),
  );
  return { project, groups };
}

/** New known counts, keeping the unknown statuses found before (they are refreshed by the unknown-status scan). */
export function withUnknown(known: ReadonlyMap<string, number>, state: SessionState): Map<string, number> {
  const counts = new Map(known);
  for (const [status, n] of state.counts ?? [])
    if (!isSubJobStatus(status) && !counts.has(status)) counts.set(status, n);
  return orderedCounts(counts);
}

/** A sub-job that two answers put in two groups (it moved while they were read) stays in the later one's. */
export function dedupe(groups: Map<string, GroupState>): Map<string, GroupState> {
  const owner = new Map<string, { status: string; answer: number }>();
  for (const [status, group] of groups) {
    for (const subJob of group.subJobs) {
      const held = owner.get(subJob.id);
      if (!held || held.answer < group.answer) owner.set(subJob.id, { status, answer: group.answer });
    }
  }
  const result = new Map<string, GroupState>();
  for (const [status, group] of groups) {
    const kept = group.subJobs.filter((s) => owner.get(s.id)?.status === status);
    result.set(status, kept.length === group.subJobs.length ? group : { ...group, subJobs: kept });
  }
  return result;
}

/** The state without sub-jobs just deleted: off the counts and the loaded groups, until a refresh confirms it. */
export function withoutSubJobs(
  state: SessionState,
  removed: ReadonlyArray<{ readonly id: string; readonly status: string }>,
): SessionState {
  const gone = new Set(removed.map((r) => r.id));
  const counts = new Map(state.counts);
  for (const { status } of removed) counts.set(status, Math.max(0, (counts.get(status) ?? 0) - 1));
  const groups = new Map<string, GroupState>();
  for (const [status, group] of state.groups) {
    const kept = group.subJobs.filter((s) => !gone.has(s.id));
    groups.set(
      status,
      kept.length === group.subJobs.length
        ? group
        : {
            ...group,
            subJobs: kept,
            ...(group.total !== undefined && { total: group.total - (group.subJobs.length - kept.length) }),
          },
    );
  }
  return { ...state, counts: orderedCounts(counts), groups };
}
