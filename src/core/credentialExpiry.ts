/**
 * What signs a session's requests, in words of no secret, and what it takes when the service refuses
 * them as expired: each project is judged on its own session, never on what else is stored.
 */
import { createHash } from 'node:crypto';
import type { Credential } from './credentials';

/** The kind of credential a session signs with; a found key says where the user keeps it. */
export type SessionSigner =
  | { readonly kind: 'token' | 'iam' | 'sample' }
  /** `keys` tells the temporary keys apart (keysOf), so a refusal of keys already replaced renews nothing. */
  | { readonly kind: 'sso'; readonly keys: string }
  | {
      readonly kind: 'accessKey';
      /** A security token goes with it: it expires, and whoever issued it renews it. */
      readonly temporary: boolean;
      /** Read from the user's environment, SDK file or KooCLI: its source's id and label. */
      readonly found?: { readonly id: string; readonly label: string };
      /** The IAM its source names (HUAWEICLOUD_SDK_IAM_ENDPOINT, the SDK file's iam_endpoint). */
      readonly iamEndpoint?: string;
    };

/** A one-way hash of an access key id: which keys, without the id itself. */
export function keysOf(accessKeyId: string): string {
  return createHash('sha256').update(accessKeyId).digest('hex').slice(0, 16);
}

export function signerOf(credential: Credential): SessionSigner {
  if (credential.kind === 'sso') return { kind: 'sso', keys: keysOf(credential.accessKeyId) };
  if (credential.kind !== 'accessKey') return { kind: credential.kind };
  return {
    kind: 'accessKey',
    temporary: Boolean(credential.securityToken),
    ...(credential.source && { found: credential.source }),
    ...(credential.iamEndpoint && { iamEndpoint: credential.iamEndpoint }),
  };
}

export type ExpiryAction =
  /** The IAM Identity Center keys: new ones now, whatever their stored expiry says. */
  | { readonly kind: 'renewSso'; readonly keys: string }
  /** A key the user keeps elsewhere: only its source can give a new one; nothing here is set. */
  | { readonly kind: 'refreshFound'; readonly sourceId: string; readonly source: string }
  /** A temporary key saved in VS Code: a new one is set here. */
  | { readonly kind: 'setAccessKey' }
  /**
   * A long-term key (no security token) does not lapse: refused "as expired", it is wrong or disabled
   * where it came from (saved in VS Code when `found` is absent); the user checks it or sets another.
   */
  | { readonly kind: 'refusedKey'; readonly found?: { readonly id: string; readonly label: string } }
  /** A token or IAM sign-in: renewed if it can be, else a new token is asked for. */
  | { readonly kind: 'token' }
  /** The simulator's own token: nothing for the user to do. */
  | { readonly kind: 'none' };

/** What a project's refusal as expired calls for; a session planned before signers were told keeps the old advice. */
export function expiryAction(signer: SessionSigner | undefined): ExpiryAction {
  switch (signer?.kind) {
    case 'sso':
      return { kind: 'renewSso', keys: signer.keys };
    case 'accessKey':
      if (!signer.temporary) return { kind: 'refusedKey', ...(signer.found && { found: signer.found }) };
      return signer.found
        ? { kind: 'refreshFound', sourceId: signer.found.id, source: signer.found.label }
        : { kind: 'setAccessKey' };
    case 'sample':
      return { kind: 'none' };
    default:
      return { kind: 'token' };
  }
}
