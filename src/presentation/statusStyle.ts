import { isSubJobStatus, SubJobStatus } from '../model/subJob';

export interface StatusStyle {
  /** Codicon id; `~spin` animates it. */
  readonly codicon: string;
  /** Theme colour id, so every theme (high contrast included) picks its own shade; absent = the text colour. */
  readonly color?: string;
  readonly title: string;
}

/** The one place that says how a status looks; the tree, tooltips and the details panel all read it. */
export const STATUS_STYLES: Readonly<Record<SubJobStatus, StatusStyle>> = {
  RUNNING: { codicon: 'sync~spin', color: 'charts.blue', title: 'Running' },
  WAITING: { codicon: 'clock', color: 'charts.yellow', title: 'Waiting' },
  ROLLBACK: { codicon: 'discard', color: 'charts.orange', title: 'Rolling back' },
  ABORTING: { codicon: 'circle-slash', color: 'charts.orange', title: 'Being terminated' },
  FAILED: { codicon: 'error', color: 'testing.iconFailed', title: 'Failed' },
  ABNORMAL: { codicon: 'warning', color: 'list.warningForeground', title: 'Abnormal' },
  SUCCESS: { codicon: 'pass', color: 'testing.iconPassed', title: 'Succeeded' },
};

/** How any status looks: a status this version does not know is neutral and titled as sent. */
export function statusStyle(status: string): StatusStyle {
  return isSubJobStatus(status) ? STATUS_STYLES[status] : { codicon: 'circle-large-outline', title: status };
}
