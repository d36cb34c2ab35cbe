import * as vscode from 'vscode';
import { registerCommand } from './safeCommand';
import { rowOf } from './rowArgument';
import { describeError } from '../api/errors';
import { deleteSubJobs } from '../api/subJobDeletion';
import { ProjectSession } from '../core/projectSession';
import { Sessions } from '../core/sessions';
import { isDeletableStatus, SubJob, subJobLabel } from '../model/subJob';
import { StatusRow, SubJobRow } from '../presentation/treeModel';
import { Confirmations } from '../views/confirm';
import { projectLabel } from '../core/projects';
import { formatCount } from '../model/locale';

type Row = SubJobRow | StatusRow;

/** A sub-job or status group row the command was run on. */
function deletableRowOf(arg: unknown): Row | undefined {
  const row = rowOf(arg);
  return row?.kind === 'subJob' || row?.kind === 'status' ? (row as Row) : undefined;
}

interface Batch {
  readonly session: ProjectSession;
  /** How many, for the confirmation (a group's count). */
  readonly count: number;
  /** The sub-jobs: given (selected rows, ids) or listed once confirmed (a whole group). */
  readonly subJobs: SubJob[] | ((signal: AbortSignal) => Promise<SubJob[]>);
  /** The confirmation's question when this is the only batch: "Delete the records of 3 sub-jobs?", "… of all 412 in FAILED?". */
  readonly question: string;
}

/** The confirmation's question for a batch of sub-jobs that are not a whole group. */
function questionFor(subJobs: readonly SubJob[]): string {
  return subJobs.length === 1
    ? vscode.l10n.t({
        message: 'Delete the records of sub-job {0}?',
        args: [subJobLabel(subJobs[0])],
        comment: ["{0} is the sub-job's name or id"],
      })
    : vscode.l10n.t('Delete the records of {0} sub-jobs?', subJobs.length);
}

/**
 * What the command was invoked on: the selected rows (VS Code passes the clicked one and the
 * selection), a SUCCESS or FAILED group ("all N in this group", under the filters), or an array of
 * sub-job ids (other extensions, keybindings). Other statuses are left out, never sent.
 */
async function batchesFor(
  sessions: Sessions,
  arg: unknown,
  selection: unknown,
): Promise<{ batches: Batch[]; skipped: number; unloaded?: readonly string[] }> {
  if (Array.isArray(arg) && arg.every((a) => typeof a === 'string')) return byIds(sessions, arg as string[]);
  const rows = (Array.isArray(selection) && selection.length ? selection : [arg])
    .map(deletableRowOf)
    .filter((r): r is Row => r !== undefined);
  // A group's own menu deletes the group; in a selection of rows, only sub-job rows count.
  const clicked = deletableRowOf(arg);
  const group = clicked?.kind === 'status' ? clicked : undefined;
  if (group) {
    const session = sessions.get(group.sessionKey);
    if (!session || !isDeletableStatus(group.status)) return { batches: [], skipped: group.count };
    // Asked on the group's count; its sub-jobs are listed only once the user said yes.
    const question = vscode.l10n.t({
      message: 'Delete the records of all {0} in {1}?',
      args: [formatCount(group.count), group.status],
      comment: ['{0} is a number of sub-jobs, {1} their status group (raw API value): SUCCESS or FAILED'],
    });
    return {
      batches: [
        {
          session,
          count: group.count,
          subJobs: (signal) => session.listGroup(group.status as 'SUCCESS' | 'FAILED', signal),
          question,
        },
      ],
      skipped: 0,
    };
  }
  const found: Located[] = [];
  for (const row of rows)
    if (row.kind === 'subJob') found.push({ session: sessions.get(row.sessionKey), subJob: row.subJob });
  return batchesOf(found);
}

/** A sub-job to delete and the session of its project (none when the project is gone from the view). */
type Located = { readonly session: ProjectSession | undefined; readonly subJob: SubJob };

/** One batch per project of the deletable sub-jobs; the others (or those whose project is gone) are skipped. */
function batchesOf(found: Iterable<Located>): { batches: Batch[]; skipped: number } {
  const bySession = new Map<ProjectSession, SubJob[]>();
  let skipped = 0;
  for (const { session, subJob } of found) {
    if (session && isDeletableStatus(subJob.status))
      bySession.set(session, [...(bySession.get(session) ?? []), subJob]);
    else skipped++;
  }
  return {
    batches: [...bySession].map(([session, subJobs]) => ({
      session,
      count: subJobs.length,
      subJobs,
      question: questionFor(subJobs),
    })),
    skipped,
  };
}

/**
 * Ids given as an argument: each must be a loaded sub-job, so its project and status are known (the
 * API has no look-up by sub-job id alone). Loaded ones that are not SUCCESS or FAILED are skipped;
 * ids not loaded are counted apart, since what the user can do about them differs.
 */
function byIds(sessions: Sessions, ids: readonly string[]): { batches: Batch[]; skipped: number; unloaded: string[] } {
  const wanted = new Set(ids);
  // A sub-job moving between groups can be loaded in both for a moment: the deletable copy counts.
  const found = new Map<string, { session: ProjectSession; subJob: SubJob }>();
  for (const session of sessions.all) {
    for (const subJob of session.loadedSubJobs()) {
      if (!wanted.has(subJob.id)) continue;
      const seen = found.get(subJob.id);
      if (!seen || (!isDeletableStatus(seen.subJob.status) && isDeletableStatus(subJob.status)))
        found.set(subJob.id, { session, subJob });
    }
  }
  return { ...batchesOf(found.values()), unloaded: [...wanted].filter((id) => !found.has(id)) };
}

/** Why ids given as an argument were left alone although they may be deletable: their rows are not loaded. */
function unloadedNote(unloaded: number): string {
  return unloaded === 1
    ? vscode.l10n.t('1 sub-job id given is not loaded in the Image Sub-Jobs view and will be left alone.')
    : vscode.l10n.t(
        '{0} sub-job ids given are not loaded in the Image Sub-Jobs view and will be left alone.',
        unloaded,
      );
}

/** Nothing could be deleted, and some ids were not loaded: how to reach them, and what else was left alone. */
function nothingLoadedMessage(unloaded: readonly string[], skipped: number): string {
  const main =
    unloaded.length === 1
      ? vscode.l10n.t({
          message:
            'Workspace Jobs: nothing to delete: sub-job {0} is not loaded in the Image Sub-Jobs view. Show its row first (clear the filters, expand its status group, load more of it), or check that it still exists.',
          args: [unloaded[0]],
          comment: ['{0} is a sub-job id'],
        })
      : vscode.l10n.t(
          'Workspace Jobs: nothing to delete: {0} sub-job ids given are not loaded in the Image Sub-Jobs view. Show their rows first (clear the filters, expand their status groups, load more of them), or check that they still exist.',
          unloaded.length,
        );
  if (!skipped) return main;
  const also =
    skipped === 1
      ? vscode.l10n.t('1 other sub-job given is not SUCCESS or FAILED and is left alone.')
      : vscode.l10n.t('{0} other sub-jobs given are not SUCCESS or FAILED and are left alone.', skipped);
  return `${main} ${also}`;
}

/** Deletes finished sub-job records, after a modal confirmation, in calls of 20 with a cancellable progress. */
export function registerDeleteSubJobs(
  sessions: Sessions,
  treeSelection: () => readonly unknown[],
  confirmations: Confirmations,
): vscode.Disposable {
  return registerCommand('workspaceJobs.deleteSubJobs', async (arg?: unknown, selection?: unknown): Promise<number> => {
    // From the palette: what is selected in the tree.
    if (arg === undefined) {
      const selected = treeSelection();
      if (!selected.length) {
        void vscode.window.showInformationMessage(
          vscode.l10n.t(
            'Workspace Jobs: select SUCCESS or FAILED sub-jobs (or a SUCCESS or FAILED group) in the Image Sub-Jobs view first.',
          ),
        );
        return 0;
      }
      // One group selected is that group; several rows are rows (a group among them is not "all of it").
      [arg, selection] = [selected.length === 1 ? selected[0] : undefined, selected];
    }
    const { batches, skipped, unloaded = [] } = await batchesFor(sessions, arg, selection);
    let total = batches.reduce((n, b) => n + b.count, 0);
    if (total === 0 && unloaded.length) {
      void vscode.window.showInformationMessage(nothingLoadedMessage(unloaded, skipped));
      return 0;
    }
    if (total === 0) {
      void vscode.window.showInformationMessage(
        skipped
          ? vscode.l10n.t({
              message:
                'Workspace Jobs: nothing to delete: only SUCCESS or FAILED sub-jobs can be deleted ({0} left alone).',
              args: [skipped],
              comment: ['{0} is the number of sub-jobs that were not deleted'],
            })
          : vscode.l10n.t('Workspace Jobs: nothing to delete: only SUCCESS or FAILED sub-jobs can be deleted.'),
      );
      return 0;
    }
    const question =
      batches.length === 1 ? batches[0].question : vscode.l10n.t('Delete the records of {0} sub-jobs?', total);
    const warning = !skipped
      ? vscode.l10n.t(
          'Only the job records are deleted from WorkspaceApp, not the servers or images they created. This cannot be undone.',
        )
      : skipped === 1
        ? vscode.l10n.t(
            'Only the job records are deleted from WorkspaceApp, not the servers or images they created. This cannot be undone. 1 selected sub-job is not SUCCESS or FAILED and will be left alone.',
          )
        : vscode.l10n.t(
            'Only the job records are deleted from WorkspaceApp, not the servers or images they created. This cannot be undone. {0} selected sub-jobs are not SUCCESS or FAILED and will be left alone.',
            skipped,
          );
    const detail = unloaded.length ? `${warning} ${unloadedNote(unloaded.length)}` : warning;
    const confirmed = await confirmations.confirm(
      question,
      detail,
      vscode.l10n.t({ message: 'Delete', comment: ['Button of the confirmation that deletes sub-job records'] }),
    );
    if (!confirmed) return 0;
    let deleted = 0;
    const failures: string[] = [];
    let cancelled = false;
    await vscode.window.withProgress(
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
        for (const batch of batches) {
          let subJobs: SubJob[];
          if (Array.isArray(batch.subJobs)) subJobs = batch.subJobs;
          else {
            progress.report({ message: vscode.l10n.t('listing the sub-jobs…') });
            try {
              subJobs = await batch.subJobs(controller.signal);
            } catch (error) {
              // Cancelled while listing: nothing was deleted, and that is what the user asked for.
              if (controller.signal.aborted) {
                cancelled = true;
                break;
              }
              throw error;
            }
            // The group may have changed since its count was shown: the listing is what is deleted.
            total += subJobs.length - batch.count;
          }
          // Cancel stops sending; a call already sent is let finish, so what it deleted is reported as deleted.
          const result = await deleteSubJobs(
            { batchDelete: (ids) => batch.session.batchDelete(ids, new AbortController().signal) },
            subJobs.map((s) => s.id),
            {
              signal: controller.signal,
              onProgress: (done) => {
                progress.report({
                  increment: ((done - reported) / total) * 100,
                  message: vscode.l10n.t({
                    message: '{0} of {1}',
                    args: [deleted + done, total],
                    comment: ['Progress of a deletion: {0} sub-job records done of {1}'],
                  }),
                });
                reported = done;
              },
            },
          );
          reported = 0;
          const status = new Map(subJobs.map((s) => [s.id, s.status]));
          // The tree follows at once; the next refresh confirms it.
          batch.session.removeSubJobs(result.deleted.map((id) => ({ id, status: status.get(id) ?? '' })));
          deleted += result.deleted.length;
          for (const f of result.failed) {
            failures.push(
              vscode.l10n.t({
                message: '{0} in {1}: {2}',
                args: [f.ids.length, projectLabel(batch.session.spec), describeError(f.error)],
                comment: [
                  "Why some sub-job records were not deleted: {0} is how many, {1} the project's name or id, {2} the error",
                ],
              }),
            );
          }
          if (result.cancelled) {
            cancelled = true;
            break;
          }
        }
      },
    );
    const notDeleted = total - deleted;
    if (notDeleted === 0) {
      void vscode.window.showInformationMessage(
        deleted === 1
          ? vscode.l10n.t('Workspace Jobs: deleted 1 sub-job record.')
          : vscode.l10n.t('Workspace Jobs: deleted {0} sub-job records.', deleted),
      );
    } else {
      const why = cancelled
        ? vscode.l10n.t({
            message: 'cancelled',
            comment: ['Why sub-job records were not deleted: the user cancelled the deletion'],
          })
        : failures.join('; ');
      void vscode.window.showWarningMessage(
        notDeleted === 1
          ? vscode.l10n.t({
              message: 'Workspace Jobs: deleted {0} of {1} sub-job records; 1 was not deleted ({2}).',
              args: [deleted, total, why],
              comment: ['{2} is why: "cancelled", or the errors per project'],
            })
          : vscode.l10n.t({
              message: 'Workspace Jobs: deleted {0} of {1} sub-job records; {2} were not deleted ({3}).',
              args: [deleted, total, notDeleted, why],
              comment: ['{3} is why: "cancelled", or the errors per project'],
            }),
      );
    }
    return deleted;
  });
}
