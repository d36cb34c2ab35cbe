import { writeExecuteInfo } from './progression';
import { uuid } from './random';
import { cloneSubJob, RawSubJob } from './rawSubJob';
import { SubJobShape } from './subJobShape';

/** Image sub-jobs (ImageJobDetailInfo): the failure reason sits in job_execute_info. */
export const IMAGE_SHAPE: SubJobShape<RawSubJob> = {
  clone: cloneSubJob,
  errorCode: (subJob) => subJob.job_execute_info.error_code,
  writeFailure: writeExecuteInfo,
  create(base, partial, failure, random, added) {
    // The order of the keys is the service's, as clients reading the raw text see it.
    return {
      id: base.id,
      job_type: base.job_type,
      job_resource_info: partial.job_resource_info ?? {
        resource_id: uuid(random),
        resource_name: `${base.job_type === 'CREATE_SERVER_IMAGE' ? 'img-new-build' : 'dev-desktop'}-${String(added).padStart(2, '0')}`,
      },
      begin_time: base.begin_time,
      end_time: base.end_time,
      status: base.status,
      job_execute_info: partial.job_execute_info ?? {
        error_code: failure?.code ?? '',
        error_message: failure?.message ?? '',
      },
      project_id: base.project_id,
      job_id: base.job_id,
    };
  },
};
