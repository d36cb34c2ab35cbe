import * as vscode from 'vscode';
import { familyApi } from '../api/familyApi';
import { familyJobTypes } from '../model/family';
import { formatDateTime } from '../model/time';
import type { FamilyRow } from '../presentation/familyRows';

/** A family's node under its project: expanded, its label first for a screen reader too. */
export function familyItem(row: FamilyRow): vscode.TreeItem {
  const item = new vscode.TreeItem(row.label, vscode.TreeItemCollapsibleState.Expanded);
  item.id = row.id;
  item.iconPath = new vscode.ThemeIcon(row.family === 'appServer' ? 'server' : 'file-media');
  item.contextValue = `family ${row.family}`;
  // The project row is the first family's: each family says its own session's state here.
  if (row.stale)
    item.description = vscode.l10n.t({
      message: 'stale',
      comment: ['Description of a family row ("App server jobs") whose last refresh failed'],
    });
  item.accessibilityInformation = {
    label: item.description
      ? vscode.l10n.t({
          message: '{0}, sub-job family of project {1}, {2}',
          args: [row.label, row.projectId, String(item.description)],
          comment: [
            'Screen reader label of a family row ("Image jobs", "App server jobs") under a project; {2} is its description ("stale")',
          ],
        })
      : vscode.l10n.t({
          message: '{0}, sub-job family of project {1}',
          args: [row.label, row.projectId],
          comment: ['Screen reader label of a family row ("Image jobs", "App server jobs") under a project'],
        }),
  };
  const lines = [
    vscode.l10n.t({
      message: '{0}: {1} · job types {2}',
      args: [row.label, `/v1/{project_id}/${familyApi(row.family).subJobsPath}`, familyJobTypes(row.family).join(', ')],
      comment: ['Tooltip of a family row: its name, the API path it lists, and the job types it asks for'],
    }),
    row.lastRefresh
      ? vscode.l10n.t({
          message: 'Last refresh: {0}',
          args: [formatDateTime(row.lastRefresh)],
          comment: ["In a family row's tooltip; {0} is a date and time"],
        })
      : vscode.l10n.t({ message: 'Not refreshed yet', comment: ["In a family row's tooltip"] }),
  ];
  if (row.stale)
    lines.push(vscode.l10n.t('The last refresh failed: the counts are from the last refresh that worked.'));
  if (row.countingByListing)
    lines.push(
      vscode.l10n.t(
        'The credential may not call count, so counts come from listing (more requests per refresh). Allow the IAM action {0} to make refreshes cheaper.',
        familyApi(row.family).actions.count,
      ),
    );
  item.tooltip = lines.join('\n\n');
  return item;
}
