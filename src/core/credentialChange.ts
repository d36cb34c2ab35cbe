import { AccessKeyCredential, CredentialSet, credentialFor } from './credentials';

/** What the credential policy needs of a session: which project it asks, and whether it was refused. */
export interface AskableSession {
  readonly spec: { readonly projectId: string };
  readonly refused: boolean;
}

/** The same access key, secret and security token: saving it again changes nothing in SecretStorage. */
export function isSameAccessKey(stored: AccessKeyCredential | undefined, saved: AccessKeyCredential): boolean {
  return (
    stored !== undefined &&
    stored.accessKeyId === saved.accessKeyId &&
    stored.secretKey === saved.secretKey &&
    (stored.securityToken ?? '') === (saved.securityToken ?? '')
  );
}

/** The token a project already uses, typed again (surrounding blanks are not part of a token). */
export function isSameToken(stored: CredentialSet, projectId: string, token: string): boolean {
  const own = stored.projects[projectId];
  return own?.kind === 'token' && own.token === token.trim();
}

/**
 * The sessions to ask again when the access key in use is saved again (its permissions fixed):
 * SecretStorage fires no change for the same value on macOS or Linux, so nothing else would. Only
 * those that refused it and sign with it: every other question costs a signature, and five bad ones
 * in a row lock the key.
 */
export function askAgainForAccessKey<S extends AskableSession>(sessions: readonly S[], stored: CredentialSet): S[] {
  return sessions.filter((session) => {
    const choice = credentialFor(stored, session.spec.projectId);
    return session.refused && 'credential' in choice && choice.credential.kind === 'accessKey';
  });
}
