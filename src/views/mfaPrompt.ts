import * as vscode from 'vscode';
import type { MfaCode } from '../api/iamClient';
import { inputStep } from './multiStep';

/** Where the MFA steps sit in Sign In: the steps already done, and whether IAM refused a code. */
export interface MfaSteps {
  /** Steps Sign In showed before IAM asked for the code (4, or 5 with the project pick). */
  readonly done: number;
  /** The IAM user id known from an earlier sign-in, offered as it is. */
  readonly knownUserId?: string;
  /** IAM refused the last code: the boxes say so. */
  readonly retry: boolean;
}

/** The same title as the steps before, counting on from them. */
function stepTitle(step: number, steps: number): string {
  return vscode.l10n.t({
    message: 'Workspace Jobs: Sign In ({0}/{1})',
    args: [step, steps],
    comment: ['Title of the sign-in input boxes; step {0} of {1}'],
  });
}

/** What a user types from an MFA app ("123 456") as the 6 digits IAM takes. */
export function mfaDigits(typed: string): string {
  return typed.replace(/\s/g, '');
}

/**
 * Asks for what IAM's totp method needs: the IAM user id (IAM names the user by id there; the
 * console shows it under My Credentials) unless already known, then the 6-digit code. Escape stops.
 */
export async function askMfaCode(steps: MfaSteps): Promise<MfaCode | undefined> {
  const total = steps.done + (steps.knownUserId && !steps.retry ? 1 : 2);
  let step = steps.done;
  let userId = steps.knownUserId ?? '';
  if (!steps.knownUserId || steps.retry) {
    const typed = await inputStep({
      title: stepTitle(++step, total),
      prompt: vscode.l10n.t(
        'IAM asks for a virtual MFA code. First your IAM user ID (console: My Credentials › IAM User ID), which IAM needs with the code.',
      ),
      value: userId,
      back: false,
      validate: (v) =>
        /^[\w-]{1,64}$/.test(v.trim()) ? undefined : vscode.l10n.t('Enter the IAM user ID (letters and digits).'),
    });
    if (typeof typed !== 'object') return undefined;
    userId = typed.value.trim();
  }
  const code = await inputStep({
    title: stepTitle(step + 1, total),
    prompt: steps.retry
      ? vscode.l10n.t('IAM refused the code. Enter the code your MFA app shows now (6 digits).')
      : vscode.l10n.t('Virtual MFA code: the 6 digits your MFA app shows now.'),
    password: true,
    back: false,
    validate: (v) => (/^\d{6}$/.test(mfaDigits(v)) ? undefined : vscode.l10n.t('Enter the 6 digits of the MFA code.')),
  });
  if (typeof code !== 'object') return undefined;
  return { userId, passcode: mfaDigits(code.value) };
}
