import * as vscode from 'vscode';
import { registerCommand } from './safeCommand';
import { FilterStore } from '../core/filterStore';
import { isJobType, isSubJobStatus, parseList, validateJobId } from '../core/filter';
import { JOB_TYPES, STATUSES } from '../model/subJob';
import { STATUS_STYLES } from '../presentation/statusStyle';

const JOB_TYPE_DESCRIPTIONS: Record<string, string> = {
  CREATE_SERVER: 'create image instance',
  CREATE_SERVER_IMAGE: 'build image',
  DELETE_SERVER: 'delete image instance',
};

function refuse(message: string): false {
  void vscode.window.showErrorMessage(`Workspace Jobs: ${message}`);
  return false;
}

/**
 * The filter commands. Each takes its value as an argument (keybindings, other extensions) or asks
 * for it; each resolves to true when the filter changed.
 */
export function registerFilterCommands(filters: FilterStore): vscode.Disposable {
  const byJobType = registerCommand('workspaceJobs.filterByJobType', async (arg?: unknown): Promise<boolean> => {
    if (arg !== undefined) {
      const { values, invalid } = parseList(arg, isJobType);
      if (invalid.length || !values.length) return refuse(`Unknown job type ${JSON.stringify(invalid[0] ?? arg)}; expected ${JOB_TYPES.join(', ')}.`);
      await filters.update({ jobTypes: values.length === JOB_TYPES.length ? undefined : values });
      return true;
    }
    const current = filters.current.jobTypes;
    const picked = await vscode.window.showQuickPick(
      JOB_TYPES.map((t) => ({ label: t, description: JOB_TYPE_DESCRIPTIONS[t], picked: !current?.length || current.includes(t) })),
      { title: 'Workspace Jobs: Filter by Job Type', placeHolder: 'Show sub-jobs of these job types', canPickMany: true },
    );
    if (!picked) return false;
    const values = picked.map((p) => p.label);
    await filters.update({ jobTypes: values.length === 0 || values.length === JOB_TYPES.length ? undefined : values });
    return true;
  });

  const byJobId = registerCommand('workspaceJobs.filterByJobId', async (arg?: unknown): Promise<boolean> => {
    if (arg !== undefined) {
      const reason = typeof arg === 'string' ? validateJobId(arg) : 'A job id must be a string.';
      if (reason) return refuse(reason);
      await filters.update({ jobId: (arg as string).trim() });
      return true;
    }
    const jobId = await vscode.window.showInputBox({
      title: 'Workspace Jobs: Filter by Job ID',
      prompt: 'The parent job id (the API’s job_id); only its sub-jobs are shown.',
      value: filters.current.jobId ?? '',
      placeHolder: '702364884037271552',
      validateInput: validateJobId,
    });
    if (jobId === undefined) return false;
    await filters.update({ jobId: jobId.trim() });
    return true;
  });

  const byStatus = registerCommand('workspaceJobs.filterByStatus', async (arg?: unknown): Promise<boolean> => {
    if (arg !== undefined) {
      const { values, invalid } = parseList(arg, isSubJobStatus);
      if (invalid.length || !values.length) return refuse(`Unknown status ${JSON.stringify(invalid[0] ?? arg)}; expected ${STATUSES.join(', ')}.`);
      await filters.update({ statuses: values.length === STATUSES.length ? undefined : values });
      return true;
    }
    const current = filters.current.statuses;
    const picked = await vscode.window.showQuickPick(
      STATUSES.map((s) => ({
        label: s,
        description: STATUS_STYLES[s].title,
        iconPath: new vscode.ThemeIcon(STATUS_STYLES[s].codicon.replace('~spin', ''), new vscode.ThemeColor(STATUS_STYLES[s].color!)),
        picked: !!current?.includes(s),
      })),
      { title: 'Workspace Jobs: Filter by Status', placeHolder: 'Show sub-jobs in these statuses (none ticked = all)', canPickMany: true },
    );
    if (!picked) return false;
    const values = picked.map((p) => p.label);
    await filters.update({ statuses: values.length === 0 || values.length === STATUSES.length ? undefined : values });
    return true;
  });

  const clear = registerCommand('workspaceJobs.clearFilters', async () => {
    await filters.clear();
    return true;
  });

  return vscode.Disposable.from(byJobType, byJobId, byStatus, clear);
}
