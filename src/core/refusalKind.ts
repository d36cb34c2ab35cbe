import { ApiError } from '../api/errors';
import { familyApi } from '../api/familyApi';
import type { Family } from '../model/family';

/**
 * What a 401 or 403 says about the credential. Each call has its own IAM action, and a policy may
 * grant one family's actions and not the other's: a 403 "Policy doesn't allow" (WKS.*) means the
 * signature or token was accepted and one action denied. Only a refusal of the credential itself
 * (a 401, or a gateway 403) is the same answer for every family of the project.
 */

/**
 * Where a call goes: `credential` (listing: a refusal there stops the session), `action` (one
 * action a policy may deny alone: counting, a look-up, deleting), `elsewhere` (IAM, whose answer
 * proves nothing about the project's credential).
 */
export type CallScope = 'credential' | 'action' | 'elsewhere';

const POLICY_DENIAL = /polic(y|ies)\b/i;

function isServiceCode(error: ApiError): boolean {
  return /^WKS\./i.test(error.errorCode);
}

/**
 * A 403 that denies an action to a credential the service accepted: the service says a policy
 * denies it, or the same credential worked for another call at this project (the other family).
 */
export function deniesAction(error: ApiError, credentialWorked: boolean): boolean {
  return error.status === 403 && (credentialWorked || (isServiceCode(error) && POLICY_DENIAL.test(error.errorMsg)));
}

/** Whether the answer refuses the credential, so that the session stops sending until it changes or the user asks. */
export function refusesCredential(error: ApiError, scope: CallScope, credentialWorked: boolean): boolean {
  if (error.status === 401) return true;
  return error.status === 403 && scope === 'credential' && !deniesAction(error, credentialWorked);
}

/**
 * Whether the project's other family adopts the refusal without asking: a 401 (five bad signatures
 * lock an access key) or a gateway's 403, never the service's own 403, which may be one family's policy.
 */
export function refusesForEveryFamily(error: ApiError): boolean {
  return error.status === 401 || (error.status === 403 && !isServiceCode(error));
}

/** The IAM action a denial names when it is one of the family's; its list action otherwise (a refresh lists). */
export function deniedAction(error: ApiError, family: Family): string {
  const actions = Object.values(familyApi(family).actions);
  return actions.find((action) => error.errorMsg.includes(action)) ?? familyApi(family).actions.list;
}
