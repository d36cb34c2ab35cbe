import * as vscode from 'vscode';
import { registerCommand } from './safeCommand';
import { ProjectSession } from '../core/projectSession';
import { Sessions } from '../core/sessions';
import { Watch, WatchList } from '../core/watches';
import { isActiveStatus, SubJob, subJobLabel } from '../model/subJob';
import { SubJobRow } from '../presentation/treeModel';
import { pickOrLookUpSubJob } from '../views/subJobPicker';

/** A command's sub-job: a tree node or row (menus, clicks), else undefined. */
function rowOf(arg: unknown): SubJobRow | undefined {
  const row = (arg as { row?: unknown } | undefined)?.row ?? arg;
  return (row as Partial<SubJobRow> | undefined)?.kind === 'subJob' ? (row as SubJobRow) : undefined;
}

/** The sub-job a watch command is about: the row it came from, an id typed or passed, or one picked. */
async function target(sessions: Sessions, arg: unknown): Promise<{ subJob: SubJob; session: ProjectSession } | undefined> {
  const row = rowOf(arg);
  const session = row && sessions.get(row.sessionKey);
  if (row && session) return { subJob: row.subJob, session };
  return pickOrLookUpSubJob(sessions, typeof arg === 'string' ? arg : undefined);
}

function subJobWatch(subJob: SubJob, session: ProjectSession): Watch {
  return {
    kind: 'subJob',
    id: subJob.id,
    sessionKey: session.spec.key,
    label: subJobLabel(subJob),
    ref: { id: subJob.id, jobType: subJob.jobType, jobId: subJob.jobId, ...(subJob.listedAs && { listedAs: subJob.listedAs }) },
  };
}

/**
 * Watch a sub-job, or its parent job, to be told when it ends whatever the outcome; Unwatch. The
 * watch is checked at once (it may have ended already) and then once an interval.
 */
export function registerWatchCommands(sessions: Sessions, watches: WatchList, checkNow: () => Promise<void>): vscode.Disposable {
  const add = async (watch: Watch, what: string): Promise<boolean> => {
    if (!(await watches.add(watch))) {
      void vscode.window.showInformationMessage(`Workspace Jobs: ${what} is already watched.`);
      return false;
    }
    void vscode.window.setStatusBarMessage(`$(eye) Watching ${what}: you will be told when it ends.`, 5000);
    await checkNow();
    return true;
  };

  return vscode.Disposable.from(
    registerCommand('workspaceJobs.watch', async (arg?: unknown): Promise<boolean> => {
      const found = await target(sessions, arg);
      if (!found) return false;
      if (!isActiveStatus(found.subJob.status)) {
        void vscode.window.showInformationMessage(`Workspace Jobs: sub-job ${subJobLabel(found.subJob)} has already ended (${found.subJob.status}).`);
        return false;
      }
      return add(subJobWatch(found.subJob, found.session), `sub-job ${subJobLabel(found.subJob)}`);
    }),
    registerCommand('workspaceJobs.watchJob', async (arg?: unknown): Promise<boolean> => {
      const found = await target(sessions, arg);
      if (!found?.subJob.jobId) return false;
      const jobId = found.subJob.jobId;
      return add({ kind: 'job', id: jobId, sessionKey: found.session.spec.key, label: `job ${jobId}` }, `job ${jobId}`);
    }),
    registerCommand('workspaceJobs.unwatch', async (arg?: unknown): Promise<boolean> => {
      const row = rowOf(arg);
      let id = row ? (watches.has(row.subJob.id) ? row.subJob.id : row.subJob.jobId) : typeof arg === 'string' ? arg.trim() : undefined;
      if (!id) {
        if (!watches.all.length) {
          void vscode.window.showInformationMessage('Workspace Jobs: nothing is watched.');
          return false;
        }
        const picked = await vscode.window.showQuickPick(
          watches.all.map((w) => ({ label: w.label, description: w.kind === 'job' ? 'parent job' : `sub-job ${w.id}`, id: w.id })),
          { title: 'Workspace Jobs: Unwatch', placeHolder: 'Stop watching…' },
        );
        id = picked?.id;
      }
      return id ? watches.remove(id) : false;
    }),
  );
}
