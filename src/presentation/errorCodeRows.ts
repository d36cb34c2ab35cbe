import * as l10n from '@vscode/l10n';
import { isFailure } from '../core/announcements';
import type { SessionSpec } from '../core/sessionSpec';
import type { SessionState } from '../core/sessionState';
import { formatCount } from '../model/locale';
import { capText } from '../model/text';
import { groupChildren, MessageRow, MoreRow, SubJobRow } from './treeModel';

/**
 * One error code's line in a FAILED or ABNORMAL group: forty failures with one cause read as one
 * line. It counts the sub-jobs loaded so far, which may be fewer than the group's.
 */
export interface ErrorCodeRow {
  readonly kind: 'errorCode';
  readonly id: string;
  readonly sessionKey: string;
  readonly status: string;
  /** As sent; '' for the sub-jobs the service gave no code. */
  readonly code: string;
  /** The loaded sub-jobs with this code. */
  readonly count: number;
  /** The group's sub-jobs loaded, and how many the group has: the count is of the loaded ones when they differ. */
  readonly loaded: number;
  readonly total: number;
  /** The distinct messages the service gave with this code, capped, most frequent first. */
  readonly messages: readonly string[];
  /** How many other distinct messages there are beyond `messages`. */
  readonly moreMessages: number;
}

/** How many distinct messages a code's tooltip quotes. */
const MESSAGES_SHOWN = 3;

/** Whether a group's rows are grouped by error code when grouping is on: the failure groups only. */
export function groupsByErrorCode(status: string): boolean {
  return isFailure(status);
}

/** The id of an error code's row; the code is last so that any text it holds stays unique. */
export function errorCodeRowId(sessionKey: string, status: string, code: string): string {
  return code ? `${sessionKey}/errorCode/${status}/${code}` : `${sessionKey}/noErrorCode/${status}`;
}

/** What a code row is called: the code as sent, or "No error code". */
export function errorCodeLabel(code: string): string {
  return code
    ? capText(code)
    : l10n.t({
        message: 'No error code',
        comment: ['Tree row grouping the failed sub-jobs the service gave no error code'],
      });
}

/**
 * Under a failure group with grouping on: the load error, one row per error code of the loaded
 * sub-jobs (most sub-jobs first, then by code, "No error code" last among equals), then Show more,
 * which stays at the group's level so more can be loaded whatever is expanded.
 */
export function groupedChildren(
  spec: SessionSpec,
  state: SessionState,
  status: string,
  now: number,
  watched?: ReadonlySet<string>,
): Array<ErrorCodeRow | MoreRow | MessageRow> {
  const rows = groupChildren(spec, state, status, now, watched);
  const subJobs = rows.filter((r): r is SubJobRow => r.kind === 'subJob');
  const byCode = new Map<string, SubJobRow[]>();
  for (const row of subJobs) {
    const list = byCode.get(row.subJob.errorCode);
    if (list) list.push(row);
    else byCode.set(row.subJob.errorCode, [row]);
  }
  const total = state.counts?.get(status) ?? subJobs.length;
  const codes = [...byCode]
    .map(([code, list]) => codeRow(spec.key, status, code, list, subJobs.length, Math.max(total, subJobs.length)))
    .sort((a, b) => b.count - a.count || Number(!a.code) - Number(!b.code) || a.code.localeCompare(b.code));
  return [
    ...rows.filter((r): r is MessageRow => r.kind === 'message'),
    ...codes,
    ...rows.filter((r): r is MoreRow => r.kind === 'more'),
  ];
}

/** The loaded sub-jobs of a failure group that carry one error code, as they read ungrouped. */
export function errorCodeChildren(
  spec: SessionSpec,
  state: SessionState,
  status: string,
  code: string,
  now: number,
  watched?: ReadonlySet<string>,
): SubJobRow[] {
  return groupChildren(spec, state, status, now, watched).filter(
    (r): r is SubJobRow => r.kind === 'subJob' && r.subJob.errorCode === code,
  );
}

function codeRow(
  sessionKey: string,
  status: string,
  code: string,
  rows: readonly SubJobRow[],
  loaded: number,
  total: number,
): ErrorCodeRow {
  const messages = new Map<string, number>();
  for (const { subJob } of rows) {
    const message = subJob.errorMessage.trim();
    if (message) messages.set(message, (messages.get(message) ?? 0) + 1);
  }
  const ranked = [...messages].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([m]) => capText(m));
  return {
    kind: 'errorCode',
    id: errorCodeRowId(sessionKey, status, code),
    sessionKey,
    status,
    code,
    count: rows.length,
    loaded,
    total,
    messages: ranked.slice(0, MESSAGES_SHOWN),
    moreMessages: Math.max(0, ranked.length - MESSAGES_SHOWN),
  };
}

/** What a code row says after its code: its count, and whether it counts only the loaded sub-jobs. */
export function errorCodeDescription(row: ErrorCodeRow): string {
  if (row.loaded >= row.total) return formatCount(row.count);
  return l10n.t({
    message: '{0} of the {1} loaded',
    args: [formatCount(row.count), formatCount(row.loaded)],
    comment: [
      'Description of an error code row in a group not wholly loaded: {0} sub-jobs with this code among the {1} loaded so far',
    ],
  });
}

/** What a screen reader says of a code row: the words shown first, then that they are sub-jobs. */
export function errorCodeSpoken(row: ErrorCodeRow): string {
  const label = errorCodeLabel(row.code);
  if (row.loaded < row.total)
    return l10n.t({
      message: '{0}, {1} of the {2} loaded sub-jobs',
      args: [label, formatCount(row.count), formatCount(row.loaded)],
      comment: ['Screen reader label of an error code row counting only the loaded sub-jobs of its group'],
    });
  return row.count === 1
    ? l10n.t({
        message: '{0}, 1 failed sub-job',
        args: [label],
        comment: ['Screen reader label of an error code row: the code (or "No error code"), then its count'],
      })
    : l10n.t({
        message: '{0}, {1} failed sub-jobs',
        args: [label, formatCount(row.count)],
        comment: ['Screen reader label of an error code row: the code (or "No error code"), then its count'],
      });
}

/** A code row's tooltip, in plain text: how many, out of what, and what the service said with the code. */
export function errorCodeTooltip(row: ErrorCodeRow): string {
  const label = errorCodeLabel(row.code);
  const lines = [
    row.loaded < row.total
      ? l10n.t(
          '{0}: {1} of the {2} {3} sub-jobs loaded so far ({4} in all). Show more at the end of the group loads more.',
          label,
          formatCount(row.count),
          formatCount(row.loaded),
          row.status,
          formatCount(row.total),
        )
      : l10n.t('{0}: {1} of the {2} {3} sub-jobs.', label, formatCount(row.count), formatCount(row.total), row.status),
  ];
  if (!row.code) lines.push(l10n.t('The service gave these sub-jobs no error code; their details may say more.'));
  if (row.messages.length) {
    lines.push(l10n.t({ message: 'The service says:', comment: ['Followed by the error messages given with a code'] }));
    lines.push(...row.messages.map((m) => `• ${m}`));
    if (row.moreMessages === 1) lines.push(l10n.t('…and 1 other message (each sub-job’s details have its own).'));
    else if (row.moreMessages)
      lines.push(
        l10n.t('…and {0} other messages (each sub-job’s details have its own).', formatCount(row.moreMessages)),
      );
  } else if (row.code)
    lines.push(l10n.t('The service gave no message with this code; the sub-jobs’ details may say more.'));
  return lines.join('\n');
}

/** Under a status group: its rows grouped by error code when grouping is on and it is a failure group, else as they are. */
export function statusGroupChildren(
  spec: SessionSpec,
  state: SessionState,
  status: string,
  now: number,
  watched: ReadonlySet<string>,
  grouped: boolean,
): Array<ErrorCodeRow | SubJobRow | MoreRow | MessageRow> {
  return grouped && groupsByErrorCode(status)
    ? groupedChildren(spec, state, status, now, watched)
    : groupChildren(spec, state, status, now, watched);
}
