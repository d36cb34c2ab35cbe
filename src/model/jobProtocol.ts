// The messages between a parent job's timeline panel (the extension) and its script (the webview),
// one typed union per direction, as detailsProtocol.ts does for the details panel.
import type { Handlers, Parsed } from './detailsProtocol';
import type { TimelineScale } from './timelineScale';
import { checkedTimeZone } from './timeZone';
import { isRecord } from './validate';

/** One sub-job as the timeline draws it. Every text is plain text: the script sets it as text, never as markup. */
export interface TimelineBar {
  readonly id: string;
  /** Resource name, else resource id, else the sub-job id. */
  readonly name: string;
  readonly status: string;
  /** The status in the display language. */
  readonly statusText: string;
  /** Undefined: no begin time (not started), no bar. */
  readonly beginMs?: number;
  /** Undefined while it runs: the bar reaches now. */
  readonly endMs?: number;
  readonly running: boolean;
  /** It ended but its end time is missing or unreadable: a tick at its begin, not a bar to now. */
  readonly endUnknown?: boolean;
  /** Local times and the duration, worded ("—" when missing). */
  readonly begin: string;
  readonly end: string;
  readonly duration: string;
  readonly errorCode: string;
}

/** The words the script needs (it has no l10n bundle of its own). */
export interface TimelineWords {
  /** The bars' list, for a screen reader. */
  readonly listLabel: string;
  /** "{0} — {1}: {2} to {3}, {4}": name, status, begin, end, duration; said on hover and focus. */
  readonly barLabel: string;
  /** The toggle button (pressed: the table is shown instead of the bars). */
  readonly showTable: string;
  /** The Refresh button: the session's engine looks the job up now. */
  readonly refresh: string;
  /** The table's caption and column headers: name, status, begin, end, duration, error code. */
  readonly tableCaption: string;
  readonly columns: readonly string[];
  /** Shown under the chart before a bar is hovered or focused. */
  readonly hint: string;
  /** Said when the job has no sub-jobs (yet). */
  readonly empty: string;
}

/** Everything a render draws. The *Html parts are markup the extension built, every API string escaped. */
export interface TimelineView {
  readonly title: string;
  readonly headerHtml: string;
  /** A failed refresh, a stopped follow: '' when there is nothing to say. */
  readonly noticeHtml: string;
  readonly summaryHtml: string;
  readonly scale: TimelineScale;
  /** The extension's clock when rendered: the script grows running bars from it. */
  readonly nowMs: number;
  /** The job is still followed: running bars grow between updates. */
  readonly live: boolean;
  readonly ticks: ReadonlyArray<{ readonly atMs: number; readonly label: string }>;
  /** Per status, the icon's markup (the same drawings as the details panel's): pairs, as a status is any string. */
  readonly icons: ReadonlyArray<readonly [status: string, svg: string]>;
  readonly words: TimelineWords;
  /** Sorted by begin time. */
  readonly bars: readonly TimelineBar[];
  /** What the webview keeps for a window reload: where to find the job again. */
  readonly state?: TimelinePanelState;
}

/**
 * What a timeline panel keeps across a window reload: pointers (its session's key and its job's id),
 * never the job itself: the restored panel looks both up again.
 */
export interface TimelinePanelState {
  readonly sessionKey: string;
  readonly jobId: string;
}

/** A saved state read back: a new object with only the known fields, or undefined (another version's, or none). */
export function parseTimelinePanelState(value: unknown): TimelinePanelState | undefined {
  if (!isRecord(value)) return undefined;
  const { sessionKey, jobId } = value;
  if (typeof sessionKey !== 'string' || !sessionKey || sessionKey.length > 2048) return undefined;
  if (typeof jobId !== 'string' || !jobId.trim() || jobId.length > MAX_JOB_ID_CHARS) return undefined;
  return { sessionKey, jobId: jobId.trim() };
}

/** From the script to the extension. */
export type TimelineScriptMessage =
  /** The page loaded; `timeZone`: the zone it runs in (the user's), left out when it is not a zone. */
  | { readonly type: 'ready'; readonly timeZone?: string }
  | { readonly type: 'refresh' }
  /** Enter or a click on a bar: the sub-job's details panel. */
  | { readonly type: 'open'; readonly id: string }
  /** A render was drawn: how long the page took, up to its next frame (logged, never acted on). */
  | { readonly type: 'drawn'; readonly ms: number; readonly bars: number };

/** From the extension to the script. */
export type TimelinePanelMessage =
  { readonly type: 'render'; readonly view: TimelineView } | { readonly type: 'announce'; readonly text: string };

export type TimelineHandlers = Handlers<TimelineScriptMessage>;

export const timelineScriptMessages = {
  ready: (timeZone?: string): TimelineScriptMessage => ({ type: 'ready', ...(timeZone && { timeZone }) }),
  refresh: (): TimelineScriptMessage => ({ type: 'refresh' }),
  open: (id: string): TimelineScriptMessage => ({ type: 'open', id }),
  drawn: (ms: number, bars: number): TimelineScriptMessage => ({ type: 'drawn', ms, bars }),
};

export const timelinePanelMessages = {
  render: (view: TimelineView): TimelinePanelMessage => ({ type: 'render', view }),
  announce: (text: string): TimelinePanelMessage => ({ type: 'announce', text }),
};

/** A sub-job id is at most this long: anything longer is not one (the page is data, not trust). */
const MAX_ID_CHARS = 128;
/** The longest job id either family's look-up takes (ShowJobDetail: 255). */
const MAX_JOB_ID_CHARS = 255;

/** What the script posted, checked: a new object with only the known fields, or why it was refused. */
export function parseTimelineScriptMessage(value: unknown): Parsed<TimelineScriptMessage> {
  if (!isRecord(value)) return { ok: false, reason: 'not an object' };
  switch (value.type) {
    case 'ready':
      // A zone that is not one is dropped, not the message: the panel falls back to the host's zone.
      return { ok: true, message: timelineScriptMessages.ready(checkedTimeZone(value.timeZone)) };
    case 'refresh':
      return { ok: true, message: timelineScriptMessages.refresh() };
    case 'open':
      return typeof value.id === 'string' && value.id.length > 0 && value.id.length <= MAX_ID_CHARS
        ? { ok: true, message: timelineScriptMessages.open(value.id) }
        : { ok: false, reason: 'an open without a sub-job id' };
    case 'drawn':
      return isCount(value.ms) && isCount(value.bars)
        ? { ok: true, message: timelineScriptMessages.drawn(value.ms, value.bars) }
        : { ok: false, reason: 'a drawn without its numbers' };
    default:
      return { ok: false, reason: 'unknown type' };
  }
}

/** What the extension posted, checked by the script: the shape, not every field (the extension built it). */
export function parseTimelinePanelMessage(value: unknown): Parsed<TimelinePanelMessage> {
  if (!isRecord(value)) return { ok: false, reason: 'not an object' };
  if (value.type === 'announce' && typeof value.text === 'string')
    return { ok: true, message: timelinePanelMessages.announce(value.text) };
  const view = value.view;
  if (value.type === 'render' && isRecord(view) && Array.isArray(view.bars) && isRecord(view.scale))
    return { ok: true, message: timelinePanelMessages.render(view as unknown as TimelineView) };
  return { ok: false, reason: 'unknown message' };
}

function isCount(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0 && value < 1e9;
}
