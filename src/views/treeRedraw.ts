import type { ProjectSession } from '../core/projectSession';
import { groupChildren, TreeRow } from '../presentation/treeModel';

/**
 * The sub-job rows of a session's open groups whose description reads differently now (an age
 * moved on, a watch was added or ended), each given its new row. Rows under a node VS Code is
 * fetching anew (`busy`) are left out: that fetch redraws them, and telling it twice races.
 */
export function rowsReadingDifferently<N extends { row: TreeRow }>(
  session: ProjectSession,
  nodes: ReadonlyMap<string, N>,
  now: number,
  watched: ReadonlySet<string>,
  busy: (node: N) => boolean,
): N[] {
  const redraw: N[] = [];
  for (const status of session.state.groups.keys()) {
    if (!session.isExpanded(status)) continue;
    for (const row of groupChildren(session.spec, session.state, status, now, watched)) {
      const node = nodes.get(row.id);
      if (
        node &&
        node.row.kind === 'subJob' &&
        row.kind === 'subJob' &&
        node.row.description !== row.description &&
        !busy(node)
      ) {
        node.row = row;
        redraw.push(node);
      }
    }
  }
  return redraw;
}
