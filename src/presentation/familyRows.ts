import * as l10n from '@vscode/l10n';
import type { SessionSpec } from '../core/sessionSpec';
import type { SessionState } from '../core/sessionState';
import { specFamily, specProjectKey } from '../core/sessionSpec';
import type { Family } from '../model/family';
import { projectLabel } from '../core/projects';

/**
 * A family's node under its project ("Image jobs", "App server jobs"): its children are the
 * family session's status groups. With one family enabled the tree has no such level.
 */
export interface FamilyRow {
  readonly kind: 'family';
  readonly id: string;
  /** The family's session. */
  readonly sessionKey: string;
  readonly family: Family;
  readonly label: string;
  readonly projectId: string;
  /** The family's own session state, which the project row (the first family's) does not show. */
  readonly lastRefresh?: number;
  readonly stale: boolean;
  readonly countingByListing?: boolean;
}

/** What the tree calls a family. */
export function familyLabel(family: Family): string {
  return family === 'appServer'
    ? l10n.t({ message: 'App server jobs', comment: ['Tree node under a project: its app-server sub-jobs'] })
    : l10n.t({ message: 'Image jobs', comment: ['Tree node under a project: its image sub-jobs'] });
}

/** The id of a family's row; the session key already names the family. */
export function familyRowId(sessionKey: string): string {
  return `family/${sessionKey}`;
}

export function familyRow(spec: SessionSpec, state: SessionState): FamilyRow {
  const family = specFamily(spec);
  return {
    kind: 'family',
    id: familyRowId(spec.key),
    sessionKey: spec.key,
    family,
    label: familyLabel(family),
    projectId: spec.projectId,
    ...(state.fetchedAt !== undefined && { lastRefresh: state.fetchedAt }),
    stale: state.failure !== undefined && state.counts !== undefined,
    ...(state.countingByListing && { countingByListing: true }),
  };
}

/** Sessions by project, in the order their projects first come, each project's families in session order. */
export function byProject<T extends { readonly spec: SessionSpec }>(sessions: readonly T[]): T[][] {
  const projects = new Map<string, T[]>();
  for (const session of sessions) {
    const key = specProjectKey(session.spec);
    let list = projects.get(key);
    if (!list) projects.set(key, (list = []));
    list.push(session);
  }
  return [...projects.values()];
}

/** The sessions of a session's project (one per family shown), in order. */
export function sameProject<T extends { readonly spec: SessionSpec }>(sessions: readonly T[], session: T): T[] {
  const key = specProjectKey(session.spec);
  return sessions.filter((s) => specProjectKey(s.spec) === key);
}

/** Whether a session's project shows more than one family: its labels then name the family too. */
export function showsSeveralFamilies(
  sessions: ReadonlyArray<{ readonly spec: Pick<SessionSpec, 'key' | 'projectKey'> }>,
  session: { readonly spec: Pick<SessionSpec, 'key' | 'projectKey'> },
): boolean {
  const project = specProjectKey(session.spec);
  return sessions.some((s) => s.spec.key !== session.spec.key && specProjectKey(s.spec) === project);
}

/**
 * What a list of sessions calls one (pickers, panels, the stale line): its project, and its family
 * when `several` families of that project are shown, since both sessions' projects read the same.
 */
export function sessionLabel(spec: Pick<SessionSpec, 'projectId' | 'name' | 'family'>, several: boolean): string {
  const project = projectLabel(spec);
  return several
    ? l10n.t({
        message: '{0} · {1}',
        args: [project, familyLabel(specFamily(spec))],
        comment: ['A project and one of its families, e.g. "prod · App server jobs"'],
      })
    : project;
}

/**
 * The problem every family of a project shares, when it is the project's connection (no credentials,
 * not covered, a refused setting): said once under the project, not once per family. A filter that
 * leaves a family no job type is that family's own.
 */
export function sharedProblem(sessions: ReadonlyArray<{ readonly state: Pick<SessionState, 'problem'> }>): boolean {
  const kind = sessions[0]?.state.problem?.kind;
  return kind !== undefined && kind !== 'noJobTypes' && sessions.every((s) => s.state.problem?.kind === kind);
}
