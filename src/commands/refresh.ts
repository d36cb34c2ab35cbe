import * as vscode from 'vscode';
import { registerCommand } from './safeCommand';
import { SubJobsController } from '../views/subJobsController';

export function registerRefresh(controller: SubJobsController): vscode.Disposable {
  return registerCommand('workspaceJobs.refresh', () =>
    vscode.window.withProgress({ location: { viewId: 'workspaceJobs.subJobs' } }, () => controller.refresh('manual')),
  );
}
