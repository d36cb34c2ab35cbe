import { SessionClosedError } from './sessionGate';
import type { Family } from '../model/family';
import { specFamily, specProjectKey, type SessionSpec } from './sessionSpec';

/**
 * Why a session ended, for what outlives it (an open details panel): `replaced` by a new session
 * of the same project (a new credential, filter or setting), which carries on; the view showing
 * the projects instead of sample data or the other way round; a project no longer configured (or
 * moved to another endpoint); its family no longer shown (workspaceJobs.families), while the project
 * goes on in another; or the extension shutting down.
 */
export type SessionEnd =
  | 'replaced'
  | 'sampleDataStopped'
  | 'sampleDataStarted'
  | 'projectRemoved'
  | 'projectMoved'
  | `${Family}FamilyHidden`
  | 'shutdown';

/** Why `retired` ends, given the sessions that take over. */
export function endOfRetired(retired: SessionSpec, next: readonly SessionSpec[]): SessionEnd {
  if (next.some((spec) => spec.key === retired.key)) return 'replaced';
  if (retired.sampleData) return 'sampleDataStopped';
  if (next.some((spec) => spec.sampleData)) return 'sampleDataStarted';
  if (next.some((spec) => specProjectKey(spec) === specProjectKey(retired)))
    return `${specFamily(retired)}FamilyHidden`;
  if (next.some((spec) => spec.projectId === retired.projectId)) return 'projectMoved';
  return 'projectRemoved';
}

/** Why the session whose lifetime signal this is ended; undefined while it lives, or when nobody said. */
export function sessionEndOf(signal: AbortSignal): SessionEnd | undefined {
  return signal.aborted && signal.reason instanceof SessionClosedError ? signal.reason.end : undefined;
}
