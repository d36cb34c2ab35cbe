import * as l10n from '@vscode/l10n';
import { renderResource } from './detailsResource';
import { DetailsAction } from '../model/detailsProtocol';
import { DetailsSource, detailsState } from '../model/detailsState';
import { SubJob, subJobLabel } from '../model/subJob';
import type { SubJobRef } from '../model/subJobRef';
import { displayLocale } from '../model/locale';
import type { DetailsFailure } from './detailsFailure';
import { escapeHtml, ICONS, statusBadge, statusIcon, svg } from './detailsMarkup';
import { webviewDocument } from './webviewDocument';
import {
  renderErrorBlock,
  renderFailure,
  renderFields,
  renderLastUpdated,
  renderNoData,
  renderNotFound,
  renderStopped,
} from './detailsSections';

export interface DetailsInput {
  /** The last good data; kept while refreshes fail. */
  readonly subJob?: SubJob;
  /** Identifies the sub-job while there is no data yet (a restored panel). */
  readonly subJobRef?: SubJobRef;
  /** The project (or simulator) the panel was opened for; kept so a restored panel asks the same one. */
  readonly source?: DetailsSource;
  /** Epoch ms of the last good data. */
  readonly lastUpdated?: number;
  readonly failure?: DetailsFailure;
  /** The last lookup did not find the sub-job any more (deleted, or another project). */
  readonly notFound?: boolean;
  /** Why the panel is no longer refreshed (its session ended): a neutral notice, not a failure. */
  readonly stopped?: string;
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
  /** The zone the panel's webview runs in (the user's): its times are shown in it; undefined: this machine's. */
  readonly timeZone?: string;
}

/**
 * The panel title: what a person recognises the sub-job by, and whether the next click replaces
 * the panel. A webview's tab cannot be set in italics as a preview editor's is: the word says it.
 */
export function detailsTitle(input: Pick<DetailsInput, 'subJob' | 'subJobRef' | 'preview'>): string {
  const title = subJobTitle(input);
  return input.preview
    ? l10n.t({
        message: '{0} (Preview)',
        args: [title],
        comment: [
          'Tab title of a preview details panel, which the next sub-job clicked replaces; {0} is the sub-job title',
        ],
      })
    : title;
}

function subJobTitle(input: Pick<DetailsInput, 'subJob' | 'subJobRef'>): string {
  if (input.subJob) return l10n.t('Sub-job {0}', subJobLabel(input.subJob));
  const id = input.subJobRef?.id ?? '';
  return id
    ? l10n.t('Sub-job {0}', id).trim()
    : l10n.t({ message: 'Sub-job', comment: ['Title of the details panel of a sub-job not known yet'] });
}

/** The whole webview document. */
export function renderDetailsHtml(input: DetailsInput): string {
  const state = detailsState(input);
  return webviewDocument({
    title: detailsTitle(input),
    cspSource: input.cspSource,
    nonce: input.nonce,
    styleUris: [input.styleUri],
    scriptUri: input.scriptUri,
    main: `<main id="details" data-locale="${escapeHtml(displayLocale())}" data-state="${escapeHtml(state ? JSON.stringify(state) : '')}">
${renderDetailsBody(input)}
</main>`,
  });
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
    input.stopped ? renderStopped(input.stopped, subJob !== undefined, input.lastUpdated, input.timeZone) : '',
    input.failure ? renderFailure(input.failure, subJob !== undefined, input.lastUpdated, input.timeZone) : '',
    // Whether the sub-job still exists is unknown while refreshes fail: an older "not found" is not repeated beside it.
    input.notFound && !input.failure ? renderNotFound(subJob !== undefined) : '',
    subJob ? renderErrorBlock(subJob) : '',
    subJob ? renderFields(subJob, input.now, input.timeZone) : renderNoData(input),
    subJob ? renderResource(subJob) : '',
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
    // Disabled while the panel is not refreshed (no credentials, a filter…): it could do nothing until the sessions change.
    button(
      'refresh',
      l10n.t({ message: 'Refresh', comment: ['Button of the details panel'] }),
      !input.stopped,
      'primary',
    ),
    button(
      'show-job',
      l10n.t({
        message: 'Show Parent Job',
        comment: ["Button of the details panel: opens the timeline of the sub-job's parent job"],
      }),
      Boolean(jobId) && !input.stopped,
    ),
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
  let preview = '';
  if (input.preview) {
    const note = l10n.t(
      'Preview: the next sub-job you click in the view opens here. Use Keep Open, or double-click the sub-job in the view, to keep it.',
    );
    preview = `<p class="preview-note">${escapeHtml(note)}</p>\n`;
  }
  return `<header class="header" data-part="header">
<div class="title-row">
${subJob ? statusIcon(subJob.status, 'status-icon large') : ''}
<div class="title-text">
<h1 id="title">${escapeHtml(heading)}</h1>
<p class="subtitle">${subtitle}</p>
${preview}</div>
</div>
<div class="toolbar" role="toolbar" aria-label="${escapeHtml(l10n.t('Sub-job actions'))}">
${rovingTabStops(buttons).join('\n')}
</div>
</header>`;
}

function button(action: DetailsAction, label: string, enabled: boolean, kind = 'secondary'): string {
  const paths =
    action === 'refresh'
      ? ICONS.refresh
      : action === 'pin'
        ? ICONS.pin
        : action === 'show-job'
          ? ICONS.timeline
          : ICONS.copy;
  const icon = svg(paths, 'button-icon');
  const disabled = enabled ? '' : ' disabled';
  return `<button type="button" class="${kind}" data-action="${action}"${disabled} tabindex="-1">${icon}<span>${escapeHtml(label)}</span></button>`;
}

/**
 * The toolbar is one tab stop (the WAI-ARIA toolbar pattern): its first enabled button; the arrow
 * keys move among the others (media/details.js).
 */
function rovingTabStops(buttons: readonly string[]): string[] {
  const first = buttons.findIndex((b) => !b.includes(' disabled'));
  return buttons.map((b, i) => (i === first ? b.replace('tabindex="-1"', 'tabindex="0"') : b));
}
