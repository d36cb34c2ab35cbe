import * as l10n from '@vscode/l10n';
import { formatCount } from '../model/locale';
import { subJobLabel } from '../model/subJob';
import { escapeHtml, intlText, statusBadge } from './detailsMarkup';
import { DurationStats, FailureGroup } from './jobTimeline';
import { formatMs, soFar } from './jobTimelineFormat';

// The timeline's summary: p50 and p95 durations, the slowest sub-jobs, failures grouped by error
// code. Every API string is escaped here.

/** Resources a failure group lists; the table view lists every sub-job. */
export const GROUP_RESOURCES_SHOWN = 50;
/** Failure groups shown, the largest first: thousands of distinct codes must not make a message of megabytes. */
export const GROUPS_SHOWN = 20;
/** Messages per group, and their length: the details panel has the full text. */
const MESSAGES_SHOWN = 5;
const MESSAGE_CHARS = 300;

export function renderSummary(stats: DurationStats, groups: readonly FailureGroup[]): string {
  return `<section class="summary" data-part="summary" aria-labelledby="summary-title">
<h2 id="summary-title">${escapeHtml(l10n.t({ message: 'Summary', comment: ['Heading of the parent job timeline summary'] }))}</h2>
${renderDurations(stats)}
${renderSlowest(stats)}
${renderGroups(groups)}
</section>`;
}

function renderDurations(stats: DurationStats): string {
  if (stats.p50Ms === undefined || stats.p95Ms === undefined)
    return `<p class="empty">${escapeHtml(l10n.t('No sub-job has finished yet: no durations to compare.'))}</p>`;
  const p50 = l10n.t({
    message: 'Median duration (p50)',
    comment: ['Half the finished sub-jobs took at most this long'],
  });
  const p95 = l10n.t({
    message: '95th percentile (p95)',
    comment: ['95% of the finished sub-jobs took at most this long'],
  });
  return `<dl class="fields durations">
<dt>${escapeHtml(p50)}</dt><dd>${intlText(formatMs(stats.p50Ms))}</dd>
<dt>${escapeHtml(p95)}</dt><dd>${intlText(formatMs(stats.p95Ms))}</dd>
<dt>${escapeHtml(l10n.t('Finished sub-jobs'))}</dt><dd>${escapeHtml(formatCount(stats.finished))}</dd>
</dl>`;
}

function renderSlowest(stats: DurationStats): string {
  if (!stats.slowest.length) return '';
  const items = stats.slowest.map(({ subJob, ms, running }) => {
    const duration = running ? soFar(formatMs(ms)) : formatMs(ms);
    const name = `<span class="name selectable">${escapeHtml(subJobLabel(subJob))}</span>`;
    return `<li>${name} ${statusBadge(subJob.status)} <span class="duration">${intlText(duration)}</span></li>`;
  });
  return `<h3>${escapeHtml(l10n.t('Slowest sub-jobs'))}</h3>
<ol class="slowest">
${items.join('\n')}
</ol>`;
}

function renderGroups(groups: readonly FailureGroup[]): string {
  const heading = `<h3>${escapeHtml(l10n.t('Failures by error code'))}</h3>`;
  if (!groups.length) return `${heading}\n<p class="empty">${escapeHtml(l10n.t('No sub-job has failed.'))}</p>`;
  const hidden = groups.length - GROUPS_SHOWN;
  const more =
    hidden > 0
      ? `\n<p class="empty">${escapeHtml(l10n.t('and {0} more error codes (see the table, Error code column)', formatCount(hidden)))}</p>`
      : '';
  return `${heading}\n<div class="failure-groups">\n${groups.slice(0, GROUPS_SHOWN).map(renderGroup).join('\n')}\n</div>${more}`;
}

function renderGroup(group: FailureGroup): string {
  const code =
    group.code ||
    l10n.t({ message: 'no error code', comment: ['A failure group of sub-jobs that failed without an error_code'] });
  const title = l10n.t({
    message: '{0} × {1}',
    args: [code, formatCount(group.count)],
    comment: ['A failure group: {0} is the error code, {1} how many sub-jobs failed with it'],
  });
  const messages = group.messages.length
    ? `<ul class="messages">${group.messages
        .slice(0, MESSAGES_SHOWN)
        .map((m) => `<li class="error-message selectable">${escapeHtml(clip(m))}</li>`)
        .join('')}</ul>`
    : '';
  const shown = group.subJobs.slice(0, GROUP_RESOURCES_SHOWN);
  const more =
    group.subJobs.length > shown.length
      ? `<li class="empty">${escapeHtml(l10n.t('and {0} more (see the table)', formatCount(group.subJobs.length - shown.length)))}</li>`
      : '';
  const resources = shown
    .map((s) => `<li><span class="selectable">${escapeHtml(subJobLabel(s))}</span> ${statusBadge(s.status)}</li>`)
    .join('');
  return `<details class="failure-group" data-code="${escapeHtml(group.code)}">
<summary><span class="mono">${escapeHtml(title)}</span></summary>
${messages}
<ul class="resources">${resources}${more}</ul>
</details>`;
}

function clip(message: string): string {
  return message.length > MESSAGE_CHARS ? `${message.slice(0, MESSAGE_CHARS - 1)}…` : message;
}
