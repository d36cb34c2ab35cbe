import * as vscode from 'vscode';
import { describeError } from '../api/errors';

/** Copies text and says so in the status bar; a failure is reported the same quiet way, never thrown. */
export async function copyToClipboard(text: string, label: string, logError?: (message: string) => void): Promise<void> {
  try {
    await vscode.env.clipboard.writeText(text);
    vscode.window.setStatusBarMessage(`$(copy) Copied ${label}`, 3000);
  } catch (error) {
    logError?.(`Copying the ${label} failed: ${describeError(error)}`);
    vscode.window.setStatusBarMessage(`Could not copy the ${label}`, 3000);
  }
}
