import * as vscode from 'vscode';
import { registerCommand } from './safeCommand';
import { subJobRowOf } from './rowArgument';
import { FilterStore } from '../core/filterStore';
import { Sessions } from '../core/sessions';
import { SubJob } from '../model/subJob';
import { isFamily } from '../model/family';
import { SessionSpec, specFamily } from '../core/sessionSpec';
import { copyToClipboard } from '../views/clipboard';
import { DetailsPanels, sourceOf } from '../views/detailsPanel';
import { pickOrLookUpSubJob } from '../views/subJobPicker';

/** A command's sub-job argument: a tree node or row, or a sub-job itself (other extensions). */
export function subJobOf(arg: unknown): SubJob | undefined {
  const row = subJobRowOf(arg);
  if (row) return row.subJob;
  const subJob = arg as Partial<SubJob> | undefined;
  if (subJob && typeof subJob.id === 'string' && typeof subJob.status === 'string') return subJob as SubJob;
  return undefined;
}

/**
 * The session a sub-job handed over by another extension belongs to: one of its family (absent = image,
 * as stored before families) that has it loaded, else one of its project, else the only one connected.
 */
export function ownerOf<T extends { readonly spec: SessionSpec; loadedSubJobs(): readonly SubJob[] }>(
  connected: readonly T[],
  given: SubJob,
): T | undefined {
  const family = isFamily(given.family) ? given.family : 'image';
  const ofFamily = connected.filter((s) => specFamily(s.spec) === family);
  return (
    ofFamily.find((s) => s.loadedSubJobs().some((j) => j.id === given.id)) ??
    ofFamily.find((s) => s.spec.projectId === given.projectId) ??
    (connected.length === 1 ? connected[0] : undefined)
  );
}

export function registerSubJobActions(
  details: DetailsPanels,
  filters: FilterStore,
  sessions: Sessions,
): vscode.Disposable {
  return vscode.Disposable.from(
    registerCommand('workspaceJobs.showDetails', async (arg?: unknown, how?: unknown) => {
      const row = subJobRowOf(arg);
      const session = row ? sessions.get(row.sessionKey) : undefined;
      if (row && session) {
        // A click in the tree previews (the next click reuses the panel) and leaves the keyboard in the
        // tree; the context menu keeps it open.
        const preview = how === 'preview';
        details.show(row.subJob, sourceOf(session, sessions.all), { preview, preserveFocus: preview });
        return;
      }
      // A sub-job handed over by another extension: the project it names, else the one watched.
      const given = subJobOf(arg);
      if (given) {
        const owner = ownerOf(
          sessions.all.filter((s) => s.connected),
          given,
        );
        if (owner) details.show(given, sourceOf(owner, sessions.all));
        return;
      }
      // From the palette: a loaded sub-job, or any sub-job by its id.
      const found = await pickOrLookUpSubJob(sessions, typeof arg === 'string' ? arg : undefined);
      if (found) details.show(found.subJob, sourceOf(found.session, sessions.all));
    }),
    registerCommand('workspaceJobs.filterByThisJob', async (arg?: unknown) => {
      const subJob = subJobOf(arg);
      if (!subJob?.jobId) return;
      await filters.update({ jobId: subJob.jobId });
    }),
    registerCommand('workspaceJobs.copySubJobId', async (arg?: unknown) => {
      const subJob = subJobOf(arg);
      if (subJob) {
        await copyToClipboard(subJob.id, {
          what: `sub-job ID ${subJob.id}`,
          copied: vscode.l10n.t('$(copy) Copied sub-job ID {0}', subJob.id),
          failed: vscode.l10n.t('Could not copy the sub-job ID {0}', subJob.id),
        });
      }
    }),
    registerCommand('workspaceJobs.copyJobId', async (arg?: unknown) => {
      const subJob = subJobOf(arg);
      if (subJob?.jobId) {
        await copyToClipboard(subJob.jobId, {
          what: `job ID ${subJob.jobId}`,
          copied: vscode.l10n.t('$(copy) Copied job ID {0}', subJob.jobId),
          failed: vscode.l10n.t('Could not copy the job ID {0}', subJob.jobId),
        });
      }
    }),
  );
}
