import * as vscode from 'vscode';

/**
 * Resolves at once when this window has focus, otherwise when it gets it: work every open window
 * would do alike (renewing a shared sign-in, asking the user about it) is done by the one in use.
 */
export function whenWindowFocused(): Promise<void> {
  if (vscode.window.state.focused) return Promise.resolve();
  return new Promise((resolve) => {
    const listener = vscode.window.onDidChangeWindowState((state) => {
      if (!state.focused) return;
      listener.dispose();
      resolve();
    });
  });
}
