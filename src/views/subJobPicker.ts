import * as vscode from 'vscode';
import { describeError } from '../api/errors';
import { ProjectSession } from '../core/projectSession';
import { Sessions } from '../core/sessions';
import { SubJob, subJobLabel } from '../model/subJob';
import { sessionLabel, showsSeveralFamilies } from '../presentation/familyRows';

type Item = vscode.QuickPickItem & {
  readonly subJob?: SubJob;
  readonly session?: ProjectSession;
  readonly lookUp?: string;
};

/** What the picker is for: its title and wording, which loaded sub-jobs it offers, and what is watched already. */
export interface PickPurpose {
  readonly title: string;
  /** When loaded sub-jobs are listed, and when none is. */
  readonly placeholder: string;
  readonly emptyPlaceholder: string;
  readonly offers?: (subJob: SubJob) => boolean;
  /** Marked with an eye and "watched" (or watchedWord), with a button to unwatch it there. */
  readonly watched?: (subJob: SubJob, session: ProjectSession) => boolean;
  /** What the mark says, e.g. "job watched" when the row stands for its parent job. */
  readonly watchedWord?: string;
  readonly unwatch?: (subJob: SubJob, session: ProjectSession) => Promise<unknown>;
}

export function showDetailsPurpose(): PickPurpose {
  return {
    title: vscode.l10n.t('Workspace Jobs: Show Details'),
    placeholder: vscode.l10n.t('A loaded sub-job, or type a sub-job id to look it up'),
    emptyPlaceholder: vscode.l10n.t(
      'Type a sub-job id to look it up (expand a status group to list its sub-jobs here)',
    ),
  };
}

function watchedWord(): string {
  return vscode.l10n.t({ message: 'watched', comment: ['Marks a sub-job row whose end the user is told about'] });
}

function unwatchButton(): vscode.QuickInputButton {
  return { iconPath: new vscode.ThemeIcon('eye-closed'), tooltip: vscode.l10n.t('Unwatch') };
}

/** What a typed sub-job id may look like before it is worth a look-up. */
const ID_PATTERN = /^[A-Za-z0-9_-]{1,128}$/;

function loadedItems(sessions: Sessions, purpose: PickPurpose): Item[] {
  return sessions.all.flatMap((session) =>
    session
      .loadedSubJobs()
      .flatMap((subJob) => (purpose.offers?.(subJob) === false ? [] : [item(subJob, session, purpose, sessions.all)])),
  );
}

function item(subJob: SubJob, session: ProjectSession, purpose: PickPurpose, shown: readonly ProjectSession[]): Item {
  const where = shown.length > 1 ? ` · ${sessionLabel(session.spec, showsSeveralFamilies(shown, session))}` : '';
  const watched = purpose.watched?.(subJob, session) ?? false;
  const mark = watched ? `${purpose.watchedWord ?? watchedWord()} · ` : '';
  return {
    label: watched ? `$(eye) ${subJobLabel(subJob)}` : subJobLabel(subJob),
    description: `${mark}${subJob.status} · ${subJob.jobType}${where}`,
    detail: vscode.l10n.t({
      message: 'sub-job {0} · job {1}',
      args: [subJob.id, subJob.jobId],
      comment: ['{0} is a sub-job id, {1} its parent job id'],
    }),
    subJob,
    session,
    ...(watched && purpose.unwatch && { buttons: [unwatchButton()] }),
  };
}

/**
 * A command from the palette (Show Details, Watch): pick a sub-job among the loaded ones (expanded
 * groups), or type any sub-job id to look it up among the newest sub-jobs of every project shown.
 */
export async function pickOrLookUpSubJob(
  sessions: Sessions,
  typedId?: string,
  purpose: PickPurpose = showDetailsPurpose(),
): Promise<{ subJob: SubJob; session: ProjectSession } | undefined> {
  if (typedId && ID_PATTERN.test(typedId.trim())) return lookUp(sessions, typedId.trim(), purpose.title);
  let loaded = loadedItems(sessions, purpose);
  const pick = vscode.window.createQuickPick<Item>();
  pick.title = purpose.title;
  pick.placeholder = loaded.length ? purpose.placeholder : purpose.emptyPlaceholder;
  pick.matchOnDescription = true;
  pick.matchOnDetail = true;
  pick.items = loaded;
  const chosen = await new Promise<Item | undefined>((resolve) => {
    pick.onDidChangeValue((value) => {
      const id = value.trim();
      const exact = loaded.some((item) => item.subJob?.id === id);
      const offer: Item[] =
        ID_PATTERN.test(id) && !exact
          ? [
              {
                label: vscode.l10n.t('$(search) Look up sub-job {0}', id),
                description: vscode.l10n.t('in every project in the view'),
                alwaysShow: true,
                lookUp: id,
              },
            ]
          : [];
      pick.items = [...offer, ...loaded];
    });
    pick.onDidTriggerItemButton(async ({ item: unwatched }) => {
      if (!unwatched.subJob || !unwatched.session || !purpose.unwatch) return;
      await purpose.unwatch(unwatched.subJob, unwatched.session);
      // Every row redrawn in place, not only the one clicked: the rows of a job's other sub-jobs lose
      // the job's mark too. The user may watch it again, or go on picking.
      const redrawn = new Map(
        loaded.map((i) => [i, i.subJob && i.session ? item(i.subJob, i.session, purpose, sessions.all) : i]),
      );
      loaded = loaded.map((i) => redrawn.get(i)!);
      pick.items = pick.items.map((i) => redrawn.get(i) ?? i);
    });
    pick.onDidAccept(() => resolve(pick.selectedItems[0]));
    pick.onDidHide(() => resolve(undefined));
    pick.show();
  });
  pick.dispose();
  if (!chosen) return undefined;
  if (chosen.subJob && chosen.session) return { subJob: chosen.subJob, session: chosen.session };
  return chosen.lookUp ? lookUp(sessions, chosen.lookUp, purpose.title) : undefined;
}

type Found = { subJob: SubJob; session: ProjectSession };

/**
 * The one of several sessions holding an id that the user means: an image sub-job and an app-server
 * sub-job may share an id (CREATE_SERVER is in both), and taking the first would silently open,
 * watch or follow the wrong one.
 */
async function whichOne(found: readonly Found[], id: string, title: string): Promise<Found | undefined> {
  const picked = await vscode.window.showQuickPick(
    found.map((f) => ({
      label: sessionLabel(f.session.spec, true),
      description: `${f.subJob.jobType} · ${f.subJob.status}`,
      detail: vscode.l10n.t({
        message: '{0} · job {1}',
        args: [subJobLabel(f.subJob), f.subJob.jobId],
        comment: ["{0} is the sub-job's name (or id, as typed), {1} its parent job id"],
      }),
      found: f,
    })),
    {
      title,
      placeHolder: vscode.l10n.t({
        message: 'Sub-job {0} is in more than one project or family: which one?',
        args: [id],
        comment: ['{0} is a sub-job id; each item names a project and a family ("prod · App server jobs")'],
      }),
      // A notification or panel taking the focus must not answer for the user.
      ignoreFocusOut: true,
    },
  );
  return picked?.found;
}

async function lookUp(sessions: Sessions, id: string, title: string): Promise<Found | undefined> {
  const connected = sessions.all.filter((s) => s.connected);
  if (!connected.length) {
    void vscode.window.showInformationMessage(
      vscode.l10n.t('Workspace Jobs: no project is connected to look the sub-job up in.'),
    );
    return undefined;
  }
  const found = await vscode.window.withProgress(
    {
      location: vscode.ProgressLocation.Notification,
      title: vscode.l10n.t('Looking up sub-job {0}…', id),
      cancellable: true,
    },
    async (_progress, token) => {
      const controller = new AbortController();
      token.onCancellationRequested(() => controller.abort());
      const results = await Promise.all(
        connected.map(async (session): Promise<Found | undefined> => {
          try {
            const subJob = await session.findById(id, controller.signal);
            return subJob && { subJob, session };
          } catch (error) {
            if (!controller.signal.aborted) {
              void vscode.window.showWarningMessage(
                vscode.l10n.t({
                  message: 'Workspace Jobs: looking in {0} failed: {1}',
                  args: [sessionLabel(session.spec, showsSeveralFamilies(sessions.all, session)), describeError(error)],
                  comment: ["Looking a sub-job up in a project failed; {0} is the project's name or id, {1} the error"],
                }),
              );
            }
            return undefined;
          }
        }),
      );
      return controller.signal.aborted ? undefined : results.filter((r) => r !== undefined);
    },
  );
  if (found?.length === 0)
    void vscode.window.showInformationMessage(
      vscode.l10n.t('Workspace Jobs: sub-job {0} is not among the newest sub-jobs of the projects in the view.', id),
    );
  if (!found?.length) return undefined;
  if (found.length === 1) return found[0];
  const picked = await whichOne(found, id, title);
  if (!picked) return undefined;
  // The question may have stayed open while the project or family was removed: the pick is a pointer.
  const session = sessions.get(picked.session.spec.key);
  if (session === picked.session && session.connected) return picked;
  void vscode.window.showInformationMessage(
    vscode.l10n.t({
      message: 'Workspace Jobs: {0} is no longer connected, so sub-job {1} was left alone.',
      args: [sessionLabel(picked.session.spec, true), id],
      comment: ['{0} names a project and family ("prod · App server jobs"), {1} is a sub-job id'],
    }),
  );
  return undefined;
}
