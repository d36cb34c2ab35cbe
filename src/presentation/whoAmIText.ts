import * as l10n from '@vscode/l10n';
import type { WhoAmIAnswer } from '../core/whoAmI';
import { formatDateTime } from '../model/time';

/** The project asked about, in the words its row uses. */
export interface WhoAmIProject {
  readonly label: string;
  /** Which credential its requests carry, as the session describes it (never a secret). */
  readonly credential: string;
}

function named(entity: { readonly id: string; readonly name?: string }): string {
  return entity.name ? l10n.t('{0} ({1})', entity.name, entity.id) : entity.id;
}

/** Who Am I's answer in one message: account and user, the credential, and a token's expiry. */
export function whoAmIMessage(project: WhoAmIProject, answer: WhoAmIAnswer): string {
  if (answer.kind === 'works') {
    return l10n.t({
      message:
        'The credential works for project {0} ({1} sub-jobs); IAM did not say who you are ({2}). Credential: {3}.',
      args: [project.label, answer.total, answer.unanswered, project.credential],
      comment: ['{2} is why IAM did not answer: its error, in one line'],
    });
  }
  const { account, user, expiresAt, unanswered } = answer.identity;
  const unknown = l10n.t({ message: 'not said', comment: ['An account or user IAM did not name'] });
  const parts = [
    l10n.t({
      message: '{0}: account {1}, user {2}. Credential: {3}.',
      args: [project.label, account ? named(account) : unknown, user ? named(user) : unknown, project.credential],
      comment: ['{0} is the project; {1} the account and {2} the user, each "name (id)" or an id'],
    }),
  ];
  const expires = expiresAt ? Date.parse(expiresAt) : NaN;
  if (!Number.isNaN(expires)) parts.push(l10n.t('The token expires {0}.', formatDateTime(expires)));
  if (unanswered) parts.push(l10n.t('IAM did not say more: {0}', unanswered));
  return parts.join(' ');
}
