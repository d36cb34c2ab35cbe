import { QueryJobType, SubJobStatus } from '../model/subJob';
import { QueryFilter } from './subJobQueries';

/** The slice of the client the counts need. */
export interface CountSource {
  count(jobTypes: readonly QueryJobType[], filter: QueryFilter, signal: AbortSignal): Promise<number>;
  /** Requests one count costs now (a session counting by listing sends one per job type); 1 when absent. */
  requestsPerCount?(jobTypes: readonly QueryJobType[]): number;
}

export interface StatusCountsQuery {
  readonly jobTypes: readonly QueryJobType[];
  readonly statuses: readonly SubJobStatus[];
  readonly jobId?: string;
  /** Also count without a status: what the known statuses miss is in statuses this version does not know. */
  readonly withTotal: boolean;
}

export interface StatusCounts {
  readonly byStatus: ReadonlyMap<SubJobStatus, number>;
  /** Every status together, when asked for. */
  readonly total?: number;
  readonly requests: number;
}

/**
 * Every status group's size in one round trip: one count call per status (the call takes one status
 * but a comma-separated list of job types), all in parallel, plus one without a status.
 */
export async function countByStatus(
  source: CountSource,
  query: StatusCountsQuery,
  signal: AbortSignal,
): Promise<StatusCounts> {
  const filter = (status?: SubJobStatus): QueryFilter => ({
    ...(status && { status }),
    ...(query.jobId && { jobId: query.jobId }),
  });
  const [total, ...counts] = await Promise.all([
    query.withTotal ? source.count(query.jobTypes, filter(), signal) : Promise.resolve(undefined),
    ...query.statuses.map((status) => source.count(query.jobTypes, filter(status), signal)),
  ]);
  const byStatus = new Map<SubJobStatus, number>();
  query.statuses.forEach((status, i) => byStatus.set(status, counts[i]!));
  return {
    byStatus,
    ...(total !== undefined && { total }),
    requests: (query.statuses.length + (query.withTotal ? 1 : 0)) * (source.requestsPerCount?.(query.jobTypes) ?? 1),
  };
}

/** How many sub-jobs are in statuses this version does not know: what the total has beyond the known ones. */
export function unknownStatusCount(counts: StatusCounts): number {
  if (counts.total === undefined) return 0;
  let known = 0;
  for (const n of counts.byStatus.values()) known += n;
  return Math.max(0, counts.total - known);
}
