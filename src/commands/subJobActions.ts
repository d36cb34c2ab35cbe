import * as vscode from 'vscode';
import { registerCommand } from './safeCommand';
import { FilterStore } from '../core/filterStore';
import { SubJob, subJobLabel } from '../model/subJob';
import { TreeNode } from '../presentation/treeReconcile';
import { copyToClipboard } from '../views/clipboard';

/** A command's sub-job argument: a tree node (menus, clicks) or a sub-job itself (other extensions). */
export function subJobOf(arg: unknown): SubJob | undefined {
  const node = arg as Partial<TreeNode> | undefined;
  if (node?.row?.kind === 'subJob') return node.row.subJob;
  const subJob = arg as Partial<SubJob> | undefined;
  if (subJob && typeof subJob.id === 'string' && typeof subJob.status === 'string') return subJob as SubJob;
  return undefined;
}

export interface DetailsOpener {
  show(subJob: SubJob): void;
}

/** Asks which loaded sub-job to open when a command comes from the palette. */
async function pickSubJob(loaded: () => readonly SubJob[]): Promise<SubJob | undefined> {
  const subJobs = loaded();
  if (!subJobs.length) {
    void vscode.window.showInformationMessage('Workspace Jobs: no sub-jobs are loaded yet.');
    return undefined;
  }
  const picked = await vscode.window.showQuickPick(
    subJobs.map((s) => ({ label: subJobLabel(s), description: `${s.status} · ${s.jobType}`, detail: `sub-job ${s.id} · job ${s.jobId}`, subJob: s })),
    { title: 'Workspace Jobs: Show Details', placeHolder: 'Sub-job', matchOnDescription: true, matchOnDetail: true },
  );
  return picked?.subJob;
}

export function registerSubJobActions(details: DetailsOpener, filters: FilterStore, loaded: () => readonly SubJob[]): vscode.Disposable {
  return vscode.Disposable.from(
    registerCommand('workspaceJobs.showDetails', async (arg?: unknown) => {
      const subJob = subJobOf(arg) ?? (arg === undefined ? await pickSubJob(loaded) : undefined);
      if (subJob) details.show(subJob);
    }),
    registerCommand('workspaceJobs.filterByThisJob', async (arg?: unknown) => {
      const subJob = subJobOf(arg);
      if (!subJob?.jobId) return;
      await filters.update({ jobId: subJob.jobId });
    }),
    registerCommand('workspaceJobs.copySubJobId', async (arg?: unknown) => {
      const subJob = subJobOf(arg);
      if (subJob) await copyToClipboard(subJob.id, `sub-job ID ${subJob.id}`);
    }),
    registerCommand('workspaceJobs.copyJobId', async (arg?: unknown) => {
      const subJob = subJobOf(arg);
      if (subJob?.jobId) await copyToClipboard(subJob.jobId, `job ID ${subJob.jobId}`);
    }),
  );
}
