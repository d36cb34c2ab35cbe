import type { QueryJobType } from './subJob';

/** What identifies a sub-job for a lookup: its id, plus what narrows the search. */
export interface SubJobRef {
  readonly id: string;
  /** The sub-job's own job type, any of the seven the models know, or ''. */
  readonly jobType: string;
  /** Parent job id; '' when unknown. */
  readonly jobId: string;
  /** The job type of the list query that returned it (SubJob.listedAs): where a listing finds it again. */
  readonly listedAs?: QueryJobType;
  /** Its status when last seen; a finished one (it stays finished) narrows a listing. */
  readonly status?: string;
}
