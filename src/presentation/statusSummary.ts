import * as l10n from '@vscode/l10n';
import { isFailure } from '../core/announcements';
import { describeFilter } from '../core/filter';
import type { SessionSpec } from '../core/projectSession';
import { SessionState } from '../core/sessionState';
import { formatCount } from '../model/locale';
import { isActiveStatus } from '../model/subJob';
import { capText } from '../model/text';
import { escapeMarkdown } from './markdown';
import { statusStyle } from './statusStyle';
import { projectLabel } from '../core/projects';
import { specFamily, specProjectKey } from '../core/sessionSpec';
import { byProject, familyLabel, showsSeveralFamilies } from './familyRows';

/** What the status bar item says, decided without VS Code. */
export interface StatusSummary {
  /** Sub-jobs WAITING, RUNNING, ROLLBACK or ABORTING, in every project. */
  readonly active: number;
  /** Sub-jobs FAILED or ABNORMAL, every one kept: the tooltip's total. */
  readonly failed: number;
  /** Failures told since the user last looked at the view (the badge's count): the text's. */
  readonly unseen: number;
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

/** A project's line of the tooltip: its name and location, and why its counts may be missing or old. */
function projectLine(head: string, state: SessionState): string {
  if (state.problem?.kind === 'noJobTypes') return l10n.t('{0} — no configured job type matches the filter', head);
  if (state.problem) return l10n.t('{0} — not connected', head);
  if (state.failure) return l10n.t('{0} — last refresh failed', head);
  if (!state.counts) return l10n.t('{0} — loading', head);
  return head;
}

/**
 * Totals over every project, the way the status bar shows them. `unseen`: failures told since the
 * user last looked at the view (core/unseenFailures.ts), what the text counts; the FAILED and ABNORMAL
 * records kept, which only grow, are totals in the tooltip.
 */
export function statusSummary(
  sessions: readonly SessionView[],
  formatTime: (ms: number) => string,
  unseen = 0,
): StatusSummary {
  let active = 0;
  let failed = 0;
  let stale = false;
  let loading = true;
  // Whether any project may still answer: one waiting for its first answer (no problem, no failure).
  let waiting = false;
  let failing = false;
  // Every project's filter leaves it no job type: nothing to count, which is not "not connected".
  let unmatched = sessions.length > 0;
  let last: number | undefined;
  const lines: string[] = [];
  // A project shows once, however many of its families are shown: each family's counts under it.
  const headed = new Set<string>();
  for (const { spec, state } of byProject(sessions).flat()) {
    const name = spec.sampleData ? l10n.t('Sample data') : projectLabel(spec);
    if (state.problem?.kind !== 'noJobTypes') unmatched = false;
    if (state.counts) loading = false;
    if (state.failure) stale = true;
    if (!state.counts && !state.problem && !state.failure) waiting = true;
    if (!state.counts && state.failure) failing = true;
    if (state.fetchedAt !== undefined) last = Math.max(last ?? 0, state.fetchedAt);
    const parts: string[] = [];
    for (const [status, n] of state.counts ?? []) {
      if (isActiveStatus(status)) active += n;
      if (isFailure(status)) failed += n;
      parts.push(
        `$(${statusStyle(status).codicon.replace('~spin', '')}) ${escapeMarkdown(capText(status))} ${formatCount(n)}`,
      );
    }
    const head = `**${escapeMarkdown(name)}** (${escapeMarkdown(spec.location)})`;
    const several = showsSeveralFamilies(sessions, { spec });
    if (several && !headed.has(specProjectKey(spec))) lines.push(head);
    headed.add(specProjectKey(spec));
    const line = projectLine(several ? escapeMarkdown(familyLabel(specFamily(spec))) : head, state);
    lines.push(`${line}${parts.length ? `  \n${parts.join(' · ')}` : ''}`);
  }
  // Nothing counted and nothing on its way: say why instead of spinning for ever.
  const stuck = loading && !waiting;
  const failures =
    unseen > 0
      ? ` · ${l10n.t({
          message: '$(error) {0} failed',
          args: [formatCount(unseen)],
          comment: [
            'Status bar: sub-jobs that failed since the user last looked at the view; $(…) is an icon, keep it',
          ],
        })}`
      : '';
  const main = stuck
    ? unmatched
      ? l10n.t({
          message: '$(filter) nothing matches',
          comment: ["Status bar: the view's filter leaves no configured job type to count; $(…) is an icon, keep it"],
        })
      : failing
        ? l10n.t({
            message: '$(warning) refresh failed',
            comment: ['Status bar: no project could be counted; $(…) is an icon, keep it'],
          })
        : l10n.t({
            message: '$(debug-disconnect) not connected',
            comment: ['Status bar: no project has credentials or a usable setting; $(…) is an icon, keep it'],
          })
    : loading
      ? l10n.t({ message: '$(loading~spin) loading', comment: ['Status bar; $(…) is an icon, keep it'] })
      : active > 0
        ? l10n.t({
            message: '$(sync~spin) {0} in progress',
            args: [formatCount(active)],
            comment: ['Status bar: sub-jobs not finished; $(…) is an icon, keep it'],
          })
        : l10n.t({ message: '$(pass) all finished', comment: ['Status bar; $(…) is an icon, keep it'] });
  const staleNote =
    stale && !stuck
      ? ` · ${l10n.t({
          message: '$(warning) stale',
          comment: ['Status bar: the counts are older, the last refresh failed; $(…) is an icon, keep it'],
        })}`
      : '';
  const counted = `${main}${failures}${staleNote}`;
  // The counts follow the view's filter: said in the text, or a filtered count reads as the whole.
  const filter = sessions.find((s) => s.spec.filter)?.spec.filter;
  const text = filter
    ? l10n.t({
        message: '{0} (filtered)',
        args: [counted],
        comment: ['Status bar: {0} is what it says otherwise; the counts follow the filter of the view'],
      })
    : counted;
  // A screen reader starts with the words on screen (icons and separators aside), then says more.
  let accessibilityLabel = text
    .replace(/\$\([^)]*\)\s*/g, '')
    .replace(/\s*·\s*/g, ', ')
    .trim();
  if (unseen > 0)
    accessibilityLabel = l10n.t({
      message: '{0}; {1}',
      args: [
        accessibilityLabel,
        unseen === 1
          ? l10n.t('1 sub-job failed since you last looked at the view')
          : l10n.t('{0} sub-jobs failed since you last looked at the view', formatCount(unseen)),
      ],
      comment: ['Status bar, read by a screen reader: {0} is what it shows, {1} what its failure count means'],
    });
  if (stale && !stuck)
    accessibilityLabel = l10n.t('{0}; the last refresh failed, the counts are older', accessibilityLabel);
  if (filter) accessibilityLabel = l10n.t('{0}; filtered: {1}', accessibilityLabel, describeFilter(filter));
  if (last !== undefined) accessibilityLabel = l10n.t('{0}; last refreshed {1}', accessibilityLabel, formatTime(last));
  accessibilityLabel = l10n.t({
    message: '{0}; Workspace Jobs',
    args: [accessibilityLabel],
    comment: ['Status bar, read by a screen reader: {0} is what the item says; the name of the item comes last'],
  });
  const tooltip = [
    ...(filter
      ? [
          l10n.t(
            '$(filter) Counts of what the filter shows: {0}. Clear Filters counts everything.',
            escapeMarkdown(describeFilter(filter)),
          ),
        ]
      : []),
    ...(unseen > 0
      ? [
          unseen === 1
            ? l10n.t('$(error) 1 sub-job failed since you last looked at the view')
            : l10n.t('$(error) {0} sub-jobs failed since you last looked at the view', formatCount(unseen)),
        ]
      : []),
    ...lines,
    ...(failed > 0
      ? [
          failed === 1
            ? l10n.t('1 FAILED or ABNORMAL sub-job on record')
            : l10n.t('{0} FAILED or ABNORMAL sub-jobs on record', formatCount(failed)),
        ]
      : []),
    last !== undefined ? l10n.t('Last refreshed {0}', escapeMarkdown(formatTime(last))) : l10n.t('Not refreshed yet'),
    l10n.t('Click to show the WorkspaceApp Jobs view'),
  ].join('\n\n');
  return { active, failed, unseen, stale, loading, text, accessibilityLabel, tooltip };
}
