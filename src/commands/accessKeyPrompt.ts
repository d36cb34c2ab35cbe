import * as vscode from 'vscode';
import { AccessKeyCredential } from '../core/credentials';
import { inputStep, optionalTyped, required, runSteps } from '../views/multiStep';

export function validateAccessKeyId(value: string): string | undefined {
  const ak = value.trim();
  if (!ak) return vscode.l10n.t('Enter the access key ID (My Credentials → Access Keys).');
  if (!/^[A-Za-z0-9]{8,128}$/.test(ak))
    return vscode.l10n.t('An access key ID is 8–128 letters and digits, e.g. HPUAXXXXXXXXXXXXXXXX.');
  return undefined;
}

function validateSecretKey(value: string): string | undefined {
  const sk = value.trim();
  if (!sk) return vscode.l10n.t('Enter the secret access key.');
  return /\s/.test(sk) ? vscode.l10n.t('The secret access key must not contain spaces.') : undefined;
}

function title(step: number): string {
  return vscode.l10n.t({
    message: 'Workspace Jobs: Set Access Key ({0}/3)',
    args: [step],
    comment: ['Title of the input boxes that ask for an access key; {0} is the step number, of 3'],
  });
}

/** What Set Access Key gathered; `tokenSkipped` when Escape left the optional security token out. */
export interface AccessKeyAnswer {
  readonly credential: AccessKeyCredential;
  readonly tokenSkipped: boolean;
}

/**
 * Asks for an access key in three steps. Back keeps what was typed; the security token is
 * optional, so Escape there skips it and keeps the key typed before it (asking first whether to
 * keep a token typed in the box: a half-pasted one is as likely as a finished one).
 */
export async function askAccessKey(): Promise<AccessKeyAnswer | undefined> {
  let accessKeyId = '';
  let secretKey = '';
  let securityToken = '';
  let tokenSkipped = false;
  const done = await runSteps(
    [
      async (first) =>
        required(
          await inputStep({
            title: title(1),
            prompt: vscode.l10n.t('Access key ID (AK)'),
            value: accessKeyId,
            back: !first,
            validate: validateAccessKeyId,
            keepTyped: (v) => (accessKeyId = v),
          }),
          (v) => (accessKeyId = v.trim()),
        ),
      async () =>
        required(
          await inputStep({
            title: title(2),
            prompt: vscode.l10n.t('Secret access key (SK). It signs each request and is never sent or shown again.'),
            value: secretKey,
            password: true,
            back: true,
            validate: validateSecretKey,
            keepTyped: (v) => (secretKey = v),
          }),
          (v) => (secretKey = v.trim()),
        ),
      async () =>
        optionalTyped(
          await inputStep({
            title: title(3),
            prompt: vscode.l10n.t(
              'Security token, only for temporary access keys; leave empty (or press Escape) for a permanent key.',
            ),
            value: securityToken,
            password: true,
            back: true,
            keepTyped: (v) => (securityToken = v),
          }),
          () => securityToken,
          (v) => (securityToken = v.trim()),
          () => {
            securityToken = '';
            tokenSkipped = true;
          },
          () => ({
            title: vscode.l10n.t('Workspace Jobs: Set Access Key'),
            placeHolder: vscode.l10n.t('Save the access key with the security token typed?'),
            withLabel: vscode.l10n.t('$(check) Save with the security token typed'),
            withoutLabel: vscode.l10n.t('$(close) Save without a security token'),
          }),
        ),
    ],
    { typed: () => !!(accessKeyId.trim() || secretKey), title: vscode.l10n.t('Workspace Jobs: Set Access Key') },
  );
  if (!done) return undefined;
  return {
    credential: { kind: 'accessKey', accessKeyId, secretKey, ...(securityToken && { securityToken }) },
    tokenSkipped,
  };
}
