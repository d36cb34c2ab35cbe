/**
 * How much of a text the service sent is shown, and how a value that is not what the API
 * documents is described. The service, or anything in its place, may send megabytes where a
 * name belongs, or a value nested deeper than the stack: both must cost a few hundred characters
 * wherever a person reads them.
 */

/** Tree labels, tooltips, notifications and the log show at most this much of an API text. */
export const SHOWN_CHARS = 500;

/** The details panel, the one place meant for the full text, shows at most this much; the model keeps no more. */
export const DETAIL_CHARS = 64 * 1024;

/** A bad value is quoted by at most this much of its start. */
export const PREFIX_CHARS = 40;

/** `text` in at most `max` characters, the last an ellipsis when it was longer. */
export function capText(text: string, max: number = SHOWN_CHARS): string {
  if (text.length <= max) return text;
  let end = Math.max(0, max - 1);
  // Never cut a surrogate pair in half: half an emoji is a replacement character.
  const last = text.charCodeAt(end - 1);
  if (last >= 0xd800 && last <= 0xdbff) end--;
  return `${text.slice(0, end)}…`;
}

type Frame =
  | { readonly kind: 'array'; readonly items: readonly unknown[]; next: number }
  | { readonly kind: 'object'; readonly record: Record<string, unknown>; readonly keys: string[]; next: number };

function scalarJson(value: unknown, max: number): string {
  if (typeof value === 'string') return JSON.stringify(value.length > max ? value.slice(0, max) : value);
  if (value === undefined) return 'undefined';
  if (typeof value === 'number' || typeof value === 'boolean' || value === null) return String(value);
  return `(${typeof value})`;
}

/**
 * The start of a value's JSON, at most `max` characters plus an ellipsis. Walks the value with
 * its own stack and stops as soon as it has enough, so neither a value nested 20,000 deep (which
 * makes JSON.stringify throw RangeError) nor one of megabytes costs more than a few characters.
 */
export function jsonPrefix(value: unknown, max: number = PREFIX_CHARS): string {
  return prefixOf(value, max).text;
}

function prefixOf(value: unknown, max: number): { readonly text: string; readonly cut: boolean } {
  let out = '';
  const frames: Frame[] = [];
  const open = (item: unknown): void => {
    if (Array.isArray(item)) {
      out += '[';
      frames.push({ kind: 'array', items: item, next: 0 });
    } else if (typeof item === 'object' && item !== null) {
      out += '{';
      frames.push({ kind: 'object', record: item as Record<string, unknown>, keys: Object.keys(item), next: 0 });
    } else out += scalarJson(item, max);
  };
  open(value);
  while (frames.length && out.length <= max) {
    const frame = frames[frames.length - 1];
    const size = frame.kind === 'array' ? frame.items.length : frame.keys.length;
    if (frame.next >= size) {
      out += frame.kind === 'array' ? ']' : '}';
      frames.pop();
      continue;
    }
    if (frame.next > 0) out += ',';
    if (frame.kind === 'array') open(frame.items[frame.next++]);
    else {
      const key = frame.keys[frame.next++];
      out += `${scalarJson(key, max)}:`;
      open(frame.record[key]);
    }
  }
  return out.length > max ? { text: `${out.slice(0, max)}…`, cut: true } : { text: out, cut: false };
}

function plural(n: number, one: string, many: string): string {
  return `${n.toLocaleString('en')} ${n === 1 ? one : many}`;
}

/**
 * A value the API sent where something else belonged, for a log line or an error: as JSON when
 * that is short (`"3"`, `null`, `{"a":1}`), else its type, its size and the start of its JSON
 * (`a string of 5,000,000 characters starting "9999…"`). Never longer than about 100 characters.
 */
export function describeValue(value: unknown): string {
  const { text: prefix, cut } = prefixOf(value, PREFIX_CHARS);
  if (!cut) return prefix;
  if (typeof value === 'string')
    return `a string of ${plural(value.length, 'character', 'characters')} starting ${prefix}`;
  if (Array.isArray(value)) return `an array of ${plural(value.length, 'item', 'items')} starting ${prefix}`;
  return `an object starting ${prefix}`;
}
