import * as vscode from 'vscode';
import { ApiError } from '../api/errors';
import type { MfaCode } from '../api/iamClient';
import type { CodeAsk } from '../core/mfaSignIn';
import { capText } from '../model/text';
import { inputStep } from './multiStep';

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

/** The "Enter MFA Code" button: on the refusal of a password, and on a renewal that needs a code. */
export function enterMfaCodeLabel(): string {
  return vscode.l10n.t({
    message: 'Enter MFA Code',
    comment: ['Button: go on to type the code of a virtual MFA device (multi-factor authentication)'],
  });
}

/**
 * IAM refused the password alone with a 401. That is also, most likely, what a user whose login
 * protection uses a virtual MFA device gets (IAM documents no other answer), so the user decides.
 */
export async function askAfterPasswordRefused(error: ApiError): Promise<'mfa' | 'again' | undefined> {
  const again = vscode.l10n.t({ message: 'Try Again', comment: ['Button: back to the sign-in steps'] });
  const choice = await vscode.window.showWarningMessage(
    vscode.l10n.t({
      message:
        'Workspace Jobs: IAM refused the user name or password: {0}. A user whose login protection uses a virtual MFA device gets the same answer.',
      args: [capText(error.message)],
      comment: ["{0} is IAM's answer: status, error code, IAM's own words and the request id"],
    }),
    enterMfaCodeLabel(),
    again,
  );
  return choice === again ? 'again' : choice === undefined ? undefined : 'mfa';
}

/**
 * Asks for what IAM's totp method needs: the IAM user ID (IAM names the user by ID there; the console
 * shows it under My Credentials) unless IAM accepted it before, then the 6-digit code. `done`: the
 * steps shown before. Escape stops.
 */
export async function askMfaCode(ask: CodeAsk, done: number): Promise<MfaCode | undefined> {
  const total = done + (ask.knownUserId !== undefined ? 1 : 2);
  let step = done;
  let userId = ask.knownUserId ?? ask.userId;
  if (ask.knownUserId === undefined) {
    const typed = await inputStep({
      title: stepTitle(++step, total),
      prompt:
        ask.refusal !== undefined
          ? vscode.l10n.t({
              message: '{0}. Check the IAM user ID, then enter a new code.',
              args: [ask.refusal],
              comment: ["{0} is why IAM refused the sign-in, IAM's own words included"],
            })
          : vscode.l10n.t(
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
    prompt:
      ask.refusal !== undefined
        ? vscode.l10n.t('IAM refused the code. Enter the code your MFA app shows now (6 digits).')
        : vscode.l10n.t('Virtual MFA code: the 6 digits your MFA app shows now.'),
    password: true,
    back: false,
    validate: (v) =>
      !/^\d{6}$/.test(mfaDigits(v))
        ? vscode.l10n.t('Enter the 6 digits of the MFA code.')
        : ask.tried(userId, mfaDigits(v))
          ? vscode.l10n.t('This code was already tried; wait for the next one.')
          : undefined,
  });
  if (typeof code !== 'object') return undefined;
  return { userId, passcode: mfaDigits(code.value) };
}
