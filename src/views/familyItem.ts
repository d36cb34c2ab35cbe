import * as vscode from 'vscode';
import { familyApi } from '../api/familyApi';
import { familyJobTypes } from '../model/family';
import type { FamilyRow } from '../presentation/familyRows';

/** A family's node under its project: expanded, its label first for a screen reader too. */
export function familyItem(row: FamilyRow): vscode.TreeItem {
  const item = new vscode.TreeItem(row.label, vscode.TreeItemCollapsibleState.Expanded);
  item.id = row.id;
  item.iconPath = new vscode.ThemeIcon(row.family === 'appServer' ? 'server' : 'file-media');
  item.contextValue = `family ${row.family}`;
  item.accessibilityInformation = {
    label: vscode.l10n.t({
      message: '{0}, sub-job family of project {1}',
      args: [row.label, row.projectId],
      comment: ['Screen reader label of a family row ("Image jobs", "App server jobs") under a project'],
    }),
  };
  item.tooltip = vscode.l10n.t({
    message: '{0}: {1} · job types {2}',
    args: [row.label, `/v1/{project_id}/${familyApi(row.family).subJobsPath}`, familyJobTypes(row.family).join(', ')],
    comment: ['Tooltip of a family row: its name, the API path it lists, and the job types it asks for'],
  });
  return item;
}
