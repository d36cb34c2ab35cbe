import * as vscode from 'vscode';
import type { FamiliesIgnored } from '../config/settings';
import { FAMILIES } from '../model/family';

/** The value last told about: settings are read again on every reload, and one warning per change is enough. */
let told: string | undefined;

/**
 * Tells the user that workspaceJobs.families held something not understood, once per value written,
 * naming the values accepted; Open Settings goes to the setting.
 */
export function tellAboutFamilies(ignored: FamiliesIgnored | undefined): void {
  if (ignored?.written === told) return;
  told = ignored?.written;
  if (!ignored) return;
  const accepted = FAMILIES.map((f) => JSON.stringify(f)).join(', ');
  const message = ignored.noneKnown
    ? vscode.l10n.t({
        message:
          'Workspace Jobs: workspaceJobs.families ({0}) names no known family, so both families are shown. The values accepted are {1}.',
        args: [ignored.written, accepted],
        comment: ['{0} is the setting as written (JSON), {1} the accepted values, e.g. "image", "appServer"'],
      })
    : vscode.l10n.t({
        message: 'Workspace Jobs: workspaceJobs.families: {0} ignored, not a family. The values accepted are {1}.',
        args: [ignored.values.join(', '), accepted],
        comment: ['{0} lists the values not understood (JSON), {1} the accepted values, e.g. "image", "appServer"'],
      });
  const open = vscode.l10n.t('Open Settings');
  void vscode.window.showWarningMessage(message, open).then((choice) => {
    if (choice === open) void vscode.commands.executeCommand('workbench.action.openSettings', 'workspaceJobs.families');
  });
}
