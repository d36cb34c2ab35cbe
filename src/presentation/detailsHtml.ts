import * as l10n from '@vscode/l10n';
import { ApiError, describeError, NetworkError, ResponseError } from '../api/errors';
import type { SubJobRef } from '../api/subJobClient';
import { isActiveStatus, isJobType, SubJob, subJobLabel } from '../model/subJob';
import { displayLocale, wordsLocale } from '../model/locale';
import { formatDateTime, formatDuration, formatRelativeTime } from '../model/time';
import { isRecord } from '../model/validate';
import { statusStyle } from './statusStyle';

/** Why the last refresh of a details panel failed, with what Huawei support asks for. */
export interface DetailsFailure {
  readonly message: string;
  readonly status?: number;
  readonly errorCode?: string;
  readonly errorMsg?: string;
  readonly requestId?: string;
}

export interface DetailsInput {
  /** The last good data; kept while refreshes fail. */
  readonly subJob?: SubJob;
  /** Identifies the sub-job while there is no data yet (a restored panel). */
  readonly subJobRef?: SubJobRef;
  /** The project (or simulator) the panel was opened for; kept so a restored panel asks the same one. */
  readonly source?: { readonly key: string; readonly label: string };
  /** Epoch ms of the last good data. */
  readonly lastUpdated?: number;
  readonly failure?: DetailsFailure;
  /** The last lookup did not find the sub-job any more (deleted, or another project). */
  readonly notFound?: boolean;
  /** A fetch is running and there is nothing to show yet. */
  readonly loading: boolean;
  /** A fetch is running. */
  readonly refreshing: boolean;
  /** Seconds between automatic refreshes, to say so in the panel; omitted says nothing. */
  readonly autoRefreshSeconds?: number;
  /** A preview panel: the next sub-job clicked in the tree replaces it, unless it is kept open. */
  readonly preview?: boolean;
  readonly cspSource: string;
  readonly nonce: string;
  readonly styleUri: string;
  readonly scriptUri: string;
  readonly now: number;
}

/** What the webview persists so the panel survives a window reload. */
export interface DetailsState {
  readonly subJobRef: SubJobRef;
  readonly source?: { readonly key: string; readonly label: string };
  readonly subJob?: SubJob;
  readonly lastUpdated?: number;
}

/** Buttons' data-action values; the webview script posts the matching message. */
export const DETAILS_ACTIONS = ['refresh', 'copy-id', 'copy-jobId', 'copy-resourceId', 'copy-json', 'pin'] as const;
export type DetailsAction = (typeof DETAILS_ACTIONS)[number];

/** Escapes text for HTML element content and quoted attribute values alike. */
export function escapeHtml(value: unknown): string {
  return String(value ?? '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

/** 'charts.blue' → '--vscode-charts-blue', the CSS variable VS Code defines for a theme colour. */
export function themeColorVariable(colorId: string): string {
  return `--vscode-${colorId.replace(/\./g, '-')}`;
}

/** The class media/details.css colours with a theme colour's variable (no inline styles under the CSP); '' for none. */
export function themeColorClass(colorId: string | undefined): string {
  return colorId ? `tc-${colorId.replace(/\./g, '-')}` : '';
}

export function subJobRefOf(subJob: SubJob): SubJobRef {
  return {
    id: subJob.id,
    jobType: subJob.jobType,
    jobId: subJob.jobId,
    status: subJob.status,
    ...(subJob.listedAs && { listedAs: subJob.listedAs }),
  };
}

/** A refresh error as the panel shows it; never a stack trace. */
export function failureFromError(error: unknown): DetailsFailure {
  if (error instanceof ApiError) {
    return {
      message: apiErrorHeadline(error),
      status: error.status,
      errorCode: error.errorCode || undefined,
      errorMsg: error.errorMsg || undefined,
      requestId: error.requestId || undefined,
    };
  }
  if (error instanceof ResponseError) return { message: describeError(error), requestId: error.requestId || undefined };
  if (error instanceof NetworkError) {
    return {
      message: l10n.t(
        'Cannot reach {0}: {1}. Check the endpoint, the http.proxy setting and the network; the log (Workspace Jobs: Show Log) has each attempt.',
        error.endpoint,
        error.causeText,
      ),
    };
  }
  return { message: describeError(error) };
}

function apiErrorHeadline(error: ApiError): string {
  if (error.isAuthFailure)
    return l10n.t(
      "The API refused the credentials (HTTP {0}). Set a new token or check the project's permissions.",
      error.status,
    );
  if (error.status === 429)
    return l10n.t('The API is throttling requests (HTTP 429). The next refresh will try again.');
  if (error.status >= 500) return l10n.t('The API had a problem answering (HTTP {0}).', error.status);
  return l10n.t('The API answered with an error (HTTP {0}).', error.status);
}

/** The persisted webview state, if it is one this version understands. */
export function parseDetailsState(value: unknown): DetailsState | undefined {
  if (!isRecord(value) || !isRecord(value.subJobRef)) return undefined;
  const ref = value.subJobRef;
  if (typeof ref.id !== 'string' || !ref.id || typeof ref.jobType !== 'string' || typeof ref.jobId !== 'string')
    return undefined;
  const subJobRef: SubJobRef = {
    id: ref.id,
    jobType: ref.jobType,
    jobId: ref.jobId,
    ...(typeof ref.status === 'string' && ref.status && { status: ref.status }),
    ...(isJobType(ref.listedAs) && { listedAs: ref.listedAs }),
  };
  const subJob = parseSubJob(value.subJob, subJobRef.id);
  const lastUpdated =
    subJob && typeof value.lastUpdated === 'number' && Number.isFinite(value.lastUpdated)
      ? value.lastUpdated
      : undefined;
  const source =
    isRecord(value.source) && typeof value.source.key === 'string' && typeof value.source.label === 'string'
      ? { key: value.source.key, label: value.source.label }
      : undefined;
  return { subJobRef, subJob, lastUpdated, ...(source && { source }) };
}

const SUB_JOB_STRING_FIELDS = [
  'id',
  'jobType',
  'resourceId',
  'resourceName',
  'beginTime',
  'endTime',
  'errorCode',
  'errorMessage',
  'projectId',
  'jobId',
] as const;

function parseSubJob(value: unknown, id: string): SubJob | undefined {
  if (!isRecord(value) || value.id !== id || typeof value.status !== 'string' || !value.status) return undefined;
  if (!SUB_JOB_STRING_FIELDS.every((field) => typeof value[field] === 'string')) return undefined;
  const subJob: Record<string, unknown> = { status: value.status };
  for (const field of SUB_JOB_STRING_FIELDS) subJob[field] = value[field];
  if (isJobType(value.listedAs)) subJob.listedAs = value.listedAs;
  return subJob as unknown as SubJob;
}

export function detailsState(
  input: Pick<DetailsInput, 'subJob' | 'subJobRef' | 'lastUpdated' | 'source'>,
): DetailsState | undefined {
  const subJobRef = input.subJob ? subJobRefOf(input.subJob) : input.subJobRef;
  if (!subJobRef) return undefined;
  const source = input.source && { key: input.source.key, label: input.source.label };
  return input.subJob
    ? { subJobRef, subJob: input.subJob, lastUpdated: input.lastUpdated, ...(source && { source }) }
    : { subJobRef, ...(source && { source }) };
}

/** The panel title: what a person recognises the sub-job by. */
export function detailsTitle(input: Pick<DetailsInput, 'subJob' | 'subJobRef'>): string {
  if (input.subJob) return l10n.t('Sub-job {0}', subJobLabel(input.subJob));
  const id = input.subJobRef?.id ?? '';
  return id
    ? l10n.t('Sub-job {0}', id).trim()
    : l10n.t({ message: 'Sub-job', comment: ['Title of the details panel of a sub-job not known yet'] });
}

/** The whole webview document. */
export function renderDetailsHtml(input: DetailsInput): string {
  const csp = `default-src 'none'; style-src ${input.cspSource}; script-src 'nonce-${input.nonce}'; img-src ${input.cspSource} data:;`;
  const state = detailsState(input);
  return `<!DOCTYPE html>
<html lang="${escapeHtml(wordsLocale())}">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${escapeHtml(csp)}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${escapeHtml(input.styleUri)}">
<title>${escapeHtml(detailsTitle(input))}</title>
</head>
<body>
<main id="details" data-locale="${escapeHtml(displayLocale())}" data-state="${escapeHtml(state ? JSON.stringify(state) : '')}">
${renderDetailsBody(input)}
</main>
<script nonce="${escapeHtml(input.nonce)}" src="${escapeHtml(input.scriptUri)}"></script>
</body>
</html>`;
}

/**
 * The content of `<main id="details">`. Each top-level part carries a `data-part`: the webview script
 * replaces only the parts whose markup changed, so an unchanged alert is not announced again.
 */
export function renderDetailsBody(input: DetailsInput): string {
  const { subJob } = input;
  return [
    renderHeader(input),
    renderLastUpdated(input),
    input.failure ? renderFailure(input.failure, subJob !== undefined, input.lastUpdated) : '',
    // Whether the sub-job still exists is unknown while refreshes fail: an older "not found" is not repeated beside it.
    input.notFound && !input.failure ? renderNotFound(subJob !== undefined) : '',
    subJob ? renderErrorBlock(subJob) : '',
    subJob ? renderFields(subJob, input.now) : renderNoData(input),
  ]
    .filter(Boolean)
    .join('\n');
}

function renderHeader(input: DetailsInput): string {
  const { subJob } = input;
  const id = subJob?.id ?? input.subJobRef?.id ?? '';
  const heading = subJob
    ? subJobLabel(subJob)
    : id
      ? l10n.t('Sub-job {0}', id)
      : l10n.t({ message: 'Sub-job', comment: ['Title of the details panel of a sub-job not known yet'] });
  const subtitle = subJob
    ? `${statusBadge(subJob.status)}<span class="sep" aria-hidden="true">·</span><span>${escapeHtml(subJob.jobType || l10n.t('unknown job type'))}</span>`
    : `<span>${escapeHtml(input.subJobRef?.jobType ?? '')}</span>`;
  const jobId = subJob?.jobId ?? input.subJobRef?.jobId ?? '';
  const buttons = [
    // Not marked busy while refreshing ("Refreshing…" says so below): a header that changed at each
    // poll would be replaced, and a focused button with it.
    button('refresh', l10n.t({ message: 'Refresh', comment: ['Button of the details panel'] }), true, 'primary'),
    button('copy-id', l10n.t({ message: 'Copy Sub-Job ID', comment: ['Button of the details panel'] }), Boolean(id)),
    button(
      'copy-jobId',
      l10n.t({ message: 'Copy Job ID', comment: ['Button of the details panel: copies the parent job id'] }),
      Boolean(jobId),
    ),
    button(
      'copy-resourceId',
      l10n.t({ message: 'Copy Resource ID', comment: ['Button of the details panel'] }),
      Boolean(subJob?.resourceId),
    ),
    button('copy-json', l10n.t({ message: 'Copy as JSON', comment: ['Button of the details panel'] }), Boolean(subJob)),
    ...(input.preview
      ? [
          button(
            'pin',
            l10n.t({
              message: 'Keep Open',
              comment: [
                'Button of a preview details panel: keeps it open instead of letting the next sub-job clicked replace it',
              ],
            }),
            true,
          ),
        ]
      : []),
  ];
  const preview = input.preview
    ? `<p class="preview-note">${escapeHtml(l10n.t('Preview: the next sub-job you click in the view opens here. Double-click a sub-job, or use a button here, to keep it.'))}</p>\n`
    : '';
  return `<header class="header" data-part="header">
<div class="title-row">
${subJob ? statusIcon(subJob.status, 'status-icon large') : ''}
<div class="title-text">
<h1 id="title">${escapeHtml(heading)}</h1>
<p class="subtitle">${subtitle}</p>
${preview}</div>
</div>
<div class="toolbar" role="toolbar" aria-label="${escapeHtml(l10n.t('Sub-job actions'))}">
${buttons.join('\n')}
</div>
</header>`;
}

function button(action: DetailsAction, label: string, enabled: boolean, kind = 'secondary'): string {
  const icon = svg(action === 'refresh' ? ICONS.refresh : action === 'pin' ? ICONS.pin : ICONS.copy, 'button-icon');
  return `<button type="button" class="${kind}" data-action="${action}"${enabled ? '' : ' disabled'}>${icon}<span>${escapeHtml(label)}</span></button>`;
}

function renderLastUpdated(input: DetailsInput): string {
  const parts: string[] = [];
  if (input.lastUpdated !== undefined) {
    const iso = new Date(input.lastUpdated).toISOString();
    const relative = formatRelativeTime(iso, input.now);
    // The time is HTML, escaped here; the words around it come from the bundle.
    const time =
      `<time datetime="${escapeHtml(iso)}" title="${escapeHtml(iso)}"${intlLang()}>${escapeHtml(localTime(input.lastUpdated))}</time>` +
      (relative
        ? ` <span class="relative" data-since="${input.lastUpdated}"${intlLang()}>(${escapeHtml(relative)})</span>`
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
  if (input.autoRefreshSeconds === undefined || !input.subJob) return '';
  if (input.notFound) return l10n.t('Not refreshed automatically while the sub-job is not found');
  if (!isActiveStatus(input.subJob.status)) return l10n.t('Finished: not refreshed automatically');
  if (input.autoRefreshSeconds <= 0) return l10n.t('Automatic refresh is off');
  return l10n.t({
    message: 'Refreshes every {0} s until the sub-job finishes',
    args: [input.autoRefreshSeconds],
    comment: ['{0} is a number of seconds; s is their unit'],
  });
}

function renderFailure(failure: DetailsFailure, hasData: boolean, lastUpdated: number | undefined): string {
  const rows: Array<[string, string]> = [];
  if (failure.status !== undefined) rows.push([l10n.t('HTTP status'), String(failure.status)]);
  if (failure.errorCode) rows.push(['error_code', failure.errorCode]);
  if (failure.errorMsg) rows.push(['error_msg', failure.errorMsg]);
  if (failure.requestId) rows.push(['X-Request-Id', failure.requestId]);
  const kept = hasData
    ? `<p class="hint">${escapeHtml(lastUpdated !== undefined ? l10n.t('Showing the last data received, from {0}.', localTime(lastUpdated)) : l10n.t('Showing the last data received.'))}</p>`
    : '';
  return `<section class="banner failure" role="alert" aria-labelledby="failure-title" data-part="failure">
<h2 id="failure-title">${svg(ICONS.error, 'banner-icon')}<span>${escapeHtml(l10n.t('Refresh failed'))}</span></h2>
<p class="message">${escapeHtml(failure.message)}</p>
${rows.length ? definitionList(rows, 'failure-fields') : ''}
${kept}
</section>`;
}

function renderNotFound(hasData: boolean): string {
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

function renderErrorBlock(subJob: SubJob): string {
  const heading = errorHeading(subJob.status);
  if (!heading) return '';
  const none = `<span class="empty">${escapeHtml(l10n.t({ message: 'none reported', comment: ['The value of error_code or error_message when the service sent none'] }))}</span>`;
  return `<section class="error-block status-${subJob.status.toLowerCase()}" role="alert" aria-labelledby="error-title" data-part="error">
<h2 id="error-title">${statusIcon(subJob.status, 'status-icon')}<span>${escapeHtml(heading)}</span></h2>
<dl class="error-fields">
<dt>error_code</dt><dd>${subJob.errorCode ? `<code class="mono selectable">${escapeHtml(subJob.errorCode)}</code>` : none}</dd>
<dt>error_message</dt><dd class="error-message selectable">${subJob.errorMessage ? escapeHtml(subJob.errorMessage) : none}</dd>
</dl>
</section>`;
}

function renderFields(subJob: SubJob, now: number): string {
  const style = statusStyle(subJob.status);
  const active = isActiveStatus(subJob.status);
  const rows: Array<[string, string]> = [
    [
      l10n.t({ message: 'Status', comment: ['A sub-job field'] }),
      `${statusIcon(subJob.status, 'status-icon')}<span class="status-title">${escapeHtml(style.title)}</span> <code class="mono">${escapeHtml(subJob.status)}</code>`,
    ],
    [l10n.t({ message: 'Job type', comment: ['A sub-job field'] }), valueOrEmpty(subJob.jobType)],
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
      ),
    ],
    [
      l10n.t({ message: 'End time', comment: ['A sub-job field'] }),
      timeValue(
        subJob.endTime,
        active ? l10n.t({ message: 'not finished yet', comment: ['The end time of a sub-job still running'] }) : '',
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
  return `<section class="fields-section" aria-labelledby="fields-title" data-part="fields">
<h2 id="fields-title" class="visually-hidden">${escapeHtml(l10n.t({ message: 'Fields', comment: ["Heading, for screen readers, of the list of a sub-job's fields"] }))}</h2>
<dl class="fields">
${rows.map(([name, value]) => `<dt>${escapeHtml(name)}</dt><dd>${value}</dd>`).join('\n')}
</dl>
</section>`;
}

function renderNoData(input: DetailsInput): string {
  const text = input.loading
    ? l10n.t('Loading the sub-job…')
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

/** Rows whose values are plain text, escaped here. */
function definitionList(rows: Array<[string, string]>, className: string): string {
  return `<dl class="${className}">\n${rows.map(([name, value]) => `<dt>${escapeHtml(name)}</dt><dd>${escapeHtml(value)}</dd>`).join('\n')}\n</dl>`;
}

function valueOrEmpty(value: string, mono = false): string {
  if (!value) return '<span class="empty">—</span>';
  return mono
    ? `<code class="mono selectable">${escapeHtml(value)}</code>`
    : `<span class="selectable">${escapeHtml(value)}</span>`;
}

function timeValue(iso: string, missing: string): string {
  if (!iso) return `<span class="empty">${missing ? escapeHtml(missing) : '—'}</span>`;
  const time = Date.parse(iso);
  if (Number.isNaN(time)) return `<span class="selectable">${escapeHtml(iso)}</span>`;
  return `<time datetime="${escapeHtml(iso)}"${intlLang()}>${escapeHtml(localTime(time))}</time> <code class="mono iso selectable">${escapeHtml(iso)}</code>`;
}

function durationValue(subJob: SubJob, active: boolean, now: number): string {
  const done = formatDuration(subJob.beginTime, subJob.endTime);
  if (done) return intlText(done);
  if (active && subJob.beginTime && !subJob.endTime) {
    const sofar = formatDuration(subJob.beginTime, new Date(now).toISOString());
    if (sofar)
      return `${intlText(sofar)} <span class="empty">${escapeHtml(l10n.t({ message: 'so far', comment: ['Follows the duration of a sub-job still running, e.g. "10 min 0 sec so far"'] }))}</span>`;
  }
  return '<span class="empty">—</span>';
}

/**
 * Times and durations come from Intl in the display language even when the words around them are
 * English (no bundle for it): their own lang lets a screen reader pick the right voice.
 */
function intlLang(): string {
  const locale = displayLocale();
  return locale === wordsLocale() ? '' : ` lang="${escapeHtml(locale)}"`;
}

/** Text from Intl, escaped, in a span that says its language when the words around it differ. */
function intlText(text: string): string {
  const lang = intlLang();
  return lang ? `<span${lang}>${escapeHtml(text)}</span>` : escapeHtml(text);
}

function localTime(epochMs: number): string {
  return formatDateTime(epochMs);
}

/** The status's word in the text colour (status colours are for icons: as text they fail contrast). */
function statusBadge(status: string): string {
  const style = statusStyle(status);
  return `<span class="status-badge">${statusIcon(status, 'status-icon small')}<span>${escapeHtml(style.title)}</span></span>`;
}

/** The status's codicon drawn inline (no icon font to load under the CSP), in the status's theme colour. */
function statusIcon(status: string, className: string): string {
  const style = statusStyle(status);
  const [name, modifier] = style.codicon.split('~');
  const classes = `${className} ${themeColorClass(style.color)}${modifier === 'spin' ? ' spin' : ''}`;
  return `<span class="${classes}" data-status="${escapeHtml(status)}" title="${escapeHtml(style.title)}" aria-hidden="true">${svg(ICONS[name] ?? ICONS.circle)}</span>`;
}

function svg(paths: string, className?: string): string {
  return `<svg${className ? ` class="${className}"` : ''} viewBox="0 0 16 16" width="16" height="16" fill="none" stroke="currentColor" stroke-width="1.5" stroke-linecap="round" stroke-linejoin="round" aria-hidden="true" focusable="false">${paths}</svg>`;
}

/** Simple 16×16 line drawings of the codicons STATUS_STYLES names, plus the buttons' icons. */
const ICONS: Record<string, string> = {
  sync: '<path d="M13.25 7.5a5.25 5.25 0 0 0-9.4-2.6"/><path d="M3.6 2.2v2.9h2.9"/><path d="M2.75 8.5a5.25 5.25 0 0 0 9.4 2.6"/><path d="M12.4 13.8v-2.9H9.5"/>',
  clock: '<circle cx="8" cy="8" r="6.25"/><path d="M8 4.5V8l2.5 1.75"/>',
  discard: '<path d="M5.5 2.75 2.5 5.75l3 3"/><path d="M2.75 5.75h6.5a4 4 0 0 1 0 8H5.5"/>',
  'circle-slash': '<circle cx="8" cy="8" r="6.25"/><path d="m3.6 12.4 8.8-8.8"/>',
  error: '<circle cx="8" cy="8" r="6.25"/><path d="m5.75 5.75 4.5 4.5m0-4.5-4.5 4.5"/>',
  warning: '<path d="M8 1.9 14.6 13.6H1.4z"/><path d="M8 6.25v3.5"/><path d="M8 11.75v.01"/>',
  pass: '<circle cx="8" cy="8" r="6.25"/><path d="m5.25 8.25 1.9 1.9 3.6-3.9"/>',
  circle: '<circle cx="8" cy="8" r="6.25"/>',
  refresh: '<path d="M13.25 8a5.25 5.25 0 1 1-1.54-3.71"/><path d="M12.25 1.75v2.9h-2.9"/>',
  pin: '<path d="M10 1.75 14.25 6l-2 .75-2.5 2.5-.5 3-1.5 1.5-5.5-5.5 1.5-1.5 3-.5 2.5-2.5z"/><path d="m5 11-3.25 3.25"/>',
  copy: '<rect x="5.25" y="5.25" width="8.5" height="8.5" rx="1"/><path d="M10.75 5.25v-2a1 1 0 0 0-1-1h-6.5a1 1 0 0 0-1 1v6.5a1 1 0 0 0 1 1h2"/>',
};
