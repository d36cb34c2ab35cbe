import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { Logger } from '../api/logger';
import { credentialFilePaths, discoverCredentials, FoundCredentials } from '../core/foundCredentials';

/**
 * Test-only: where KooCLI's config is read instead of ~/.hcloud/config.json, so an integration test
 * can give one without replacing the home directory of the whole VS Code server.
 */
export const TEST_KOOCLI_CONFIG_ENV = 'WORKSPACE_JOBS_TEST_KOOCLI_CONFIG';

/**
 * The credentials found on this machine, looked for again whenever asked (each plan of the
 * sessions, each time the picker opens) and whenever the SDK file or KooCLI's config changes.
 * Only labels reach the context keys; the keys stay in the FoundCredentials read last.
 */
export class FoundSources implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  /** A watched file changed: the sessions using it must read it again. */
  readonly onDidChange = this.changed.event;
  private readonly disposables: vscode.Disposable[] = [];
  private last = FoundCredentials.NONE;

  constructor(private readonly logger: Logger) {
    const paths = credentialFilePaths(this.input());
    for (const file of [paths.sdkFile, paths.kooCli]) {
      // A pattern rooted outside the workspace: VS Code watches it all the same, even before it exists.
      const watcher = vscode.workspace.createFileSystemWatcher(
        new vscode.RelativePattern(vscode.Uri.file(path.dirname(file)), path.basename(file)),
      );
      const fire = () => {
        this.logger.info(`${file} changed: reading it again.`);
        this.changed.fire();
      };
      this.disposables.push(watcher, watcher.onDidChange(fire), watcher.onDidCreate(fire), watcher.onDidDelete(fire));
    }
  }

  /** What was found the last time it was looked for. */
  get current(): FoundCredentials {
    return this.last;
  }

  /** Looks again (environment, files), and tells the welcome view what it can offer. */
  async discover(): Promise<FoundCredentials> {
    const found = await discoverCredentials(this.input());
    const before = this.last.sources.map((s) => `${s.id}:${s.reason ?? ''}`).join('|');
    this.last = found;
    const after = found.sources.map((s) => `${s.id}:${s.reason ?? ''}`).join('|');
    if (before !== after)
      for (const source of found.sources)
        this.logger.info(`Found ${source.label}${source.reason ? ` (not usable: ${source.reason})` : ''}.`);
    const usable = found.usable;
    await vscode.commands.executeCommand(
      'setContext',
      'workspaceJobs.found.env',
      usable.some((s) => s.id === 'env'),
    );
    await vscode.commands.executeCommand(
      'setContext',
      'workspaceJobs.found.sdkFile',
      usable.some((s) => s.id === 'sdkFile'),
    );
    await vscode.commands.executeCommand(
      'setContext',
      'workspaceJobs.found.kooCli',
      usable.some((s) => s.id.startsWith('koocli:')),
    );
    return found;
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
    this.changed.dispose();
  }

  private input() {
    const kooCliPath = process.env[TEST_KOOCLI_CONFIG_ENV];
    return { env: process.env, home: os.homedir(), ...(kooCliPath && { kooCliPath }) };
  }
}
