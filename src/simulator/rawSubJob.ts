/**
 * ImageJobDetailInfo exactly as it travels on the wire (snake_case, every field a string), which is
 * what the simulator stores and serves. The extension's own SubJob is parsed from this shape.
 */
export interface RawSubJob {
  id: string;
  job_type: string;
  job_resource_info: { resource_id: string; resource_name: string };
  begin_time: string;
  end_time: string;
  status: string;
  job_execute_info: { error_code: string; error_message: string };
  project_id: string;
  job_id: string;
}

/** A sub-job as served: some fields may be left out (see SeededSubJob.omit). */
export type WireSubJob = Partial<RawSubJob>;

/** Callers get copies: the store's records must only change through the store. */
export function cloneSubJob(subJob: RawSubJob): RawSubJob {
  return {
    ...subJob,
    job_resource_info: { ...subJob.job_resource_info },
    job_execute_info: { ...subJob.job_execute_info },
  };
}

/**
 * ISO-8601 UTC the way the service writes it: trailing zeros of the fraction dropped (`.61Z`,
 * no fraction at all on a whole second) and sometimes microseconds, so clients meet every form.
 */
export function formatTime(ms: number, microseconds = ''): string {
  const iso = new Date(ms).toISOString();
  const millis = iso.slice(20, 23);
  if (microseconds) return `${iso.slice(0, 20)}${millis}${microseconds}Z`;
  const fraction = millis.replace(/0+$/, '');
  return fraction ? `${iso.slice(0, 20)}${fraction}Z` : `${iso.slice(0, 19)}Z`;
}

interface Ordered {
  readonly beginMs: number;
  readonly subJob: { readonly id: string };
}

/**
 * The list order: newest begin time first, then the larger (newer) id first. Numeric ids compare as
 * numbers (length first); the order is total, so paging never skips or repeats an item.
 */
export function compareNewestFirst(a: Ordered, b: Ordered): number {
  if (a.beginMs !== b.beginMs) return b.beginMs - a.beginMs;
  const x = a.subJob.id;
  const y = b.subJob.id;
  if (x.length !== y.length) return y.length - x.length;
  return x < y ? 1 : x > y ? -1 : 0;
}
