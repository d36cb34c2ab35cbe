import * as vscode from 'vscode';
import { registerCommand } from './safeCommand';
import { rowOf } from './rowArgument';
import { Logger } from '../api/logger';
import {
  DeletionPlan,
  DeletionSource,
  DeletionTarget,
  needsLookUp,
  planDeletion,
  plannedCount,
  subJobRefOf,
} from '../core/deletionPlan';
import { leftAloneNote, logLinesOf, nothingToDeleteOf, reportOf, summaryOf } from '../core/deletionReport';
import { runDeletion } from '../core/deletionRun';
import { Sessions } from '../core/sessions';
import { subJobLabel } from '../model/subJob';
import { formatCount } from '../model/locale';
import { Confirmations } from '../views/confirm';

/**
 * What the command was invoked on, as pointers: a group row (its project and status), sub-job rows
 * (their project and id) or ids (other extensions, keybindings: `ID`, or `image:ID` / `appServer:ID` when
 * both families may hold it). Nothing else a row carries (a count, a status) is believed: the plan looks
 * it up in the session again.
 */
function targetOf(arg: unknown, selection: unknown): DeletionTarget {
  if (Array.isArray(arg) && arg.every((a) => typeof a === 'string'))
    return { kind: 'subJobs', refs: (arg as string[]).map(subJobRefOf) };
  const clicked = rowOf(arg);
  // A group's own menu deletes the group; in a selection of rows, only sub-job rows count.
  if (clicked?.kind === 'status' && typeof clicked.sessionKey === 'string' && typeof clicked.status === 'string')
    return { kind: 'group', sessionKey: clicked.sessionKey, status: clicked.status };
  const rows = (Array.isArray(selection) && selection.length ? selection : [arg]).map(rowOf);
  const refs: Array<{ id: string; sessionKey?: string }> = [];
  for (const row of rows) {
    if (row?.kind !== 'subJob') continue;
    const id = (row.subJob as { id?: unknown } | undefined)?.id;
    if (typeof id === 'string')
      refs.push({ id, ...(typeof row.sessionKey === 'string' && { sessionKey: row.sessionKey }) });
  }
  return { kind: 'subJobs', refs };
}

/** The confirmation's question, on the session's own numbers. */
function questionFor(plan: DeletionPlan): string {
  if (plan.group)
    return vscode.l10n.t({
      message: 'Delete the records of all {0} in {1}?',
      args: [formatCount(plan.group.count), plan.group.status],
      comment: ['{0} is a number of sub-jobs, {1} their status group (raw API value): SUCCESS or FAILED'],
    });
  const subJobs = plan.batches.flatMap((b) => b.subJobs);
  return subJobs.length === 1
    ? vscode.l10n.t({
        message: 'Delete the records of sub-job {0}?',
        args: [subJobLabel(subJobs[0])],
        comment: ["{0} is the sub-job's name or id"],
      })
    : vscode.l10n.t('Delete the records of {0} sub-jobs?', subJobs.length);
}

/** Deletes finished sub-job records, after a modal confirmation, with a cancellable progress and an honest report. */
export function registerDeleteSubJobs(
  sessions: Sessions,
  treeSelection: () => readonly unknown[],
  confirmations: Confirmations,
  logger: Logger,
): vscode.Disposable {
  const deleteLabel = vscode.l10n.t({
    message: 'Delete',
    comment: ['Button of the confirmation that deletes sub-job records'],
  });
  return registerCommand('workspaceJobs.deleteSubJobs', async (arg?: unknown, selection?: unknown): Promise<number> => {
    // From the palette: what is selected in the tree.
    if (arg === undefined) {
      const selected = treeSelection();
      if (!selected.length) {
        void vscode.window.showInformationMessage(
          vscode.l10n.t(
            'Workspace Jobs: select SUCCESS or FAILED sub-jobs (or a SUCCESS or FAILED group) in the WorkspaceApp Jobs view first.',
          ),
        );
        return 0;
      }
      // One group selected is that group; several rows are rows (a group among them is not "all of it").
      [arg, selection] = [selected.length === 1 ? selected[0] : undefined, selected];
    }
    const sources: readonly DeletionSource[] = sessions.all;
    const target = targetOf(arg, selection);
    const plan = needsLookUp(sources, target)
      ? await vscode.window.withProgress(
          {
            location: vscode.ProgressLocation.Notification,
            title: vscode.l10n.t('Looking up the sub-jobs to delete…'),
            cancellable: true,
          },
          async (_progress, token) => {
            const controller = new AbortController();
            token.onCancellationRequested(() => controller.abort());
            return planDeletion(sources, target, controller.signal).catch((error: unknown) => {
              if (controller.signal.aborted) return undefined;
              throw error;
            });
          },
        )
      : await planDeletion(sources, target, new AbortController().signal);
    if (!plan) return 0;
    const leftAlone = reportOf(plan, { projects: [], cancelled: false });
    const total = plannedCount(plan);
    if (total === 0) {
      void vscode.window.showInformationMessage(nothingToDeleteOf(leftAlone));
      return 0;
    }
    const warning = vscode.l10n.t(
      'Only the job records are deleted from WorkspaceApp, not the servers or images they created. This cannot be undone.',
    );
    const note = leftAloneNote(leftAlone);
    if (!(await confirmations.confirm(questionFor(plan), note ? `${warning} ${note}` : warning, deleteLabel))) return 0;
    const outcome = await vscode.window.withProgress(
      {
        location: vscode.ProgressLocation.Notification,
        title:
          total === 1
            ? vscode.l10n.t('Deleting 1 sub-job record')
            : vscode.l10n.t('Deleting {0} sub-job records', total),
        cancellable: true,
      },
      async (progress, token) => {
        const controller = new AbortController();
        token.onCancellationRequested(() => controller.abort());
        let reported = 0;
        return runDeletion(plan, {
          signal: controller.signal,
          confirmGrown: (listed, confirmed) =>
            confirmations.confirm(
              vscode.l10n.t({
                message: 'The group now holds {0}, more than the {1} you confirmed. Delete the records of all {0}?',
                args: [formatCount(listed), formatCount(confirmed)],
                comment: ['{0} and {1} are numbers of sub-jobs'],
              }),
              warning,
              deleteLabel,
            ),
          onListing: () => progress.report({ message: vscode.l10n.t('listing the sub-jobs…') }),
          onProgress: (done, all) => {
            progress.report({
              increment: ((done - reported) / Math.max(1, all)) * 100,
              message: vscode.l10n.t({
                message: '{0} of {1}',
                args: [done, all],
                comment: ['Progress of a deletion: {0} sub-job records done of {1}'],
              }),
            });
            reported = done;
          },
        });
      },
    );
    const report = reportOf(plan, outcome);
    for (const line of logLinesOf(report)) logger.info(line);
    const summary = summaryOf(report);
    if (summary.severity === 'info') void vscode.window.showInformationMessage(summary.message);
    else void vscode.window.showWarningMessage(summary.message);
    return report.deleted.length;
  });
}
