import * as vscode from 'vscode';
import * as l10n from '@vscode/l10n';
import { setDisplayLocale } from './model/locale';
import { channelLogger } from './views/outputLog';
import { Sessions } from './core/sessions';
import { setListenerErrorLog } from './core/events';
import { SubJobTreeProvider, TreeNode } from './views/subJobTreeProvider';
import { WorkspaceController } from './views/workspaceController';
import { DetailsPanels } from './views/detailsPanel';
import { CredentialStore } from './config/credentialStore';
import { CredentialChoiceStore } from './config/credentialChoices';
import { foundInUse } from './core/credentialChoice';
import { FoundSources } from './views/foundSources';
import { registerFoundCredentialCommands } from './commands/foundCredentials';
import { DispatcherFactory } from './views/dispatchers';
import { SignIn } from './views/signIn';
import { SsoSignIn } from './views/ssoSignIn';
import { ExpiredCredentials } from './views/expiredCredentials';
import { FilterStore } from './core/filterStore';
import { affectsSettings, ignoredWorkspaceSettings, readSettings } from './config/settings';
import { registerCommand, setCommandErrorLog } from './commands/safeCommand';
import { ssoDefaultsFrom } from './core/kooCliConfig';
import { registerRefresh } from './commands/refresh';
import { registerWhoAmI } from './commands/whoAmI';
import { registerCredentialCommands } from './commands/credentials';
import { registerConfigureProject } from './commands/configureProject';
import { registerSampleData, SampleDataMode } from './commands/sampleData';
import { registerFilterCommands } from './commands/filters';
import { registerSubJobActions } from './commands/subJobActions';
import { registerWatchCommands } from './commands/watch';
import { registerDeleteSubJobs } from './commands/deleteSubJobs';
import { registerShowJob } from './commands/showJob';
import { JobPanels } from './views/jobPanel';
import { WatchList } from './core/watches';
import { FollowedWatches } from './core/followWatches';
import { Notifier } from './views/notifier';
import { JobsStatusBar } from './views/statusBar';
import { Confirmations } from './views/confirm';
import { UnseenFailures } from './core/unseenFailures';
import { FailureGrouping } from './commands/failureGrouping';

export interface WorkspaceJobsApi {
  /** How long activate() took, in milliseconds. */
  readonly activationTimeMs: number;
  /** Where the "Workspace Jobs" log channel writes, for diagnostics. */
  readonly logDirectory: string;
  /** The modal confirmations; answerable ahead only in an extension test run (VS Code refuses dialogs there). */
  readonly confirmations: Pick<Confirmations, 'answerNext' | 'asked'>;
  /** The ids of the rows selected in the tree as this extension host knows them (a moment after the window shows them). */
  readonly selectedRowIds: () => readonly string[];
}

export function activate(context: vscode.ExtensionContext): WorkspaceJobsApi {
  const started = performance.now();
  // The layers below VS Code word their text with @vscode/l10n and format times with Intl: both
  // follow the display language VS Code chose.
  setDisplayLocale(vscode.env.language, vscode.l10n.bundle !== undefined);
  if (vscode.l10n.bundle) l10n.config({ contents: vscode.l10n.bundle });
  const channel = vscode.window.createOutputChannel('Workspace Jobs', { log: true });
  const logger = channelLogger(channel);
  setCommandErrorLog((message) => logger.error(message));
  setListenerErrorLog((error) =>
    logger.error(`An event listener failed: ${(error as Error)?.message ?? String(error)}`),
  );
  const version = String(context.extension.packageJSON.version ?? '0.0.0');
  const userAgent = `workspace-image-jobs/${version} (VS Code ${vscode.version}; Node ${process.version})`;

  const sessions = new Sessions({ logger });
  const watches = new WatchList(context.workspaceState);
  const grouping = new FailureGrouping();
  const provider = new SubJobTreeProvider(
    sessions,
    () => watches.ids,
    Date.now,
    () => grouping.grouped,
  );
  const treeView = vscode.window.createTreeView<TreeNode>('workspaceJobs.subJobs', {
    treeDataProvider: provider,
    showCollapseAll: true,
    canSelectMany: true,
  });
  const credentials = new CredentialStore(context.secrets);
  const dispatchers = new DispatcherFactory(logger);
  const signIn = new SignIn(credentials, dispatchers, logger, undefined, context.globalState);
  // A test run approves the code itself: a browser tab opened in the workbench's own browser would take its place.
  const choices = new CredentialChoiceStore(context.globalState);
  const sso = new SsoSignIn(
    credentials,
    choices,
    dispatchers,
    logger,
    context.globalState,
    undefined,
    undefined,
    context.extensionMode === vscode.ExtensionMode.Test ? async () => true : undefined,
  );
  const filters = new FilterStore(context.workspaceState);
  const found = new FoundSources(logger);
  const expired = new ExpiredCredentials({ sso, signIn, choices, reload: () => controller.reload() });
  const controller = new WorkspaceController({
    found,
    choices,
    sessions,
    provider,
    treeView,
    credentials,
    filters,
    dispatchers,
    logger,
    userAgent,
    onCredentialExpired: (spec) => void expired.expired(spec),
  });
  const sampleData = new SampleDataMode(controller, logger);
  const details = new DetailsPanels({
    extensionUri: context.extensionUri,
    sessions,
    intervalSeconds: () => readSettings().refreshInterval,
    logger,
  });
  const jobs = new JobPanels({
    extensionUri: context.extensionUri,
    sessions,
    intervalSeconds: () => readSettings().refreshInterval,
    logger,
  });
  const unseen = new UnseenFailures(sessions, () => treeView.visible);
  const watching = new FollowedWatches({ watches, sessions, standIn: () => controller.sampleData });
  const notifier = new Notifier({
    sessions,
    watches,
    treeView,
    provider,
    details,
    unseen,
    watchEndings: watching.onDidEnd,
  });
  const statusBar = new JobsStatusBar(sessions, unseen);
  const confirmations = new Confirmations(context.extensionMode);

  context.subscriptions.push(
    channel,
    notifier,
    watching,
    statusBar,
    unseen,
    watches.onDidChange(() => provider.watchesChanged()),
    grouping,
    grouping.onDidChange(() => provider.fireAll()),
    registerWatchCommands(sessions, watches, (sessionKey, id) => watching.checkNew(sessionKey, id)),
    registerDeleteSubJobs(sessions, () => treeView.selection, confirmations, logger),
    sessions,
    provider,
    treeView,
    filters,
    controller,
    sampleData,
    details,
    details.register(),
    treeView.onDidCollapseElement((e) => provider.collapsed(e.element)),
    registerRefresh(sessions, provider, treeView),
    registerWhoAmI(sessions, logger),
    dispatchers,
    signIn,
    registerCredentialCommands(
      credentials,
      signIn,
      sessions,
      (left) => controller.reload(left),
      sso,
      async () => foundInUse(choices.current, await found.discover()).map((source) => source.label),
    ),
    found,
    choices,
    registerFoundCredentialCommands({ found, choices, credentials, dispatchers }),
    sso,
    // Without a start URL given, a KooCLI SSO profile's fills the boxes: nothing to look up or copy.
    registerCommand('workspaceJobs.signInWithSso', async (defaults?: unknown) =>
      sso.interactive(defaults ?? ssoDefaultsFrom((await found.discover()).ssoProfiles)),
    ),
    registerConfigureProject(),
    registerSampleData(sampleData),
    registerFilterCommands(filters, () => readSettings().families),
    registerSubJobActions(details, filters, sessions),
    jobs,
    jobs.register(),
    registerShowJob(sessions, jobs),
    registerCommand('workspaceJobs.showLog', () => channel.show(true)),
    credentials.onDidChange(() => void signIn.watch()),
    credentials.onDidChange(() => void sso.watch()),
  );

  // Activation comes with every start-up (onStartupFinished), so the status bar, notifications, watches
  // and the badge work before the view is opened. Without a project it reads no secret (an OS keyring
  // may ask to be unlocked) and sends nothing: sign-ins are watched for renewal once a project is set.
  let signInsWatched = false;
  const watchSignIns = () => {
    if (signInsWatched || readSettings().projects.projects.length === 0) return;
    signInsWatched = true;
    void signIn.watch();
    void sso.watch();
  };
  context.subscriptions.push(
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (affectsSettings(e)) watchSignIns();
    }),
  );

  const ignored = ignoredWorkspaceSettings();
  if (ignored.length)
    logger.warn(`Ignored workspace values of ${ignored.join(', ')}: only user settings decide where credentials go.`);

  // The demo (npm run demo) opens VS Code straight on sample data.
  if (process.env.WORKSPACE_JOBS_SAMPLE_DATA === '1')
    void vscode.commands.executeCommand('workspaceJobs.trySampleData');
  else void controller.reload();
  watchSignIns();

  const activationTimeMs = performance.now() - started;
  logger.info(`Activated ${version} in ${activationTimeMs.toFixed(1)} ms`);
  return {
    activationTimeMs,
    logDirectory: context.logUri.fsPath,
    confirmations,
    selectedRowIds: () => treeView.selection.map((node) => node.row.id),
  };
}

export function deactivate(): void {}
