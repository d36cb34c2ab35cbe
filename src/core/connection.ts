import { Authorizer } from '../api/authorizer';
import { checkEndpoint, isLoopbackHost } from '../api/endpoint';
import { iamEndpointForRegion } from '../api/iamClient';
import { endpointForRegion } from '../api/regions';
import { JobType } from '../model/subJob';
import { authorizerFor, Credential, describeCredential } from './credentials';

export interface ProjectSettings {
  readonly projectId: string;
  readonly region: string;
  /** '' = derived from the region. */
  readonly endpoint: string;
  readonly jobTypes: readonly JobType[];
  /** Seconds; 0 = off. */
  readonly refreshInterval: number;
  /** '' = derived from the region (or the endpoint, when that is a loopback simulator). */
  readonly iamEndpoint: string;
}

/** Everything needed to talk to one project; equal keys mean the same data. */
export interface Connection {
  readonly key: string;
  readonly projectId: string;
  readonly endpoint: string;
  /** Region name, or the endpoint's host when the endpoint is overridden. */
  readonly location: string;
  readonly authorizer: Authorizer;
  /** Which credential is in use, in words that reveal no secret. */
  readonly credential: string;
  readonly sampleData: boolean;
}

export type ConnectionProblem =
  | { readonly kind: 'unconfigured' }
  | { readonly kind: 'noCredentials'; readonly projectId: string; readonly location: string }
  | { readonly kind: 'badEndpoint'; readonly projectId: string; readonly location: string; readonly reason: string };

export function isConnection(value: Connection | ConnectionProblem): value is Connection {
  return 'authorizer' in value;
}

export function resolveConnection(settings: ProjectSettings, credential: Credential | undefined): Connection | ConnectionProblem {
  const projectId = settings.projectId.trim();
  if (!projectId) return { kind: 'unconfigured' };
  const endpoint = settings.endpoint.trim() || endpointForRegion(settings.region);
  const checked = checkEndpoint(endpoint);
  const location = settings.endpoint.trim() ? hostOf(endpoint) : settings.region;
  if (!checked.ok) return { kind: 'badEndpoint', projectId, location, reason: checked.reason };
  if (!credential) return { kind: 'noCredentials', projectId, location };
  return {
    key: `${checked.origin}|${projectId}`,
    projectId,
    endpoint: checked.origin,
    location,
    authorizer: authorizerFor(credential, projectId),
    credential: describeCredential(credential),
    sampleData: false,
  };
}

function hostOf(endpoint: string): string {
  try {
    return new URL(endpoint).host;
  } catch {
    return endpoint;
  }
}

/** Raises 1–4 to the 5 s floor so a typo cannot hammer the API; 0 turns refresh off. */
export function effectiveRefreshInterval(seconds: number): number {
  if (!Number.isFinite(seconds) || seconds <= 0) return 0;
  return Math.max(5, seconds);
}

/**
 * Where to sign in: the override if set; the endpoint itself when it is a loopback simulator (it
 * issues tokens too); otherwise the region's IAM, because a regional token works only there.
 */
export function iamEndpointFor(settings: ProjectSettings): string {
  if (settings.iamEndpoint.trim()) return settings.iamEndpoint.trim();
  const endpoint = settings.endpoint.trim();
  if (endpoint) {
    try {
      if (isLoopbackHost(new URL(endpoint).hostname)) return new URL(endpoint).origin;
    } catch {
      // an invalid endpoint falls back to the region
    }
  }
  return iamEndpointForRegion(settings.region);
}
