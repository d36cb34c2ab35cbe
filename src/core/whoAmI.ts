import * as l10n from '@vscode/l10n';
import type { CallerIdentity } from '../api/callerIdentity';
import { describeError, isAbort } from '../api/errors';
import type { SessionClient, SessionQuery } from './sessionSpec';

/**
 * What Who Am I learnt: IAM named the account or the user (`identity`), or it did not and the
 * project's own count call proved the credential works (`works`, with IAM's reason).
 */
export type WhoAmIAnswer =
  | { readonly kind: 'identity'; readonly identity: CallerIdentity }
  | { readonly kind: 'works'; readonly total: number; readonly unanswered: string };

/**
 * Asks IAM who the credential belongs to; where IAM refuses or cannot be reached, one count call on
 * the project tells whether the credential works there at all. A failing count call rejects: the
 * credential does not work for the project, which is the answer that matters.
 */
export async function whoAmI(
  client: SessionClient,
  query: SessionQuery,
  iamEndpoint: string,
  signal: AbortSignal,
): Promise<WhoAmIAnswer> {
  let unanswered = l10n.t('this credential cannot ask IAM');
  if (client.callerIdentity) {
    try {
      const identity = await client.callerIdentity(iamEndpoint, signal);
      if (identity.account || identity.user) return { kind: 'identity', identity };
      unanswered = identity.unanswered ?? unanswered;
    } catch (error) {
      if (signal.aborted || isAbort(error)) throw error;
      unanswered = describeError(error);
    }
  }
  const filter = query.jobId ? { jobId: query.jobId } : {};
  const total = await client.count(query.jobTypes, filter, signal);
  return { kind: 'works', total, unanswered };
}
