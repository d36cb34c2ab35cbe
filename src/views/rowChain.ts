import type { ProjectSession } from '../core/projectSession';
import { NotShown, outsideQuery, shownNow } from '../core/whereShown';
import type { SubJob } from '../model/subJob';
import { statusGroupChildren } from '../presentation/errorCodeRows';
import { familyRow, sameProject } from '../presentation/familyRows';
import { projectRow } from '../presentation/projectRow';
import { groupChildren, projectChildren, TreeRow } from '../presentation/treeModel';

/** What the rows depend on besides the session: the same the tree's own answers use. */
export interface ChainContext {
  readonly sessions: readonly ProjectSession[];
  readonly filterText: string | undefined;
  readonly now: number;
  readonly watched: ReadonlySet<string>;
  readonly groupFailures: boolean;
}

/**
 * The rows from a project down to a sub-job's row as it is now (`subJob` is a pointer: its status
 * may be old), its group loaded, so a reveal knows every parent; or why there is none: the filter
 * hides it, or it is gone (deleted, or moved beyond the rows loaded).
 */
export async function rowChain(
  session: ProjectSession,
  subJob: SubJob,
  context: () => ChainContext,
): Promise<TreeRow[] | NotShown> {
  const open = (status: string) => session.isExpanded(status);
  let now = shownNow(session.state, open, subJob.id);
  if (!now) {
    if (outsideQuery(session.spec.query, subJob)) return 'hidden';
    if (session.state.counts?.get(subJob.status)) await session.expand(subJob.status);
    now = shownNow(session.state, open, subJob.id);
    if (!now) return 'gone';
  }
  const { status } = now;
  const { spec, state } = session;
  const c = context();
  const groupRow = projectChildren(spec, state, c.filterText).find((r) => r.kind === 'status' && r.status === status);
  const row = groupChildren(spec, state, status, c.now, c.watched).find(
    (r) => r.kind === 'subJob' && r.subJob.id === subJob.id,
  );
  if (!groupRow || row?.kind !== 'subJob') return 'gone';
  // Grouped by error code, the sub-job's row hangs under its code's row.
  const codeRow = statusGroupChildren(spec, state, status, c.now, c.watched, c.groupFailures).find(
    (r) => r.kind === 'errorCode' && r.code === row.subJob.errorCode,
  );
  const families = sameProject(c.sessions, session);
  const owner = families[0]!;
  return [
    projectRow(owner.spec, owner.state),
    ...(families.length > 1 ? [familyRow(spec, state)] : []),
    groupRow,
    ...(codeRow ? [codeRow] : []),
    row,
  ];
}
