import * as l10n from '@vscode/l10n';
import { isSubJobStatus, SubJobStatus } from '../model/subJob';

export interface StatusStyle {
  /** Codicon id; `~spin` animates it. */
  readonly codicon: string;
  /** Theme colour id, so every theme (high contrast included) picks its own shade; absent = the text colour. */
  readonly color?: string;
  /** The status's name in the display language (read when shown: the language is set at activation). */
  readonly title: string;
}

/** The one place that says how a status looks; the tree, tooltips and the details panel all read it. */
export const STATUS_STYLES: Readonly<Record<SubJobStatus, StatusStyle>> = {
  RUNNING: {
    codicon: 'sync~spin',
    color: 'charts.blue',
    get title() {
      return l10n.t({ message: 'Running', comment: ['A sub-job status (RUNNING)'] });
    },
  },
  WAITING: {
    codicon: 'clock',
    color: 'charts.yellow',
    get title() {
      return l10n.t({ message: 'Waiting', comment: ['A sub-job status (WAITING)'] });
    },
  },
  ROLLBACK: {
    codicon: 'discard',
    color: 'charts.orange',
    get title() {
      return l10n.t({ message: 'Rolling back', comment: ['A sub-job status (ROLLBACK)'] });
    },
  },
  ABORTING: {
    codicon: 'circle-slash',
    color: 'charts.orange',
    get title() {
      return l10n.t({ message: 'Being terminated', comment: ['A sub-job status (ABORTING)'] });
    },
  },
  FAILED: {
    codicon: 'error',
    color: 'testing.iconFailed',
    get title() {
      return l10n.t({ message: 'Failed', comment: ['A sub-job status (FAILED)'] });
    },
  },
  ABNORMAL: {
    codicon: 'warning',
    color: 'list.warningForeground',
    get title() {
      return l10n.t({ message: 'Abnormal', comment: ['A sub-job status (ABNORMAL)'] });
    },
  },
  SUCCESS: {
    codicon: 'pass',
    color: 'testing.iconPassed',
    get title() {
      return l10n.t({ message: 'Succeeded', comment: ['A sub-job status (SUCCESS)'] });
    },
  },
};

/** How any status looks: a status this version does not know is neutral and titled as sent. */
export function statusStyle(status: string): StatusStyle {
  return isSubJobStatus(status) ? STATUS_STYLES[status] : { codicon: 'circle-large-outline', title: status };
}
