import * as l10n from '@vscode/l10n';
import { capText, DETAIL_CHARS } from '../model/text';
import { MalformedResponseError } from '../model/validate';

export { MalformedResponseError };

/** A code or a request id is a short token; more than this is not one, and is cut. */
const TOKEN_CHARS = 100;

/**
 * "HTTP 401 APIGW.0301: token expires", with the code when there is one. The service's words are
 * capped: this message goes to notifications, tree rows and the log.
 */
function apiErrorText(status: number, errorCode: string, errorMsg: string): string {
  const code = capText(errorCode, TOKEN_CHARS);
  const message =
    capText(errorMsg) ||
    l10n.t({
      message: 'no error message',
      comment: ['Stands for the error message of an HTTP error answer that had none'],
    });
  return code ? l10n.t('HTTP {0} {1}: {2}', status, code, message) : l10n.t('HTTP {0}: {1}', status, message);
}

/** A message followed by the request id Huawei support asks for, when there is one. */
function withRequestId(message: string, requestId: string): string {
  return requestId ? l10n.t('{0} (request id {1})', message, capText(requestId, TOKEN_CHARS)) : message;
}

/**
 * The API answered with an HTTP error. Carries what Huawei support asks for: the code, message and
 * request id as sent, up to DETAIL_CHARS each (for the details panel); the message says them in
 * a few hundred characters.
 */
export class ApiError extends Error {
  readonly errorCode: string;
  readonly errorMsg: string;
  readonly requestId: string;
  /**
   * IAM's encoded explanation of a 403 (`encoded_authorization_message`), which IAM can decode
   * for the account's administrator; errorMsg already shows it.
   */
  readonly encodedAuthorizationMessage?: string;

  constructor(
    readonly status: number,
    errorCode: string,
    errorMsg: string,
    requestId: string,
    readonly retryAfterSeconds?: number,
    encodedAuthorizationMessage?: string,
  ) {
    super(withRequestId(apiErrorText(status, errorCode, errorMsg), requestId));
    this.name = 'ApiError';
    this.errorCode = capText(errorCode, DETAIL_CHARS);
    this.errorMsg = capText(errorMsg, DETAIL_CHARS);
    this.requestId = capText(requestId, DETAIL_CHARS);
    if (encodedAuthorizationMessage !== undefined)
      this.encodedAuthorizationMessage = capText(encodedAuthorizationMessage, DETAIL_CHARS);
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
    super(l10n.t('cannot reach {0}: {1}', capText(endpoint), capText(causeText)));
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
    super(withRequestId(l10n.t('malformed response from {0}: {1}', capText(url), capText(detail)), requestId));
    this.name = 'ResponseError';
  }
}

export function isAbort(error: unknown): boolean {
  return error instanceof Error && (error.name === 'AbortError' || (error as { code?: string }).code === 'ABORT_ERR');
}

/**
 * A call stopped after its request had gone out (a session closed while it was in flight): the
 * service may have acted on it. Errors say so with `sent: true`.
 */
export function stoppedAfterSending(error: unknown): boolean {
  return error instanceof Error && (error as { sent?: unknown }).sent === true;
}

/** A one-line message fit for a person; never a stack trace. */
export function describeError(error: unknown): string {
  if (error instanceof ApiError || error instanceof NetworkError || error instanceof MalformedResponseError) {
    return error.message;
  }
  if (error instanceof Error) return error.message || error.name;
  return String(error);
}
