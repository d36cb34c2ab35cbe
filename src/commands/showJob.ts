import * as vscode from 'vscode';
import { registerCommand } from './safeCommand';
import { subJobRowOf } from './rowArgument';
import { validateJobId } from '../core/filter';
import { ProjectSession } from '../core/projectSession';
import { Sessions } from '../core/sessions';
import { JobPanels } from '../views/jobPanel';
import { jobSourceLabel } from '../views/jobSourceLabel';

/** A pointer to a parent job, as the details panel passes it: looked up again through its session. */
interface JobPointer {
  readonly sessionKey: string;
  readonly jobId: string;
}

function pointerOf(arg: unknown): JobPointer | undefined {
  const row = subJobRowOf(arg);
  if (row) return row.subJob.jobId ? { sessionKey: row.sessionKey, jobId: row.subJob.jobId } : undefined;
  const given = arg as Partial<JobPointer> | undefined;
  if (typeof given?.sessionKey === 'string' && typeof given.jobId === 'string' && !validateJobId(given.jobId))
    return { sessionKey: given.sessionKey, jobId: given.jobId.trim() };
  return undefined;
}

/**
 * Which project and family a typed job id is of: the only session connected, else the user's pick
 * (CREATE_SERVER jobs exist in both families: asking sends nothing, guessing could ask the wrong API).
 */
async function pickSession(sessions: Sessions, jobId: string): Promise<ProjectSession | undefined> {
  const connected = sessions.all.filter((s) => s.connected);
  if (connected.length <= 1) {
    if (!connected.length)
      void vscode.window.showInformationMessage(
        vscode.l10n.t(
          'Workspace Jobs: no project is connected. Configure a project and add credentials, or try sample data.',
        ),
      );
    return connected[0];
  }
  const picked = await vscode.window.showQuickPick(
    connected.map((session) => ({ label: jobSourceLabel(session), session })),
    {
      title: vscode.l10n.t('Workspace Jobs: Show Parent Job'),
      placeHolder: vscode.l10n.t({
        message: 'Which project and family is job {0} of?',
        args: [jobId],
        comment: ["{0} is a parent job's id"],
      }),
      // As the job id's box before it: a panel taking the focus while it loads must not cancel the question.
      ignoreFocusOut: true,
    },
  );
  return picked?.session;
}

/**
 * Show Parent Job: the timeline of a sub-job's parent job (a tree row, the details panel), or of
 * a job id typed or passed. Whatever it is given is looked up again through the session.
 */
export function registerShowJob(sessions: Sessions, panels: JobPanels): vscode.Disposable {
  return registerCommand('workspaceJobs.showJob', async (arg?: unknown): Promise<boolean> => {
    const pointer = pointerOf(arg);
    if (pointer) {
      if (!sessions.get(pointer.sessionKey)) return false;
      panels.show(pointer.sessionKey, pointer.jobId);
      return true;
    }
    let jobId = typeof arg === 'string' ? arg : undefined;
    if (jobId !== undefined) {
      const reason = validateJobId(jobId);
      if (reason) {
        void vscode.window.showErrorMessage(
          vscode.l10n.t({
            message: 'Workspace Jobs: {0}',
            args: [reason],
            comment: ['{0} is why a value was refused'],
          }),
        );
        return false;
      }
    } else {
      jobId = await vscode.window.showInputBox({
        title: vscode.l10n.t('Workspace Jobs: Show Parent Job'),
        prompt: vscode.l10n.t('The parent job id (the API’s job_id) whose sub-jobs to show on a timeline.'),
        placeHolder: '702364884037271552',
        validateInput: validateJobId,
        ignoreFocusOut: true,
      });
      if (jobId === undefined) return false;
    }
    jobId = jobId.trim();
    const session = await pickSession(sessions, jobId);
    if (!session) return false;
    panels.show(session.spec.key, jobId);
    return true;
  });
}
