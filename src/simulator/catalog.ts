import { JobType } from '../model/subJob';

/**
 * The vocabulary of the sample data: resource names and failure reasons. WKS.00129901 and its
 * message come from Huawei's API page; the other codes follow the service's WKS.xxxxxxxx format
 * and are made up, so that every failure shown in sample mode reads like a real one.
 */
export interface Failure {
  readonly code: string;
  readonly message: string;
}

export const SERVICE_UNAVAILABLE: Failure = {
  code: 'WKS.00129901',
  message: 'The service is now unavailable to process the request.',
};

export const INTERNAL_ERROR: Failure = {
  code: 'WKS.00211401',
  message: 'Internal error. Contact technical support.',
};

/** Why an ABORTING sub-job ends FAILED. */
export const ABORTED: Failure = {
  code: 'WKS.00130012',
  message: 'The job was terminated by the user.',
};

export const FAILURES_BY_JOB_TYPE: Readonly<Record<JobType, readonly Failure[]>> = {
  CREATE_SERVER_IMAGE: [
    { code: 'WKS.00130207', message: 'Failed to create the image because the image build server is not stopped.' },
    { code: 'WKS.00130215', message: 'Image creation timed out after 120 minutes.' },
    { code: 'WKS.00130218', message: 'The private image quota of the project has been used up.' },
    { code: 'WKS.00130221', message: 'Sysprep failed on the image build server. Check the Windows event log.' },
  ],
  CREATE_SERVER: [
    { code: 'WKS.00130301', message: 'Insufficient ECS resources in availability zone cn-north-4a.' },
    { code: 'WKS.00130305', message: 'The subnet has no available IP addresses.' },
    { code: 'WKS.00130312', message: 'The flavor workspace.appstream.general.xlarge.4 is sold out.' },
    {
      code: 'WKS.00130317',
      message: 'Failed to join the server to the AD domain: the domain controller is unreachable.',
    },
  ],
  DELETE_SERVER: [
    { code: 'WKS.00130402', message: 'The server has active sessions and cannot be deleted.' },
    { code: 'WKS.00130410', message: 'Failed to release the EVS disk attached to the server.' },
  ],
};

/** Image names as people name build outputs: `img-<what>-<nn>`. */
export const IMAGE_NAME_BASES = [
  'build-ubuntu22',
  'win2019-office',
  'win2022-dev',
  'cad-suite-v4',
  'finance-apps',
  'uos20-base',
  'design-tools',
  'erp-client',
] as const;

/** Image-server name stems: `<stem>-<nn>`. */
export const SERVER_NAME_STEMS = [
  'dev-desktop',
  'img-build-srv',
  'appsrv-win22',
  'cad-workstation',
  'finance-srv',
  'test-runner',
  'training-lab',
] as const;
