import { isRecord } from './jsonFields';
import { capText, DETAIL_CHARS, jsonPrefix } from './text';

/**
 * An app-server sub-job's job_resource_info, as the details panel shows it: one row per field, in
 * the SDK's order (huaweicloud-sdk-nodejs-v3, services/workspaceapp/v1/model/JobResourceInfo.ts,
 * 15 fields; main_resources items are RelativeResource.ts), then any field a later service adds.
 */
export interface ResourceField {
  /** The field's name as sent (resource_id, spec_size, main_resources…). */
  readonly key: string;
  /** Readable text: text as sent, a number in digits, an object or list as compact JSON; capped. */
  readonly value: string;
  readonly kind: 'text' | 'number' | 'boolean' | 'json';
}

/** JobResourceInfo's fields in the SDK's order. */
export const RESOURCE_FIELD_ORDER = [
  'resource_id',
  'resource_name',
  'cloud_service_type',
  'resource_type',
  'resource_spec_code',
  'spec_type',
  'spec_size',
  'measure',
  'processed_time',
  'is_main_resource',
  'main_resources',
  'extend_params',
  'old_resource_id',
  'old_cloud_service_type',
  'old_resource_type',
] as const;

/** Fields a hostile answer may add beyond the known ones: more are left out, and the panel says how many. */
export const MAX_EXTRA_FIELDS = 20;
/** A nested object or list is shown as at most this much JSON: it is read, not scrolled. */
export const NESTED_CHARS = 4000;
/** A field name as the service writes them (snake_case, at most 64 characters); anything else is no field. */
const FIELD_NAME = /^[A-Za-z][A-Za-z0-9_]{0,63}$/;

function fieldOf(key: string, value: unknown): ResourceField | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'string') return { key, value: capText(value, DETAIL_CHARS), kind: 'text' };
  if (typeof value === 'number')
    // A number beyond 2^53 has lost digits already; it is shown as parsed, since it is no id we look up by.
    return Number.isFinite(value) ? { key, value: String(value), kind: 'number' } : undefined;
  if (typeof value === 'boolean') return { key, value: String(value), kind: 'boolean' };
  // jsonPrefix walks with its own stack: a value nested 20,000 deep costs NESTED_CHARS, not a RangeError.
  return { key, value: jsonPrefix(value, NESTED_CHARS), kind: 'json' };
}

/** Every field of a job_resource_info worth a row (see parseResourceInfo). */
export function parseResourceFields(raw: unknown): ResourceField[] {
  return parseResourceInfo(raw).fields;
}

/**
 * Every field of a job_resource_info worth a row: the known ones in order, then up to
 * MAX_EXTRA_FIELDS others alphabetically; absent and null fields are left out. `omitted`: fields
 * with a value left out (past MAX_EXTRA_FIELDS, or named as no field is), which the panel counts.
 */
export function parseResourceInfo(raw: unknown): { fields: ResourceField[]; omitted: number } {
  if (!isRecord(raw)) return { fields: [], omitted: 0 };
  const fields: ResourceField[] = [];
  for (const key of RESOURCE_FIELD_ORDER) {
    const field = fieldOf(key, raw[key]);
    if (field) fields.push(field);
  }
  const known: ReadonlySet<string> = new Set(RESOURCE_FIELD_ORDER);
  const others = Object.keys(raw).filter((key) => !known.has(key) && raw[key] !== undefined && raw[key] !== null);
  const extra = others
    .filter((key) => FIELD_NAME.test(key))
    .sort()
    .slice(0, MAX_EXTRA_FIELDS);
  for (const key of extra) {
    const field = fieldOf(key, raw[key]);
    if (field) fields.push(field);
  }
  return { fields, omitted: others.length - extra.length };
}

/** Reads fields back from a restored panel's state, keeping only well-formed ones. */
export function sanitizeResourceFields(raw: unknown): ResourceField[] | undefined {
  if (!Array.isArray(raw)) return undefined;
  const kinds = ['text', 'number', 'boolean', 'json'];
  const fields = raw.filter(
    (f): f is ResourceField =>
      isRecord(f) &&
      typeof f.key === 'string' &&
      FIELD_NAME.test(f.key) &&
      typeof f.value === 'string' &&
      typeof f.kind === 'string' &&
      kinds.includes(f.kind),
  );
  return fields
    .slice(0, RESOURCE_FIELD_ORDER.length + MAX_EXTRA_FIELDS)
    .map((f) => ({ key: f.key, value: capText(f.value, DETAIL_CHARS), kind: f.kind }));
}
