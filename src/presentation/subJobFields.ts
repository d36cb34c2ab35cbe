import { SubJob } from '../model/subJob';
import { formatDuration } from '../model/time';

/** Every field of a sub-job as name/value pairs, in the order a person reads them. */
export function subJobFields(subJob: SubJob): Array<[string, string]> {
  const fields: Array<[string, string]> = [
    ['Status', subJob.status],
    ['Job type', subJob.jobType],
    ['Resource name', subJob.resourceName],
    ['Resource ID', subJob.resourceId],
    ['Sub-job ID', subJob.id],
    ['Job ID', subJob.jobId],
    ['Project ID', subJob.projectId],
    ['Begin time', subJob.beginTime],
    ['End time', subJob.endTime],
    ['Duration', formatDuration(subJob.beginTime, subJob.endTime)],
  ];
  if (subJob.errorCode || subJob.errorMessage) {
    fields.push(['Error code', subJob.errorCode], ['Error message', subJob.errorMessage]);
  }
  return fields;
}
