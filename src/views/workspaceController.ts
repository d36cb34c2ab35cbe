import * as vscode from 'vscode';
import { formatTime } from '../model/time';
import { ApiError } from '../api/errors';
import { Logger } from '../api/logger';
import { LazySubJobClient } from '../api/lazyHttp';
import { CredentialChoiceStore } from '../config/credentialChoices';
import { CredentialStore } from '../config/credentialStore';
import { credentialsWithChoice, resolveChoice } from '../core/credentialChoice';
import { FoundCredentials } from '../core/foundCredentials';
import { affectsSettings, readSettings } from '../config/settings';
import { effectiveRefreshInterval } from '../core/connection';
import { CredentialSet, isExpiredTokenError, NO_CREDENTIALS, UNSCOPED } from '../core/credentials';
import { describeFilter, isFiltered } from '../core/filter';
import { FilterStore } from '../core/filterStore';
import { planSessions, SampleEndpoint } from '../core/sessionPlans';
import { Sessions } from '../core/sessions';
import type { SessionSpec } from '../core/sessionSpec';
import { DispatcherFactory } from './dispatchers';
import { FoundSources } from './foundSources';
import { tellAboutFamilies } from './familiesNotice';
import { SubJobTreeProvider } from './subJobTreeProvider';
import { sessionLabel, showsSeveralFamilies } from '../presentation/familyRows';

export interface ControllerDeps {
  readonly sessions: Sessions;
  readonly provider: SubJobTreeProvider;
  readonly treeView: vscode.TreeView<unknown>;
  readonly credentials: CredentialStore;
  /** Credentials the user keeps for the SDKs and KooCLI, read again at each plan. */
  readonly found: FoundSources;
  /** Which found credential the user chose, by id. */
  readonly choices: CredentialChoiceStore;
  readonly filters: FilterStore;
  readonly dispatchers: DispatcherFactory;
  readonly logger: Logger;
  readonly userAgent: string;
  /**
   * A session's refresh was refused because its credential is too old (not wrong): what to renew or
   * say follows from what signs that session (`spec.signer`).
   */
  readonly onCredentialExpired: (spec: SessionSpec) => void;
}

/**
 * Turns settings, stored credentials, the filter and sample-data mode into the sessions to run, and
 * keeps the view's surroundings (context keys, the message line above the tree) in step. It reads;
 * the sessions own the data.
 */
export class WorkspaceController implements vscode.Disposable {
  private sample: SampleEndpoint | undefined;
  /** Bumped when every connection must be made anew (proxy settings changed). */
  private connectionGeneration = 0;
  private readonly disposables: Array<{ dispose(): void }> = [];

  constructor(private readonly deps: ControllerDeps) {
    const { sessions, treeView } = deps;
    const attention = () => sessions.setAttention(treeView.visible || vscode.window.state.focused);
    this.disposables.push(
      treeView.onDidChangeVisibility(attention),
      vscode.window.onDidChangeWindowState(attention),
      sessions.onDidChangeSession(() => this.renderMessage()),
      sessions.onDidChangeSessions(() => this.renderMessage()),
      sessions.onDidRefresh(({ session, report }) => {
        const error = report.failure?.error;
        if (error instanceof ApiError && isExpiredTokenError(error.status, error.errorCode, error.errorMsg))
          deps.onCredentialExpired(session.spec);
      }),
      deps.credentials.onDidChange(() => void this.credentialsChanged()),
      // A watched file changed or another source was chosen: only the sessions whose key changed restart.
      deps.found.onDidChange(() => void this.reload()),
      deps.choices.onDidChange(() => void this.reload()),
      // A filter changes the tree, not what a details panel shows.
      deps.filters.onDidChange(() => void this.reload()),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (!affectsSettings(e)) return;
        // A proxy setting changes the connections themselves; any other setting, what sessions ask.
        void (e.affectsConfiguration('http') ? this.reconnect() : this.reload());
      }),
    );
    attention();
  }

  get sampleData(): boolean {
    return this.sample !== undefined;
  }

  /**
   * Credentials changed: sessions whose credential changed are rebuilt (and ask once, cautiously).
   * A session whose own credential did not change is not asked again: SecretStorage reports every
   * change, in every window, another project's token renewal included, and each extra question with a
   * refused access key is one more bad signature towards the gateway's lock. Saving the same
   * credential again asks its project from the command that saved it.
   */
  async credentialsChanged(): Promise<void> {
    await this.reload();
  }

  /**
   * Re-reads settings, credentials and filter, and makes the sessions match. `credentials`, when
   * given, is used instead of the store's (what it will hold once a Sign Out has cleared it). Never throws.
   */
  async reload(credentials?: CredentialSet): Promise<void> {
    try {
      const settings = readSettings();
      for (const skipped of settings.projects.skipped) this.deps.logger.warn(`Ignored ${skipped}.`);
      tellAboutFamilies(settings.familiesIgnored);
      const filter = this.deps.filters.current;
      // A token kept without a project belongs to the project configured now; the store's change
      // event brings a reload with it in place.
      const legacy = settings.projects.legacyProjectId ?? settings.projects.projects[0]?.projectId;
      // No project, nothing to authorize: the secret store is not read (activation at every start-up).
      const stored =
        this.sample || settings.projects.projects.length === 0
          ? NO_CREDENTIALS
          : (credentials ?? (await this.deps.credentials.get()));
      if (!this.sample && legacy && stored.projects[UNSCOPED] && (await this.deps.credentials.adoptUnscoped(legacy)))
        return;
      // Read from the sources each time: the key is never kept anywhere else.
      const found = this.sample ? FoundCredentials.NONE : await this.deps.found.discover();
      const choices = this.deps.choices.current;
      const plans = planSessions({
        projects: settings.projects,
        credentials: stored,
        credentialsFor: (projectId) => {
          const choice = resolveChoice(choices, found, projectId);
          if ('unavailable' in choice)
            this.deps.logger.warn(`${projectId}: the chosen credential ${choice.unavailable} is not there now.`);
          return credentialsWithChoice(stored, choice);
        },
        found: found.usable.map((source) => source.label),
        connectionGeneration: this.connectionGeneration,
        jobTypes: settings.jobTypes,
        families: settings.families,
        filter,
        ...(this.sample && { sample: this.sample }),
        connect: (connection, family) =>
          new LazySubJobClient({
            family,
            endpoint: connection.endpoint,
            projectId: connection.projectId,
            authorizer: connection.authorizer,
            userAgent: this.deps.userAgent,
            logger: this.deps.logger,
            dispatcher: this.deps.dispatchers.forEndpoint(connection.endpoint),
            dispatcherFor: (endpoint) => this.deps.dispatchers.forEndpoint(endpoint),
          }),
      });
      this.deps.provider.setFilterText(isFiltered(filter) ? describeFilter(filter) : undefined);
      this.deps.sessions.configure(plans, effectiveRefreshInterval(settings.refreshInterval));
      this.renderMessage();
      await this.updateContext(plans.length === 0);
    } catch (error) {
      this.deps.logger.error(`Applying the settings failed: ${(error as Error).message}`);
    }
  }

  /** Proxy settings changed: connections must be made anew. */
  async reconnect(): Promise<void> {
    this.deps.dispatchers.reset();
    this.connectionGeneration++;
    await this.reload();
  }

  async useSample(sample: SampleEndpoint | undefined): Promise<void> {
    this.sample = sample;
    await this.reload();
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }

  private async updateContext(unconfigured: boolean): Promise<void> {
    await vscode.commands.executeCommand(
      'setContext',
      'workspaceJobs.state',
      unconfigured ? 'unconfigured' : 'configured',
    );
    await vscode.commands.executeCommand('setContext', 'workspaceJobs.sampleData', this.sampleData);
    await vscode.commands.executeCommand('setContext', 'workspaceJobs.filtered', isFiltered(this.deps.filters.current));
  }

  /**
   * The text above the tree: sample mode, and which projects show stale data. (The filter is the
   * tree's first row: this text is one paragraph, not read by screen readers as the rows are.)
   */
  private renderMessage(): void {
    const lines: string[] = [];
    if (this.sample) lines.push(vscode.l10n.t('Sample data from the built-in simulator — not your cloud project.'));
    for (const session of this.deps.sessions.all) {
      const { failure, fetchedAt } = session.state;
      if (failure && fetchedAt !== undefined) {
        const name = sessionLabel(session.spec, showsSeveralFamilies(this.deps.sessions.all, session));
        const time = formatTime(fetchedAt);
        lines.push(
          this.deps.sessions.all.length > 1
            ? vscode.l10n.t({
                message: 'Stale: {0} shows data from {1}; the last refresh failed.',
                args: [name, time],
                comment: ["Line above the tree; {0} is a project's name or id, {1} a time of day"],
              })
            : vscode.l10n.t({
                message: 'Stale: showing data from {0}; the last refresh failed.',
                args: [time],
                comment: ['Line above the tree; {0} is a time of day'],
              }),
        );
      }
    }
    const message = lines.length ? lines.join('\n') : undefined;
    if (this.deps.treeView.message !== message) this.deps.treeView.message = message;
  }
}
