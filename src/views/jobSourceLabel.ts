import * as vscode from 'vscode';
import { specFamily } from '../core/sessionSpec';
import type { Family } from '../model/family';
import { familyLabel } from '../presentation/familyRows';
import { sourceOf } from './detailsSources';

/**
 * Names a session's jobs for a person: its project and its family ("project X (region) · App server
 * jobs"): a project's two sessions would read the same without the family.
 */
export function jobSourceLabel(
  session: Parameters<typeof sourceOf>[0] & { readonly spec: { readonly family?: Family } },
): string {
  return vscode.l10n.t({
    message: '{0} · {1}',
    args: [sourceOf(session).label, familyLabel(specFamily(session.spec))],
    comment: [
      'Where a parent job comes from: {0} names the project, {1} the family of sub-jobs ("Image jobs", "App server jobs")',
    ],
  });
}
