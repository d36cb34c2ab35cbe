import { Authorizer, TokenAuthorizer } from '../api/authorizer';
import { checkEndpoint } from '../api/endpoint';
import { endpointForRegion } from '../api/regions';
import { JobType } from '../model/subJob';

export interface ProjectSettings {
  readonly projectId: string;
  readonly region: string;
  /** '' = derived from the region. */
  readonly endpoint: string;
  readonly jobTypes: readonly JobType[];
  /** Seconds; 0 = off. */
  readonly refreshInterval: number;
}

/** Everything needed to talk to one project; equal keys mean the same data. */
export interface Connection {
  readonly key: string;
  readonly projectId: string;
  readonly endpoint: string;
  /** Region name, or the endpoint's host when the endpoint is overridden. */
  readonly location: string;
  readonly authorizer: Authorizer;
  readonly sampleData: boolean;
}

export type ConnectionProblem =
  | { readonly kind: 'unconfigured' }
  | { readonly kind: 'noCredentials'; readonly projectId: string; readonly location: string }
  | { readonly kind: 'badEndpoint'; readonly projectId: string; readonly location: string; readonly reason: string };

export function isConnection(value: Connection | ConnectionProblem): value is Connection {
  return 'authorizer' in value;
}

export function resolveConnection(settings: ProjectSettings, token: string | undefined): Connection | ConnectionProblem {
  const projectId = settings.projectId.trim();
  if (!projectId) return { kind: 'unconfigured' };
  const endpoint = settings.endpoint.trim() || endpointForRegion(settings.region);
  const checked = checkEndpoint(endpoint);
  const location = settings.endpoint.trim() ? hostOf(endpoint) : settings.region;
  if (!checked.ok) return { kind: 'badEndpoint', projectId, location, reason: checked.reason };
  if (!token) return { kind: 'noCredentials', projectId, location };
  return {
    key: `${checked.origin}|${projectId}`,
    projectId,
    endpoint: checked.origin,
    location,
    authorizer: new TokenAuthorizer(token),
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
