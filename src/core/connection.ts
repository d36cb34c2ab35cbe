import { createHash } from 'node:crypto';
import * as l10n from '@vscode/l10n';
import { Authorizer } from '../api/authorizer';
import { checkEndpoint, isLoopbackHost } from '../api/endpoint';
import { GLOBAL_IAM_ENDPOINT, iamEndpointForRegion } from '../api/iamEndpoints';
import { endpointForRegion, isRegion } from '../api/regions';
import { authorizerFor, CredentialSet, credentialFor, describeCredential } from './credentials';
import { SessionSigner, signerOf } from './credentialExpiry';
import { connectionKey, ProjectConfig } from './projects';

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
  /** Its kind and, for a found key, its source: what an expiry calls for, and which IAM knows it. */
  readonly signer: SessionSigner;
  /** Changes when the credential does; a one-way hash, never the secret itself. */
  readonly credentialFingerprint: string;
  readonly sampleData: boolean;
}

export type ConnectionProblem =
  | { readonly kind: 'noCredentials'; readonly projectId: string; readonly location: string }
  /** Tokens exist, but for other projects. */
  | {
      readonly kind: 'notCovered';
      readonly projectId: string;
      readonly location: string;
      readonly coveredProjects: readonly string[];
    }
  | { readonly kind: 'badEndpoint'; readonly projectId: string; readonly location: string; readonly reason: string }
  | { readonly kind: 'badProjectId'; readonly projectId: string; readonly location: string; readonly reason: string }
  /** The connection could not be set up (e.g. a proxy setting this version cannot use). */
  | { readonly kind: 'badProxy'; readonly projectId: string; readonly location: string; readonly reason: string };

export const MAX_PROJECT_ID_LENGTH = 128;

/** Why a project id cannot be used (the API takes 1–128 characters in a path segment), or undefined. */
export function validateProjectId(value: string): string | undefined {
  const id = value.trim();
  if (!id) return l10n.t('Enter the project id. {0}', whereProjectIdIs());
  if (id.length > MAX_PROJECT_ID_LENGTH)
    return l10n.t('A project id has at most {0} characters; this one has {1}.', MAX_PROJECT_ID_LENGTH, id.length);
  if (!/^[A-Za-z0-9_-]+$/.test(id)) return l10n.t('A project id contains only letters, digits, "-" and "_".');
  return undefined;
}

/** Where the project id is found in the console: said before the user types, and with every complaint. */
export function whereProjectIdIs(): string {
  return l10n.t('My Credentials → API Credentials → Projects: the Project ID beside the region, 32 hex characters.');
}

/**
 * A project id that is valid but probably not what was meant: a region name ("cn-north-4") sits in
 * the column beside the id in the console and is a common paste. Undefined when nothing looks wrong.
 */
export function projectIdWarning(value: string): string | undefined {
  const id = value.trim();
  if (isRegion(id) || /^[a-z]{2}-[a-z]+-\d+$/.test(id))
    return l10n.t('{0} is a region name, not a project id. {1}', id, whereProjectIdIs());
  return undefined;
}

export function isConnection(value: Connection | ConnectionProblem): value is Connection {
  return 'authorizer' in value;
}

/** Where a project's requests go, with which credential; or why they cannot go anywhere. */
export function resolveConnection(
  project: ProjectConfig,
  credentials: CredentialSet,
  singleProjectId?: string,
): Connection | ConnectionProblem {
  const projectId = project.projectId.trim();
  const endpoint = project.endpoint.trim() || endpointForRegion(project.region);
  const checked = checkEndpoint(endpoint);
  // The region names the project (each region's WorkspaceApp is its own); an overridden endpoint is named too.
  const location = project.endpoint.trim() ? `${project.region} · ${hostOf(endpoint)}` : project.region;
  const badId = validateProjectId(projectId);
  if (badId) return { kind: 'badProjectId', projectId, location, reason: badId };
  if (!checked.ok) return { kind: 'badEndpoint', projectId, location, reason: checked.reason };
  const choice = credentialFor(credentials, projectId, singleProjectId);
  if ('none' in choice) return { kind: 'noCredentials', projectId, location };
  if ('notCovered' in choice) return { kind: 'notCovered', projectId, location, coveredProjects: choice.notCovered };
  return {
    key: connectionKey(checked.origin, projectId),
    projectId,
    endpoint: checked.origin,
    location,
    authorizer: authorizerFor(choice.credential, projectId),
    credential: describeCredential(choice.credential),
    signer: signerOf(choice.credential),
    credentialFingerprint: fingerprint(choice.credential),
    sampleData: false,
  };
}

/** A short one-way hash of a credential: tells two credentials apart without holding the secret. */
export function fingerprint(credential: unknown): string {
  return createHash('sha256').update(JSON.stringify(credential)).digest('hex').slice(0, 16);
}

function hostOf(endpoint: string): string {
  try {
    return new URL(endpoint).host;
  } catch {
    return endpoint;
  }
}

export const MIN_REFRESH_INTERVAL_S = 5;
/** A day; package.json declares it too, and a workspace's larger value is clamped here, not trusted. */
export const MAX_REFRESH_INTERVAL_S = 86_400;

/** Raises 1–4 to the 5 s floor so a typo cannot hammer the API, caps at a day; 0 turns refresh off. */
export function effectiveRefreshInterval(seconds: number): number {
  if (Number.isNaN(seconds) || seconds <= 0) return 0;
  return Math.min(MAX_REFRESH_INTERVAL_S, Math.max(MIN_REFRESH_INTERVAL_S, seconds));
}

/**
 * Where to sign in: the override if set; the endpoint itself when it is a loopback simulator (it
 * issues tokens too); otherwise the region's IAM, because a regional token works only there.
 */
export function iamEndpointFor(project: Pick<ProjectConfig, 'region' | 'endpoint'>, iamEndpoint = ''): string {
  if (iamEndpoint.trim()) return iamEndpoint.trim();
  const endpoint = project.endpoint.trim();
  if (endpoint) {
    try {
      if (isLoopbackHost(new URL(endpoint).hostname)) return new URL(endpoint).origin;
    } catch {
      // an invalid endpoint falls back to the region
    }
  }
  return iamEndpointForRegion(project.region);
}

/**
 * Which IAM is asked about a credential: the one its own source names (HUAWEICLOUD_SDK_IAM_ENDPOINT,
 * the SDK file's iam_endpoint), as the SDKs do; else, for a project, where Sign In goes; else the
 * global IAM. Who Am I and the look-up of a found key's projects both ask here, so their answers
 * come from the same IAM.
 */
export function credentialIamEndpoint(
  own: string | undefined,
  project?: Pick<ProjectConfig, 'region' | 'endpoint'>,
  iamEndpoint = '',
): string {
  if (own?.trim()) return own.trim();
  if (project) return iamEndpointFor(project, iamEndpoint);
  return iamEndpoint.trim() || GLOBAL_IAM_ENDPOINT;
}
