import { InvalidParameterError, MAX_JOB_ID_LENGTH } from './query';

/** The most ids BatchDeleteImageSubJobs takes in one call. */
export const MAX_DELETE_ITEMS = 20;
/** A sub-job id in the body is a string of 1 to this many characters, as the API definitions give. */
export const MAX_DELETE_ID_LENGTH = MAX_JOB_ID_LENGTH;
/** Sub-job statuses the service lets a call delete: the finished ones. */
export const DELETABLE_STATUSES: ReadonlySet<string> = new Set(['SUCCESS', 'FAILED']);

/**
 * The ids of a BatchDeleteImageSubJobs body, `{"items": [...]}`: 1 to 20 unique strings of 1 to
 * 128 characters.
 * Other keys are ignored, as the service ignores unknown fields. Checked in a fixed order; the
 * first fault wins and its message names `items`, as the service's messages name the parameter.
 */
export function parseBatchDeleteBody(text: string): string[] {
  const expected = `must be an array of 1 to ${MAX_DELETE_ITEMS} unique sub-job ids, as in {"items": ["<id>"]}.`;
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw new InvalidParameterError('items', `is missing: the body is not JSON; it ${expected}`);
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new InvalidParameterError('items', `is missing: the body is not a JSON object; it ${expected}`);
  }
  const items = (body as Record<string, unknown>).items;
  if (items === undefined) throw new InvalidParameterError('items', `is required; it ${expected}`);
  if (!Array.isArray(items)) throw new InvalidParameterError('items', expected);
  if (items.length < 1 || items.length > MAX_DELETE_ITEMS) {
    throw new InvalidParameterError('items', `has ${items.length} ids; it ${expected}`);
  }
  const seen = new Set<string>();
  items.forEach((item: unknown, index) => {
    if (typeof item !== 'string' || item === '')
      throw new InvalidParameterError(`items[${index}]`, `is not a non-empty string; items ${expected}`);
    if (item.length > MAX_DELETE_ID_LENGTH)
      throw new InvalidParameterError(
        `items[${index}]`,
        `${shown(item)} has ${item.length} characters; a sub-job id has 1 to ${MAX_DELETE_ID_LENGTH} characters.`,
      );
    if (seen.has(item)) throw new InvalidParameterError('items', `lists ${shown(item)} more than once; it ${expected}`);
    seen.add(item);
  });
  return [...seen];
}

/** An id as a message quotes it: a client's id may be any length. */
function shown(id: string): string {
  return JSON.stringify(id.length > 40 ? `${id.slice(0, 40)}…` : id);
}
