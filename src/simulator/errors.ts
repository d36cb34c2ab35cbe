import { INTERNAL_ERROR } from './catalog';

/**
 * The error bodies the simulated service answers with. Service errors carry a WKS code; errors
 * raised by Huawei's API gateway in front of it carry an APIGW code and a request_id. The shape,
 * `{error_code, error_msg}`, is the same for both.
 */
export interface ErrorBody {
  readonly error_code: string;
  readonly error_msg: string;
  readonly request_id?: string;
}

export interface ErrorAnswer {
  readonly status: number;
  readonly body: ErrorBody;
  readonly headers?: Readonly<Record<string, string>>;
}

export type AuthFault = 'no-credentials' | 'bad-token' | 'bad-signature';

const AUTH_DETAIL: Readonly<Record<AuthFault, string>> = {
  'no-credentials': 'x-auth-token not found',
  'bad-token': 'verify token fail',
  'bad-signature': 'verify aksk signature fail',
};

export function invalidParameter(message: string): ErrorAnswer {
  return { status: 400, body: { error_code: 'WKS.00211102', error_msg: message } };
}

/** The gateway refuses before the service sees the request, hence APIGW and a request_id. */
export function authenticationFailed(fault: AuthFault, requestId: string): ErrorAnswer {
  return {
    status: 401,
    body: {
      error_code: 'APIGW.0301',
      error_msg: `Incorrect IAM authentication information: ${AUTH_DETAIL[fault]}`,
      request_id: requestId,
    },
  };
}

/** The service's code for a refused permission (403), as the API definitions give it. */
export const FORBIDDEN_CODE = 'WKS.00081102';

/**
 * A valid token used with another project's id. A token is scoped to one project, so this is a
 * permission problem (403) rather than a missing resource (404).
 */
export function projectForbidden(projectId: string): ErrorAnswer {
  return {
    status: 403,
    body: {
      error_code: FORBIDDEN_CODE,
      error_msg: `Permission denied: the token is not scoped to project ${JSON.stringify(projectId)}.`,
    },
  };
}

/**
 * A call the caller's IAM policy does not grant (a least-privilege custom policy without this
 * action): the service's 403, with the action named as IAM names it.
 */
export function actionDenied(action: string): ErrorAnswer {
  return {
    status: 403,
    body: {
      error_code: FORBIDDEN_CODE,
      error_msg: `Policy doesn't allow ${action} to be performed.`,
    },
  };
}

/** The gateway answers unknown paths itself (APIG.0101 in Huawei's gateway error table). */
export function apiNotFound(requestId: string): ErrorAnswer {
  return {
    status: 404,
    body: {
      error_code: 'APIGW.0101',
      error_msg: 'The API does not exist or has not been published in the environment',
      request_id: requestId,
    },
  };
}

/**
 * ShowImageJob for a job the project does not have. The service's code for this is not published:
 * this one is the simulator's own, in the service's format.
 */
export function jobNotFound(jobId: string, status: 400 | 404 = 404): ErrorAnswer {
  return {
    status,
    body: {
      error_code: status === 400 ? 'WKS.00211102' : 'WKS.00211404',
      error_msg: `The job ${JSON.stringify(jobId.length > 40 ? `${jobId.slice(0, 40)}…` : jobId)} does not exist.`,
    },
  };
}

/**
 * `allow` lists the methods the path does take, as the Allow header must. The facts gathered from
 * the definitions give no code for 405: this one is the simulator's own, in the service's format.
 */
export function methodNotAllowed(method: string, allow = 'GET'): ErrorAnswer {
  return {
    status: 405,
    body: { error_code: 'WKS.00211105', error_msg: `Request method '${method}' is not supported.` },
    headers: { Allow: allow },
  };
}

/**
 * BatchDeleteImageSubJobs naming a sub-job that has not finished: the whole call is refused. The
 * service's code for this is not published: this one is the simulator's own, in the service's format.
 */
export function subJobNotDeletable(id: string, status: string): ErrorAnswer {
  return {
    status: 400,
    body: {
      error_code: 'WKS.00211106',
      error_msg: `The sub-job ${JSON.stringify(id)} is ${status || 'in no status'}: only SUCCESS or FAILED sub-jobs can be deleted. Nothing was deleted.`,
    },
  };
}

/** What an injected failure sends when the test gives no body: what the real one would send. */
export function typicalErrorBody(status: number, requestId: string): ErrorBody | Record<string, never> {
  switch (status) {
    case 400:
      return invalidParameter('Invalid parameter.').body;
    case 401:
      return authenticationFailed('bad-token', requestId).body;
    case 403:
      return { error_code: FORBIDDEN_CODE, error_msg: 'Permission denied.' };
    case 404:
      return apiNotFound(requestId).body;
    case 405:
      return methodNotAllowed('GET').body;
    case 429:
      return {
        error_code: 'APIGW.0308',
        error_msg: 'The throttling threshold has been reached: policy user over ratelimit,limit:200,time:1 second',
        request_id: requestId,
      };
    case 502:
      return { error_code: 'APIGW.0202', error_msg: 'Backend unavailable', request_id: requestId };
    case 503:
      return { error_code: 'WKS.00050902', error_msg: 'The service is temporarily unavailable. Try again later.' };
    case 504:
      return { error_code: 'APIGW.0203', error_msg: 'Backend timeout', request_id: requestId };
    default:
      return status >= 400 ? { error_code: INTERNAL_ERROR.code, error_msg: INTERNAL_ERROR.message } : {};
  }
}
