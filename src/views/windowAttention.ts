import * as vscode from 'vscode';

/**
 * Resolves at once when this window has focus, otherwise when it gets it or `signal` aborts: work
 * every open window would do alike (renewing a shared sign-in, asking the user about it) is done
 * by the one in use.
 */
export function whenWindowFocused(signal?: AbortSignal): Promise<void> {
  if (vscode.window.state.focused || signal?.aborted) return Promise.resolve();
  return new Promise((resolve) => {
    const done = (): void => {
      listener.dispose();
      signal?.removeEventListener('abort', done);
      resolve();
    };
    const listener = vscode.window.onDidChangeWindowState((state) => {
      if (state.focused) done();
    });
    signal?.addEventListener('abort', done, { once: true });
  });
}
