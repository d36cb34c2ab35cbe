/**
 * What IAM answers an IAM user whose login protection asks for a virtual MFA code. Kept apart from
 * iamClient.ts so that token renewal (core) can tell these errors apart without the HTTP stack.
 * Neither error carries the password or the code: only IAM's status and request id.
 */
import * as l10n from '@vscode/l10n';
import { ApiError } from './errors';

/** IAM wants the password plus a virtual MFA code (`methods: ["password", "totp"]`). */
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

/** IAM refused a sign-in that carried an MFA code. */
export class IamMfaCodeRefusedError extends ApiError {
  constructor(status: number, requestId: string) {
    super(
      status,
      '',
      l10n.t(
        'IAM refused the MFA code: the code, the IAM user ID or the password is wrong (a code lasts 30 seconds; check the MFA device clock)',
      ),
      requestId,
    );
    this.name = 'IamMfaCodeRefusedError';
  }
}

/**
 * Whether IAM's 401 to a password-only sign-in says an MFA code is needed. No document gives this
 * answer's wording; these are the words IAM and Keystone use for it, and the simulator's.
 */
export function asksForMfa(status: number, message: string): boolean {
  return status === 401 && /\b(mfa|totp|passcode|verification code|login protection)\b/i.test(message);
}
