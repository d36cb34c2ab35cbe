// The messages between a details panel (the extension) and its script (the webview), one typed union
// per direction. Both sides build and read messages only through this module, so a message type is
// spelled once, here; the compiler checks every sender and every handler against it.
import { DetailsState, parseDetailsState } from './detailsState';
import { checkedTimeZone } from './timeZone';
import { isRecord } from './validate';

/** What a copy button copies. */
export const COPY_TARGETS = ['id', 'jobId', 'resourceId', 'json'] as const;
export type CopyTarget = (typeof COPY_TARGETS)[number];

/** The panel's buttons, by their data-action; each posts the message `messageForAction` gives. */
export const DETAILS_ACTIONS = [
  'refresh',
  'show-job',
  'copy-id',
  'copy-jobId',
  'copy-resourceId',
  'copy-json',
  'pin',
] as const;
export type DetailsAction = (typeof DETAILS_ACTIONS)[number];

/** From the script to the extension. */
export type ScriptMessage =
  /**
   * The document (webview.html) has loaded and takes panel messages. `timeZone`: the zone the page
   * runs in (the user's), which the panel's times are shown in; left out when it is not a zone.
   */
  | { readonly type: 'ready'; readonly timeZone?: string }
  | { readonly type: 'refresh' }
  /** Keep Open: the panel stops being the preview. */
  | { readonly type: 'pin' }
  /** Show Parent Job: the timeline of the sub-job's parent job. */
  | { readonly type: 'showJob' }
  | { readonly type: 'copy'; readonly what: CopyTarget };

/** From the extension to the script. */
export type PanelMessage =
  /** New content for `<main id="details">`, and the state to persist for a window reload. */
  | { readonly type: 'render'; readonly html: string; readonly state?: DetailsState }
  /** Words for the panel's polite live region. */
  | { readonly type: 'announce'; readonly text: string };

/** One handler per message type: a type added to a union is a compile error until every side handles it. */
export type Handlers<M extends { readonly type: string }> = {
  readonly [T in M['type']]: (message: Extract<M, { readonly type: T }>) => void;
};

/** Calls the handler of the message's type. */
export function dispatch<M extends { readonly type: string }>(message: M, handlers: Handlers<M>): void {
  (handlers[message.type as M['type']] as (message: M) => void)(message);
}

export const scriptMessages = {
  ready: (timeZone?: string): ScriptMessage => ({ type: 'ready', ...(timeZone && { timeZone }) }),
  refresh: (): ScriptMessage => ({ type: 'refresh' }),
  pin: (): ScriptMessage => ({ type: 'pin' }),
  showJob: (): ScriptMessage => ({ type: 'showJob' }),
  copy: (what: CopyTarget): ScriptMessage => ({ type: 'copy', what }),
};

export const panelMessages = {
  render: (html: string, state: DetailsState | undefined): PanelMessage => ({
    type: 'render',
    html,
    ...(state && { state }),
  }),
  announce: (text: string): PanelMessage => ({ type: 'announce', text }),
};

const ACTION_MESSAGES: Readonly<Record<DetailsAction, () => ScriptMessage>> = {
  refresh: scriptMessages.refresh,
  pin: scriptMessages.pin,
  'show-job': scriptMessages.showJob,
  'copy-id': () => scriptMessages.copy('id'),
  'copy-jobId': () => scriptMessages.copy('jobId'),
  'copy-resourceId': () => scriptMessages.copy('resourceId'),
  'copy-json': () => scriptMessages.copy('json'),
};

/** The message a button's data-action posts; undefined for a value that names no button. */
export function messageForAction(action: string): ScriptMessage | undefined {
  return isOneOf(DETAILS_ACTIONS, action) ? ACTION_MESSAGES[action]() : undefined;
}

/** A message read, or why it was not: the reason is short and quotes at most a few characters of it. */
export type Parsed<M> = { readonly ok: true; readonly message: M } | { readonly ok: false; readonly reason: string };

const SCRIPT_TYPES = ['ready', 'refresh', 'pin', 'showJob', 'copy'] as const satisfies readonly ScriptMessage['type'][];
const PANEL_TYPES = ['render', 'announce'] as const satisfies readonly PanelMessage['type'][];

/**
 * What the script posted, checked: the webview is a browser page, and what it sends is data, not
 * trust. A new object with only the known fields; anything else (not an object, an unknown type, a
 * missing or ill-typed field) is refused with a reason fit for the log.
 */
export function parseScriptMessage(value: unknown): Parsed<ScriptMessage> {
  if (!isRecord(value)) return refused(`not an object: ${describe(value)}`);
  const type = value.type;
  if (!isOneOf(SCRIPT_TYPES, type)) return refused(`unknown type ${describe(type)}`);
  // A zone that is not one is dropped, not the message: the panel falls back to the host's zone.
  if (type === 'ready') return { ok: true, message: scriptMessages.ready(checkedTimeZone(value.timeZone)) };
  if (type !== 'copy') return { ok: true, message: { type } };
  const what = value.what;
  if (!isOneOf(COPY_TARGETS, what)) return refused(`a copy of ${describe(what)}`);
  return { ok: true, message: scriptMessages.copy(what) };
}

/** What the extension posted, checked the same way by the script. A state it cannot read is dropped, not kept. */
export function parsePanelMessage(value: unknown): Parsed<PanelMessage> {
  if (!isRecord(value)) return refused(`not an object: ${describe(value)}`);
  const type = value.type;
  if (!isOneOf(PANEL_TYPES, type)) return refused(`unknown type ${describe(type)}`);
  if (type === 'announce') {
    if (typeof value.text !== 'string') return refused(`an announcement of ${describe(value.text)}`);
    return { ok: true, message: panelMessages.announce(value.text) };
  }
  if (typeof value.html !== 'string') return refused(`a render of ${describe(value.html)}`);
  return { ok: true, message: panelMessages.render(value.html, parseDetailsState(value.state)) };
}

function isOneOf<T extends string>(values: readonly T[], value: unknown): value is T {
  // includes, not `in`: 'toString' and '__proto__' are in every object.
  return typeof value === 'string' && (values as readonly string[]).includes(value);
}

function refused(reason: string): { ok: false; reason: string } {
  return { ok: false, reason };
}

/** The most of a refused value a reason quotes: a hostile page could send megabytes. */
export const QUOTED_CHARS = 40;

/** A value as a log line may quote it: its type, and a bounded, escaped start of a string. */
function describe(value: unknown): string {
  if (typeof value === 'string') {
    const quoted = JSON.stringify(value.slice(0, QUOTED_CHARS));
    return value.length > QUOTED_CHARS ? `${quoted}… (${value.length} characters)` : quoted;
  }
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return typeof value;
}
