import * as l10n from '@vscode/l10n';
import { familyOf } from '../model/family';
import { isActiveStatus, SubJob } from '../model/subJob';
import { familyLabel } from './familyRows';
import { formatRelativeTime } from '../model/time';
import type { DetailsFailure } from './detailsFailure';
import type { DetailsInput } from './detailsHtml';
import {
  definitionList,
  durationValue,
  escapeHtml,
  ICONS,
  intlLang,
  localTime,
  statusIcon,
  svg,
  timeValue,
  valueOrEmpty,
} from './detailsMarkup';
import { statusStyle } from './statusStyle';

// The parts of the details panel below its header, each a top-level element with its data-part.

export function renderLastUpdated(input: DetailsInput): string {
  const parts: string[] = [];
  if (input.lastUpdated !== undefined) {
    const iso = new Date(input.lastUpdated).toISOString();
    const relative = formatRelativeTime(iso, input.now);
    // The time is HTML, escaped here; the words around it come from the bundle.
    const time =
      `<time datetime="${escapeHtml(iso)}" title="${escapeHtml(iso)}"${intlLang()}>${escapeHtml(localTime(input.lastUpdated, input.timeZone))}</time>` +
      (relative
        ? ` ${l10n.t({
            message: '({0})',
            args: [
              `<span class="relative" data-since="${input.lastUpdated}"${intlLang()}>${escapeHtml(relative)}</span>`,
            ],
            comment: ['Parentheses around a relative time such as "5 min. ago"; {0} is HTML, keep it whole'],
          })}`
        : '');
    parts.push(l10n.t('Last updated {0}', time));
  } else {
    parts.push(escapeHtml(input.loading ? l10n.t('Last updated: loading…') : l10n.t('Last updated: never')));
  }
  if (input.refreshing && !input.loading)
    parts.push(`<span class="refreshing">${escapeHtml(l10n.t('Refreshing…'))}</span>`);
  const mode = autoRefreshText(input);
  if (mode) parts.push(`<span class="auto">${escapeHtml(mode)}</span>`);
  return `<p class="updated" id="last-updated" data-part="updated">${parts.join('<span class="sep" aria-hidden="true">·</span>')}</p>`;
}

function autoRefreshText(input: DetailsInput): string {
  if (input.autoRefreshSeconds === undefined || !input.subJob || input.stopped) return '';
  if (input.notFound) return l10n.t('Not refreshed automatically while the sub-job is not found');
  if (!isActiveStatus(input.subJob.status)) return l10n.t('Finished: not refreshed automatically');
  if (input.autoRefreshSeconds <= 0) return l10n.t('Automatic refresh is off');
  return l10n.t({
    message: 'Refreshes every {0} s until the sub-job finishes',
    args: [input.autoRefreshSeconds],
    comment: ['{0} is a number of seconds; s is their unit'],
  });
}

/** Why the panel still shows data after a failure or a stop: it is the last received, from when if known. */
function lastDataNote(lastUpdated: number | undefined, timeZone: string | undefined): string {
  return lastUpdated !== undefined
    ? l10n.t('Showing the last data received, from {0}.', localTime(lastUpdated, timeZone))
    : l10n.t('Showing the last data received.');
}

export function renderFailure(
  failure: DetailsFailure,
  hasData: boolean,
  lastUpdated: number | undefined,
  timeZone?: string,
): string {
  const rows: Array<[string, string]> = [];
  if (failure.status !== undefined) rows.push([l10n.t('HTTP status'), String(failure.status)]);
  if (failure.errorCode) rows.push(['error_code', failure.errorCode]);
  if (failure.errorMsg) rows.push(['error_msg', failure.errorMsg]);
  if (failure.requestId) rows.push(['X-Request-Id', failure.requestId]);
  const kept = hasData ? `<p class="hint">${escapeHtml(lastDataNote(lastUpdated, timeZone))}</p>` : '';
  return `<section class="banner failure" role="alert" aria-labelledby="failure-title" data-part="failure">
<h2 id="failure-title">${svg(ICONS.error, 'banner-icon')}<span>${escapeHtml(l10n.t('Refresh failed'))}</span></h2>
<p class="message">${escapeHtml(failure.message)}</p>
${rows.length ? definitionList(rows, 'failure-fields') : ''}
${kept}
</section>`;
}

/** The panel is no longer refreshed (its session ended): said plainly, not as an error, and not as an alert. */
export function renderStopped(
  notice: string,
  hasData: boolean,
  lastUpdated: number | undefined,
  timeZone?: string,
): string {
  const kept = hasData ? ` ${escapeHtml(lastDataNote(lastUpdated, timeZone))}` : '';
  return `<section class="banner notice" role="status" data-part="stopped">
<p class="message">${svg(ICONS.info, 'banner-icon')}<span>${escapeHtml(notice)}${kept}</span></p>
</section>`;
}

export function renderNotFound(hasData: boolean): string {
  return `<section class="banner not-found" role="status" aria-labelledby="not-found-title" data-part="not-found">
<h2 id="not-found-title">${svg(ICONS.warning, 'banner-icon')}<span>${escapeHtml(l10n.t('Sub-job not found'))}</span></h2>
<p class="message">${escapeHtml(
    hasData
      ? l10n.t(
          'The API no longer lists this sub-job: it may have been deleted, or the configured project changed. Showing the last data received.',
        )
      : l10n.t('The API no longer lists this sub-job: it may have been deleted, or the configured project changed.'),
  )}</p>
</section>`;
}

/** The heading of the error block, for the statuses that have one. */
function errorHeading(status: string): string | undefined {
  if (status === 'FAILED') return l10n.t('This sub-job failed');
  if (status === 'ABNORMAL') return l10n.t('This sub-job is abnormal');
  return undefined;
}

export function renderErrorBlock(subJob: SubJob): string {
  const heading = errorHeading(subJob.status);
  if (!heading) return '';
  const noneReported = l10n.t({
    message: 'none reported',
    comment: ['The value of error_code or error_message when the service sent none'],
  });
  const none = `<span class="empty">${escapeHtml(noneReported)}</span>`;
  return `<section class="error-block status-${subJob.status.toLowerCase()}" role="alert" aria-labelledby="error-title" data-part="error">
<h2 id="error-title">${statusIcon(subJob.status, 'status-icon')}<span>${escapeHtml(heading)}</span></h2>
<dl class="error-fields">
<dt>error_code</dt><dd>${subJob.errorCode ? `<code class="mono selectable">${escapeHtml(subJob.errorCode)}</code>` : none}</dd>
<dt>error_message</dt><dd class="error-message selectable">${subJob.errorMessage ? escapeHtml(subJob.errorMessage) : none}</dd>
</dl>
</section>`;
}

export function renderFields(subJob: SubJob, now: number, timeZone?: string): string {
  const style = statusStyle(subJob.status);
  const active = isActiveStatus(subJob.status);
  const rows: Array<[string, string]> = [
    [
      l10n.t({ message: 'Status', comment: ['A sub-job field'] }),
      `${statusIcon(subJob.status, 'status-icon')}<span class="status-title">${escapeHtml(style.title)}</span> ` +
        `<code class="mono">${escapeHtml(subJob.status)}</code>`,
    ],
    [l10n.t({ message: 'Job type', comment: ['A sub-job field'] }), valueOrEmpty(subJob.jobType)],
    [
      l10n.t({ message: 'Family', comment: ['A sub-job field: image jobs or app server jobs'] }),
      escapeHtml(familyLabel(familyOf(subJob))),
    ],
    [l10n.t({ message: 'Resource name', comment: ['A sub-job field'] }), valueOrEmpty(subJob.resourceName)],
    [l10n.t({ message: 'Resource ID', comment: ['A sub-job field'] }), valueOrEmpty(subJob.resourceId, true)],
    [l10n.t({ message: 'Sub-job ID', comment: ['A sub-job field'] }), valueOrEmpty(subJob.id, true)],
    [l10n.t({ message: 'Parent job ID', comment: ['A sub-job field'] }), valueOrEmpty(subJob.jobId, true)],
    [l10n.t({ message: 'Project ID', comment: ['A sub-job field'] }), valueOrEmpty(subJob.projectId, true)],
    [
      l10n.t({ message: 'Begin time', comment: ['A sub-job field'] }),
      timeValue(
        subJob.beginTime,
        l10n.t({ message: 'not started', comment: ['The begin time of a sub-job that has not begun'] }),
        timeZone,
      ),
    ],
    [
      l10n.t({ message: 'End time', comment: ['A sub-job field'] }),
      timeValue(
        subJob.endTime,
        active ? l10n.t({ message: 'not finished yet', comment: ['The end time of a sub-job still running'] }) : '',
        timeZone,
      ),
    ],
    [l10n.t({ message: 'Duration', comment: ['A sub-job field'] }), durationValue(subJob, active, now)],
  ];
  // FAILED and ABNORMAL show these in the error block; other statuses may still carry them.
  if (!errorHeading(subJob.status) && (subJob.errorCode || subJob.errorMessage)) {
    rows.push(
      [l10n.t({ message: 'Error code', comment: ['A sub-job field'] }), valueOrEmpty(subJob.errorCode, true)],
      [l10n.t({ message: 'Error message', comment: ['A sub-job field'] }), valueOrEmpty(subJob.errorMessage)],
    );
  }
  const heading = l10n.t({
    message: 'Fields',
    comment: ["Heading, for screen readers, of the list of a sub-job's fields"],
  });
  return `<section class="fields-section" aria-labelledby="fields-title" data-part="fields">
<h2 id="fields-title" class="visually-hidden">${escapeHtml(heading)}</h2>
<dl class="fields">
${rows.map(([name, value]) => `<dt>${escapeHtml(name)}</dt><dd>${value}</dd>`).join('\n')}
</dl>
</section>`;
}

export function renderNoData(input: DetailsInput): string {
  const text = input.loading
    ? l10n.t('Loading the sub-job…')
    : input.stopped
      ? // Refresh is disabled while the panel is not refreshed: the notice above says what would bring it back.
        l10n.t('No data for this sub-job yet.')
      : l10n.t('No data for this sub-job yet. Use Refresh to fetch it.');
  const ref = input.subJobRef;
  const rows: Array<[string, string]> = ref
    ? [
        [l10n.t({ message: 'Sub-job ID', comment: ['A sub-job field'] }), valueOrEmpty(ref.id, true)],
        [l10n.t({ message: 'Job type', comment: ['A sub-job field'] }), valueOrEmpty(ref.jobType)],
        [l10n.t({ message: 'Parent job ID', comment: ['A sub-job field'] }), valueOrEmpty(ref.jobId, true)],
      ]
    : [];
  return `<p class="placeholder" data-part="placeholder"${input.loading ? ' aria-busy="true"' : ''}>${escapeHtml(text)}</p>
${rows.length ? `<dl class="fields" data-part="reference">\n${rows.map(([n, v]) => `<dt>${escapeHtml(n)}</dt><dd>${v}</dd>`).join('\n')}\n</dl>` : ''}`;
}
