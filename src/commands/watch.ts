import * as vscode from 'vscode';
import { registerCommand } from './safeCommand';
import { subJobRowOf } from './rowArgument';
import { ProjectSession } from '../core/projectSession';
import { Sessions } from '../core/sessions';
import { MAX_WATCHES, Watch, WatchId, WatchList } from '../core/watches';
import { isActiveStatus, SubJob, subJobLabel } from '../model/subJob';
import { pickOrLookUpSubJob, PickPurpose } from '../views/subJobPicker';

/** The sub-job a watch command is about: the row it came from, an id typed or passed, or one picked. */
async function target(
  sessions: Sessions,
  arg: unknown,
  purpose: PickPurpose,
): Promise<{ subJob: SubJob; session: ProjectSession } | undefined> {
  const row = subJobRowOf(arg);
  const session = row && sessions.get(row.sessionKey);
  if (row && session) return { subJob: row.subJob, session };
  return pickOrLookUpSubJob(sessions, typeof arg === 'string' ? arg : undefined, purpose);
}

type PickWords = Pick<PickPurpose, 'title' | 'placeholder' | 'emptyPlaceholder' | 'watchedWord'>;

/**
 * A watch picker whose rows are watched under `watchedId` (the sub-job's own id, or its parent job's):
 * a row is marked, and unwatched from its button, by that id in the session it came from.
 */
function watchPickerPurpose(
  watches: WatchList,
  words: PickWords,
  offers: (subJob: SubJob) => boolean,
  watchedId: (subJob: SubJob) => string,
): PickPurpose {
  return {
    ...words,
    offers,
    watched: (subJob, session) => watches.has(session.spec.key, watchedId(subJob)),
    unwatch: (subJob, session) => watches.remove(session.spec.key, watchedId(subJob)),
  };
}

/** Watch Sub-Job's picker: the active sub-jobs (an ended one has nothing left to tell), the watched ones marked. */
function watchPurpose(watches: WatchList): PickPurpose {
  const words: PickWords = {
    title: vscode.l10n.t('Workspace Jobs: Watch Sub-Job'),
    placeholder: vscode.l10n.t('An active sub-job to be told when it ends, or type a sub-job id'),
    emptyPlaceholder: vscode.l10n.t(
      'Type a sub-job id to watch (expand an active status group to list its sub-jobs here)',
    ),
  };
  return watchPickerPurpose(
    watches,
    words,
    (subJob) => isActiveStatus(subJob.status),
    (subJob) => subJob.id,
  );
}

/** Watch Job's picker: any loaded sub-job stands for its parent job; those of a watched job are marked. */
function watchJobPurpose(watches: WatchList): PickPurpose {
  const words: PickWords = {
    title: vscode.l10n.t('Workspace Jobs: Watch Parent Job'),
    placeholder: vscode.l10n.t('A sub-job of the job to watch, or type a sub-job id'),
    emptyPlaceholder: vscode.l10n.t(
      'Type the id of a sub-job of the job to watch (expand a status group to list its sub-jobs here)',
    ),
    watchedWord: vscode.l10n.t({
      message: 'job watched',
      comment: ['Marks a sub-job row in Watch Parent Job: its parent job is watched already'],
    }),
  };
  return watchPickerPurpose(
    watches,
    words,
    (subJob) => subJob.jobId !== '',
    (subJob) => subJob.jobId,
  );
}

function subJobWatch(subJob: SubJob, session: ProjectSession): Watch {
  return {
    kind: 'subJob',
    id: subJob.id,
    sessionKey: session.spec.key,
    label: subJobLabel(subJob),
    ref: {
      id: subJob.id,
      jobType: subJob.jobType,
      jobId: subJob.jobId,
      ...(subJob.listedAs && { listedAs: subJob.listedAs }),
    },
  };
}

/**
 * Watch a sub-job, or its parent job, to be told when it ends whatever the outcome; Unwatch. The
 * watch is checked at once (it may have ended already) and then once an interval; at most
 * MAX_WATCHES are kept, each costing a request an interval.
 */
export function registerWatchCommands(
  sessions: Sessions,
  watches: WatchList,
  checkNow: (sessionKey: string, id: string) => Promise<void>,
): vscode.Disposable {
  /** `already` and `watching`: what is said when it was watched already, and once it is. */
  const add = async (watch: Watch, already: string, watching: string): Promise<boolean> => {
    const added = await watches.add(watch);
    if (added === 'already') {
      const unwatch = vscode.l10n.t('Unwatch');
      void vscode.window.showInformationMessage(already, unwatch).then((choice) => {
        if (choice === unwatch) void watches.remove(watch.sessionKey, watch.id);
      });
      return false;
    }
    if (added === 'full') {
      void vscode.window.showWarningMessage(
        vscode.l10n.t({
          message:
            'Workspace Jobs: {0} sub-jobs and jobs are watched already, the most there can be. Unwatch one to watch another.',
          args: [MAX_WATCHES],
          comment: ['{0} is the largest number of watches (100)'],
        }),
      );
      return false;
    }
    void vscode.window.setStatusBarMessage(watching, 5000);
    await checkNow(watch.sessionKey, watch.id);
    return true;
  };

  return vscode.Disposable.from(
    registerCommand('workspaceJobs.watch', async (arg?: unknown): Promise<boolean> => {
      const found = await target(sessions, arg, watchPurpose(watches));
      if (!found) return false;
      if (!isActiveStatus(found.subJob.status)) {
        void vscode.window.showInformationMessage(
          vscode.l10n.t({
            message: 'Workspace Jobs: sub-job {0} has already ended ({1}).',
            args: [subJobLabel(found.subJob), found.subJob.status],
            comment: ["{0} is the sub-job's name or id, {1} its status (raw API value)"],
          }),
        );
        return false;
      }
      const label = subJobLabel(found.subJob);
      return add(
        subJobWatch(found.subJob, found.session),
        vscode.l10n.t({
          message: 'Workspace Jobs: sub-job {0} is already watched.',
          args: [label],
          comment: ["{0} is the sub-job's name or id"],
        }),
        vscode.l10n.t({
          message: '$(eye) Watching sub-job {0}: you will be told when it ends.',
          args: [label],
          comment: ["{0} is the sub-job's name or id"],
        }),
      );
    }),
    registerCommand('workspaceJobs.watchJob', async (arg?: unknown): Promise<boolean> => {
      const found = await target(sessions, arg, watchJobPurpose(watches));
      if (!found?.subJob.jobId) return false;
      const jobId = found.subJob.jobId;
      return add(
        { kind: 'job', id: jobId, sessionKey: found.session.spec.key, label: jobId },
        vscode.l10n.t({
          message: 'Workspace Jobs: job {0} is already watched.',
          args: [jobId],
          comment: ["{0} is a parent job's id"],
        }),
        vscode.l10n.t({
          message: '$(eye) Watching job {0}: you will be told when it ends.',
          args: [jobId],
          comment: ["{0} is a parent job's id"],
        }),
      );
    }),
    registerCommand('workspaceJobs.unwatch', async (arg?: unknown): Promise<boolean> => {
      const row = subJobRowOf(arg);
      const typed = typeof arg === 'string' ? arg.trim() : '';
      // A row names its session; a typed id may be watched in both families, and is unwatched in each.
      let chosen: WatchId[] = row
        ? [
            {
              sessionKey: row.sessionKey,
              id: watches.has(row.sessionKey, row.subJob.id) ? row.subJob.id : row.subJob.jobId,
            },
          ]
        : watches.all.filter((w) => w.id === typed);
      if (!row && !typed) {
        if (!watches.all.length) {
          void vscode.window.showInformationMessage(vscode.l10n.t('Workspace Jobs: nothing is watched.'));
          return false;
        }
        const picked = await vscode.window.showQuickPick(
          watches.all.map((w) => ({
            // A job's stored label is the English "job <id>": worded here in the display language.
            label:
              w.kind === 'job'
                ? vscode.l10n.t({
                    message: 'job {0}',
                    args: [w.id],
                    comment: ['A watched parent job in the Unwatch list; {0} is its id'],
                  })
                : w.label,
            description:
              w.kind === 'job'
                ? vscode.l10n.t({
                    message: 'parent job',
                    comment: ['Description of a watched parent job in the Unwatch list'],
                  })
                : vscode.l10n.t({
                    message: 'sub-job {0}',
                    args: [w.id],
                    comment: ['Description of a watched sub-job in the Unwatch list; {0} is its id'],
                  }),
            watch: w,
          })),
          { title: vscode.l10n.t('Workspace Jobs: Unwatch'), placeHolder: vscode.l10n.t('Stop watching…') },
        );
        chosen = picked ? [picked.watch] : [];
      }
      let removed = false;
      for (const watch of chosen) if (await watches.remove(watch.sessionKey, watch.id)) removed = true;
      return removed;
    }),
  );
}
