/**
 * The two families of WorkspaceApp sub-jobs. CREATE_SERVER and DELETE_SERVER exist in both, so a
 * sub-job is known by its family and its id: the family decides the paths, the delete method, the
 * look-up call, the item's shape and the IAM actions.
 *
 * Job types from the Node SDK (huaweicloud-sdk-nodejs-v3, services/workspaceapp/v1/model:
 * ListImageSubJobsRequest.ts / ListSubJobsRequest.ts; the SDK's JobType.ts is an empty enum class,
 * so the ten query values come from the API reference, as the API facts file records them).
 */

export const FAMILIES = ['image', 'appServer'] as const;
export type Family = (typeof FAMILIES)[number];

/** The image family's query job types (ListImageSubJobs, CountImageSubJobs). */
export const IMAGE_JOB_TYPES = ['CREATE_SERVER', 'CREATE_SERVER_IMAGE', 'DELETE_SERVER'] as const;
export type ImageJobType = (typeof IMAGE_JOB_TYPES)[number];

/**
 * The app-server family's query job types (ListSubJobs requires one; CountSubJobs takes a comma
 * list). Answers may carry others (the response enum is wider): they are shown as they come.
 */
export const APP_SERVER_JOB_TYPES = [
  'CREATE_SERVER',
  'DELETE_SERVER',
  'REJOIN_DOMAIN',
  'CHANGE_SERVER_IMAGE',
  'REINSTALL_OS',
  'MIGRATE_SERVER',
  'UPDATE_SERVER_TSVI',
  'UPGRADE_ACCESS_AGENT',
  'SCHEDULED_TASK',
  'UPDATE_FREEZE_STATUS',
] as const;
export type AppServerJobType = (typeof APP_SERVER_JOB_TYPES)[number];

export function isFamily(value: unknown): value is Family {
  return typeof value === 'string' && (FAMILIES as readonly string[]).includes(value);
}

/** The job types a family's list and count calls take. */
export function familyJobTypes(family: Family): readonly string[] {
  return family === 'appServer' ? APP_SERVER_JOB_TYPES : IMAGE_JOB_TYPES;
}

/** Whether a family's query takes this job type. */
export function isFamilyJobType(family: Family, value: unknown): boolean {
  return typeof value === 'string' && familyJobTypes(family).includes(value);
}

/** A family's absent value means image: everything stored before families existed is image-family. */
export function familyOf(value: { readonly family?: Family }): Family {
  return value.family ?? 'image';
}

/**
 * A job type as a filter or a command argument names it: plain for the image family (as stored
 * before), `appServer:TYPE` for the app-server family, since CREATE_SERVER is in both.
 */
export function qualifiedJobType(family: Family, jobType: string): string {
  return family === 'image' ? jobType : `${family}:${jobType}`;
}

/**
 * Reads a qualified job type back: `appServer:TYPE`, an image type, or a type only the app-server
 * family has (REINSTALL_OS needs no prefix). Undefined when neither family takes it.
 */
export function parseQualifiedJobType(value: unknown): { family: Family; jobType: string } | undefined {
  if (typeof value !== 'string') return undefined;
  const text = value.trim();
  const colon = text.indexOf(':');
  if (colon >= 0) {
    // Any case, as a keybinding may write it: APPSERVER:CREATE_SERVER is appServer:CREATE_SERVER.
    const family = FAMILIES.find((f) => f.toLowerCase() === text.slice(0, colon).toLowerCase());
    const jobType = text.slice(colon + 1).toUpperCase();
    return family && isFamilyJobType(family, jobType) ? { family, jobType } : undefined;
  }
  const jobType = text.toUpperCase();
  if (isFamilyJobType('image', jobType)) return { family: 'image', jobType };
  if (isFamilyJobType('appServer', jobType)) return { family: 'appServer', jobType };
  return undefined;
}
