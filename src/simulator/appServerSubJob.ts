/**
 * An app-server sub-job (SubJobDetailInfo in the Node SDK's services/workspaceapp/v1/model, with
 * JobResourceInfo and RelativeResource) as it travels: the failure reason at the top level
 * (error_code, error_message; no job_execute_info) and a resource with up to 15 fields, some of
 * them numbers, an object and an array of objects.
 */
import { FailureWriter } from './progression';
import { pick, Random, uuid } from './random';
import { MEASURE_GB, SERVER_FLAVORS } from './appServerCatalog';
import { StoredSubJob, SubJobShape } from './subJobShape';

/** RelativeResource: what the resource belongs to (for an app server, its server group). */
export interface RelativeResource {
  relative_resource_id?: string;
  relative_resource_name?: string;
  relative_type?: number;
  relative_cloud_service_type?: string;
  relative_resource_type?: string;
  extend_params?: string;
}

/** JobResourceInfo: every field optional, as in the SDK; the old_* ones only when the server changed OS. */
export interface AppJobResourceInfo {
  resource_id?: string;
  resource_name?: string;
  cloud_service_type?: string;
  resource_type?: string;
  resource_spec_code?: string;
  spec_type?: Record<string, unknown>;
  spec_size?: number;
  measure?: number;
  processed_time?: string;
  is_main_resource?: number;
  main_resources?: RelativeResource[];
  extend_params?: string;
  old_resource_id?: string;
  old_cloud_service_type?: string;
  old_resource_type?: string;
}

export interface RawAppSubJob extends StoredSubJob {
  job_resource_info: AppJobResourceInfo;
  error_code: string;
  error_message: string;
}

/** What a generated or added server's resource is made from. */
export interface ServerResource {
  readonly serverId: string;
  readonly serverName: string;
  readonly serverGroupId: string;
  readonly serverGroupName: string;
  /** The image the server runs (after this sub-job). */
  readonly imageId: string;
  readonly processedTime: string;
  /** The server's id before its OS changed: only for CHANGE_SERVER_IMAGE and REINSTALL_OS. */
  readonly oldServerId?: string;
}

const ECS_SERVICE = 'hws.service.type.ec2';
const VM_RESOURCE = 'hws.resource.type.vm';

/** The resource fields the service fills for a server; all 15 when its OS changed. */
export function serverResourceInfo(random: Random, server: ServerResource): AppJobResourceInfo {
  const flavor = pick(random, SERVER_FLAVORS);
  return {
    resource_id: server.serverId,
    resource_name: server.serverName,
    cloud_service_type: ECS_SERVICE,
    resource_type: VM_RESOURCE,
    resource_spec_code: flavor.code,
    spec_type: { vcpus: flavor.vcpus, memory_gib: flavor.memoryGiB, system_disk: { type: 'SSD', root: true } },
    spec_size: pick(random, [80, 100, 120]),
    measure: MEASURE_GB,
    processed_time: server.processedTime,
    is_main_resource: 0,
    main_resources: [
      {
        relative_resource_id: server.serverGroupId,
        relative_resource_name: server.serverGroupName,
        relative_type: 1,
        relative_cloud_service_type: 'hws.service.type.workspace',
        relative_resource_type: 'hws.resource.type.appstream.servergroup',
        extend_params: '',
      },
    ],
    extend_params: JSON.stringify({ image_id: server.imageId, server_group_id: server.serverGroupId }),
    ...(server.oldServerId !== undefined && {
      old_resource_id: server.oldServerId,
      old_cloud_service_type: ECS_SERVICE,
      old_resource_type: VM_RESOURCE,
    }),
  };
}

export function cloneAppSubJob(subJob: RawAppSubJob): RawAppSubJob {
  return { ...subJob, job_resource_info: structuredClone(subJob.job_resource_info) };
}

const writeTopLevel: FailureWriter<RawAppSubJob> = (subJob, failure) => {
  subJob.error_code = failure?.code ?? '';
  subJob.error_message = failure?.message ?? '';
};

/** App-server sub-jobs: the failure reason at the top level. */
export const APP_SERVER_SHAPE: SubJobShape<RawAppSubJob> = {
  clone: cloneAppSubJob,
  errorCode: (subJob) => subJob.error_code,
  writeFailure: writeTopLevel,
  create(base, partial, failure, random, added) {
    const serverId = uuid(random);
    const number = String(added).padStart(2, '0');
    // The order of the keys is the SDK model's, as clients reading the raw text see it.
    return {
      id: base.id,
      job_type: base.job_type,
      job_resource_info:
        partial.job_resource_info ??
        serverResourceInfo(random, {
          serverId,
          serverName: `appsrv-new-${number}`,
          serverGroupId: uuid(random),
          serverGroupName: 'sg-new',
          imageId: uuid(random),
          processedTime: base.begin_time,
          ...((base.job_type === 'CHANGE_SERVER_IMAGE' || base.job_type === 'REINSTALL_OS') && {
            oldServerId: uuid(random),
          }),
        }),
      begin_time: base.begin_time,
      end_time: base.end_time,
      status: base.status,
      error_code: partial.error_code ?? failure?.code ?? '',
      error_message: partial.error_message ?? failure?.message ?? '',
      project_id: base.project_id,
      job_id: base.job_id,
    };
  },
};
