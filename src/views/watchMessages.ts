import * as vscode from 'vscode';
import { jobOutcome } from '../core/announcements';
import { SubJob } from '../model/subJob';
import { namedList } from './notificationMessages';

/**
 * "Workspace Jobs: Sub-job X ended: FAILED after 3 min — CODE message". `name` is the job id or the
 * sub-job's label; `status` the raw API value; `duration` and `error` may be empty.
 */
export function watchEndMessage(job: boolean, name: string, status: string, duration: string, error: string): string {
  if (job) {
    if (duration && error)
      return vscode.l10n.t({
        message: 'Workspace Jobs: Job {0} ended: {1} after {2} — {3}',
        args: [name, status, duration, error],
        comment: [
          '{0} job id, {1} status (raw API value), {2} a duration such as "1 hr 4 min", {3} the error code and message from the API',
        ],
      });
    if (duration)
      return vscode.l10n.t({
        message: 'Workspace Jobs: Job {0} ended: {1} after {2}',
        args: [name, status, duration],
        comment: ['{0} job id, {1} status (raw API value), {2} a duration such as "1 hr 4 min"'],
      });
    if (error)
      return vscode.l10n.t({
        message: 'Workspace Jobs: Job {0} ended: {1} — {2}',
        args: [name, status, error],
        comment: ['{0} job id, {1} status (raw API value), {2} the error code and message from the API'],
      });
    return vscode.l10n.t({
      message: 'Workspace Jobs: Job {0} ended: {1}',
      args: [name, status],
      comment: ['{0} job id, {1} status (raw API value)'],
    });
  }
  if (duration && error)
    return vscode.l10n.t({
      message: 'Workspace Jobs: Sub-job {0} ended: {1} after {2} — {3}',
      args: [name, status, duration, error],
      comment: [
        '{0} sub-job name or id, {1} status (raw API value), {2} a duration such as "1 hr 4 min", {3} the error code and message from the API',
      ],
    });
  if (duration)
    return vscode.l10n.t({
      message: 'Workspace Jobs: Sub-job {0} ended: {1} after {2}',
      args: [name, status, duration],
      comment: ['{0} sub-job name or id, {1} status (raw API value), {2} a duration such as "1 hr 4 min"'],
    });
  if (error)
    return vscode.l10n.t({
      message: 'Workspace Jobs: Sub-job {0} ended: {1} — {2}',
      args: [name, status, error],
      comment: ['{0} sub-job name or id, {1} status (raw API value), {2} the error code and message from the API'],
    });
  return vscode.l10n.t({
    message: 'Workspace Jobs: Sub-job {0} ended: {1}',
    args: [name, status],
    comment: ['{0} sub-job name or id, {1} status (raw API value)'],
  });
}

/** How a job's sub-jobs ended: "12 succeeded, 3 failed (a, b, c)", in place of its status in watchEndMessage. */
export function jobOutcomeText(subJobs: readonly SubJob[]): string {
  const { succeeded, failed } = jobOutcome(subJobs);
  if (!failed.length)
    return vscode.l10n.t({
      message: '{0} succeeded',
      args: [succeeded],
      comment: ['Part of a summary of sub-jobs that ended, e.g. "3 sub-jobs failed, 2 succeeded"'],
    });
  return vscode.l10n.t({
    message: '{0} succeeded, {1} failed ({2})',
    args: [succeeded, failed.length, namedList(failed)],
    comment: [
      'How the sub-jobs of a job that ended fared; {0} and {1} are numbers, {2} names up to three failed sub-jobs, e.g. "img-a, img-b, img-c and 2 more"',
    ],
  });
}

/** A watched sub-job or job the service no longer knows: the watch ended without an outcome. */
export function watchGoneMessage(job: boolean, name: string): string {
  return job
    ? vscode.l10n.t({
        message: 'Workspace Jobs: watched job {0} can no longer be found (deleted, or aged out); its watch has ended.',
        args: [name],
        comment: ["{0} is a parent job's id"],
      })
    : vscode.l10n.t({
        message:
          'Workspace Jobs: watched sub-job {0} can no longer be found (deleted, or aged out); its watch has ended.',
        args: [name],
        comment: ["{0} is the sub-job's name or id"],
      });
}
