import * as vscode from 'vscode';
import type { CopyTarget } from '../model/detailsProtocol';
import { SubJob } from '../model/subJob';
import type { SubJobRef } from '../model/subJobRef';
import type { CopyWording } from './clipboard';

/** What each copy button copies, in English for the log. */
const COPY_LABELS: Record<CopyTarget, string> = {
  id: 'sub-job ID',
  jobId: 'job ID',
  resourceId: 'resource ID',
  json: 'sub-job as JSON',
};

/** The status bar's words for a copy button: copied, failed, and nothing to copy. */
export function copyWording(what: CopyTarget): CopyWording & { readonly nothing: string } {
  switch (what) {
    case 'id':
      return {
        what: COPY_LABELS.id,
        copied: vscode.l10n.t('$(copy) Copied sub-job ID'),
        failed: vscode.l10n.t('Could not copy the sub-job ID'),
        nothing: vscode.l10n.t('Nothing to copy: no sub-job ID known'),
      };
    case 'jobId':
      return {
        what: COPY_LABELS.jobId,
        copied: vscode.l10n.t('$(copy) Copied job ID'),
        failed: vscode.l10n.t('Could not copy the job ID'),
        nothing: vscode.l10n.t('Nothing to copy: no job ID known'),
      };
    case 'resourceId':
      return {
        what: COPY_LABELS.resourceId,
        copied: vscode.l10n.t('$(copy) Copied resource ID'),
        failed: vscode.l10n.t('Could not copy the resource ID'),
        nothing: vscode.l10n.t('Nothing to copy: no resource ID known'),
      };
    case 'json':
      return {
        what: COPY_LABELS.json,
        copied: vscode.l10n.t('$(copy) Copied sub-job as JSON'),
        failed: vscode.l10n.t('Could not copy the sub-job as JSON'),
        nothing: vscode.l10n.t('Nothing to copy: the sub-job is not loaded yet'),
      };
  }
}

/** What a copy button copies from the data at hand; '' when there is nothing to copy. */
export function copyValue(what: CopyTarget, subJob: SubJob | undefined, ref: SubJobRef): string {
  switch (what) {
    case 'id':
      return subJob?.id ?? ref.id;
    case 'jobId':
      return subJob?.jobId ?? ref.jobId;
    case 'resourceId':
      return subJob?.resourceId ?? '';
    case 'json':
      return subJob ? JSON.stringify(subJob, null, 2) : '';
  }
}
