import * as vscode from 'vscode';
import { channelLogger } from './views/outputLog';
import { SubJobStore } from './core/subJobStore';
import { RefreshTimer } from './core/refreshTimer';
import { SubJobTreeProvider } from './views/subJobTreeProvider';
import { SubJobsController } from './views/subJobsController';
import { TokenStore } from './config/tokenStore';
import { affectsSettings, ignoredWorkspaceSettings } from './config/settings';
import { registerCommand, setCommandErrorLog } from './commands/safeCommand';
import { registerRefresh } from './commands/refresh';
import { registerTokenCommands } from './commands/token';
import { registerConfigureProject } from './commands/configureProject';
import { registerSampleData, SampleDataMode } from './commands/sampleData';

export interface WorkspaceJobsApi {
  /** How long activate() took, in milliseconds. */
  readonly activationTimeMs: number;
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
  const tokens = new TokenStore(context.secrets);
  let controller: SubJobsController | undefined = undefined;
  const timer = new RefreshTimer(() => controller?.refresh('automatic') ?? Promise.resolve());
  controller = new SubJobsController(store, timer, provider, treeView, tokens, logger, userAgent);
  const sampleData = new SampleDataMode(controller, logger);
  const reload = () => void controller.reload();

  context.subscriptions.push(
    channel,
    store,
    provider,
    treeView,
    controller,
    sampleData,
    registerRefresh(controller),
    registerTokenCommands(tokens),
    registerConfigureProject(),
    registerSampleData(sampleData),
    registerCommand('workspaceJobs.showLog', () => channel.show(true)),
    tokens.onDidChange(reload),
    vscode.workspace.onDidChangeConfiguration((e) => affectsSettings(e) && reload()),
  );

  const ignored = ignoredWorkspaceSettings();
  if (ignored.length) logger.warn(`Ignored workspace values of ${ignored.join(', ')}: only user settings decide where credentials go.`);

  // The demo (npm run demo) opens VS Code straight on sample data.
  if (process.env.WORKSPACE_JOBS_SAMPLE_DATA === '1') void vscode.commands.executeCommand('workspaceJobs.trySampleData');
  else reload();

  const activationTimeMs = performance.now() - started;
  logger.info(`Activated ${version} in ${activationTimeMs.toFixed(1)} ms`);
  return { activationTimeMs };
}

export function deactivate(): void {}
