import { ApiError } from '../api/errors';
import { StoreState } from '../core/subJobStore';
import { SubJob } from '../model/subJob';
import { formatRelativeTime } from '../model/time';

/** What the tree shows, decided without VS Code so it can be tested in plain Node. */
export type TreeRow = ProjectRow | MessageRow | StatusRow | SubJobRow | MoreRow;

export type RowAction = 'setToken' | 'configureProject' | 'showLog' | 'refresh' | 'clearFilters' | 'proxySettings';

export interface ProjectRow {
  readonly kind: 'project';
  readonly id: string;
  readonly projectId: string;
  /** Region, or endpoint host when overridden. */
  readonly location: string;
  readonly endpoint: string;
  readonly sampleData: boolean;
  readonly credential: string;
  readonly lastRefresh?: number;
  readonly refreshing: boolean;
  readonly children: ReadonlyArray<MessageRow | StatusRow>;
}

export interface MessageRow {
  readonly kind: 'message';
  readonly id: string;
  readonly severity: 'info' | 'warning' | 'error';
  readonly label: string;
  /** Plain text, shown in the tooltip. */
  readonly detail: string;
  readonly action?: RowAction;
}

export interface StatusRow {
  readonly kind: 'status';
  readonly id: string;
  /** One of STATUSES, or a status this version does not know, as sent. */
  readonly status: string;
  readonly count: number;
  readonly children: ReadonlyArray<SubJobRow | MoreRow>;
}

/** Stands for the sub-jobs of a large group not yet put in the tree; clicking it shows more. */
export interface MoreRow {
  readonly kind: 'more';
  readonly id: string;
  readonly status: string;
  readonly label: string;
}

/** Sub-jobs shown per status group before a "Show more" row; a tree of 50,000 rows helps nobody. */
export const GROUP_PAGE = 200;

export interface SubJobRow {
  readonly kind: 'subJob';
  readonly id: string;
  readonly subJob: SubJob;
  /** Job type and how long ago it began: part of the row so a refresh notices when it reads differently. */
  readonly description: string;
}

export interface ProjectView {
  readonly projectId: string;
  readonly location: string;
  readonly endpoint: string;
  readonly sampleData: boolean;
  readonly credential: string;
  /** The active filter as shown to the user, when one is. */
  readonly filter?: string;
  /** Why no request can be made, if that is so. */
  readonly blocker?: MessageRow;
}

export function failureRow(state: StoreState): MessageRow | undefined {
  const failure = state.failure;
  if (!failure) return undefined;
  const error = failure.error;
  const stale = state.snapshot ? ' — showing the last good data' : '';
  if (error instanceof ApiError) {
    const what = failure.authFailure ? 'Authentication failed' : `Request failed (HTTP ${error.status})`;
    const detail = [
      `HTTP ${error.status}`,
      error.errorCode && `error_code: ${error.errorCode}`,
      error.errorMsg && `error_msg: ${error.errorMsg}`,
      error.requestId && `X-Request-Id: ${error.requestId}`,
    ]
      .filter(Boolean)
      .join('\n');
    return {
      kind: 'message',
      id: 'failure',
      severity: 'error',
      label: `${what}: ${[error.errorCode, error.errorMsg].filter(Boolean).join(' ')}${stale}`,
      detail,
      action: failure.authFailure ? 'setToken' : 'showLog',
    };
  }
  return { kind: 'message', id: 'failure', severity: 'error', label: `${failure.message}${stale}`, detail: failure.message, action: 'showLog' };
}

/** How many sub-jobs of a group to show: GROUP_PAGE, plus a page per "Show more" click. */
export type GroupLimits = Readonly<Record<string, number>>;

export function buildProjectRow(project: ProjectView, state: StoreState, now = Date.now(), limits: GroupLimits = {}): ProjectRow {
  const children: Array<MessageRow | StatusRow> = [];
  if (project.blocker) children.push(project.blocker);
  const failure = failureRow(state);
  if (failure) children.push(failure);
  const snapshot = state.snapshot;
  if (snapshot) {
    for (const group of snapshot.groups) {
      const limit = limits[group.status] ?? GROUP_PAGE;
      const shown: Array<SubJobRow | MoreRow> = group.subJobs.slice(0, limit).map((subJob) => ({
        kind: 'subJob',
        id: `subJob/${group.status}/${subJob.id}`,
        subJob,
        description: [subJob.jobType, formatRelativeTime(subJob.beginTime, now)].filter(Boolean).join(' · '),
      }));
      const hidden = group.subJobs.length - limit;
      if (hidden > 0) {
        shown.push({
          kind: 'more',
          id: `more/${group.status}`,
          status: group.status,
          label: `Show ${Math.min(GROUP_PAGE, hidden)} more… (${hidden.toLocaleString('en')} not shown)`,
        });
      }
      children.push({ kind: 'status', id: `status/${group.status}`, status: group.status, count: group.subJobs.length, children: shown });
    }
    if (snapshot.groups.length === 0 && !failure) {
      children.push(
        project.filter
          ? { kind: 'message', id: 'noMatch', severity: 'info', label: `No sub-jobs match ${project.filter}`, detail: 'Click to clear the filters.', action: 'clearFilters' }
          : { kind: 'message', id: 'empty', severity: 'info', label: 'No image sub-jobs in this project', detail: '' },
      );
    }
  } else if (!project.blocker && !failure) {
    children.push({ kind: 'message', id: 'loading', severity: 'info', label: 'Loading sub-jobs…', detail: '' });
  }
  return {
    kind: 'project',
    id: `project/${project.projectId}`,
    projectId: project.projectId,
    location: project.location,
    endpoint: project.endpoint,
    sampleData: project.sampleData,
    credential: project.credential,
    lastRefresh: snapshot?.fetchedAt,
    refreshing: state.refreshing,
    children,
  };
}
