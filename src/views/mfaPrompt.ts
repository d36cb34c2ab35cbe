import * as vscode from 'vscode';
import { ApiError } from '../api/errors';
import type { CodeAnswer, CodeAsk } from '../core/mfaSignIn';
import { capText } from '../model/text';
import { inputStep, required, runSteps, Step, StepOutcome, StepResult } from './multiStep';

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
 * sign-in steps shown before, which Back from the first box returns to. As in those steps, Back and
 * Escape keep what was typed, and Escape asks before anything typed is lost.
 */
export async function askMfaCode(ask: CodeAsk, done: number): Promise<CodeAnswer> {
  const asksUserId = ask.knownUserId === undefined;
  const total = done + (asksUserId ? 2 : 1);
  let userId = ask.knownUserId ?? ask.userId;
  let code = '';
  let back = false;
  /** Back from the first box leaves the run for the sign-in steps (there are none in a renewal). */
  const outcomeOf = (first: boolean, outcome: StepOutcome<string>, keep: (value: string) => void): StepResult => {
    if (first && outcome === 'back') {
      back = true;
      return 'skip';
    }
    return required(outcome, keep);
  };
  const userIdStep: Step = async (first) =>
    outcomeOf(
      first,
      await inputStep({
        title: stepTitle(done + 1, total),
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
        back: !first || done > 0,
        keepTyped: (v) => (userId = v),
        validate: (v) =>
          /^[\w-]{1,64}$/.test(v.trim()) ? undefined : vscode.l10n.t('Enter the IAM user ID (letters and digits).'),
      }),
      (v) => (userId = v.trim()),
    );
  const codeStep: Step = async (first) =>
    outcomeOf(
      first,
      await inputStep({
        title: stepTitle(total, total),
        prompt:
          ask.refusal !== undefined
            ? vscode.l10n.t('IAM refused the code. Enter the code your MFA app shows now (6 digits).')
            : vscode.l10n.t('Virtual MFA code: the 6 digits your MFA app shows now.'),
        value: code,
        password: true,
        back: !first || done > 0,
        keepTyped: (v) => (code = v),
        validate: (v) =>
          !/^\d{6}$/.test(mfaDigits(v))
            ? vscode.l10n.t('Enter the 6 digits of the MFA code.')
            : ask.tried(userId.trim(), mfaDigits(v))
              ? vscode.l10n.t('This code was already tried; wait for the next one.')
              : undefined,
      }),
      (v) => (code = v),
    );
  // The account, user and password typed in the steps before count as typed, as does either box here.
  const typed = () => done > 0 || !!code.trim() || (asksUserId && userId.trim() !== ask.userId);
  const answered = await runSteps(asksUserId ? [userIdStep, codeStep] : [codeStep], {
    typed,
    title: vscode.l10n.t('Workspace Jobs: Sign In'),
  });
  if (back) return { back: true, userId: userId.trim() };
  return answered ? { userId: userId.trim(), passcode: mfaDigits(code) } : undefined;
}
