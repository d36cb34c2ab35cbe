import * as l10n from '@vscode/l10n';
import { ApiError, NetworkError } from '../api/errors';
import { RefreshFailure, SessionProblem } from '../core/sessionState';
import { capText } from '../model/text';
import { familyLabel } from './familyRows';
import type { MessageRow } from './treeModel';

/*
 * The rows that say why a project shows nothing, or older data: what keeps it from being asked,
 * and how its last refresh failed.
 */

type RowWords = Pick<MessageRow, 'severity' | 'label' | 'detail' | 'action'>;

/** A project's message row, its id from the project's key and `slot` (a project has at most one of each). */
function projectRow(key: string, slot: 'problem' | 'failure', words: RowWords): MessageRow {
  return { kind: 'message', id: `${key}/${slot}`, sessionKey: key, ...words };
}

/** Why a project cannot be asked anything, as a row whose click fixes it. */
export function problemRow(key: string, problem: SessionProblem, filterText?: string): MessageRow {
  switch (problem.kind) {
    case 'noCredentials':
      if (problem.found?.length)
        return projectRow(key, 'problem', {
          severity: 'warning',
          label: l10n.t('No credentials — click to use one found on this machine'),
          detail: l10n.t(
            'Found: {0}. The key is read from there each time and never copied into VS Code.',
            problem.found.join(', '),
          ),
          action: 'switchCredential',
        });
      return projectRow(key, 'problem', {
        severity: 'warning',
        label: l10n.t('No credentials — click to add them'),
        detail: l10n.t(
          'Add an access key (recommended: it signs for every project), a token, or sign in as an IAM user. Credentials stay in VS Code SecretStorage.',
        ),
        action: 'addCredentials',
      });
    case 'notCovered':
      return projectRow(key, 'problem', {
        severity: 'warning',
        label: l10n.t('No credential for this project — click to sign in for it'),
        detail: l10n.t(
          'The stored token is for {0}: a token works only for its own project. Sign in or set a token for this one, or set an access key (it signs for all).',
          problem.coveredProjects.join(', '),
        ),
        action: 'signIn',
      });
    case 'badEndpoint':
      return projectRow(key, 'problem', {
        severity: 'error',
        label: l10n.t('Endpoint refused: {0}', problem.reason),
        detail: `${problem.reason}\n${l10n.t('Click to run Configure Project.')}`,
        action: 'configureProject',
      });
    case 'badProjectId':
      return projectRow(key, 'problem', {
        severity: 'error',
        label: l10n.t('Project id refused: {0}', problem.reason),
        detail: `${problem.reason}\n${l10n.t('Click to run Configure Project.')}`,
        action: 'configureProject',
      });
    case 'badProxy':
      return projectRow(key, 'problem', {
        severity: 'error',
        label: l10n.t('Cannot connect: {0}', problem.reason),
        detail: `${problem.reason}\n${l10n.t('Click to open the http.proxy setting.')}`,
        action: 'proxySettings',
      });
    case 'noJobTypes':
      return projectRow(key, 'problem', {
        severity: 'info',
        label:
          filterText !== undefined
            ? l10n.t('No sub-jobs match {0}: no configured job type is left', filterText)
            : l10n.t('No sub-jobs match the filter: no configured job type is left'),
        detail: l10n.t(
          'workspaceJobs.jobTypes and the job type filter have nothing in common. Click to clear the filters.',
        ),
        action: 'clearFilters',
      });
  }
}

/**
 * The last refresh's failure, with what Huawei support asks for. What the service said is capped
 * (a row and its tooltip are no place for megabytes); the details panel has it whole.
 */
export function failureRow(key: string, failure: RefreshFailure, stale: boolean): MessageRow {
  const error = failure.error;
  const kept = (label: string): string => (stale ? l10n.t('{0} — showing the last good data', label) : label);
  const message = capText(failure.message);
  if (error instanceof ApiError) {
    const said = capText([error.errorCode, error.errorMsg].filter(Boolean).join(' '));
    // A denial that names no IAM action (a frozen account, say) is told in the service's words, not as a policy's.
    const policy = failure.denied && error.errorMsg.includes(failure.denied.action);
    const label = failure.denied
      ? policy
        ? l10n.t({
            message: 'Your policy does not allow {0} ({1})',
            args: [failure.denied.action, familyLabel(failure.denied.family)],
            comment: ['{0} is an IAM action (workspace:jobs:listSubJobs), {1} a family of sub-jobs (App server jobs)'],
          })
        : l10n.t({
            message: 'Refused for {0}: {1}',
            args: [familyLabel(failure.denied.family), said],
            comment: ['{0} is a family of sub-jobs (App server jobs), {1} the error code and message of the service'],
          })
      : failure.authFailure
        ? l10n.t('Authentication failed: {0}', said)
        : l10n.t('Request failed (HTTP {0}): {1}', error.status, said);
    const detail = [
      `HTTP ${error.status}`,
      error.errorCode && `error_code: ${capText(error.errorCode)}`,
      error.errorMsg && `error_msg: ${capText(error.errorMsg)}`,
      error.requestId && `X-Request-Id: ${capText(error.requestId)}`,
      failure.denied &&
        (policy
          ? l10n.t(
              'The credential works; an IAM policy denies this call. Once the action is granted, a refresh shows these sub-jobs. Click for the log.',
            )
          : l10n.t(
              'The credential works; the service refuses this call (HTTP 403). It is asked again now and then. Click for the log.',
            )),
    ]
      .filter(Boolean)
      .join('\n');
    return projectRow(key, 'failure', {
      severity: 'error',
      label: kept(label),
      detail,
      action: failure.authFailure ? 'setToken' : 'showLog',
    });
  }
  if (error instanceof NetworkError) {
    // The cause first, then where, then what to look at: a narrow sidebar cuts the end of a row.
    const cause = capText(error.causeText);
    return projectRow(key, 'failure', {
      severity: 'error',
      label: kept(
        l10n.t({
          message: '{0}: {1} — check the endpoint, proxy and network; click for the log',
          args: [cause.charAt(0).toLocaleUpperCase() + cause.slice(1), capText(error.endpoint)],
          comment: [
            '{0} is why an endpoint could not be reached (e.g. Connection refused (ECONNREFUSED)), {1} its URL',
          ],
        }),
      ),
      detail: [
        message,
        l10n.t(
          'Check the endpoint (Workspace Jobs: Configure Project), http.proxy if a proxy is needed, and that this machine can reach it. Click to open the log.',
        ),
      ].join('\n'),
      action: 'showLog',
    });
  }
  return projectRow(key, 'failure', {
    severity: 'error',
    label: kept(message),
    detail: message,
    action: 'showLog',
  });
}
