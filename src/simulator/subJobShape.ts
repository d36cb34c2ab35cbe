import { Failure } from './catalog';
import { FailureWriter } from './progression';
import { Random } from './random';

/** The fields both families' sub-jobs share (ImageJobDetailInfo and SubJobDetailInfo). */
export interface StoredSubJob {
  id: string;
  job_type: string;
  begin_time: string;
  end_time: string;
  status: string;
  project_id: string;
  job_id: string;
}

/** What differs between the families' sub-jobs: where the failure reason lives, the resource fields. */
export interface SubJobShape<T extends StoredSubJob> {
  /** A deep copy: the store's records must only change through the store. */
  clone(subJob: T): T;
  /** The failure code it carries; '' when none. */
  errorCode(subJob: T): string;
  readonly writeFailure: FailureWriter<T>;
  /**
   * A sub-job added by hand: `base` has the shared fields settled; the family's own fields come
   * from `partial`, else from realistic defaults (`failure` is the reason its status implies).
   */
  create(base: StoredSubJob, partial: Partial<T>, failure: Failure | undefined, random: Random, added: number): T;
}
