import { ApiError } from '../api/errors';
import { familyApi } from '../api/familyApi';
import type { Family } from '../model/family';

/**
 * What a 401 or 403 says about the credential. Each call has its own IAM action, and a policy may
 * grant one family's actions and not the other's: the service's 403 (WKS.*) means the signature or
 * token was accepted and one action denied. Only a refusal of the credential itself
 * (a 401, or a gateway 403) is the same answer for every family of the project.
 */

/**
 * Where a call goes: `credential` (listing: a refusal there stops the session), `action` (one
 * action a policy may deny alone: counting, a look-up, deleting), `elsewhere` (IAM, whose answer
 * proves nothing about the project's credential).
 */
export type CallScope = 'credential' | 'action' | 'elsewhere';

function isServiceCode(error: ApiError): boolean {
  return /^WKS\./i.test(error.errorCode);
}

/**
 * The service's 403 to a token of another project (the simulator's words; the real service's are
 * not documented): a refusal of the credential here, unless the same credential worked for the
 * other family at this project. It names no IAM action, which a policy's denial does.
 */
function saysNotScoped(error: ApiError): boolean {
  return /\bscoped?\b/i.test(error.errorMsg) && !/\bworkspace:/.test(error.errorMsg);
}

/**
 * A 403 that denies one call to a credential the service accepted. Decided by the code, whatever
 * the language of the text: a `WKS.*` 403 comes from the service behind the gateway, which accepted
 * the signature or token; a gateway's own 403 (`APIGW.*`) never is one, whatever another family did.
 */
export function deniesAction(error: ApiError, credentialWorked: boolean): boolean {
  return error.status === 403 && isServiceCode(error) && (credentialWorked || !saysNotScoped(error));
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
