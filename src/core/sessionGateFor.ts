import type { ApiError } from '../api/errors';
import type { CredentialProof } from './credentialProof';
import { SessionGate } from './sessionGate';
import { SessionClient, SessionSpec, specFamily } from './sessionSpec';

/**
 * The gate of one project session: cautious with an access key not yet proven, its probe one count
 * call under the session's own query, its verdict shared with the project's other family.
 */
export function sessionGateFor(
  spec: SessionSpec,
  raw: SessionClient | undefined,
  proof: CredentialProof | undefined,
  onRefused: (error: ApiError) => void,
): SessionGate {
  const { jobTypes, jobId } = spec.query;
  return new SessionGate({
    cautious: spec.cautious === true,
    probe: (signal, counting, sent) => counting.probe(raw!, jobTypes, { ...(jobId && { jobId }) }, signal, sent),
    onRefused,
    proof,
    family: specFamily(spec),
  });
}
