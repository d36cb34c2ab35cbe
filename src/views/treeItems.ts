import * as vscode from 'vscode';
import { isActiveStatus, subJobLabel } from '../model/subJob';
import { escapeMarkdown, markdownTable } from '../presentation/markdown';
import { statusStyle } from '../presentation/statusStyle';
import { subJobFields } from '../presentation/subJobFields';
import { MessageRow, MoreRow, ProjectRow, RowAction, StatusRow, SubJobRow, TreeRow } from '../presentation/treeModel';

/** The command a message row's click runs; `projectId`/`status` are passed where the command takes them. */
function actionCommand(action: RowAction, row: MessageRow, projectId: string): vscode.Command {
  switch (action) {
    case 'setToken':
      return { command: 'workspaceJobs.setToken', title: 'Set Token', arguments: [projectId] };
    case 'signIn':
      return { command: 'workspaceJobs.signIn', title: 'Sign In', arguments: [projectId] };
    case 'setAccessKey':
      return { command: 'workspaceJobs.setAccessKey', title: 'Set Access Key' };
    case 'configureProject':
      return { command: 'workspaceJobs.configureProject', title: 'Configure Project' };
    case 'showLog':
      return { command: 'workspaceJobs.showLog', title: 'Show Log' };
    case 'refresh':
      return { command: 'workspaceJobs.refresh', title: 'Refresh' };
    case 'clearFilters':
      return { command: 'workspaceJobs.clearFilters', title: 'Clear Filters' };
    case 'proxySettings':
      return { command: 'workbench.action.openSettings', title: 'Open Proxy Settings', arguments: ['http.proxy'] };
    case 'retryGroup':
      return { command: 'workspaceJobs.showMore', title: 'Try Again', arguments: [row.sessionKey, row.status, 'retry'] };
  }
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

function projectItem(row: ProjectRow): vscode.TreeItem {
  const item = new vscode.TreeItem(row.label, vscode.TreeItemCollapsibleState.Expanded);
  item.id = row.id;
  const location = row.sampleData ? 'sample data' : row.location;
  item.description = row.stale ? `${location} · stale` : location;
  item.iconPath = new vscode.ThemeIcon(row.sampleData ? 'beaker' : 'cloud');
  item.contextValue = row.sampleData ? 'project sampleData' : 'project removable';
  const tooltip = untrustedMarkdown();
  tooltip.appendMarkdown(
    markdownTable([
      ['Project', row.projectId],
      ['Location', row.location],
      ['Endpoint', row.endpoint],
      ['Credential', row.credential],
      ['Last refresh', row.lastRefresh ? new Date(row.lastRefresh).toLocaleString() : 'not yet'],
    ]),
  );
  if (row.stale) tooltip.appendMarkdown('\n\nThe last refresh failed: the counts are from the last refresh that worked.');
  if (row.sampleData) tooltip.appendMarkdown('\n\nSample data from the built-in simulator, not a cloud project.');
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
  item.iconPath = row.id.endsWith('/loading') ? new vscode.ThemeIcon('loading~spin') : SEVERITY_ICONS[row.severity];
  item.tooltip = row.detail || row.label;
  if (row.action) {
    item.command = actionCommand(row.action, row, projectId);
    // A project no credential covers offers every way to cover it, inline.
    item.contextValue = row.action === 'signIn' ? 'message action-signIn action-setToken action-setAccessKey' : `message action-${row.action}`;
  } else {
    item.contextValue = 'message';
  }
  return item;
}

function statusItem(row: StatusRow): vscode.TreeItem {
  const item = new vscode.TreeItem(row.status, vscode.TreeItemCollapsibleState.Collapsed);
  item.id = row.id;
  item.description = row.count.toLocaleString('en');
  item.iconPath = statusIcon(row.status);
  item.tooltip = `${statusStyle(row.status).title}: ${row.count} sub-job${row.count === 1 ? '' : 's'}`;
  item.contextValue = ['SUCCESS', 'FAILED'].includes(row.status) ? 'statusGroup deletable' : 'statusGroup';
  return item;
}

function subJobItem(row: SubJobRow): vscode.TreeItem {
  const subJob = row.subJob;
  const item = new vscode.TreeItem(subJobLabel(subJob), vscode.TreeItemCollapsibleState.None);
  item.id = row.id;
  item.description = row.description;
  item.iconPath = statusIcon(subJob.status);
  const tooltip = untrustedMarkdown();
  tooltip.appendMarkdown(`$(${statusStyle(subJob.status).codicon.replace('~spin', '')}) **${escapeMarkdown(subJobLabel(subJob))}**\n\n`);
  tooltip.appendMarkdown(markdownTable(subJobFields(subJob)));
  item.tooltip = tooltip;
  // Capabilities, matched by the menus' `viewItem =~` clauses.
  item.contextValue = [
    'subJob',
    subJob.jobId && 'hasJobId',
    row.watched && 'watched',
    !row.watched && isActiveStatus(subJob.status) && 'watchable',
    !row.watched && subJob.jobId && 'jobWatchable',
    ['SUCCESS', 'FAILED'].includes(subJob.status) && 'deletable',
  ]
    .filter(Boolean)
    .join(' ');
  item.command = { command: 'workspaceJobs.showDetails', title: 'Show Details', arguments: [row] };
  item.accessibilityInformation = { label: `${subJobLabel(subJob)}, ${subJob.status}, ${item.description}` };
  return item;
}

function moreItem(row: MoreRow): vscode.TreeItem {
  const item = new vscode.TreeItem(row.label, vscode.TreeItemCollapsibleState.None);
  item.id = row.id;
  item.iconPath = new vscode.ThemeIcon('ellipsis');
  item.contextValue = 'more';
  item.command = { command: 'workspaceJobs.showMore', title: 'Show More', arguments: [row.sessionKey, row.status] };
  return item;
}

/** The tree item of a row; `projectId` is the row's project, for the commands its click runs. */
export function toTreeItem(row: TreeRow, projectId: string): vscode.TreeItem {
  switch (row.kind) {
    case 'project':
      return projectItem(row);
    case 'message':
      return messageItem(row, projectId);
    case 'status':
      return statusItem(row);
    case 'subJob':
      return subJobItem(row);
    case 'more':
      return moreItem(row);
  }
}
