import * as vscode from 'vscode';
import {
  ErrorCodeRow,
  errorCodeDescription,
  errorCodeLabel,
  errorCodeSpoken,
  errorCodeTooltip,
} from '../presentation/errorCodeRows';
import { statusStyle } from '../presentation/statusStyle';

/** An error code's row in a failure group: its sub-jobs are its children. */
export function errorCodeItem(row: ErrorCodeRow): vscode.TreeItem {
  const item = new vscode.TreeItem(errorCodeLabel(row.code), vscode.TreeItemCollapsibleState.Collapsed);
  item.id = row.id;
  item.description = errorCodeDescription(row);
  // The failure's own icon: the row is that failure, told once for every sub-job with the code.
  const style = statusStyle(row.status);
  item.iconPath = new vscode.ThemeIcon(style.codicon, style.color ? new vscode.ThemeColor(style.color) : undefined);
  item.tooltip = errorCodeTooltip(row);
  item.accessibilityInformation = { label: errorCodeSpoken(row) };
  item.contextValue = 'errorCode';
  return item;
}
