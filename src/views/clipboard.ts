import * as vscode from 'vscode';
import { describeError } from '../api/errors';

/** How one copy is worded: whole sentences for the status bar, and what was copied in English for the log. */
export interface CopyWording {
  /** What is copied, in English: the log stays English for support. */
  readonly what: string;
  /** The status bar's message once copied, e.g. "$(copy) Copied sub-job ID". */
  readonly copied: string;
  /** The status bar's message when copying failed, e.g. "Could not copy the sub-job ID". */
  readonly failed: string;
}

/**
 * Copies text and says so in the status bar; a failure is reported the same quiet way, never thrown.
 * Resolves to the message shown, for a panel to announce it as well.
 */
export async function copyToClipboard(
  text: string,
  wording: CopyWording,
  logError?: (message: string) => void,
): Promise<string> {
  try {
    await vscode.env.clipboard.writeText(text);
    vscode.window.setStatusBarMessage(wording.copied, 3000);
    return wording.copied;
  } catch (error) {
    logError?.(`Copying the ${wording.what} failed: ${describeError(error)}`);
    vscode.window.setStatusBarMessage(wording.failed, 3000);
    return wording.failed;
  }
}
