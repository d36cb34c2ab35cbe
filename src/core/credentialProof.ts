import type { Family } from '../model/family';

/**
 * Whether a credential works at one project is one question, however many sessions carry it (one
 * per family): an access key locks after five bad signatures in a row, so the sessions share the
 * probe in flight and each adopts its verdict instead of sending one of its own.
 */
export class CredentialProof {
  /** The probe some session sent and nobody has heard back from yet. */
  pending: Promise<unknown> | undefined;
  /** The families whose calls with this credential at this project were answered. */
  private readonly answered = new Set<Family>();

  /** A call of `family`'s was answered: the service accepts the credential. */
  worked(family: Family): void {
    this.answered.add(family);
  }

  /** The credential was refused: what was answered before no longer says it works. */
  refused(): void {
    this.answered.clear();
  }

  /**
   * Whether another family's call was answered with this credential since its last refusal: the
   * service's 403 on `family`'s call is then that family's policy, not a refused credential.
   */
  workedBesides(family: Family): boolean {
    return [...this.answered].some((other) => other !== family);
  }
}

/** The proofs of the credentials in use, one per project and credential, shared by the project's family sessions. */
export class CredentialProofs {
  private proofs = new Map<string, CredentialProof>();

  /** The proof for a project (its projectKey) and credential (a fingerprint, never the secret). */
  of(projectKey: string, credentialFingerprint: string): CredentialProof {
    const key = JSON.stringify([projectKey, credentialFingerprint]);
    let proof = this.proofs.get(key);
    if (!proof) this.proofs.set(key, (proof = new CredentialProof()));
    return proof;
  }

  /** Forgets the proofs no session in `keep` uses any more. */
  retain(keep: ReadonlySet<CredentialProof>): void {
    this.proofs = new Map([...this.proofs].filter(([, proof]) => keep.has(proof)));
  }
}
