import * as l10n from '@vscode/l10n';
import { ApiError, describeError } from '../api/errors';
import { StopReason } from '../api/subJobDeletion';
import { DeletionPlan, DeletionSource, MAX_LOOKUPS } from './deletionPlan';
import { RunOutcome } from './deletionRun';
import { projectLabel } from './projects';

/** Ids left in one state for one reason. */
export interface ReasonGroup {
  readonly reason: string;
  /** How many; a group never listed has a count and no ids. */
  readonly count: number;
  readonly ids: readonly string[];
  /** For Huawei support: the request ids of the answers that gave this reason. */
  readonly requestIds: readonly string[];
}

/** Where every sub-job asked about ended: each is in exactly one set. */
export interface DeletionReport {
  readonly deleted: readonly string[];
  /** The service answered no: not deleted. */
  readonly refused: readonly ReasonGroup[];
  /** Never sent: left alone by the plan, or after the deletion stopped. */
  readonly notSent: readonly ReasonGroup[];
  /** Sent without an answer: the service may have deleted them. */
  readonly unknown: readonly ReasonGroup[];
  readonly cancelled: boolean;
}

/** Notifications stay short: the ids and every reason go to the log. */
const MAX_REASONS_SHOWN = 3;
const MAX_REASON_CHARS = 200;

/** The words of an error without its request id, so calls refused for the same reason group together. */
function wordsOf(error: unknown): string {
  return error instanceof ApiError
    ? new ApiError(error.status, error.errorCode, error.errorMsg, '').message
    : describeError(error);
}

function stopWords(stopped: StopReason | undefined): string {
  switch (stopped?.kind) {
    case 'cancelled':
      return l10n.t({ message: 'cancelled', comment: ['Why sub-job records were not deleted: the user cancelled'] });
    case 'credential':
      return l10n.t('stopped: the credential was refused ({0})', wordsOf(stopped.error));
    case 'throttled': {
      const wait = stopped.error instanceof ApiError ? stopped.error.retryAfterSeconds : undefined;
      return wait === undefined
        ? l10n.t('stopped: the service is throttling requests ({0})', wordsOf(stopped.error))
        : l10n.t(
            'stopped: the service is throttling requests and asked to wait {0} s ({1})',
            Math.ceil(wait),
            wordsOf(stopped.error),
          );
    }
    case 'trouble':
      return l10n.t('stopped after repeated failures ({0})', wordsOf(stopped.error));
    case 'unsendable':
      return wordsOf(stopped.error);
    default:
      return l10n.t({ message: 'not sent', comment: ['Why sub-job records were not deleted: they were never sent'] });
  }
}

class Groups {
  private readonly map = new Map<string, { reason: string; count: number; ids: string[]; requestIds: string[] }>();

  add(reason: string, ids: readonly string[], count = ids.length, error?: unknown): void {
    if (!count) return;
    let group = this.map.get(reason);
    if (!group) this.map.set(reason, (group = { reason, count: 0, ids: [], requestIds: [] }));
    group.count += count;
    group.ids.push(...ids);
    if (error instanceof ApiError && error.requestId) group.requestIds.push(error.requestId);
  }

  get all(): ReasonGroup[] {
    return [...this.map.values()];
  }
}

/** The four sets of a deletion: what its plan left alone and what the run did, reasons grouped by their words. */
export function reportOf(plan: DeletionPlan, outcome: RunOutcome): DeletionReport {
  const projects = new Set<DeletionSource>([
    ...plan.batches.map((b) => b.source),
    ...(plan.group ? [plan.group.source] : []),
  ]);
  // With one project, its name adds nothing to each reason.
  const where = (source: DeletionSource, reason: string) =>
    projects.size > 1 ? l10n.t('{0}: {1}', projectLabel(source.spec), reason) : reason;
  const deleted: string[] = [];
  const refused = new Groups();
  const notSent = new Groups();
  const unknown = new Groups();
  notSent.add(l10n.t('not found among the newest sub-jobs of any project'), plan.notFound);
  for (const { id, status } of plan.notDeletable)
    notSent.add(l10n.t('{0}: only SUCCESS or FAILED sub-jobs can be deleted', status), [id]);
  notSent.add(
    l10n.t(
      'not looked up: at most {0} ids are looked up at a time (ids without a loaded row, or given without their project and family)',
      MAX_LOOKUPS,
    ),
    plan.notLookedUp,
  );
  notSent.add(
    l10n.t('held by more than one project or family: select its row, or pass it as image:ID or appServer:ID'),
    plan.ambiguous ?? [],
  );
  notSent.add(
    l10n.t(
      'not every project and family could be asked whether it holds this id: select its row, or pass it as image:ID or appServer:ID',
    ),
    plan.unchecked ?? [],
  );
  for (const { id, error } of plan.lookUpFailed ?? [])
    notSent.add(l10n.t('could not be looked up ({0})', wordsOf(error)), [id], 1, error);
  if (plan.groupLeftAlone)
    notSent.add(
      l10n.t('{0}: only SUCCESS or FAILED sub-jobs can be deleted', plan.groupLeftAlone.status),
      [],
      plan.groupLeftAlone.count,
    );
  for (const { source, result, notListed, grownDeclined } of outcome.projects) {
    deleted.push(...result.deleted);
    for (const { ids, error } of result.refused) refused.add(where(source, wordsOf(error)), ids, ids.length, error);
    for (const { ids, error } of result.unknown) unknown.add(where(source, wordsOf(error)), ids, ids.length, error);
    if (grownDeclined)
      notSent.add(
        where(
          source,
          l10n.t(
            'the group held {0}, more than the {1} confirmed, and the larger number was not confirmed',
            grownDeclined.listed,
            grownDeclined.confirmed,
          ),
        ),
        result.notSent,
      );
    else notSent.add(where(source, stopWords(result.stopped)), result.notSent);
    if (notListed)
      notSent.add(
        where(
          source,
          notListed.error === undefined
            ? stopWords({ kind: 'cancelled' })
            : l10n.t('the group could not be listed ({0})', wordsOf(notListed.error)),
        ),
        [],
        notListed.count,
      );
  }
  return { deleted, refused: refused.all, notSent: notSent.all, unknown: unknown.all, cancelled: outcome.cancelled };
}

const countOf = (groups: readonly ReasonGroup[]) => groups.reduce((n, g) => n + g.count, 0);

function clip(text: string): string {
  return text.length > MAX_REASON_CHARS ? `${text.slice(0, MAX_REASON_CHARS - 1)}…` : text;
}

/** "reason" for one group; "reason (12); other (3); and 2 other reasons" for several; no final stop (the sentence adds one). */
function reasonsOf(groups: readonly ReasonGroup[]): string {
  return listOf(groups).replace(/[.。]+$/, '');
}

function listOf(groups: readonly ReasonGroup[]): string {
  if (groups.length === 1) return clip(groups[0].reason);
  const shown = groups
    .slice(0, MAX_REASONS_SHOWN)
    .map((g) =>
      l10n.t({ message: '{0} ({1})', args: [clip(g.reason), g.count], comment: ['{1} is how many sub-jobs'] }),
    );
  const more = groups.length - MAX_REASONS_SHOWN;
  if (more > 0) shown.push(l10n.t('and {0} other reason(s)', more));
  return shown.join('; ');
}

/** The notification: counts and grouped reasons, bounded in length; the ids are in the log. */
export function summaryOf(report: DeletionReport): { readonly severity: 'info' | 'warning'; readonly message: string } {
  const deleted = report.deleted.length;
  const [refused, notSent, unknown] = [countOf(report.refused), countOf(report.notSent), countOf(report.unknown)];
  if (!refused && !notSent && !unknown)
    return {
      severity: 'info',
      message:
        deleted === 1
          ? l10n.t('Workspace Jobs: deleted 1 sub-job record.')
          : l10n.t('Workspace Jobs: deleted {0} sub-job records.', deleted),
    };
  const parts = [
    l10n.t('Workspace Jobs: deleted {0} of {1} sub-job records.', deleted, deleted + refused + notSent + unknown),
  ];
  if (refused) parts.push(l10n.t('{0} refused: {1}.', refused, reasonsOf(report.refused)));
  if (unknown)
    parts.push(
      l10n.t(
        '{0} outcome unknown, the service may have deleted them (refresh to see): {1}.',
        unknown,
        reasonsOf(report.unknown),
      ),
    );
  if (notSent) parts.push(l10n.t('{0} not sent: {1}.', notSent, reasonsOf(report.notSent)));
  parts.push(l10n.t('The ids are in the Workspace Jobs output.'));
  return { severity: 'warning', message: parts.join(' ') };
}

/** For the confirmation: what the plan leaves alone and why; '' when nothing. */
export function leftAloneNote(report: DeletionReport): string {
  const count = countOf(report.notSent);
  return count ? l10n.t('{0} given will be left alone: {1}.', count, reasonsOf(report.notSent)) : '';
}

/** The plan deletes nothing: why. */
export function nothingToDeleteOf(report: DeletionReport): string {
  const count = countOf(report.notSent);
  return count
    ? l10n.t('Workspace Jobs: nothing to delete: {0} given left alone: {1}.', count, reasonsOf(report.notSent))
    : l10n.t('Workspace Jobs: nothing to delete: only SUCCESS or FAILED sub-jobs can be deleted.');
}

/** The id lists of every set, for the output channel (ids are not secret; support needs the request ids). */
export function logLinesOf(report: DeletionReport): string[] {
  const lines = [
    `Delete: deleted ${report.deleted.length}${report.deleted.length ? `: ${report.deleted.join(', ')}` : ''}`,
  ];
  const sets: Array<[string, readonly ReasonGroup[]]> = [
    ['refused', report.refused],
    ['outcome unknown', report.unknown],
    ['not sent', report.notSent],
  ];
  for (const [name, groups] of sets)
    for (const g of groups)
      lines.push(
        `Delete: ${name} ${g.count} (${g.reason})` +
          (g.requestIds.length ? ` [request ids ${g.requestIds.join(', ')}]` : '') +
          (g.ids.length ? `: ${g.ids.join(', ')}` : ''),
      );
  return lines;
}
