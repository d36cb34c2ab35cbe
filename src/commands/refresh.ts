import * as vscode from 'vscode';
import { registerCommand } from './safeCommand';
import { SubJobsController } from '../views/subJobsController';

export function registerRefresh(controller: SubJobsController): vscode.Disposable {
  return vscode.Disposable.from(
    registerCommand('workspaceJobs.refresh', () =>
      vscode.window.withProgress({ location: { viewId: 'workspaceJobs.subJobs' } }, () => controller.refresh('manual')),
    ),
    registerCommand('workspaceJobs.showMore', (status: unknown) => {
      if (typeof status === 'string' && status) controller.showMore(status);
    }),
  );
}
