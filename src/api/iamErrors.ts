/**
 * How IAM refuses a sign-in, in the terms a person can act on. Kept apart from iamClient.ts so that
 * token renewal (core) can tell these errors apart without the HTTP stack. None carries the password
 * or the code: only IAM's status, its own error code and message (capped, as every API text), and
 * the request id.
 */
import * as l10n from '@vscode/l10n';
import { ApiError } from './errors';

/**
 * IAM named the missing virtual MFA code in its 401 to the password alone. No document gives such
 * an answer (IAM most likely says "The username or password is wrong."); kept for when it does.
 */
export class IamMfaRequiredError extends ApiError {
  constructor(requestId: string) {
    super(
      401,
      '',
      l10n.t('IAM asks for a virtual MFA code for this user (login protection); sign in again and enter the code'),
      requestId,
    );
    this.name = 'IamMfaRequiredError';
  }
}

/** IAM refused (401) a sign-in that carried an MFA code; its own words stay in the message. */
export class IamMfaCodeRefusedError extends ApiError {
  constructor(status: number, errorCode: string, errorMsg: string, requestId: string) {
    super(status, errorCode, errorMsg, requestId);
    this.message = l10n.t({
      message:
        'IAM refused the sign-in with the MFA code ({0}): the code, IAM user ID or password is wrong (a code lasts 30 s; check the device clock)',
      args: [this.message],
      comment: ["{0} is IAM's answer, e.g. HTTP 401 Unauthorized: The verification code is wrong."],
    });
    this.name = 'IamMfaCodeRefusedError';
  }
}

/** IAM forbade (403) the sign-in: a locked or forbidden user, which another code cannot change. */
export class IamSignInForbiddenError extends ApiError {
  constructor(errorCode: string, errorMsg: string, requestId: string) {
    super(403, errorCode, errorMsg, requestId);
    this.message = l10n.t({
      message:
        'IAM forbade the sign-in ({0}): the user may be locked or not allowed to sign in to this project; nothing more was tried.',
      args: [this.message],
      comment: ["{0} is IAM's answer, e.g. HTTP 403 IAM.0101: The user is locked."],
    });
    this.name = 'IamSignInForbiddenError';
  }
}

/**
 * Whether IAM's 401 to a password-only sign-in names a missing MFA code. No document gives this
 * answer's wording; these are the words IAM and Keystone use for such codes.
 */
export function asksForMfa(status: number, message: string): boolean {
  return status === 401 && /\b(mfa|totp|passcode|verification code|login protection)\b/i.test(message);
}
