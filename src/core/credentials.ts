import * as l10n from '@vscode/l10n';
import { AkskAuthorizer } from '../api/akskSigner';
import { Authorizer, TokenAuthorizer } from '../api/authorizer';
import { formatDateTime } from '../model/time';
import { describeSso, parseSsoCredential, SsoCredential } from './ssoCredential';

export type { SsoCredential } from './ssoCredential';

/** One credential: a pasted token, an access key, or an IAM sign-in. */
export type Credential =
  | { readonly kind: 'token'; readonly token: string }
  | {
      readonly kind: 'accessKey';
      readonly accessKeyId: string;
      readonly secretKey: string;
      readonly securityToken?: string;
      /**
       * Where a found key came from ("from HUAWEICLOUD_SDK_AK"), for the description; set only on
       * keys read from the user's own files or environment, which are never stored.
       */
      readonly from?: string;
      /** The found source it was read from (never stored either): what its expiry advice names. */
      readonly source?: { readonly id: string; readonly label: string };
      /** The IAM endpoint that source names, where IAM is asked about this key (Who Am I, its projects). */
      readonly iamEndpoint?: string;
    }
  | {
      readonly kind: 'iam';
      readonly token: string;
      /** ISO-8601 from IAM. */
      readonly expiresAt: string;
      readonly domainName: string;
      readonly userName: string;
      readonly iamEndpoint: string;
      /** Only when the user chose "remember password", for silent renewal. */
      readonly password?: string;
      /**
       * When to renew, on this machine's clock (epoch ms): worked out at sign-in from the token's
       * lifetime as IAM states it, so a local clock that is off does not make it look expired.
       */
      readonly renewAt?: number;
      /** The project the token is scoped to (IAM's token.project.id). */
      readonly projectId?: string;
      /**
       * The sign-in took a virtual MFA code (not a secret): renewal asks the user for the code
       * instead of sending the password alone, which IAM would refuse.
       */
      readonly mfa?: true;
    }
  | SsoCredential;

export type IamCredential = Extract<Credential, { kind: 'iam' }>;
export type AccessKeyCredential = Extract<Credential, { kind: 'accessKey' }>;
/** A credential that works for one project only: a token is scoped to the project it was issued for. */
export type ProjectCredential = Extract<Credential, { kind: 'token' | 'iam' }>;

/**
 * Every credential, kept whole in SecretStorage as one JSON document: an access key signs requests
 * for every project; tokens and sign-ins are kept per project. Under the key '' sits a token from
 * before projects were told apart: it belongs to the single project of workspaceJobs.projectId.
 */
export interface CredentialSet {
  readonly accessKey?: AccessKeyCredential;
  /** An IAM Identity Center sign-in: its temporary keys sign for every project, before the access key. */
  readonly sso?: SsoCredential;
  readonly projects: Readonly<Record<string, ProjectCredential>>;
}

export const NO_CREDENTIALS: CredentialSet = { projects: {} };

/** The set without its tokens and sign-ins (IAM Identity Center's too): what Clear Token leaves (the access key stays). */
export function withoutProjectCredentials(set: CredentialSet): CredentialSet {
  return { ...(set.accessKey && { accessKey: set.accessKey }), projects: {} };
}
/** Where a token without a known project is kept. */
export const UNSCOPED = '';

/** Reads what SecretStorage holds, in today's form or the single credential of earlier versions. */
export function parseCredentialSet(stored: string | undefined): CredentialSet {
  if (!stored) return NO_CREDENTIALS;
  let raw: unknown;
  try {
    raw = JSON.parse(stored);
  } catch {
    return NO_CREDENTIALS;
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return NO_CREDENTIALS;
  const record = raw as Record<string, unknown>;
  if (record.version !== 2) {
    const single = parseCredential(stored);
    if (!single) return NO_CREDENTIALS;
    if (single.kind === 'accessKey') return { accessKey: single, projects: {} };
    if (single.kind === 'sso') return { sso: single, projects: {} };
    return { projects: { [single.kind === 'iam' && single.projectId ? single.projectId : UNSCOPED]: single } };
  }
  const accessKey = parseCredential(JSON.stringify(record.accessKey ?? null));
  const sso = parseSsoCredential(record.sso);
  const projects: Record<string, ProjectCredential> = {};
  if (typeof record.projects === 'object' && record.projects !== null) {
    for (const [projectId, value] of Object.entries(record.projects as Record<string, unknown>)) {
      const credential = parseCredential(JSON.stringify(value));
      if (credential && (credential.kind === 'token' || credential.kind === 'iam')) projects[projectId] = credential;
    }
  }
  return { ...(accessKey?.kind === 'accessKey' && { accessKey }), ...(sso && { sso }), projects };
}

export function serializeCredentialSet(set: CredentialSet): string {
  return JSON.stringify({
    version: 2,
    ...(set.accessKey && { accessKey: set.accessKey }),
    ...(set.sso && { sso: set.sso }),
    projects: set.projects,
  });
}

/** The token or sign-in kept for a project; an unscoped one counts for the single configured project. */
export function projectCredential(
  set: CredentialSet,
  projectId: string,
  singleProjectId: string | undefined,
): ProjectCredential | undefined {
  return set.projects[projectId] ?? (projectId === singleProjectId ? set.projects[UNSCOPED] : undefined);
}

export type CredentialChoice =
  | { readonly credential: Credential }
  /** Tokens exist, but for other projects. */
  | { readonly notCovered: readonly string[] }
  | { readonly none: true };

/**
 * Which credential a project's requests carry: its own token or sign-in, else an IAM Identity Center
 * sign-in's temporary keys, else the access key; both sign for any project. Never another project's token: it would only be refused, or worse, accepted
 * for the wrong project.
 */
export function credentialFor(set: CredentialSet, projectId: string, singleProjectId?: string): CredentialChoice {
  const own = projectCredential(set, projectId, singleProjectId);
  if (own) return { credential: own };
  if (set.sso) return { credential: set.sso };
  if (set.accessKey) return { credential: set.accessKey };
  const others = Object.keys(set.projects)
    .map((id) => (id === UNSCOPED ? (singleProjectId ?? l10n.t('(unknown project)')) : id))
    .filter((id) => id !== projectId);
  return others.length ? { notCovered: [...new Set(others)] } : { none: true };
}

/** Renew this long before IAM's expiry, so no refresh meets an expired token. */
export const RENEW_BEFORE_MS = 10 * 60_000;

/**
 * When a token obtained at `obtainedAt` (local clock) should be renewed. The lifetime comes from
 * IAM's own issued_at and expires_at, both on IAM's clock, so a local clock that runs ahead or behind
 * does not move the renewal; a token shorter-lived than twice the lead is renewed at half its life.
 */
export function renewalTime(obtainedAt: number, expiresAt: string, issuedAt?: string): number {
  const expires = Date.parse(expiresAt);
  const issued = issuedAt ? Date.parse(issuedAt) : NaN;
  const lifetime = Number.isNaN(expires) ? 0 : Number.isNaN(issued) ? expires - obtainedAt : expires - issued;
  if (lifetime <= 0) return obtainedAt;
  return obtainedAt + lifetime - Math.min(RENEW_BEFORE_MS, lifetime / 2);
}

function nonEmpty(value: unknown): value is string {
  return typeof value === 'string' && value.length > 0;
}

/** Reads what SecretStorage holds; anything unreadable counts as no credential. */
export function parseCredential(stored: string | undefined): Credential | undefined {
  if (!stored) return undefined;
  let raw: Record<string, unknown>;
  try {
    raw = JSON.parse(stored) as Record<string, unknown>;
  } catch {
    return undefined;
  }
  if (raw?.kind === 'token' && nonEmpty(raw.token)) return { kind: 'token', token: raw.token };
  if (raw?.kind === 'accessKey' && nonEmpty(raw.accessKeyId) && nonEmpty(raw.secretKey)) {
    return {
      kind: 'accessKey',
      accessKeyId: raw.accessKeyId,
      secretKey: raw.secretKey,
      ...(nonEmpty(raw.securityToken) && { securityToken: raw.securityToken }),
    };
  }
  if (
    raw?.kind === 'iam' &&
    nonEmpty(raw.token) &&
    nonEmpty(raw.expiresAt) &&
    nonEmpty(raw.domainName) &&
    nonEmpty(raw.userName) &&
    nonEmpty(raw.iamEndpoint)
  ) {
    return {
      kind: 'iam',
      token: raw.token,
      expiresAt: raw.expiresAt,
      domainName: raw.domainName,
      userName: raw.userName,
      iamEndpoint: raw.iamEndpoint,
      ...(nonEmpty(raw.password) && { password: raw.password }),
      ...(typeof raw.renewAt === 'number' && Number.isFinite(raw.renewAt) && { renewAt: raw.renewAt }),
      ...(nonEmpty(raw.projectId) && { projectId: raw.projectId }),
      ...(raw.mfa === true && { mfa: true as const }),
    };
  }
  return undefined;
}

export function authorizerFor(credential: Credential, projectId: string): Authorizer {
  switch (credential.kind) {
    case 'token':
      return new TokenAuthorizer(credential.token);
    case 'accessKey':
      return new AkskAuthorizer({ ...credential, projectId });
    case 'iam':
      return new TokenAuthorizer(credential.token);
    case 'sso':
      return new AkskAuthorizer({
        accessKeyId: credential.accessKeyId,
        secretKey: credential.secretKey,
        securityToken: credential.securityToken,
        projectId,
      });
  }
}

/** What the UI may say about a credential: never a secret, at most the AK's first four characters. */
export function describeCredential(credential: Credential): string {
  switch (credential.kind) {
    case 'token':
      return l10n.t('IAM token (pasted)');
    case 'accessKey': {
      const described = describeAccessKey(credential);
      return credential.from ? `${described} ${credential.from}` : described;
    }
    case 'iam': {
      const expires = Date.parse(credential.expiresAt);
      const until = Number.isNaN(expires) ? credential.expiresAt : formatDateTime(expires);
      return l10n.t('IAM token of {0} until {1}', credential.userName, until);
    }
    case 'sso':
      return describeSso(credential);
  }
}

function describeAccessKey(credential: AccessKeyCredential): string {
  return credential.securityToken
    ? l10n.t({
        message: 'AK {0}… (temporary, expiry unknown)',
        args: [credential.accessKeyId.slice(0, 4)],
        comment: ['An access key, by its first four characters, with a security token whose expiry nobody told'],
      })
    : l10n.t({
        message: 'AK {0}…',
        args: [credential.accessKeyId.slice(0, 4)],
        comment: ['An access key, by its first four characters'],
      });
}

/** Milliseconds until an IAM token should be renewed (≤ 0: now); undefined for credentials that do not expire. */
export function renewalDueIn(credential: Credential, now: number): number | undefined {
  if (credential.kind !== 'iam') return undefined;
  if (credential.renewAt !== undefined) return credential.renewAt - now;
  const expires = Date.parse(credential.expiresAt);
  if (Number.isNaN(expires)) return 0;
  return expires - RENEW_BEFORE_MS - now;
}

/** A 401 that says the token is too old, as opposed to wrong (APIGW.0301 "token expires", APIGW.0307). */
export function isExpiredTokenError(status: number, errorCode: string, errorMsg: string): boolean {
  if (status !== 401) return false;
  return /APIGW?\.0307/.test(errorCode) || (/APIGW?\.0301/.test(errorCode) && /expire/i.test(errorMsg));
}
