import * as vscode from 'vscode';
import { registerCommand } from './safeCommand';

const SECTION = 'workspaceJobs';
const SETTING = 'groupFailuresByErrorCode';
/** True while the failure groups show a row per error code: picks which of the two title buttons shows. */
const CONTEXT_KEY = 'workspaceJobs.failuresGrouped';

/**
 * Whether the FAILED and ABNORMAL groups show a row per error code. The setting holds it; the
 * view's title button pair flips the setting where it is set, as VS Code's own views toggle, so the
 * button, the Settings editor and settings.json always agree.
 */
export class FailureGrouping implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<boolean>();
  readonly onDidChange = this.changed.event;
  private value = read();
  private readonly disposables: vscode.Disposable[] = [
    this.changed,
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (!e.affectsConfiguration(`${SECTION}.${SETTING}`)) return;
      const value = read();
      if (value === this.value) return;
      this.value = value;
      void this.publish();
      this.changed.fire(value);
    }),
    registerCommand('workspaceJobs.groupFailures', () => write(true)),
    registerCommand('workspaceJobs.ungroupFailures', () => write(false)),
  ];

  constructor() {
    void this.publish();
  }

  get grouped(): boolean {
    return this.value;
  }

  private publish(): Thenable<unknown> {
    return vscode.commands.executeCommand('setContext', CONTEXT_KEY, this.value);
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}

function read(): boolean {
  return vscode.workspace.getConfiguration(SECTION).get<boolean>(SETTING, true) !== false;
}

/** Writes where the value in effect comes from, so the toggle is never overridden by a narrower scope. */
async function write(grouped: boolean): Promise<void> {
  const config = vscode.workspace.getConfiguration(SECTION);
  const inspected = config.inspect<boolean>(SETTING);
  const target =
    inspected?.workspaceValue !== undefined ? vscode.ConfigurationTarget.Workspace : vscode.ConfigurationTarget.Global;
  await config.update(SETTING, grouped, target);
}
