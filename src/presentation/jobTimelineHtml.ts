import * as l10n from '@vscode/l10n';
import type { TimelineBar, TimelineView, TimelineWords } from '../model/jobProtocol';
import { displayLocale, formatCount } from '../model/locale';
import { STATUSES, SubJob, subJobLabel } from '../model/subJob';
import { formatDateTime } from '../model/time';
import { checkedTimeZone } from '../model/timeZone';
import type { DetailsFailure } from './detailsFailure';
import { escapeHtml, intlText, statusBadge, statusIcon } from './detailsMarkup';
import { renderFailure, renderStopped } from './detailsSections';
import {
  beginOf,
  byBeginTime,
  endOf,
  durationStats,
  failureGroups,
  isJobLive,
  isRunning,
  ParentJob,
  statusCounts,
  timelineScale,
  timeOf,
} from './jobTimeline';
import { axisTicks, MAX_TICKS } from './jobTimelineAxis';
import { formatBarTime, formatMs, soFar } from './jobTimelineFormat';
import { renderSummary } from './jobTimelineSummary';
import { webviewDocument } from './webviewDocument';
import { statusStyle } from './statusStyle';

/** What a timeline panel knows when it draws. */
export interface TimelineInput {
  readonly jobId: string;
  /** The last good answer; kept while refreshes fail. */
  readonly job?: ParentJob;
  /** Names the project (or sample data) the job comes from. */
  readonly sourceLabel?: string;
  /** Epoch ms of the last good answer. */
  readonly lastUpdated?: number;
  readonly failure?: DetailsFailure;
  /** Why it is not followed any more (its session ended…): a neutral notice. */
  readonly stopped?: string;
  /** The service no longer knows the job. */
  readonly gone?: boolean;
  readonly nowMs: number;
  /** The refresh interval, in ms: a live axis leaves this much room for bars to grow. */
  readonly intervalMs: number;
  /** The zone the panel's webview runs in (the user's): every time is shown in it; undefined: this machine's. */
  readonly timeZone?: string;
}

export function timelineTitle(jobId: string): string {
  return l10n.t({
    message: 'Job {0}',
    args: [jobId],
    comment: ['Tab title of the parent job timeline; {0} is the job id'],
  });
}

/** The webview document: a shell the script fills from render messages. */
export function renderTimelineDocument(input: {
  readonly title: string;
  readonly cspSource: string;
  readonly nonce: string;
  readonly styleUris: readonly string[];
  readonly scriptUri: string;
}): string {
  return webviewDocument({
    ...input,
    main: `<main id="timeline" data-locale="${escapeHtml(displayLocale())}">
<p class="placeholder">${escapeHtml(l10n.t('Loading the job…'))}</p>
</main>`,
  });
}

/** Everything one render message carries. */
export function timelineView(input: TimelineInput): TimelineView {
  const job = input.job;
  const subJobs = job ? byBeginTime(job.subJobs) : [];
  const live = isLive(input);
  const scale = job
    ? timelineScale(job, input.nowMs, input.intervalMs, live)
    : { startMs: input.nowMs, endMs: input.nowMs + 60_000 };
  // Checked once per render: a page's zone is data, and thousands of bars share it.
  const zone = checkedTimeZone(input.timeZone);
  const words = barWords(zone);
  // A Map, not an object: a status is whatever the API sent ("constructor" included).
  const icons = new Map<string, string>();
  for (const status of [...STATUSES, ...subJobs.map((s) => s.status)])
    if (!icons.has(status)) icons.set(status, statusIcon(status, 'status-icon small'));
  return {
    title: timelineTitle(input.jobId),
    headerHtml: renderHeader(input, subJobs, zone),
    noticeHtml: renderNotice(input, zone),
    summaryHtml: job ? renderSummary(durationStats(subJobs, input.nowMs), failureGroups(subJobs)) : '',
    scale,
    nowMs: input.nowMs,
    live,
    ticks: axisTicks(scale, MAX_TICKS, zone),
    icons: [...icons],
    words: timelineWords(),
    bars: subJobs.map((s) => bar(s, input.nowMs, words)),
  };
}

/** The words every bar repeats, looked up once per render rather than once per bar. */
interface BarWords {
  readonly status: (status: string) => string;
  readonly soFar: (duration: string) => string;
  readonly running: string;
  readonly unknown: string;
  readonly timeZone: string | undefined;
}

function barWords(timeZone: string | undefined): BarWords {
  const titles = new Map<string, string>();
  const marker = '\u0000';
  const soFarText = soFar(marker);
  return {
    status: (status) => {
      let title = titles.get(status);
      if (title === undefined) titles.set(status, (title = statusStyle(status).title));
      return title;
    },
    soFar: (duration) => soFarText.replace(marker, duration),
    running: l10n.t('running'),
    unknown: l10n.t({
      message: 'unknown',
      comment: ['The end time of a sub-job that ended without a readable end_time'],
    }),
    timeZone,
  };
}

function bar(subJob: SubJob, nowMs: number, words: BarWords): TimelineBar {
  const beginMs = beginOf(subJob);
  const endMs = endOf(subJob);
  const running = isRunning(subJob);
  const endUnknown = !running && beginMs !== undefined && endMs === undefined;
  const end = endMs ?? (running ? Math.max(nowMs, beginMs ?? nowMs) : undefined);
  const missing = '—';
  const duration =
    beginMs !== undefined && end !== undefined && end >= beginMs
      ? running
        ? words.soFar(formatMs(end - beginMs))
        : formatMs(end - beginMs)
      : missing;
  return {
    id: subJob.id,
    name: subJobLabel(subJob),
    status: subJob.status,
    statusText: words.status(subJob.status),
    ...(beginMs !== undefined && { beginMs }),
    ...(endMs !== undefined && { endMs }),
    running,
    ...(endUnknown && { endUnknown }),
    begin: beginMs !== undefined ? formatBarTime(beginMs, words.timeZone) : missing,
    end:
      endMs !== undefined
        ? formatBarTime(endMs, words.timeZone)
        : running
          ? words.running
          : endUnknown
            ? words.unknown
            : missing,
    duration,
    errorCode: subJob.errorCode,
  };
}

function timelineWords(): TimelineWords {
  return {
    listLabel: l10n.t('Sub-jobs by begin time'),
    barLabel: l10n.t({
      message: '{0} — {1}: {2} to {3}, {4}',
      comment: ['Said for a timeline bar: {0} resource name, {1} status, {2} begin time, {3} end time, {4} duration'],
    }),
    showTable: l10n.t({ message: 'Table', comment: ['Toggle button: shows the sub-jobs as a table instead of bars'] }),
    refresh: l10n.t({ message: 'Refresh', comment: ['Button of the parent job timeline: looks the job up now'] }),
    tableCaption: l10n.t('Sub-jobs of the job, by begin time'),
    columns: [
      l10n.t('Resource'),
      l10n.t('Status'),
      l10n.t('Begin time'),
      l10n.t('End time'),
      l10n.t('Duration'),
      l10n.t('Error code'),
    ],
    hint: l10n.t('Hover over or focus a bar (↑/↓) to read it here; Enter or a click opens its details.'),
    empty: l10n.t('The job has no sub-jobs to show.'),
  };
}

function renderHeader(input: TimelineInput, subJobs: readonly SubJob[], zone: string | undefined): string {
  const dateTime = (ms: number) => intlText(formatDateTime(ms, displayLocale(), zone));
  const job = input.job;
  const jobType = job?.jobType || mostCommonJobType(subJobs);
  const subtitle = [
    job ? statusBadge(job.status) : '',
    jobType ? `<span>${escapeHtml(jobType)}</span>` : '',
    input.sourceLabel ? `<span>${escapeHtml(input.sourceLabel)}</span>` : '',
  ].filter(Boolean);
  const fields: string[] = [];
  if (job) {
    const begin = timeOf(job.beginTime) ?? timeOf(subJobs[0]?.beginTime ?? '');
    const end = timeOf(job.endTime);
    const live = isLive(input);
    fields.push(field(l10n.t('Begin time'), begin !== undefined ? dateTime(begin) : '—'));
    fields.push(
      field(l10n.t('End time'), end !== undefined ? dateTime(end) : escapeHtml(live ? l10n.t('running') : '—')),
    );
    // Not live and no end (gone, stopped): how long it took is not known.
    const until = live ? input.nowMs : end;
    if (begin !== undefined && until !== undefined) {
      const total = formatMs(Math.max(0, until - begin));
      fields.push(field(l10n.t('Total duration'), intlText(live ? soFar(total) : total)));
    }
    fields.push(field(l10n.t('Sub-jobs'), escapeHtml(subJobCount(job))));
  }
  const counts = statusCounts(subJobs)
    .map(
      ({ status, count }) =>
        `<li class="count" data-status="${escapeHtml(status)}">${statusBadge(status)} <span class="n">${escapeHtml(formatCount(count))}</span></li>`,
    )
    .join('');
  const live = isLive(input)
    ? `<span class="sep" aria-hidden="true">·</span>${escapeHtml(l10n.t('Refreshed every interval until the job ends'))}`
    : '';
  const updated =
    input.lastUpdated !== undefined
      ? `<p class="updated">${escapeHtml(l10n.t('Last updated {0}', formatDateTime(input.lastUpdated, displayLocale(), zone)))}${live}</p>`
      : '';
  return `<header class="header" data-part="header">
<div class="title-row">
${job ? statusIcon(job.status, 'status-icon large') : ''}
<div class="title-text">
<h1 id="title">${escapeHtml(timelineTitle(input.jobId))}</h1>
<p class="subtitle">${subtitle.join('<span class="sep" aria-hidden="true">·</span>')}</p>
</div>
</div>
${fields.length ? `<dl class="fields job-fields">${fields.join('')}</dl>` : ''}
${counts ? `<ul class="counts" aria-label="${escapeHtml(l10n.t('Sub-jobs per status'))}">${counts}</ul>` : ''}
${updated}
</header>`;
}

/** Still followed: the job moves, and neither the session nor the service let go of it. */
function isLive(input: TimelineInput): boolean {
  return input.job !== undefined && isJobLive(input.job) && !input.stopped && !input.gone;
}

/** "1,998 of 2,000 (2 not readable, see the log)" when the answer did not hold every sub-job. */
function subJobCount(job: ParentJob): string {
  const held = job.subJobs.length;
  const total = job.subJobsTotal ?? held;
  const count =
    total > held
      ? l10n.t({
          message: '{0} of {1}',
          args: [formatCount(held), formatCount(total)],
          comment: ['Sub-jobs shown of those the job has, e.g. "1,998 of 2,000"'],
        })
      : formatCount(held);
  return job.rejected?.length
    ? l10n.t({
        message: '{0} ({1} not readable, see the log)',
        args: [count, formatCount(job.rejected.length)],
        comment: ['{0} the sub-job count; {1} how many sub-jobs of the answer could not be read'],
      })
    : count;
}

function field(name: string, valueHtml: string): string {
  return `<dt>${escapeHtml(name)}</dt><dd>${valueHtml}</dd>`;
}

/** A parent job runs one job type; where the answer does not name it, its sub-jobs do. */
function mostCommonJobType(subJobs: readonly SubJob[]): string {
  const counts = new Map<string, number>();
  for (const { jobType } of subJobs) if (jobType) counts.set(jobType, (counts.get(jobType) ?? 0) + 1);
  return [...counts.entries()].sort((a, b) => b[1] - a[1])[0]?.[0] ?? '';
}

function renderNotice(input: TimelineInput, zone: string | undefined): string {
  const hasData = input.job !== undefined;
  if (input.stopped) return renderStopped(input.stopped, hasData, input.lastUpdated, zone);
  if (input.failure) return renderFailure(input.failure, hasData, input.lastUpdated, zone);
  if (input.gone)
    return renderStopped(
      hasData
        ? l10n.t('The API no longer knows this job: it may have been deleted. Showing the last data received.')
        : l10n.t('The API does not know this job: check the job id and the project.'),
      false,
      undefined,
    );
  return '';
}
