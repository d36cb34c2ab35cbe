import type { SubJobRow, TreeRow } from '../presentation/treeModel';

/** The tree row a command was run on: menus pass the tree node ({ row }), clicks the row itself. */
export function rowOf(arg: unknown): Partial<TreeRow> | undefined {
  return ((arg as { row?: unknown } | undefined)?.row ?? arg) as Partial<TreeRow> | undefined;
}

/** A command's sub-job row, when it was run on one. */
export function subJobRowOf(arg: unknown): SubJobRow | undefined {
  const row = rowOf(arg);
  return row?.kind === 'subJob' ? (row as SubJobRow) : undefined;
}
