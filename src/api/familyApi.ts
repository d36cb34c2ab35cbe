import type { Family } from '../model/family';

/**
 * What differs between the two families' calls (the Node SDK's WorkspaceAppClient.ts and, per
 * call, services/workspaceapp/v1/model: ListImageSubJobs/ListSubJobs, CountImageSubJobs/CountSubJobs,
 * BatchDeleteImageSubJobs/BatchDeleteAppSubJobs, ShowImageJob/ShowJobDetail Request/Response.ts).
 * IAM actions from each API page's identity policy table.
 */
export interface FamilyApi {
  readonly family: Family;
  /** The sub-job collection under /v1/{project_id}/. */
  readonly subJobsPath: string;
  /** BatchDeleteImageSubJobs is PATCH, BatchDeleteAppSubJobs POST; the body is the same. */
  readonly deleteMethod: 'PATCH' | 'POST';
  /** The parent-job look-up's path under /{version}/{project_id}/ (ShowImageJob v1, ShowJobDetail v2). */
  readonly jobPath: (jobId: string) => { readonly version: 'v1' | 'v2'; readonly path: string };
  /** The look-up call's name, for the log. */
  readonly showJobCall: string;
  readonly actions: {
    readonly list: string;
    readonly count: string;
    readonly showJob: string;
    readonly batchDelete: string;
  };
}

const IMAGE_API: FamilyApi = {
  family: 'image',
  subJobsPath: 'image-server-sub-jobs',
  deleteMethod: 'PATCH',
  jobPath: (jobId) => ({ version: 'v1', path: `image-server-jobs/${encodeURIComponent(jobId)}` }),
  showJobCall: 'ShowImageJob',
  actions: {
    list: 'workspace:imageServer:listImageSubJobs',
    count: 'workspace:imageServer:countImageSubJobs',
    showJob: 'workspace:images:getImageJob',
    batchDelete: 'workspace:imageServer:batchDeleteImageSubJobs',
  },
};

const APP_SERVER_API: FamilyApi = {
  family: 'appServer',
  subJobsPath: 'app-server-sub-jobs',
  deleteMethod: 'POST',
  // ShowJob (GET /v1/{project_id}/job/{job_id}) is deprecated and answers numeric codes: v2 it is.
  jobPath: (jobId) => ({ version: 'v2', path: `job/${encodeURIComponent(jobId)}` }),
  showJobCall: 'ShowJobDetail',
  actions: {
    list: 'workspace:jobs:listSubJobs',
    count: 'workspace:jobs:countSubJobs',
    showJob: 'workspace:jobs:get',
    batchDelete: 'workspace:jobs:batchDeleteSubJobs',
  },
};

export function familyApi(family: Family = 'image'): FamilyApi {
  return family === 'appServer' ? APP_SERVER_API : IMAGE_API;
}
