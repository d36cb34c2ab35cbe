import { isFailure } from '../core/announcements';
import type { SessionSpec } from '../core/projectSession';
import { SessionState } from '../core/sessionState';
import { isActiveStatus } from '../model/subJob';
import { escapeMarkdown } from './markdown';
import { statusStyle } from './statusStyle';

/** What the status bar item says, decided without VS Code. */
export interface StatusSummary {
  /** Sub-jobs WAITING, RUNNING, ROLLBACK or ABORTING, in every project. */
  readonly active: number;
  /** Sub-jobs FAILED or ABNORMAL. */
  readonly failed: number;
  /** Some project's last refresh failed: what is shown is older. */
  readonly stale: boolean;
  /** No project has answered yet. */
  readonly loading: boolean;
  /** The item's text, with codicons. */
  readonly text: string;
  /** What a screen reader says: the same words, without icons. */
  readonly accessibilityLabel: string;
  /** Markdown: counts per status and per project, and the time of the last refresh. */
  readonly tooltip: string;
}

export interface SessionView {
  readonly spec: SessionSpec;
  readonly state: SessionState;
}

function plural(n: number, one: string, many: string): string {
  return `${n.toLocaleString('en')} ${n === 1 ? one : many}`;
}

/** Totals over every project, the way the status bar shows them. */
export function statusSummary(sessions: readonly SessionView[], formatTime: (ms: number) => string): StatusSummary {
  let active = 0;
  let failed = 0;
  let stale = false;
  let loading = true;
  let last: number | undefined;
  const lines: string[] = [];
  for (const { spec, state } of sessions) {
    const name = spec.sampleData ? 'Sample data' : spec.name || spec.projectId;
    if (state.counts) loading = false;
    if (state.failure) stale = true;
    if (state.fetchedAt !== undefined) last = Math.max(last ?? 0, state.fetchedAt);
    const parts: string[] = [];
    for (const [status, count] of state.counts ?? []) {
      if (isActiveStatus(status)) active += count;
      if (isFailure(status)) failed += count;
      parts.push(`$(${statusStyle(status).codicon.replace('~spin', '')}) ${escapeMarkdown(status)} ${count.toLocaleString('en')}`);
    }
    const note = state.problem ? ' — not connected' : state.failure ? ' — last refresh failed' : !state.counts ? ' — loading' : '';
    lines.push(`**${escapeMarkdown(name)}** (${escapeMarkdown(spec.location)})${note}${parts.length ? `  \n${parts.join(' · ')}` : ''}`);
  }
  const failures = failed > 0 ? ` · $(error) ${failed.toLocaleString('en')} failed` : '';
  const main = loading ? '$(loading~spin) loading' : active > 0 ? `$(sync~spin) ${active.toLocaleString('en')} in progress` : '$(pass) all finished';
  const text = `${main}${loading ? '' : failures}${stale ? ' · $(warning) stale' : ''}`;
  const accessibilityLabel = `Workspace Jobs: ${loading ? 'loading' : `${plural(active, 'sub-job in progress', 'sub-jobs in progress')}, ${plural(failed, 'failed', 'failed')}`}${stale ? '; the last refresh failed, the counts are older' : ''}${last !== undefined ? `; last refreshed ${formatTime(last)}` : ''}`;
  const tooltip = [...lines, last !== undefined ? `Last refreshed ${escapeMarkdown(formatTime(last))}` : 'Not refreshed yet', 'Click to show the Image Sub-Jobs view'].join('\n\n');
  return { active, failed, stale, loading, text, accessibilityLabel, tooltip };
}
