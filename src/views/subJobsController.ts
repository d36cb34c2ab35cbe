import * as vscode from 'vscode';
import { TokenAuthorizer } from '../api/authorizer';
import { Logger } from '../api/logger';
import { SubJobClient } from '../api/subJobClient';
import { Connection, ConnectionProblem, effectiveRefreshInterval, isConnection, resolveConnection } from '../core/connection';
import { RefreshTimer } from '../core/refreshTimer';
import { SubJobStore } from '../core/subJobStore';
import { buildProjectRow, MessageRow, ProjectView } from '../presentation/treeModel';
import { readSettings } from '../config/settings';
import { TokenStore } from '../config/tokenStore';
import { SubJobTreeProvider } from './subJobTreeProvider';

/** A running simulator the view can be pointed at instead of the configured project. */
export interface SampleEndpoint {
  readonly url: string;
  readonly projectId: string;
  readonly token: string;
}

const SAMPLE_MESSAGE = 'Sample data from the built-in simulator — not your cloud project.';

/**
 * Keeps the tree in step with settings, the stored token and sample-data mode: decides which
 * project to show, owns the client for it, and renders the store's state.
 */
export class SubJobsController implements vscode.Disposable {
  private connection: Connection | ConnectionProblem = { kind: 'unconfigured' };
  private client: SubJobClient | undefined;
  private sample: SampleEndpoint | undefined;
  private readonly disposables: vscode.Disposable[] = [];

  constructor(
    private readonly store: SubJobStore,
    private readonly timer: RefreshTimer,
    private readonly provider: SubJobTreeProvider,
    private readonly treeView: vscode.TreeView<unknown>,
    private readonly tokens: TokenStore,
    private readonly logger: Logger,
    private readonly userAgent: string,
  ) {
    this.disposables.push(store.onDidChange(() => this.render()));
  }

  get sampleData(): boolean {
    return this.sample !== undefined;
  }

  /** Re-reads settings and the token; refreshes when what is shown changes. */
  async reload(): Promise<void> {
    const settings = readSettings();
    const next = this.sample ? this.sampleConnection(this.sample) : resolveConnection(settings, await this.tokens.get());
    const previousKey = isConnection(this.connection) ? this.connection.key : undefined;
    const query = { jobTypes: settings.jobTypes };
    this.connection = next;
    if (isConnection(next)) {
      const key = `${next.key}|${settings.jobTypes.join(',')}`;
      if (key !== previousKey || !this.client) {
        await this.client?.close();
        this.client = new SubJobClient({
          endpoint: next.endpoint,
          projectId: next.projectId,
          authorizer: next.authorizer,
          userAgent: this.userAgent,
          logger: this.logger,
        });
      }
      this.store.setSource(key, this.client, query);
      this.connection = { ...next, key };
      this.timer.setInterval(effectiveRefreshInterval(settings.refreshInterval));
    } else {
      this.store.clearSource();
      await this.client?.close();
      this.client = undefined;
      this.timer.setInterval(0);
    }
    await this.updateContext();
    this.render();
    if (isConnection(this.connection)) await this.refresh('configuration');
  }

  async refresh(reason: string): Promise<void> {
    if (!isConnection(this.connection)) {
      this.render();
      return;
    }
    this.timer.restart();
    await this.store.refresh(reason);
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
      sampleData: true,
    };
  }

  private async updateContext(): Promise<void> {
    const unconfigured = !isConnection(this.connection) && this.connection.kind === 'unconfigured';
    await vscode.commands.executeCommand('setContext', 'workspaceJobs.state', unconfigured ? 'unconfigured' : 'configured');
    await vscode.commands.executeCommand('setContext', 'workspaceJobs.sampleData', this.sampleData);
  }

  private projectView(): ProjectView | undefined {
    const c = this.connection;
    if (isConnection(c)) {
      return {
        projectId: c.projectId,
        location: c.location,
        endpoint: c.endpoint,
        sampleData: c.sampleData,
        credential: c.sampleData ? 'sample data (simulator token)' : c.authorizer.description,
      };
    }
    if (c.kind === 'unconfigured') return undefined;
    const blocker: MessageRow =
      c.kind === 'noCredentials'
        ? { kind: 'message', id: 'noCredentials', severity: 'warning', label: 'No token set — click to set one', detail: 'Sub-jobs are listed with an IAM token kept in VS Code SecretStorage.', action: 'setToken' }
        : { kind: 'message', id: 'badEndpoint', severity: 'error', label: `Endpoint refused: ${c.reason}`, detail: c.reason, action: 'configureProject' };
    return { projectId: c.projectId, location: c.location, endpoint: '', sampleData: false, credential: c.kind === 'noCredentials' ? 'none' : 'not sent', blocker };
  }

  private render(): void {
    const project = this.projectView();
    this.provider.show(project ? buildProjectRow(project, this.store.current) : undefined);
    this.treeView.message = this.sample ? SAMPLE_MESSAGE : undefined;
  }

  dispose(): void {
    this.timer.dispose();
    void this.client?.close();
    for (const d of this.disposables) d.dispose();
  }
}
