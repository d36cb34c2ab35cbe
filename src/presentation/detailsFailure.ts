import * as l10n from '@vscode/l10n';
import { ApiError, describeError, NetworkError, ResponseError } from '../api/errors';

/** Why the last refresh of a details panel failed, with what Huawei support asks for. */
export interface DetailsFailure {
  readonly message: string;
  readonly status?: number;
  readonly errorCode?: string;
  readonly errorMsg?: string;
  readonly requestId?: string;
}

/** A refresh error as the panel shows it; never a stack trace. */
export function failureFromError(error: unknown): DetailsFailure {
  if (error instanceof ApiError) {
    return {
      message: apiErrorHeadline(error),
      status: error.status,
      errorCode: error.errorCode || undefined,
      errorMsg: error.errorMsg || undefined,
      requestId: error.requestId || undefined,
    };
  }
  if (error instanceof ResponseError) return { message: describeError(error), requestId: error.requestId || undefined };
  if (error instanceof NetworkError) {
    return {
      message: l10n.t(
        'Cannot reach {0}: {1}. Check the endpoint, the http.proxy setting and the network; the log (Workspace Jobs: Show Log) has each attempt.',
        error.endpoint,
        error.causeText,
      ),
    };
  }
  return { message: describeError(error) };
}

function apiErrorHeadline(error: ApiError): string {
  if (error.isAuthFailure)
    return l10n.t(
      "The API refused the credentials (HTTP {0}). Set a new token or check the project's permissions.",
      error.status,
    );
  if (error.status === 429)
    return l10n.t('The API is throttling requests (HTTP 429). The next refresh will try again.');
  if (error.status >= 500) return l10n.t('The API had a problem answering (HTTP {0}).', error.status);
  return l10n.t('The API answered with an error (HTTP {0}).', error.status);
}
