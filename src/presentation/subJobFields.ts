import * as l10n from '@vscode/l10n';
import { SubJob } from '../model/subJob';
import { formatDateTime, formatDuration } from '../model/time';

/** A time on this machine's clock in the display language; as sent when it does not parse. */
function localTime(iso: string): string {
  const time = Date.parse(iso);
  return iso && !Number.isNaN(time) ? formatDateTime(time) : iso;
}

/** Every field of a sub-job as name/value pairs, in the order a person reads them; times local. */
export function subJobFields(subJob: SubJob): Array<[string, string]> {
  const fields: Array<[string, string]> = [
    [l10n.t({ message: 'Status', comment: ['A sub-job field'] }), subJob.status],
    [l10n.t({ message: 'Job type', comment: ['A sub-job field'] }), subJob.jobType],
    [l10n.t({ message: 'Resource name', comment: ['A sub-job field'] }), subJob.resourceName],
    [l10n.t({ message: 'Resource ID', comment: ['A sub-job field'] }), subJob.resourceId],
    [l10n.t({ message: 'Sub-job ID', comment: ['A sub-job field'] }), subJob.id],
    [l10n.t({ message: 'Parent job ID', comment: ['A sub-job field'] }), subJob.jobId],
    [l10n.t({ message: 'Project ID', comment: ['A sub-job field'] }), subJob.projectId],
    [l10n.t({ message: 'Begin time', comment: ['A sub-job field'] }), localTime(subJob.beginTime)],
    [l10n.t({ message: 'End time', comment: ['A sub-job field'] }), localTime(subJob.endTime)],
    [l10n.t({ message: 'Duration', comment: ['A sub-job field'] }), formatDuration(subJob.beginTime, subJob.endTime)],
  ];
  if (subJob.errorCode || subJob.errorMessage) {
    fields.push(
      [l10n.t({ message: 'Error code', comment: ['A sub-job field'] }), subJob.errorCode],
      [l10n.t({ message: 'Error message', comment: ['A sub-job field'] }), subJob.errorMessage],
    );
  }
  // An app-server sub-job's resource fields, named as the API names them (copied and shown as they are).
  for (const field of subJob.resource ?? []) fields.push([field.key, field.value]);
  return fields;
}
