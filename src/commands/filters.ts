import * as vscode from 'vscode';
import { registerCommand } from './safeCommand';
import { FilterStore } from '../core/filterStore';
import { isFiltered, isSubJobStatus, parseList, validateJobId } from '../core/filter';
import { Family, FAMILIES, familyJobTypes, parseQualifiedJobType } from '../model/family';
import { STATUSES } from '../model/subJob';
import { jobTypeFilter, pickedJobTypes, pickJobTypes } from './jobTypeFilter';
import { STATUS_STYLES } from '../presentation/statusStyle';

/** `message`: the whole notification, "Workspace Jobs: …" included. */
function refuse(message: string): false {
  void vscode.window.showErrorMessage(message);
  return false;
}

/**
 * The filter commands. Each takes its value as an argument (keybindings, other extensions) or asks
 * for it; each resolves to true when the filter changed.
 */
export function registerFilterCommands(
  filters: FilterStore,
  /** The families shown (workspaceJobs.families): the job type picker offers their types. */
  families: () => readonly Family[] = () => FAMILIES,
): vscode.Disposable {
  const byJobType = registerCommand('workspaceJobs.filterByJobType', async (arg?: unknown): Promise<boolean> => {
    if (arg !== undefined) {
      // CREATE_SERVER is an image type, as before families; appServer:CREATE_SERVER the app-server one.
      const isQualified = (v: unknown): v is string => parseQualifiedJobType(v) !== undefined;
      const { values, invalid } = parseList(arg, isQualified);
      if (invalid.length || !values.length) {
        return refuse(
          vscode.l10n.t({
            message: 'Workspace Jobs: Unknown job type {0}; expected {1}.',
            args: [
              JSON.stringify(invalid[0] ?? arg),
              [...familyJobTypes('image'), ...familyJobTypes('appServer').map((t) => `appServer:${t}`)].join(', '),
            ],
            comment: ['{0} is the value given, {1} the job types the API knows (raw values)'],
          }),
        );
      }
      // A list names the families it speaks of (a keybinding of the three image types from before
      // families means all of them); the other families keep their part of the filter.
      const named = FAMILIES.filter((f) => values.some((v) => parseQualifiedJobType(v)?.family === f));
      await filters.update(jobTypeFilter(values, named, filters.current));
      return true;
    }
    const picked = await pickJobTypes(filters, families());
    if (!picked) return false;
    await filters.update(picked);
    return true;
  });

  const byJobId = registerCommand('workspaceJobs.filterByJobId', async (arg?: unknown): Promise<boolean> => {
    if (arg !== undefined) {
      const reason = typeof arg === 'string' ? validateJobId(arg) : vscode.l10n.t('A job id must be a string.');
      if (reason)
        return refuse(
          vscode.l10n.t({
            message: 'Workspace Jobs: {0}',
            args: [reason],
            comment: ['{0} is why a value was refused'],
          }),
        );
      await filters.update({ jobId: (arg as string).trim() });
      return true;
    }
    const jobId = await vscode.window.showInputBox({
      title: vscode.l10n.t('Workspace Jobs: Filter by Job ID'),
      prompt: vscode.l10n.t('The parent job id (the API’s job_id); only its sub-jobs are shown.'),
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
      if (invalid.length || !values.length) {
        return refuse(
          vscode.l10n.t({
            message: 'Workspace Jobs: Unknown status {0}; expected {1}.',
            args: [JSON.stringify(invalid[0] ?? arg), STATUSES.join(', ')],
            comment: ['{0} is the value given, {1} the statuses the API knows (raw values)'],
          }),
        );
      }
      await filters.update({ statuses: values.length === STATUSES.length ? undefined : values });
      return true;
    }
    const current = filters.current.statuses;
    const picked = await vscode.window.showQuickPick(
      STATUSES.map((s) => ({
        label: s,
        description: STATUS_STYLES[s].title,
        iconPath: new vscode.ThemeIcon(
          STATUS_STYLES[s].codicon.replace('~spin', ''),
          new vscode.ThemeColor(STATUS_STYLES[s].color!),
        ),
        picked: !!current?.includes(s),
      })),
      {
        title: vscode.l10n.t('Workspace Jobs: Filter by Status'),
        placeHolder: vscode.l10n.t('Tick the statuses to show; none ticked shows all'),
        canPickMany: true,
      },
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

  // The title bar's funnel: every filter in one menu, each saying what it holds now.
  const menu = registerCommand('workspaceJobs.filter', async (): Promise<boolean> => {
    const now = filters.current;
    const items = [
      {
        label: vscode.l10n.t('$(symbol-enum) Job Type…'),
        description: pickedJobTypes(now).join(', ') || undefined,
        command: 'workspaceJobs.filterByJobType',
      },
      { label: vscode.l10n.t('$(symbol-key) Job ID…'), description: now.jobId, command: 'workspaceJobs.filterByJobId' },
      {
        label: vscode.l10n.t('$(pulse) Status…'),
        description: now.statuses?.join(', '),
        command: 'workspaceJobs.filterByStatus',
      },
      ...(isFiltered(now)
        ? [
            {
              label: vscode.l10n.t('$(clear-all) Clear Filters'),
              description: undefined,
              command: 'workspaceJobs.clearFilters',
            },
          ]
        : []),
    ];
    const picked = await vscode.window.showQuickPick(items, {
      title: vscode.l10n.t('Workspace Jobs: Filter'),
      placeHolder: vscode.l10n.t('Filter the sub-jobs by…'),
    });
    if (!picked) return false;
    return (await vscode.commands.executeCommand<boolean>(picked.command)) === true;
  });

  return vscode.Disposable.from(byJobType, byJobId, byStatus, clear, menu);
}
