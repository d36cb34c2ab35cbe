import { sanitizeResourceFields } from './resourceFields';
import { isQueryJobType, SubJob } from './subJob';
import type { SubJobRef } from './subJobRef';
import { isRecord } from './validate';

/** Where a details panel's sub-job came from, as the webview keeps it across a window reload. */
export interface DetailsSource {
  readonly key: string;
  readonly label: string;
}

/** What the webview persists so the panel survives a window reload. */
export interface DetailsState {
  readonly subJobRef: SubJobRef;
  readonly source?: DetailsSource;
  readonly subJob?: SubJob;
  readonly lastUpdated?: number;
}

export function subJobRefOf(subJob: SubJob): SubJobRef {
  return {
    id: subJob.id,
    jobType: subJob.jobType,
    jobId: subJob.jobId,
    status: subJob.status,
    ...(subJob.listedAs && { listedAs: subJob.listedAs }),
  };
}

/** The state a panel saves: its sub-job (or only its reference), when it was fetched, and its source. */
export function detailsState(input: {
  readonly subJob?: SubJob;
  readonly subJobRef?: SubJobRef;
  readonly lastUpdated?: number;
  readonly source?: DetailsSource;
}): DetailsState | undefined {
  const subJobRef = input.subJob ? subJobRefOf(input.subJob) : input.subJobRef;
  if (!subJobRef) return undefined;
  const source = input.source && { key: input.source.key, label: input.source.label };
  return input.subJob
    ? { subJobRef, subJob: input.subJob, lastUpdated: input.lastUpdated, ...(source && { source }) }
    : { subJobRef, ...(source && { source }) };
}

/** The persisted webview state, if it is one this version understands. */
export function parseDetailsState(value: unknown): DetailsState | undefined {
  if (!isRecord(value) || !isRecord(value.subJobRef)) return undefined;
  const ref = value.subJobRef;
  if (typeof ref.id !== 'string' || !ref.id || typeof ref.jobType !== 'string' || typeof ref.jobId !== 'string')
    return undefined;
  const subJobRef: SubJobRef = {
    id: ref.id,
    jobType: ref.jobType,
    jobId: ref.jobId,
    ...(typeof ref.status === 'string' && ref.status && { status: ref.status }),
    ...(isQueryJobType(ref.listedAs) && { listedAs: ref.listedAs }),
  };
  const subJob = parseSubJob(value.subJob, subJobRef.id);
  const lastUpdated =
    subJob && typeof value.lastUpdated === 'number' && Number.isFinite(value.lastUpdated)
      ? value.lastUpdated
      : undefined;
  const source =
    isRecord(value.source) && typeof value.source.key === 'string' && typeof value.source.label === 'string'
      ? { key: value.source.key, label: value.source.label }
      : undefined;
  return { subJobRef, subJob, lastUpdated, ...(source && { source }) };
}

const SUB_JOB_STRING_FIELDS = [
  'id',
  'jobType',
  'resourceId',
  'resourceName',
  'beginTime',
  'endTime',
  'errorCode',
  'errorMessage',
  'projectId',
  'jobId',
] as const;

function parseSubJob(value: unknown, id: string): SubJob | undefined {
  if (!isRecord(value) || value.id !== id || typeof value.status !== 'string' || !value.status) return undefined;
  if (!SUB_JOB_STRING_FIELDS.every((field) => typeof value[field] === 'string')) return undefined;
  const subJob: Record<string, unknown> = { status: value.status };
  for (const field of SUB_JOB_STRING_FIELDS) subJob[field] = value[field];
  if (isQueryJobType(value.listedAs)) subJob.listedAs = value.listedAs;
  // Panels restored from before families have neither: they stay image-family.
  if (value.family === 'appServer') {
    subJob.family = 'appServer';
    subJob.resource = sanitizeResourceFields(value.resource) ?? [];
    const omitted = value.resourceOmitted;
    if (typeof omitted === 'number' && Number.isSafeInteger(omitted) && omitted > 0) subJob.resourceOmitted = omitted;
  }
  return subJob as unknown as SubJob;
}
