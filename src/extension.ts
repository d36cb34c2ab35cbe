import * as vscode from 'vscode';
import { channelLogger } from './views/outputLog';
import { SubJobStore } from './core/subJobStore';
import { RefreshScheduler } from './core/refreshScheduler';
import { SubJobTreeProvider } from './views/subJobTreeProvider';
import { SubJobsController } from './views/subJobsController';
import { DetailsPanels } from './views/detailsPanel';
import { CredentialStore } from './config/credentialStore';
import { DispatcherFactory } from './views/dispatchers';
import { SignIn } from './views/signIn';
import { FilterStore } from './core/filterStore';
import { affectsSettings, ignoredWorkspaceSettings, readSettings } from './config/settings';
import { registerCommand, setCommandErrorLog } from './commands/safeCommand';
import { registerRefresh } from './commands/refresh';
import { registerCredentialCommands } from './commands/credentials';
import { registerConfigureProject } from './commands/configureProject';
import { registerSampleData, SampleDataMode } from './commands/sampleData';
import { registerFilterCommands } from './commands/filters';
import { registerSubJobActions } from './commands/subJobActions';

export interface WorkspaceJobsApi {
  /** How long activate() took, in milliseconds. */
  readonly activationTimeMs: number;
  /** Where the "Workspace Jobs" log channel writes, for diagnostics. */
  readonly logDirectory: string;
}

export function activate(context: vscode.ExtensionContext): WorkspaceJobsApi {
  const started = performance.now();
  const channel = vscode.window.createOutputChannel('Workspace Jobs', { log: true });
  const logger = channelLogger(channel);
  setCommandErrorLog((message) => logger.error(message));
  const version = String(context.extension.packageJSON.version ?? '0.0.0');
  const userAgent = `workspace-image-jobs/${version} (VS Code ${vscode.version}; Node ${process.version})`;

  const store = new SubJobStore(logger);
  const provider = new SubJobTreeProvider();
  const treeView = vscode.window.createTreeView('workspaceJobs.subJobs', { treeDataProvider: provider, showCollapseAll: true });
  const credentials = new CredentialStore(context.secrets);
  const dispatchers = new DispatcherFactory(logger);
  const signIn = new SignIn(credentials, dispatchers, logger);
  const filters = new FilterStore(context.workspaceState);
  // The scheduler calls back into the controller, which needs the scheduler; no timer fires before both exist.
  const scheduler: RefreshScheduler = new RefreshScheduler((kind): Promise<void> => controller.refresh('automatic', kind));
  const controller: SubJobsController = new SubJobsController({
    store,
    scheduler,
    provider,
    treeView,
    credentials,
    filters,
    dispatchers,
    logger,
    userAgent,
    onTokenExpired: () => void signIn.tokenExpired(),
  });
  const sampleData = new SampleDataMode(controller, logger);
  const details = new DetailsPanels({
    extensionUri: context.extensionUri,
    lookup: (key) => controller.clientFor(key),
    currentSource: () => controller.currentSource,
    intervalSeconds: () => readSettings().refreshInterval,
    logger,
  });
  // After the project or the credential changed, open panels fetch again from the new client.
  const reloadAll = (options?: { credentialsChanged?: boolean }) => void controller.reload(options).then(() => details.refreshAll());

  context.subscriptions.push(
    channel,
    store,
    provider,
    treeView,
    filters,
    controller,
    sampleData,
    details,
    details.register(),
    registerRefresh(controller),
    dispatchers,
    signIn,
    registerCredentialCommands(credentials, signIn),
    registerConfigureProject(),
    registerSampleData(sampleData),
    registerFilterCommands(filters),
    registerSubJobActions(details, filters, () => store.current.snapshot?.subJobs ?? []),
    registerCommand('workspaceJobs.showLog', () => channel.show(true)),
    credentials.onDidChange(() => {
      reloadAll({ credentialsChanged: true });
      void signIn.watch();
    }),
    // A filter changes the tree, not what a details panel shows.
    filters.onDidChange(() => void controller.reload()),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (!affectsSettings(e)) return;
      details.setInterval();
      if (e.affectsConfiguration('http')) void controller.reconnect();
      else reloadAll();
    }),
  );

  const ignored = ignoredWorkspaceSettings();
  if (ignored.length) logger.warn(`Ignored workspace values of ${ignored.join(', ')}: only user settings decide where credentials go.`);

  // The demo (npm run demo) opens VS Code straight on sample data.
  if (process.env.WORKSPACE_JOBS_SAMPLE_DATA === '1') void vscode.commands.executeCommand('workspaceJobs.trySampleData');
  else reloadAll();
  void signIn.watch();

  const activationTimeMs = performance.now() - started;
  logger.info(`Activated ${version} in ${activationTimeMs.toFixed(1)} ms`);
  return { activationTimeMs, logDirectory: context.logUri.fsPath };
}

export function deactivate(): void {}
