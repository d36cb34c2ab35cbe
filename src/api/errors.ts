import * as l10n from '@vscode/l10n';
import { MalformedResponseError } from '../model/validate';

export { MalformedResponseError };

/** "HTTP 401 APIGW.0301: token expires", with the code when there is one. */
function apiErrorText(status: number, errorCode: string, errorMsg: string): string {
  const message =
    errorMsg ||
    l10n.t({
      message: 'no error message',
      comment: ['Stands for the error message of an HTTP error answer that had none'],
    });
  return errorCode ? l10n.t('HTTP {0} {1}: {2}', status, errorCode, message) : l10n.t('HTTP {0}: {1}', status, message);
}

/** A message followed by the request id Huawei support asks for, when there is one. */
function withRequestId(message: string, requestId: string): string {
  return requestId ? l10n.t('{0} (request id {1})', message, requestId) : message;
}

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
    super(withRequestId(apiErrorText(status, errorCode, errorMsg), requestId));
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
    super(l10n.t('cannot reach {0}: {1}', endpoint, causeText));
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
    super(withRequestId(l10n.t('malformed response from {0}: {1}', url, detail), requestId));
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
