import * as vscode from 'vscode';
import { TokenAuthorizer } from '../api/authorizer';
import { Logger } from '../api/logger';
import { ApiError, describeError } from '../api/errors';
import { isExpiredTokenError } from '../core/credentials';
import { DispatcherFactory } from './dispatchers';
import { ListQuery, SubJobClient } from '../api/subJobClient';
import { Connection, ConnectionProblem, effectiveRefreshInterval, isConnection, resolveConnection } from '../core/connection';
import { describeFilter, effectiveJobTypes, isFiltered } from '../core/filter';
import { RefreshKind } from '../core/refreshPolicy';
import { RefreshScheduler } from '../core/refreshScheduler';
import { SubJobStore } from '../core/subJobStore';
import { buildProjectRow, GROUP_PAGE, GroupLimits, MessageRow, ProjectView } from '../presentation/treeModel';
import { readSettings } from '../config/settings';
import { CredentialStore } from '../config/credentialStore';
import { FilterStore } from '../core/filterStore';
import { SubJobTreeProvider } from './subJobTreeProvider';
import type { PanelSource } from './detailsPanel';

/** A running simulator the view can be pointed at instead of the configured project. */
export interface SampleEndpoint {
  readonly url: string;
  readonly projectId: string;
  readonly token: string;
}

export interface ControllerDeps {
  readonly store: SubJobStore;
  readonly scheduler: RefreshScheduler;
  readonly provider: SubJobTreeProvider;
  readonly treeView: vscode.TreeView<unknown>;
  readonly credentials: CredentialStore;
  readonly filters: FilterStore;
  readonly dispatchers: DispatcherFactory;
  readonly logger: Logger;
  readonly userAgent: string;
  /** A refresh failed because the token is too old (not wrong): time to renew or sign in again. */
  readonly onTokenExpired: () => void;
}

/** Why no request can be made, as a row that says how to fix it (the row's click does). */
function problemRow(problem: Exclude<ConnectionProblem, { kind: 'unconfigured' }>): MessageRow {
  switch (problem.kind) {
    case 'noCredentials':
      return { kind: 'message', id: 'noCredentials', severity: 'warning', label: 'No credentials — click to set a token', detail: 'Set a token, an access key (Workspace Jobs: Set Access Key) or sign in (Workspace Jobs: Sign In). Credentials are kept in VS Code SecretStorage.', action: 'setToken' };
    case 'badEndpoint':
      return { kind: 'message', id: 'badEndpoint', severity: 'error', label: `Endpoint refused: ${problem.reason}`, detail: `${problem.reason}\nClick to run Configure Project.`, action: 'configureProject' };
    case 'badProjectId':
      return { kind: 'message', id: 'badProjectId', severity: 'error', label: `Project id refused: ${problem.reason}`, detail: `workspaceJobs.projectId: ${problem.reason}\nClick to run Configure Project.`, action: 'configureProject' };
    case 'badProxy':
      return { kind: 'message', id: 'badProxy', severity: 'error', label: `Cannot connect: ${problem.reason}`, detail: `${problem.reason}\nClick to open the http.proxy setting.`, action: 'proxySettings' };
  }
}

const SAMPLE_MESSAGE = 'Sample data from the built-in simulator — not your cloud project.';

/**
 * Keeps the tree in step with settings, the stored token, the filter and sample-data mode: decides
 * which project to show and how to query it, owns the client for it, and renders the store's state.
 */
export class SubJobsController implements vscode.Disposable {
  private connection: Connection | ConnectionProblem = { kind: 'unconfigured' };
  private client: SubJobClient | undefined;
  private sample: SampleEndpoint | undefined;
  private noJobTypes = false;
  private limits: GroupLimits = {};
  private readonly disposables: vscode.Disposable[] = [];

  constructor(private readonly deps: ControllerDeps) {
    const { store, scheduler, treeView } = deps;
    this.disposables.push(store.onDidChange(() => this.render()));
    const attention = () => scheduler.setAttention(treeView.visible || vscode.window.state.focused);
    this.disposables.push(treeView.onDidChangeVisibility(attention), vscode.window.onDidChangeWindowState(attention));
    attention();
  }

  get sampleData(): boolean {
    return this.sample !== undefined;
  }

  /** The client of the project on show, for the details panels; undefined when none is. */
  get currentClient(): SubJobClient | undefined {
    return this.client;
  }

  /** What the details panels are opened for: which project, through which endpoint, with sample data or not. */
  get currentSource(): PanelSource | undefined {
    const c = this.connection;
    if (!isConnection(c) || !this.client) return undefined;
    return { key: c.key, label: c.sampleData ? `sample data (${c.projectId})` : `project ${c.projectId} (${c.location})` };
  }

  /** The client for a source a panel was opened for, while the view still shows it. */
  clientFor(key: string): SubJobClient | undefined {
    return isConnection(this.connection) && this.connection.key === key ? this.client : undefined;
  }

  /**
   * Re-reads settings, credential and filter. Refreshes when what is shown changes, or always
   * with `credentialsChanged` (same project and filter, but the answer may differ now).
   */
  async reload(options: { credentialsChanged?: boolean } = {}): Promise<void> {
    const settings = readSettings();
    const credential = this.sample ? undefined : await this.deps.credentials.get();
    // Everything is worked out before anything is switched: a failure leaves an error row, never a half-set view.
    const { connection, client } = this.prepare(this.sample ? this.sampleConnection(this.sample) : resolveConnection(settings, credential));
    const filter = this.deps.filters.current;
    const jobTypes = effectiveJobTypes(settings.jobTypes, filter);
    this.connection = connection;
    this.noJobTypes = jobTypes.length === 0;
    this.client = client;
    if (client && isConnection(connection) && !this.noJobTypes) {
      const query: ListQuery = { jobTypes, statuses: filter.statuses, jobId: filter.jobId };
      const newData = this.deps.store.setSource(`${connection.key}|${JSON.stringify(query)}`, client, query);
      this.deps.scheduler.setInterval(effectiveRefreshInterval(settings.refreshInterval));
      await this.updateContext();
      this.render();
      if (newData) this.limits = {};
      if (newData || options.credentialsChanged) {
        this.deps.scheduler.reset();
        await this.refresh('configuration');
      }
      return;
    }
    this.deps.store.clearSource();
    this.deps.scheduler.setInterval(0);
    await this.updateContext();
    this.render();
  }

  /**
   * The client for a connection, built completely (its connection pool, through the proxy) or not
   * at all: a setting that cannot be used becomes a problem the tree shows with how to fix it.
   */
  private prepare(connection: Connection | ConnectionProblem): { connection: Connection | ConnectionProblem; client?: SubJobClient } {
    if (!isConnection(connection)) return { connection };
    try {
      const client = new SubJobClient({
        endpoint: connection.endpoint,
        projectId: connection.projectId,
        authorizer: connection.authorizer,
        userAgent: this.deps.userAgent,
        logger: this.deps.logger,
        dispatcher: this.deps.dispatchers.forEndpoint(connection.endpoint),
      });
      return { connection, client };
    } catch (error) {
      const reason = describeError(error);
      this.deps.logger.error(`Cannot connect to ${connection.endpoint}: ${reason}`);
      return { connection: { kind: 'badProxy', projectId: connection.projectId, location: connection.location, reason } };
    }
  }

  /** A refresh on behalf of anyone: the user, the scheduler or a change of settings. */
  async refresh(reason: string, kind: RefreshKind = 'full'): Promise<void> {
    if (!this.deps.store.hasSource) {
      this.render();
      return;
    }
    const outcome = await this.deps.store.refresh(reason, kind);
    if (!outcome) return;
    this.deps.scheduler.recordOutcome(kind, outcome);
    const error = this.deps.store.current.failure?.error;
    if (!outcome.ok && error instanceof ApiError && isExpiredTokenError(error.status, error.errorCode, error.errorMsg)) this.deps.onTokenExpired();
  }

  /** Proxy settings changed: connections must be made anew. */
  async reconnect(): Promise<void> {
    this.deps.dispatchers.reset();
    await this.reload({ credentialsChanged: true });
  }

  /** Shows the next page of a large status group. */
  showMore(status: string): void {
    this.limits = { ...this.limits, [status]: (this.limits[status] ?? GROUP_PAGE) + GROUP_PAGE };
    this.render();
  }

  async useSample(sample: SampleEndpoint | undefined): Promise<void> {
    this.sample = sample;
    await this.reload();
  }

  private sampleConnection(sample: SampleEndpoint): Connection {
    return {
      key: `${sample.url}|${sample.projectId}`,
      projectId: sample.projectId,
      endpoint: sample.url,
      location: 'simulator',
      authorizer: new TokenAuthorizer(sample.token),
      credential: 'sample data (simulator token)',
      sampleData: true,
    };
  }

  private async updateContext(): Promise<void> {
    const unconfigured = !isConnection(this.connection) && this.connection.kind === 'unconfigured';
    await vscode.commands.executeCommand('setContext', 'workspaceJobs.state', unconfigured ? 'unconfigured' : 'configured');
    await vscode.commands.executeCommand('setContext', 'workspaceJobs.sampleData', this.sampleData);
    await vscode.commands.executeCommand('setContext', 'workspaceJobs.filtered', isFiltered(this.deps.filters.current));
  }

  private projectView(): ProjectView | undefined {
    const c = this.connection;
    const filter = this.deps.filters.current;
    const filterText = isFiltered(filter) ? describeFilter(filter) : undefined;
    if (isConnection(c)) {
      const blocker: MessageRow | undefined = this.noJobTypes
        ? { kind: 'message', id: 'noJobTypes', severity: 'info', label: `No sub-jobs match ${filterText}: no configured job type is left`, detail: 'workspaceJobs.jobTypes and the job type filter have nothing in common.', action: 'clearFilters' }
        : undefined;
      return {
        projectId: c.projectId,
        location: c.location,
        endpoint: c.endpoint,
        sampleData: c.sampleData,
        credential: c.credential,
        filter: filterText,
        blocker,
      };
    }
    if (c.kind === 'unconfigured') return undefined;
    const blocker = problemRow(c);
    return { projectId: c.projectId, location: c.location, endpoint: '', sampleData: false, credential: c.kind === 'noCredentials' ? 'none' : 'not sent', filter: filterText, blocker };
  }

  private render(): void {
    const project = this.projectView();
    this.deps.provider.show(project ? buildProjectRow(project, this.deps.store.current, Date.now(), this.limits) : undefined);
    const lines: string[] = [];
    if (this.sample) lines.push(SAMPLE_MESSAGE);
    if (project?.filter) lines.push(`Filtered: ${project.filter}`);
    const state = this.deps.store.current;
    if (state.failure && state.snapshot) {
      lines.push(`Stale: showing data from ${new Date(state.snapshot.fetchedAt).toLocaleTimeString()}; the last refresh failed.`);
    }
    this.deps.treeView.message = lines.length ? lines.join('\n') : undefined;
  }

  dispose(): void {
    this.deps.scheduler.dispose();
    for (const d of this.disposables) d.dispose();
  }
}
