import { MalformedResponseError } from '../model/validate';

export { MalformedResponseError };

/** The API answered with an HTTP error. Carries what Huawei support asks for. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly errorCode: string,
    readonly errorMsg: string,
    readonly requestId: string,
    readonly retryAfterSeconds?: number,
    /**
     * IAM's encoded explanation of a 403 (`encoded_authorization_message`), which IAM can decode
     * for the account's administrator; errorMsg already shows it.
     */
    readonly encodedAuthorizationMessage?: string,
  ) {
    super(`HTTP ${status}${errorCode ? ` ${errorCode}` : ''}: ${errorMsg || 'no error message'}${requestId ? ` (request id ${requestId})` : ''}`);
    this.name = 'ApiError';
  }

  get isAuthFailure(): boolean {
    return this.status === 401 || this.status === 403;
  }
}

/** The endpoint could not be reached, or stopped answering. */
export class NetworkError extends Error {
  constructor(
    readonly endpoint: string,
    readonly causeText: string,
  ) {
    super(`cannot reach ${endpoint}: ${causeText}`);
    this.name = 'NetworkError';
  }
}

/** A malformed response, with the request it came from so the message can say which. */
export class ResponseError extends MalformedResponseError {
  constructor(
    readonly url: string,
    detail: string,
    readonly requestId: string,
  ) {
    super(`malformed response from ${url}: ${detail}${requestId ? ` (request id ${requestId})` : ''}`);
    this.name = 'ResponseError';
  }
}

export function isAbort(error: unknown): boolean {
  return error instanceof Error && (error.name === 'AbortError' || (error as { code?: string }).code === 'ABORT_ERR');
}

/** A one-line message fit for a person; never a stack trace. */
export function describeError(error: unknown): string {
  if (error instanceof ApiError || error instanceof NetworkError || error instanceof MalformedResponseError) {
    return error.message;
  }
  if (error instanceof Error) return error.message || error.name;
  return String(error);
}
