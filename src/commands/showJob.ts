import * as vscode from 'vscode';
import { registerCommand } from './safeCommand';
import { subJobRowOf } from './rowArgument';
import { MAX_JOB_ID_LENGTH, MAX_LOOKUP_JOB_ID_LENGTH, validateJobId } from '../core/filter';
import { specFamily } from '../core/sessionSpec';
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
  if (typeof given?.sessionKey === 'string' && typeof given.jobId === 'string' && !validateParentJobId(given.jobId))
    return { sessionKey: given.sessionKey, jobId: given.jobId.trim() };
  return undefined;
}

/** A parent job id as the look-ups take it: app-server ids (ShowJobDetail) may be longer than the list filter's. */
function validateParentJobId(value: string): string | undefined {
  return validateJobId(value, MAX_LOOKUP_JOB_ID_LENGTH);
}

/**
 * Which project and family a typed job id is of: the session whose loaded sub-jobs belong to it, else the only
 * session connected, else the user's pick (CREATE_SERVER jobs exist in both families: asking sends nothing,
 * guessing could ask the wrong API). Only app-server job ids are longer than the list filter's 128 characters.
 */
async function pickSession(sessions: Sessions, jobId: string): Promise<ProjectSession | undefined> {
  const connected = sessions.all.filter(
    (s) => s.connected && (jobId.length <= MAX_JOB_ID_LENGTH || specFamily(s.spec) === 'appServer'),
  );
  const known = connected.filter((s) => s.loadedSubJobs().some((subJob) => subJob.jobId === jobId));
  const candidates = known.length ? known : connected;
  if (candidates.length <= 1) {
    if (!candidates.length)
      void vscode.window.showInformationMessage(
        sessions.all.some((s) => s.connected)
          ? vscode.l10n.t(
              'Workspace Jobs: a job id of more than {0} characters can only be an app server job, and no connected project shows app server jobs.',
              MAX_JOB_ID_LENGTH,
            )
          : vscode.l10n.t(
              'Workspace Jobs: no project is connected. Configure a project and add credentials, or try sample data.',
            ),
      );
    return candidates[0];
  }
  const picked = await vscode.window.showQuickPick(
    candidates.map((session) => ({ label: jobSourceLabel(session), session })),
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
      const reason = validateParentJobId(jobId);
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
        validateInput: validateParentJobId,
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
