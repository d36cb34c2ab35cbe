import * as vscode from 'vscode';
import { ProjectSession } from '../core/projectSession';
import { Sessions } from '../core/sessions';
import { SessionChange } from '../core/sessionState';
import { NotShown } from '../core/whereShown';
import { SubJob } from '../model/subJob';
import { byProject, familyRow, familyRowId, sameProject, sharedProblem } from '../presentation/familyRows';
import { filterRow, projectChildren, projectRow, projectRowId, statusRowId, TreeRow } from '../presentation/treeModel';
import { errorCodeChildren, statusGroupChildren } from '../presentation/errorCodeRows';
import { rowChain } from './rowChain';
import { toTreeItem } from './treeItems';
import { rowsReadingDifferently } from './treeRedraw';

/** A row with an identity that outlives refreshes: VS Code finds elements by object identity. */
export interface TreeNode {
  row: TreeRow;
}

/**
 * Renders the sessions: a root per project, a node per family when it has several (one session
 * each), the status groups, and a group's sub-jobs once expanded (which loads them). VS Code hears
 * only of the nodes a session says changed: a refresh that found the same data fires nothing.
 */
export class SubJobTreeProvider implements vscode.TreeDataProvider<TreeNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<TreeNode | TreeNode[] | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly nodes = new Map<string, TreeNode>();
  private readonly parents = new WeakMap<TreeNode, TreeNode>();
  /** The ids each node's children had when last asked for, so rows that went away are forgotten. */
  private readonly childIds = new WeakMap<TreeNode, string[]>();
  private rootIds: string[] = [];
  private readonly disposables: Array<{ dispose(): void }> = [];
  /** Nodes told to VS Code whose children it has not fetched again yet: their rows must not be redrawn meanwhile. */
  private readonly refetching = new Set<TreeNode>();
  /**
   * Groups whose children VS Code is waiting for while they load. Telling VS Code a node changed
   * while its children are on their way makes it register them twice ("Element … is already
   * registered"): a change then is either in the answer (not yet computed) or told afterwards.
   */
  private readonly fetching = new Map<TreeNode, { computed: boolean; changedSince: boolean }>();
  /** The line that says what the filter is, for "No sub-jobs match …". */
  private filterText: string | undefined;

  constructor(
    private readonly sessions: Sessions,
    /** Ids of watched sub-jobs and jobs: their rows are marked. */
    private readonly watched: () => ReadonlySet<string> = () => new Set(),
    private readonly clock: () => number = Date.now,
    /** Whether the failure groups show a row per error code (workspaceJobs.groupFailuresByErrorCode); fireAll when it changes. */
    private readonly groupFailures: () => boolean = () => false,
  ) {
    this.disposables.push(
      sessions.onDidChangeSessions(() => this.fireAll()),
      sessions.onDidChangeSession(({ session, change }) => this.sessionChanged(session, change)),
      // Ages ("5 min ago") move on with time, not with data: after each refresh, redraw the rows that read differently.
      sessions.onDidRefresh(({ session }) => this.agesChanged(session)),
    );
  }

  setFilterText(text: string | undefined): void {
    if (text === this.filterText) return;
    this.filterText = text;
    this.fireAll();
  }

  getTreeItem(node: TreeNode): vscode.TreeItem {
    const session = this.sessions.get(node.row.sessionKey);
    return toTreeItem(node.row, { projectId: session?.spec.projectId ?? '', filterText: this.filterText });
  }

  getChildren(node?: TreeNode): TreeNode[] | Promise<TreeNode[]> {
    if (node) this.refetching.delete(node);
    if (!node) {
      // Projects that went (removed, replaced) take their rows out of the node map with them.
      // The filter applies to every project: it is said once, first, where the keyboard starts.
      // Without projects the welcome view shows, which a row would hide.
      const rows: TreeRow[] = byProject(this.sessions.all).map(([first, ...others]) =>
        projectRow(first!.spec, first!.state, others),
      );
      if (this.filterText !== undefined && rows.length) rows.unshift(filterRow(this.filterText));
      const ids = rows.map((row) => row.id);
      const kept = new Set(ids);
      for (const gone of this.rootIds.filter((id) => !kept.has(id))) this.forget(gone);
      this.rootIds = ids;
      return rows.map((row) => this.node(row));
    }
    const session = this.sessions.get(node.row.sessionKey);
    if (!session) return [];
    const families = node.row.kind === 'project' ? sameProject(this.sessions.all, session) : [];
    if (families.length > 1 && !sharedProblem(families))
      return this.children(
        node,
        families.map((s) => familyRow(s.spec, s.state)),
      );
    if (node.row.kind === 'project' || node.row.kind === 'family')
      return this.children(node, projectChildren(session.spec, session.state, this.filterText));
    if (node.row.kind === 'status') {
      const status = node.row.status;
      const rows = () => this.children(node, this.groupRows(session, status));
      // Expanding a group is what loads it (VS Code shows progress meanwhile); loaded ones answer at once.
      const loading = session.expand(status);
      if (!loading) return rows();
      const fetch = { computed: false, changedSince: false };
      this.fetching.set(node, fetch);
      const settle = () =>
        setTimeout(() => {
          if (this.fetching.get(node) !== fetch) return;
          this.fetching.delete(node);
          if (fetch.changedSince) this.changed.fire(node);
        }, 0);
      return loading.then(
        () => {
          fetch.computed = true;
          settle();
          return rows();
        },
        () => {
          fetch.computed = true;
          settle();
          return rows();
        },
      );
    }
    if (node.row.kind === 'errorCode') {
      const { status, code } = node.row;
      return this.children(
        node,
        errorCodeChildren(session.spec, session.state, status, code, this.clock(), this.watched()),
      );
    }
    return [];
  }

  getParent(node: TreeNode): TreeNode | undefined {
    return this.parents.get(node);
  }

  /** A collapsed group stops costing its pages. */
  collapsed(node: TreeNode): void {
    if (node.row.kind === 'status') this.sessions.get(node.row.sessionKey)?.collapse(node.row.status);
  }

  /** Shows one sub-job in the tree, selected; false when nodeOf finds no row for it. */
  async reveal(treeView: vscode.TreeView<TreeNode>, session: ProjectSession, subJob: SubJob): Promise<boolean> {
    const node = await this.nodeOf(session, subJob);
    if (typeof node !== 'object') return false;
    await treeView.reveal(node, { select: true, focus: true, expand: true });
    return true;
  }

  /** A sub-job's row as it is now, its parents known for reveal (see rowChain); or why there is none. */
  async nodeOf(session: ProjectSession, subJob: SubJob): Promise<TreeNode | NotShown> {
    const chain = await rowChain(session, subJob, () => ({
      sessions: this.sessions.all,
      filterText: this.filterText,
      now: this.clock(),
      watched: this.watched(),
      groupFailures: this.groupFailures(),
    }));
    if (typeof chain === 'string') return chain;
    let parent: TreeNode | undefined;
    for (const row of chain) {
      const node = this.node(row);
      if (parent) this.parents.set(node, parent);
      parent = node;
    }
    return parent!;
  }

  /** Selects and focuses the sub-job at `index` in a loaded group (the first one Show more brought); false when there is none. */
  async revealSubJobAt(
    treeView: vscode.TreeView<TreeNode>,
    session: ProjectSession,
    status: string,
    index: number,
  ): Promise<boolean> {
    const subJob = session.state.groups.get(status)?.subJobs[index];
    if (!subJob) return false;
    return this.reveal(treeView, session, subJob);
  }

  /** Everything may have changed (a filter's text, the sessions themselves). */
  fireAll(): void {
    this.refetching.clear();
    this.changed.fire(undefined);
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
    this.changed.dispose();
  }

  /** A status group's rows as the tree shows them now: grouped by error code or not. */
  private groupRows(session: ProjectSession, status: string): TreeRow[] {
    const { spec, state } = session;
    return statusGroupChildren(spec, state, status, this.clock(), this.watched(), this.groupFailures());
  }

  private node(row: TreeRow): TreeNode {
    let node = this.nodes.get(row.id);
    if (!node) {
      node = { row };
      this.nodes.set(row.id, node);
    } else {
      node.row = row;
    }
    return node;
  }

  private children(parent: TreeNode, rows: readonly TreeRow[]): TreeNode[] {
    const ids = rows.map((row) => row.id);
    const kept = new Set(ids);
    for (const gone of (this.childIds.get(parent) ?? []).filter((id) => !kept.has(id))) this.forget(gone);
    this.childIds.set(parent, ids);
    return rows.map((row) => {
      const child = this.node(row);
      this.parents.set(child, parent);
      return child;
    });
  }

  private underRefetch(node: TreeNode): boolean {
    for (let at = this.parents.get(node); at; at = this.parents.get(at)) if (this.refetching.has(at)) return true;
    return false;
  }

  private forget(id: string): void {
    const node = this.nodes.get(id);
    if (!node) return;
    this.nodes.delete(id);
    for (const child of this.childIds.get(node) ?? []) this.forget(child);
  }

  private sessionChanged(session: ProjectSession, change: SessionChange): void {
    const families = sameProject(this.sessions.all, session).length > 1;
    const projectNode = this.nodes.get(projectRowId(session.spec.key));
    // With several families the session's groups hang under its family's node; the project row speaks for them all.
    const container = families ? this.nodes.get(familyRowId(session.spec.key)) : projectNode;
    if (families && projectNode?.row.kind === 'project' && change.project) {
      const before = projectNode.row;
      const [first, ...others] = sameProject(this.sessions.all, session);
      projectNode.row = projectRow(first!.spec, first!.state, others);
      // Its children are the family rows, which never change: only what the row itself says is redrawn.
      if (before.stale !== projectNode.row.stale) this.changed.fire(projectNode);
    }
    if (!container) return;
    if (change.project) {
      container.row = families ? familyRow(session.spec, session.state) : projectRow(session.spec, session.state);
      this.refetching.add(container);
      this.changed.fire(container);
      return;
    }
    const groups = change.groups
      .map((status) => this.nodes.get(statusRowId(session.spec.key, status)))
      .filter((n): n is TreeNode => n !== undefined);
    const told: TreeNode[] = [];
    for (const group of groups) {
      let recounted = false;
      if (group.row.kind === 'status') {
        const count = session.state.counts?.get(group.row.status) ?? 0;
        recounted = group.row.count !== count;
        group.row = { ...group.row, count };
      }
      const fetch = this.fetching.get(group);
      if (fetch) {
        // The fetch in flight brings the group's rows as they are when it ends, but not the group's
        // own row: a count that moved meanwhile is drawn once the fetch is done.
        if (fetch.computed || recounted) fetch.changedSince = true;
        continue;
      }
      this.refetching.add(group);
      told.push(group);
    }
    if (told.length) this.changed.fire(told);
  }

  /** Redraws the rows whose marks changed (a watch added or ended). */
  watchesChanged(): void {
    for (const session of this.sessions.all) this.agesChanged(session);
  }

  private agesChanged(session: ProjectSession): void {
    const redraw = rowsReadingDifferently(session, this.nodes, this.clock(), this.watched(), (node) =>
      this.underRefetch(node),
    );
    if (redraw.length) this.changed.fire(redraw);
  }
}
