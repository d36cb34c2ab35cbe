import type { SessionSpec } from '../../src/core/projectSession';
import type { SsoCredential } from '../../src/core/ssoCredential';
import { SubJob, SubJobStatus } from '../../src/model/subJob';

let sequence = 0;

/** A valid sub-job; override what the test is about. */
export function aSubJob(overrides: Partial<SubJob> = {}): SubJob {
  sequence++;
  return {
    id: String(702364884037271552n + BigInt(sequence)),
    jobType: 'CREATE_SERVER_IMAGE',
    status: 'SUCCESS' as SubJobStatus,
    resourceId: `5f0d2a6e-0000-4000-8000-${String(sequence).padStart(12, '0')}`,
    resourceName: `img-build-${sequence}`,
    beginTime: '2026-11-27T10:00:00.000Z',
    endTime: '2026-11-27T10:05:00.000Z',
    errorCode: '',
    errorMessage: '',
    projectId: '0a1b2c3d4e5f60718293a4b5c6d7e8f9',
    jobId: '702364884037270000',
    ...overrides,
  };
}

/** The API's JSON for a sub-job (ImageJobDetailInfo). */
export function anApiItem(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id: '702364884037271552',
    job_type: 'CREATE_SERVER',
    job_resource_info: { resource_id: 'a1a1245-xxxx123d-1425af14', resource_name: 'Image test' },
    begin_time: '2022-03-07T10:40:43.858Z',
    end_time: '2022-03-07T10:40:43.858Z',
    status: 'FAILED',
    job_execute_info: {
      error_code: 'WKS.00129901',
      error_message: 'The service is now unavailable to process the request.',
    },
    project_id: '325f2346-xxxx123d-1425af14',
    job_id: '1',
    ...overrides,
  };
}

/** A session's spec as the tree shows it: project p1 in cn-north-4, an IAM token, one job type. */
export const A_SESSION_SPEC: SessionSpec = {
  key: 'https://x|p1',
  projectId: 'p1',
  location: 'cn-north-4',
  endpoint: 'https://x',
  sampleData: false,
  credential: 'IAM token',
  query: { jobTypes: ['CREATE_SERVER'] },
};

/** An IAM Identity Center sign-in: an SSO token until 8 h, keys obtained at 0 and good for an hour. */
export function anSsoCredential(overrides: Partial<SsoCredential> = {}): SsoCredential {
  return {
    kind: 'sso',
    startUrl: 'https://example.com/start',
    region: 'cn-north-4',
    oidcEndpoint: 'https://oidc.cn-north-4.myhuaweicloud.com',
    portalEndpoint: 'https://portal-identitycenter.myhuaweicloud.com',
    accessToken: 'token-1',
    tokenExpiresAt: 8 * 3_600_000,
    accountId: 'a1',
    accountName: 'dev',
    agencyName: 'ReadOnly',
    agencyUrn: 'iam::a1:agency:ReadOnly',
    accessKeyId: 'AK0',
    secretKey: 'SK0',
    securityToken: 'ST0',
    keysObtainedAt: 0,
    keysExpireAt: 3_600_000,
    ...overrides,
  };
}
