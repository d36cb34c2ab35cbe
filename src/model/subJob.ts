/**
 * The sub-job as the extension understands it, after validation of the API's ImageJobDetailInfo.
 * Every field the API may omit or mistype is normalised here, so nothing downstream has to guess.
 */

import { APP_SERVER_JOB_TYPES, AppServerJobType, Family, IMAGE_JOB_TYPES, ImageJobType } from './family';
import type { ResourceField } from './resourceFields';
import { capText } from './text';

/** The image family's query job types (the only family before app-server sub-jobs). */
export const JOB_TYPES = IMAGE_JOB_TYPES;
/** An image-family query job type (the simulator and the jobTypes setting use this name). */
export type JobType = ImageJobType;
/** A job type some family's list and count calls take; the response may carry others (see SubJob.jobType). */
export type QueryJobType = ImageJobType | AppServerJobType;

/** Attention order: what needs a look first comes first. */
export const STATUSES = ['RUNNING', 'WAITING', 'ROLLBACK', 'ABORTING', 'FAILED', 'ABNORMAL', 'SUCCESS'] as const;
/** The statuses the API documents and the query takes. A response may carry one added later. */
export type SubJobStatus = (typeof STATUSES)[number];

/** Statuses from which a sub-job can still move on. */
export const ACTIVE_STATUSES: readonly SubJobStatus[] = ['WAITING', 'RUNNING', 'ROLLBACK', 'ABORTING'];

/** An image-family query job type. */
export function isJobType(value: unknown): value is JobType {
  return typeof value === 'string' && (IMAGE_JOB_TYPES as readonly string[]).includes(value);
}

/** A job type either family's query takes. */
export function isQueryJobType(value: unknown): value is QueryJobType {
  return isJobType(value) || (typeof value === 'string' && (APP_SERVER_JOB_TYPES as readonly string[]).includes(value));
}

export function isSubJobStatus(value: unknown): value is SubJobStatus {
  return typeof value === 'string' && (STATUSES as readonly string[]).includes(value);
}

/** Only finished records can be deleted, and only in these two statuses (the API refuses others). */
export function isDeletableStatus(status: string): boolean {
  return status === 'SUCCESS' || status === 'FAILED';
}

/** Only the documented active statuses count: an unknown one is not polled as if it could move. */
export function isActiveStatus(status: string): boolean {
  return (ACTIVE_STATUSES as readonly string[]).includes(status);
}

export interface SubJob {
  /** Sub-job id; 18-digit numeric strings in practice, kept as a string (too large for a double). */
  readonly id: string;
  /** Job type as sent; unknown values (the models list seven) are kept as they are, '' when absent. */
  readonly jobType: string;
  /**
   * Status as sent: one of STATUSES, or a value this version does not know (the service may add
   * one), which is shown as it is in a group of its own.
   */
  readonly status: string;
  readonly resourceId: string;
  readonly resourceName: string;
  /** ISO-8601 as sent, or '' when absent. */
  readonly beginTime: string;
  readonly endTime: string;
  readonly errorCode: string;
  readonly errorMessage: string;
  readonly projectId: string;
  /** The parent job's id. */
  readonly jobId: string;
  /**
   * The job type of the query that returned it: what a later look-up must ask for, since the
   * sub-job's own jobType may be one the query does not take (BUILD_IMAGE) or missing.
   */
  readonly listedAs?: QueryJobType;
  /** Absent for the image family (as everything stored before families); 'appServer' for an app-server sub-job. */
  readonly family?: Exclude<Family, 'image'>;
  /** An app-server sub-job's job_resource_info, every field as sent, for the details panel. */
  readonly resource?: readonly ResourceField[];
  /** Resource fields with a value left out of `resource` (see parseResourceInfo); absent = none. */
  readonly resourceOmitted?: number;
}

/**
 * What a person recognises a sub-job by: its resource name, else resource id, else its own id;
 * capped (tree rows, notifications and pickers show it), the full name is in the details panel.
 */
export function subJobLabel(subJob: SubJob): string {
  return capText(subJob.resourceName || subJob.resourceId || subJob.id);
}
