/**
 * Reading fields out of parsed JSON (service answers, configuration files) without trusting its
 * shape: a wrong type reads as absent, never as an exception.
 */

/** A JSON object (not null, not an array). */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The value when it is a JSON object: reads a nested answer one optional step at a time. */
export function record(value: unknown): Record<string, unknown> | undefined {
  return isRecord(value) ? value : undefined;
}

/** A field of the object itself: a key it inherits (a file's `constructor`, `__proto__`) is no field. */
export function field(object: object | undefined, key: string): unknown {
  return object !== undefined && Object.prototype.hasOwnProperty.call(object, key)
    ? (object as Record<string, unknown>)[key]
    : undefined;
}

/** A string field as sent; '' when it is missing or not a string (a service's absent and empty are alike). */
export function stringField(object: object | undefined, key: string): string {
  const value = field(object, key);
  return typeof value === 'string' ? value : '';
}

/** A finite number field; undefined otherwise. */
export function numberField(object: object | undefined, key: string): number | undefined {
  const value = field(object, key);
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

/** The text trimmed, when it is a string with more than white space in it. */
export function trimmed(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

/** A string field trimmed, when it has more than white space in it. */
export function trimmedField(object: object | undefined, key: string): string | undefined {
  return trimmed(field(object, key));
}
