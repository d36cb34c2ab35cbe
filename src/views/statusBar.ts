import * as vscode from 'vscode';
import { formatTime } from '../model/time';
import { Sessions } from '../core/sessions';
import { UnseenFailures } from '../core/unseenFailures';
import { statusSummary } from '../presentation/statusSummary';

/**
 * One status bar item: what is in progress over every project, and the failures the user has not
 * seen yet (the view's badge count). It reads the sessions and sends no request of its own; it hides while nothing is configured or when the
 * user turns it off (workspaceJobs.statusBar).
 */
export class JobsStatusBar implements vscode.Disposable {
  private readonly item: vscode.StatusBarItem;
  private readonly disposables: Array<{ dispose(): void }> = [];
  private enabled = true;

  constructor(
    private readonly sessions: Sessions,
    private readonly unseen: UnseenFailures,
  ) {
    this.item = vscode.window.createStatusBarItem('workspaceJobs.status', vscode.StatusBarAlignment.Left, -100);
    this.item.name = vscode.l10n.t({
      message: 'Workspace Jobs',
      comment: ["Name of the status bar item, as listed in the status bar's context menu"],
    });
    this.item.command = {
      command: 'workspaceJobs.subJobs.focus',
      title: vscode.l10n.t('Show the WorkspaceApp Jobs view'),
    };
    this.disposables.push(
      sessions.onDidChangeSessions(() => this.render()),
      sessions.onDidChangeSession(() => this.render()),
      // A refresh that changed nothing still moves "last refreshed" and may end a stale mark.
      sessions.onDidRefresh(() => this.render()),
      unseen.onDidChange(() => this.render()),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('workspaceJobs.statusBar')) this.applySetting();
      }),
    );
    this.applySetting();
  }

  private applySetting(): void {
    this.setEnabled(vscode.workspace.getConfiguration('workspaceJobs').get<boolean>('statusBar', true) !== false);
  }

  setEnabled(enabled: boolean): void {
    this.enabled = enabled;
    this.render();
  }

  render(): void {
    const sessions = this.sessions.all;
    if (!this.enabled || sessions.length === 0) {
      this.item.hide();
      return;
    }
    const summary = statusSummary(sessions, formatTime, this.unseen.count);
    this.item.text = summary.text;
    const tooltip = new vscode.MarkdownString(summary.tooltip, true);
    tooltip.isTrusted = false;
    this.item.tooltip = tooltip;
    this.item.accessibilityInformation = { label: summary.accessibilityLabel, role: 'button' };
    this.item.backgroundColor = summary.stale ? new vscode.ThemeColor('statusBarItem.warningBackground') : undefined;
    this.item.show();
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
    this.item.dispose();
  }
}
