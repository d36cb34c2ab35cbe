import { Failure } from './catalog';
import { AppServerJobType, isFamilyJobType } from '../model/family';

/**
 * The app-server sub-job family's vocabulary. Job types and statuses come from the Node SDK
 * (services/workspaceapp/v1: ListSubJobsRequest, JobType, JobStatus, JobDetailStatus) and the API
 * pages ListSubJobs and CountSubJobs. The WKS codes are the simulator's own, in the service's format.
 */

/** What ListSubJobs and CountSubJobs take as job_type: the extension's own list (model/family). */
export { APP_SERVER_JOB_TYPES, type AppServerJobType } from '../model/family';

export function isAppServerJobType(value: unknown): value is AppServerJobType {
  return isFamilyJobType('appServer', value);
}

/**
 * Job types a response may carry that no query takes (the SDK's response enum, JobType). The
 * simulator gives them to sub-jobs of scheduled tasks, listed under SCHEDULED_TASK: which listing
 * really holds them no document says.
 */
export const SCHEDULED_SUB_JOB_TYPES = ['COLLECT_HDA_LOG', 'CREATE_SERVER_SNAPSHOT', 'COLLECT_APS_LOG'] as const;

/**
 * The job types the CountSubJobs API page lists for its job_type. Three of them are among the ten
 * ListSubJobs takes, CREATE_SERVER_IMAGE is not; whether the service refuses the other seven no
 * document says. The fault countJobTypes=documented assumes it does.
 */
export const DOCUMENTED_COUNT_JOB_TYPES: readonly string[] = [
  'CREATE_SERVER',
  'CREATE_SERVER_IMAGE',
  'DELETE_SERVER',
  'UPGRADE_ACCESS_AGENT',
];

/** The count call's job_type, a comma-separated list, is at most this many characters (API page). */
export const MAX_APP_JOB_TYPE_LENGTH = 256;
/** ShowJobDetail's job_id path parameter is at most this many characters. */
export const MAX_JOB_DETAIL_ID_LENGTH = 255;

const IMAGE_NOT_READY: Failure = {
  code: 'WKS.00131103',
  message: 'The image is not in the active state and cannot be used to create servers.',
};

export const APP_SERVER_FAILURES: Readonly<Record<AppServerJobType, readonly Failure[]>> = {
  CREATE_SERVER: [
    { code: 'WKS.00131101', message: 'Insufficient ECS resources in availability zone cn-north-4b.' },
    { code: 'WKS.00131102', message: 'The server group has reached its maximum number of servers.' },
    IMAGE_NOT_READY,
  ],
  DELETE_SERVER: [{ code: 'WKS.00131201', message: 'The server has user sessions and cannot be deleted.' }],
  REJOIN_DOMAIN: [
    { code: 'WKS.00131301', message: 'Failed to rejoin the AD domain: the domain account password is incorrect.' },
  ],
  CHANGE_SERVER_IMAGE: [
    IMAGE_NOT_READY,
    { code: 'WKS.00131401', message: 'The server must be stopped before its image can be changed.' },
  ],
  REINSTALL_OS: [{ code: 'WKS.00131501', message: 'Failed to reinstall the OS: the system disk is being detached.' }],
  MIGRATE_SERVER: [{ code: 'WKS.00131601', message: 'No host in the target availability zone can take the server.' }],
  UPDATE_SERVER_TSVI: [{ code: 'WKS.00131701', message: 'The virtual session IP address is already in use.' }],
  UPGRADE_ACCESS_AGENT: [
    { code: 'WKS.00131801', message: 'The HDA upgrade package could not be downloaded to the server.' },
  ],
  SCHEDULED_TASK: [{ code: 'WKS.00131901', message: 'The scheduled task timed out on the server.' }],
  UPDATE_FREEZE_STATUS: [{ code: 'WKS.00132001', message: 'The server is being operated on; try again later.' }],
};

/** The flavors app servers run on (`resource_spec_code`), with what spec_type shows of them. */
export const SERVER_FLAVORS = [
  { code: 'workspace.appstream.general.xlarge.2', vcpus: 4, memoryGiB: 8 },
  { code: 'workspace.appstream.general.xlarge.4', vcpus: 4, memoryGiB: 16 },
  { code: 'workspace.appstream.general.2xlarge.4', vcpus: 8, memoryGiB: 32 },
  { code: 'workspace.appstream.graphics.2xlarge.8', vcpus: 8, memoryGiB: 64 },
] as const;

/** BSS measure code for gigabytes, the unit of spec_size (the system disk). */
export const MEASURE_GB = 17;
