import * as l10n from '@vscode/l10n';
import type { SessionSpec } from '../core/projectSession';
import { GROUP_PAGE } from '../core/projectSession';
import { SessionState } from '../core/sessionState';
import { watchKey } from '../core/watches';
import { isFailure } from '../core/announcements';
import { formatCount, isEnglish } from '../model/locale';
import { isSubJobStatus, SubJob } from '../model/subJob';
import { capText } from '../model/text';
import { formatRelativeTime } from '../model/time';
import { projectLabel } from '../core/projects';
import { specFamily } from '../core/sessionSpec';
import type { Family } from '../model/family';
import type { ErrorCodeRow } from './errorCodeRows';
import type { FamilyRow } from './familyRows';
import { failureRow, problemRow } from './messageRows';

export { failureRow, problemRow };

/** What the tree shows, decided without VS Code so it can be tested in plain Node. */
export type TreeRow = ProjectRow | FamilyRow | MessageRow | StatusRow | ErrorCodeRow | SubJobRow | MoreRow;

export type RowAction =
  | 'addCredentials'
  | 'switchCredential'
  | 'setToken'
  | 'signIn'
  | 'configureProject'
  | 'showLog'
  | 'clearFilters'
  | 'proxySettings'
  | 'retryGroup';

/** Every row belongs to one session (one project); ids are unique across sessions. */
interface SessionRow {
  readonly id: string;
  readonly sessionKey: string;
}

export interface ProjectRow extends SessionRow {
  readonly kind: 'project';
  /** Its name, else its id. */
  readonly label: string;
  readonly projectId: string;
  /** Region, or endpoint host when overridden. */
  readonly location: string;
  readonly endpoint: string;
  readonly sampleData: boolean;
  readonly credential: string;
  readonly lastRefresh?: number;
  /** The last refresh failed and the counts shown are older. */
  readonly stale: boolean;
  /** The families whose count call is refused (403): their counts come from the list call. */
  readonly countingByListing?: readonly Family[];
}

export interface MessageRow extends SessionRow {
  readonly kind: 'message';
  readonly severity: 'info' | 'warning' | 'error';
  readonly label: string;
  /** Plain text, shown in the tooltip. */
  readonly detail: string;
  readonly action?: RowAction;
  /** Status of the group a retry row belongs to. */
  readonly status?: string;
  /** A codicon instead of the severity's icon. */
  readonly icon?: string;
  /** The action is offered as the row's inline button and context menu only, not run by a click. */
  readonly actionNotOnClick?: boolean;
}

export interface StatusRow extends SessionRow {
  readonly kind: 'status';
  /** One of STATUSES, or a status this version does not know, as sent. */
  readonly status: string;
  readonly count: number;
}

/** Stands for the sub-jobs of a large group not yet loaded; clicking it loads more. */
export interface MoreRow extends SessionRow {
  readonly kind: 'more';
  readonly status: string;
  readonly label: string;
}

export interface SubJobRow extends SessionRow {
  readonly kind: 'subJob';
  readonly status: string;
  readonly subJob: SubJob;
  /** It, or its parent job, is watched: the user is told when it ends. */
  readonly watched: boolean;
  /** Age (after the error code of a failed one), then job type: part of the row so a refresh notices when it reads differently. */
  readonly description: string;
}

/** The row above the projects that says what the filter shows; the filter applies to every project. */
export const FILTER_ROW_ID = 'filter';

export function filterRow(filterText: string): MessageRow {
  return {
    kind: 'message',
    id: FILTER_ROW_ID,
    sessionKey: '',
    severity: 'info',
    icon: 'filter',
    label: l10n.t({
      message: 'Filtered: {0}',
      args: [filterText],
      comment: ['First row of the tree while a filter is set; {0} says what the filter shows'],
    }),
    detail: l10n.t(
      "To clear the filters: the Clear Filters button on this row, its context menu, or the view's title bar.",
    ),
    // The first row, where the keyboard starts: a click that threw every filter away would surprise.
    action: 'clearFilters',
    actionNotOnClick: true,
  };
}

/**
 * A status group's visible name: the raw API value, which the API and its errors use; in another
 * language its translated name comes first ("运行中 RUNNING").
 */
export function statusGroupLabel(status: string, title: string): string {
  return isEnglish() || !isSubJobStatus(status) ? capText(status) : `${title} ${status}`;
}

/** The id of a project's row. */
export function projectRowId(sessionKey: string): string {
  return `project/${sessionKey}`;
}

/**
 * The project a session shows, as its row. With several families shown (`others`: the project's other
 * family sessions) what it says of refreshes covers them all: stale when one is, the oldest refresh.
 */
export function projectRow(
  spec: SessionSpec,
  state: SessionState,
  others: ReadonlyArray<{ readonly spec: SessionSpec; readonly state: SessionState }> = [],
): ProjectRow {
  const families = [{ spec, state }, ...others];
  const refreshed = families.map((f) => f.state.fetchedAt);
  const listing = families.filter((f) => f.state.countingByListing).map((f) => specFamily(f.spec));
  return {
    kind: 'project',
    id: projectRowId(spec.key),
    sessionKey: spec.key,
    label: projectLabel(spec),
    projectId: spec.projectId,
    location: spec.location,
    endpoint: spec.endpoint,
    sampleData: spec.sampleData,
    credential: spec.credential,
    ...(refreshed.every((at) => at !== undefined) && { lastRefresh: Math.min(...(refreshed as number[])) }),
    stale: families.some((f) => f.state.failure !== undefined && f.state.counts !== undefined),
    ...(listing.length && { countingByListing: listing }),
  };
}

/** The id of a project's status group row, by which the tree finds the node to redraw. */
export function statusRowId(sessionKey: string, status: string): string {
  return `${sessionKey}/status/${status}`;
}

/** Under a project: what keeps it from loading, the last failure, then its status groups. */
export function projectChildren(
  spec: SessionSpec,
  state: SessionState,
  filterText?: string,
): Array<MessageRow | StatusRow> {
  const key = spec.key;
  if (state.problem) return [problemRow(key, state.problem, filterText)];
  const rows: Array<MessageRow | StatusRow> = [];
  if (state.failure) rows.push(failureRow(key, state.failure, state.counts !== undefined));
  const counts = state.counts;
  if (!counts) {
    if (!state.failure)
      rows.push({
        kind: 'message',
        id: `${key}/loading`,
        sessionKey: key,
        severity: 'info',
        icon: 'loading~spin',
        label: l10n.t('Loading sub-jobs…'),
        detail: '',
      });
    return rows;
  }
  for (const [status, count] of counts)
    rows.push({ kind: 'status', id: statusRowId(key, status), sessionKey: key, status, count });
  if (state.unknownMissing > 0) {
    rows.push({
      kind: 'message',
      id: `${key}/unknownMissing`,
      sessionKey: key,
      severity: 'info',
      label: l10n.t('{0} more in statuses this version does not know', formatCount(state.unknownMissing)),
      detail: l10n.t(
        'The count call counts them, but they are not among the newest sub-jobs of any job type, so their status is not known here.',
      ),
    });
  }
  if (counts.size === 0 && state.unknownMissing === 0 && !state.failure) {
    rows.push(
      filterText
        ? {
            kind: 'message',
            id: `${key}/noMatch`,
            sessionKey: key,
            severity: 'info',
            label: l10n.t('No sub-jobs match {0}', filterText),
            detail: l10n.t('Click to clear the filters.'),
            action: 'clearFilters',
          }
        : {
            kind: 'message',
            id: `${key}/empty`,
            sessionKey: key,
            severity: 'info',
            label:
              spec.family === 'appServer'
                ? l10n.t('No app server sub-jobs in this project')
                : l10n.t('No image sub-jobs in this project'),
            detail: '',
          },
    );
  }
  return rows;
}

/** Under a status group: its loaded sub-jobs, newest first, then a row to load more. */
export function groupChildren(
  spec: SessionSpec,
  state: SessionState,
  status: string,
  now: number,
  watched: ReadonlySet<string> = new Set(),
): Array<SubJobRow | MoreRow | MessageRow> {
  const key = spec.key;
  const group = state.groups.get(status);
  const rows: Array<SubJobRow | MoreRow | MessageRow> = [];
  if (group?.error) {
    const error = capText(group.error);
    rows.push({
      kind: 'message',
      id: `${key}/groupError/${status}`,
      sessionKey: key,
      severity: 'error',
      label: l10n.t('Could not load: {0} — click to try again', error),
      detail: error,
      action: 'retryGroup',
      status,
    });
  }
  // A service whose pages shift while read can answer one sub-job twice; VS Code refuses a tree
  // with one id twice and shows none of the group, so the first answer is the row.
  const shown = new Set<string>();
  for (const subJob of group?.subJobs ?? []) {
    if (shown.has(subJob.id)) continue;
    shown.add(subJob.id);
    const isWatched =
      watched.has(watchKey(key, subJob.id)) || (subJob.jobId !== '' && watched.has(watchKey(key, subJob.jobId)));
    rows.push({
      kind: 'subJob',
      id: `${key}/subJob/${status}/${subJob.id}`,
      sessionKey: key,
      status,
      subJob,
      watched: isWatched,
      description: describeSubJob(subJob, now, isWatched),
    });
  }
  const count = state.counts?.get(status) ?? 0;
  const hidden = count - (group?.subJobs.length ?? 0);
  // After a delete a group may hold fewer than its page while more exist: Show more stays.
  if (group && hidden > 0) {
    rows.push({
      kind: 'more',
      id: `${key}/more/${status}`,
      sessionKey: key,
      status,
      label: l10n.t('Show {0} more… ({1} not shown)', formatCount(Math.min(GROUP_PAGE, hidden)), formatCount(hidden)),
    });
  }
  return rows;
}

/**
 * What a sub-job row says after its name, most telling first because a narrow sidebar cuts the end:
 * the error code of a failed one, how long ago it began, whether it is watched, its job type.
 */
export function describeSubJob(subJob: SubJob, now: number, watched = false): string {
  const failed = isFailure(subJob.status);
  return [
    failed ? capText(subJob.errorCode) : '',
    formatRelativeTime(subJob.beginTime, now),
    watched ? l10n.t({ message: 'watched', comment: ['Marks a sub-job row whose end the user is told about'] }) : '',
    capText(subJob.jobType),
  ]
    .filter(Boolean)
    .join(' · ');
}
