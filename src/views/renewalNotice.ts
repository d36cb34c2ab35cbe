import * as vscode from 'vscode';
import { IamCredential } from '../core/credentials';
import type { SsoCredential } from '../core/ssoCredential';
import type { RenewalAsk } from '../core/tokenRenewal';
import { formatDateTime } from '../model/time';
import { enterMfaCodeLabel } from './mfaPrompt';

/**
 * What the notification says when a token cannot be renewed silently, and its button. With a
 * remembered password, a user who signs in with an MFA code only types the code ('code').
 */
export function renewalNotice(
  credential: IamCredential,
  reason: RenewalAsk,
): { readonly message: string; readonly button: string; readonly then: 'code' | 'signIn' } {
  const expires = formatDateTime(Date.parse(credential.expiresAt));
  const message =
    reason === 'failed'
      ? vscode.l10n.t({
          message: 'Workspace Jobs: Renewing the IAM token of {0} failed; sign in again to keep the view current.',
          args: [credential.userName],
          comment: ['{0} is an IAM user name'],
        })
      : reason === 'mfa'
        ? vscode.l10n.t({
            message: 'Workspace Jobs: The IAM token of {0} expires at {1}; IAM wants an MFA code to renew it.',
            args: [credential.userName, expires],
            comment: ['{0} is an IAM user name, {1} a date and time; MFA: multi-factor authentication'],
          })
        : vscode.l10n.t({
            message: 'Workspace Jobs: The IAM token of {0} expires at {1}.',
            args: [credential.userName, expires],
            comment: ['{0} is an IAM user name, {1} a date and time'],
          });
  if (reason === 'mfa' && credential.password) return { message, button: enterMfaCodeLabel(), then: 'code' };
  const button = vscode.l10n.t({
    message: 'Sign In',
    comment: ['Button of the notification that an IAM token expires or could not be renewed'],
  });
  return { message, button, then: 'signIn' };
}

/** A pasted token that expired: nothing can renew it, so the user is asked for a new one. */
export function tokenExpiredNotice(): { message: string; button: string } {
  return {
    message: vscode.l10n.t('Workspace Jobs: The token has expired.'),
    button: vscode.l10n.t({
      message: 'Set Token',
      comment: ['Button of the notification that a token expired: asks for a new IAM token'],
    }),
  };
}

/**
 * A temporary key read from where the user keeps it was refused as expired: only that source can give
 * a new one, so no token is asked for. A variable of VS Code's own environment changes only with a
 * restart; a file is read again once it changes (or on Refresh).
 */
export function foundKeyExpiredNotice(
  sourceId: string,
  source: string,
): { readonly message: string; readonly refresh?: string; readonly switchCredential: string } {
  const switchCredential = vscode.l10n.t({
    message: 'Switch Credential…',
    comment: ['Button of the notification that a found temporary key expired: opens the credential picker'],
  });
  if (sourceId === 'env')
    return {
      message: vscode.l10n.t({
        message:
          'Workspace Jobs: The temporary access key from {0} has expired: set a fresh one where VS Code is started from, then restart VS Code.',
        args: [source],
        comment: ['{0} is where the key was found, e.g. "Environment (HUAWEICLOUD_SDK_AK)"'],
      }),
      switchCredential,
    };
  return {
    message: vscode.l10n.t({
      message: 'Workspace Jobs: The temporary access key from {0} has expired: refresh it there (then Refresh).',
      args: [source],
      comment: ['{0} is where the key was found, e.g. "SDK credentials file" or "KooCLI profile dev-sh"'],
    }),
    refresh: vscode.l10n.t({
      message: 'Refresh',
      comment: ['Button of the notification that a found temporary key expired: refreshes the view'],
    }),
    switchCredential,
  };
}

/** A temporary key (with a security token) saved in VS Code was refused as expired: a new one is set here. */
export function savedKeyExpiredNotice(): { readonly message: string; readonly button: string } {
  return {
    message: vscode.l10n.t('Workspace Jobs: The temporary access key saved in VS Code has expired.'),
    button: vscode.l10n.t({
      message: 'Set Access Key',
      comment: ['Button of the notification that a saved temporary access key expired: asks for a new one'],
    }),
  };
}

/**
 * A long-term access key (no security token) refused as expired: such a key does not lapse, so IAM's
 * answer means it is wrong, disabled or deleted. Nothing here is temporary; the user checks it where it is
 * kept (`found`: its source's id and label; none: saved in VS Code).
 */
export function longTermKeyRefusedMessage(found?: { readonly id: string; readonly label: string }): string {
  if (!found) {
    return vscode.l10n.t(
      'Workspace Jobs: IAM says the access key saved in VS Code is expired or invalid: check it, or set a new one.',
    );
  }
  if (found.id === 'env')
    return vscode.l10n.t({
      message:
        'Workspace Jobs: IAM says the access key from {0} is expired or invalid: fix it where VS Code starts from and restart VS Code, or switch credential.',
      args: [found.label],
      comment: ['{0} is where the key was found, e.g. "Environment (HUAWEICLOUD_SDK_AK)"'],
    });
  return vscode.l10n.t({
    message:
      'Workspace Jobs: IAM says the access key from {0} is expired or invalid: check it there (then Refresh), or switch to another credential.',
    args: [found.label],
    comment: ['{0} is where the key was found, e.g. "SDK credentials file" or "KooCLI profile dev-sh"'],
  });
}

/** Why an IAM Identity Center sign-in needs the user: it ended, or the service refuses its freshly renewed keys. */
export function ssoAskMessage(credential: SsoCredential, keysRefused: boolean): string {
  return keysRefused
    ? vscode.l10n.t({
        message:
          'Workspace Jobs: the service refuses the just-renewed IAM Identity Center keys ({0}/{1}); they are renewed again on schedule, or sign in again now.',
        args: [credential.accountName, credential.agencyName],
        comment: ['{0} is an account name, {1} an agency (permission set) name'],
      })
    : vscode.l10n.t({
        message:
          'Workspace Jobs: the IAM Identity Center sign-in ({0}/{1}) has ended; sign in again to keep the view current.',
        args: [credential.accountName, credential.agencyName],
        comment: ['{0} is an account name, {1} an agency (permission set) name'],
      });
}
