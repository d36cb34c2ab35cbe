import * as vscode from 'vscode';
import { formatDateTime } from '../model/time';
import { isActiveStatus, isDeletableStatus, subJobLabel } from '../model/subJob';
import { escapeMarkdown, markdownTable } from '../presentation/markdown';
import { statusStyle } from '../presentation/statusStyle';
import { subJobFields } from '../presentation/subJobFields';
import {
  MessageRow,
  MoreRow,
  ProjectRow,
  statusGroupLabel,
  StatusRow,
  SubJobRow,
  TreeRow,
} from '../presentation/treeModel';
import { formatCount } from '../model/locale';
import { errorCodeItem } from './errorCodeItem';
import { familyApi } from '../api/familyApi';
import { familyItem } from './familyItem';
import { actionCommand } from './rowCommands';

/** What a row's item needs besides the row: the project its commands act on, and the filter's words. */
export interface ItemContext {
  readonly projectId: string;
  readonly filterText?: string;
}

function untrustedMarkdown(): vscode.MarkdownString {
  const md = new vscode.MarkdownString('', true);
  md.isTrusted = false;
  md.supportHtml = false;
  return md;
}

function statusIcon(status: string): vscode.ThemeIcon {
  const style = statusStyle(status);
  return new vscode.ThemeIcon(style.codicon, style.color ? new vscode.ThemeColor(style.color) : undefined);
}

function watchedIcon(status: string): vscode.ThemeIcon {
  const color = statusStyle(status).color;
  return new vscode.ThemeIcon('eye', color ? new vscode.ThemeColor(color) : undefined);
}

function projectItem(row: ProjectRow, context: ItemContext): vscode.TreeItem {
  const item = new vscode.TreeItem(row.label, vscode.TreeItemCollapsibleState.Expanded);
  item.id = row.id;
  const location = row.sampleData
    ? vscode.l10n.t({
        message: 'sample data',
        comment: ['Description of a project row that shows the built-in simulator instead of a region'],
      })
    : row.location;
  item.description = row.stale
    ? vscode.l10n.t({
        message: '{0} · stale',
        args: [location],
        comment: [
          'Description of a project row whose last refresh failed; {0} is its region, endpoint or "sample data"',
        ],
      })
    : location;
  // Read as shown, then what the eye gets from the icon and the row above: that it is a project, and the filter.
  const spoken = vscode.l10n.t({
    message: '{0}, project, {1}',
    args: [row.label, item.description],
    comment: [
      'Screen reader label of a project row: its name or id, then its description (region, "sample data", "stale")',
    ],
  });
  item.accessibilityInformation = {
    label:
      context.filterText !== undefined
        ? vscode.l10n.t({
            message: '{0}, filtered: {1}',
            args: [spoken, context.filterText],
            comment: ['Screen reader label of a project row while a filter is set; {1} says what the filter shows'],
          })
        : spoken,
  };
  item.iconPath = new vscode.ThemeIcon(row.sampleData ? 'beaker' : 'cloud');
  item.contextValue = row.sampleData ? 'project sampleData' : 'project removable';
  const tooltip = untrustedMarkdown();
  tooltip.appendMarkdown(
    markdownTable([
      [
        vscode.l10n.t({ message: 'Project', comment: ["Row header in a project's tooltip: the project id"] }),
        row.projectId,
      ],
      [
        vscode.l10n.t({ message: 'Location', comment: ["Row header in a project's tooltip: its region"] }),
        row.location,
      ],
      [
        vscode.l10n.t({ message: 'Endpoint', comment: ["Row header in a project's tooltip: the API endpoint URL"] }),
        row.endpoint,
      ],
      [
        vscode.l10n.t({
          message: 'Credential',
          comment: ["Row header in a project's tooltip: which credential its requests use"],
        }),
        row.credential,
      ],
      [
        vscode.l10n.t({
          message: 'Last refresh',
          comment: ["Row header in a project's tooltip: when it was last refreshed"],
        }),
        row.lastRefresh
          ? formatDateTime(row.lastRefresh)
          : vscode.l10n.t({ message: 'not yet', comment: ["In a project's tooltip: it has not been refreshed yet"] }),
      ],
    ]),
  );
  if (row.stale)
    tooltip.appendMarkdown(
      '\n\n' + vscode.l10n.t('The last refresh failed: the counts are from the last refresh that worked.'),
    );
  if (row.countingByListing?.length)
    tooltip.appendMarkdown(
      '\n\n' +
        vscode.l10n.t(
          'The credential may not call count, so counts come from listing (more requests per refresh). Allow the IAM action {0} to make refreshes cheaper.',
          row.countingByListing.map((family) => `\`${familyApi(family).actions.count}\``).join(', '),
        ),
    );
  if (row.sampleData)
    tooltip.appendMarkdown('\n\n' + vscode.l10n.t('Sample data from the built-in simulator, not a cloud project.'));
  item.tooltip = tooltip;
  return item;
}

const SEVERITY_ICONS = {
  info: new vscode.ThemeIcon('info'),
  warning: new vscode.ThemeIcon('warning', new vscode.ThemeColor('list.warningForeground')),
  error: new vscode.ThemeIcon('error', new vscode.ThemeColor('list.errorForeground')),
};

function messageItem(row: MessageRow, projectId: string): vscode.TreeItem {
  const item = new vscode.TreeItem(row.label, vscode.TreeItemCollapsibleState.None);
  item.id = row.id;
  item.iconPath = row.icon ? new vscode.ThemeIcon(row.icon) : SEVERITY_ICONS[row.severity];
  item.tooltip = row.detail || row.label;
  // Without this a screen reader reads the tooltip ("HTTP 401 …"), not the words on screen.
  item.accessibilityInformation = { label: row.label };
  if (row.action) {
    const command = actionCommand(row.action, row, projectId);
    if (!row.actionNotOnClick) {
      item.command = command;
      item.accessibilityInformation = {
        label: vscode.l10n.t({
          message: '{0}, {1}',
          args: [row.label, command.title],
          comment: ['Screen reader label of a message row: its text, then what clicking it does (e.g. "Set Token")'],
        }),
      };
    }
    // A project no credential covers offers every way to cover it, inline.
    item.contextValue =
      row.action === 'signIn'
        ? 'message action-signIn action-setToken action-setAccessKey'
        : `message action-${row.action}`;
  } else {
    item.contextValue = 'message';
  }
  return item;
}

function statusItem(row: StatusRow): vscode.TreeItem {
  const title = statusStyle(row.status).title;
  const label = statusGroupLabel(row.status, title);
  const item = new vscode.TreeItem(label, vscode.TreeItemCollapsibleState.Collapsed);
  item.id = row.id;
  item.description = formatCount(row.count);
  item.iconPath = statusIcon(row.status);
  // The visible words first, so a voice-control user can say what they see.
  item.accessibilityInformation = {
    label:
      row.count === 1
        ? vscode.l10n.t({
            message: '{0}, 1 sub-job',
            args: [label],
            comment: ['Screen reader label of a status group: its visible name (e.g. RUNNING), then its count'],
          })
        : vscode.l10n.t({
            message: '{0}, {1} sub-jobs',
            args: [label, item.description],
            comment: ['Screen reader label of a status group: its visible name (e.g. RUNNING), then its count'],
          }),
  };
  item.tooltip =
    row.count === 1
      ? vscode.l10n.t({
          message: '{0}: 1 sub-job',
          args: [title],
          comment: ["Tooltip of a status group; {0} is the status's name"],
        })
      : vscode.l10n.t({
          message: '{0}: {1} sub-jobs',
          args: [title, row.count],
          comment: ["Tooltip of a status group; {0} is the status's name, {1} the number of sub-jobs"],
        });
  item.contextValue = isDeletableStatus(row.status) ? 'statusGroup deletable' : 'statusGroup';
  return item;
}

function subJobItem(row: SubJobRow): vscode.TreeItem {
  const subJob = row.subJob;
  const item = new vscode.TreeItem(subJobLabel(subJob), vscode.TreeItemCollapsibleState.None);
  item.id = row.id;
  item.description = row.description;
  // A watched row shows an eye in its status's colour: the word "watched" in the description is
  // the first thing a narrow sidebar cuts, and the group above already names the status.
  item.iconPath = row.watched ? watchedIcon(subJob.status) : statusIcon(subJob.status);
  const tooltip = untrustedMarkdown();
  tooltip.appendMarkdown(
    `$(${statusStyle(subJob.status).codicon.replace('~spin', '')}) **${escapeMarkdown(subJobLabel(subJob))}**\n\n`,
  );
  tooltip.appendMarkdown(markdownTable(subJobFields(subJob)));
  item.tooltip = tooltip;
  // Capabilities, matched by the menus' `viewItem =~` clauses.
  item.contextValue = [
    'subJob',
    subJob.jobId && 'hasJobId',
    row.watched && 'watched',
    !row.watched && isActiveStatus(subJob.status) && 'watchable',
    !row.watched && subJob.jobId && 'jobWatchable',
    isDeletableStatus(subJob.status) && 'deletable',
  ]
    .filter(Boolean)
    .join(' ');
  item.command = {
    command: 'workspaceJobs.showDetails',
    title: vscode.l10n.t({
      message: 'Show Details',
      comment: ['Command run by clicking a sub-job row: opens its details panel'],
    }),
    arguments: [row, 'preview'],
  };
  item.accessibilityInformation = {
    label: vscode.l10n.t({
      message: '{0}, {1}, {2}',
      args: [
        subJobLabel(subJob),
        statusGroupLabel(subJob.status, statusStyle(subJob.status).title),
        String(item.description),
      ],
      comment: [
        'Screen reader label of a sub-job row: its name, its status as its group shows it (e.g. FAILED), and its description (e.g. how long ago it changed)',
      ],
    }),
  };
  return item;
}

function moreItem(row: MoreRow): vscode.TreeItem {
  const item = new vscode.TreeItem(row.label, vscode.TreeItemCollapsibleState.None);
  item.id = row.id;
  item.iconPath = new vscode.ThemeIcon('ellipsis');
  item.contextValue = 'more';
  item.command = {
    command: 'workspaceJobs.showMore',
    title: vscode.l10n.t({
      message: 'Show More',
      comment: ['Command run by clicking the last row of a status group: loads more of its sub-jobs'],
    }),
    arguments: [row.sessionKey, row.status],
  };
  return item;
}

/** The tree item of a row. */
export function toTreeItem(row: TreeRow, context: ItemContext): vscode.TreeItem {
  switch (row.kind) {
    case 'project':
      return projectItem(row, context);
    case 'family':
      return familyItem(row);
    case 'message':
      return messageItem(row, context.projectId);
    case 'status':
      return statusItem(row);
    case 'errorCode':
      return errorCodeItem(row);
    case 'subJob':
      return subJobItem(row);
    case 'more':
      return moreItem(row);
  }
}
