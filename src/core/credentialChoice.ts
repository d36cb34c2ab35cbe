/**
 * Which credential the user chose, remembered by the source's id (never a secret): a default for
 * every project and, per project, its own choice. Resolved against what is found each time the
 * sessions are planned, so the key is read from its source, not from a copy.
 */
import { AccessKeyCredential, CredentialSet, credentialFor } from './credentials';
import { FoundCredentials, FoundSource, FoundSourceId } from './foundCredentials';

/**
 * What VS Code keeps, in its own order (a project's token, the IAM Identity Center sign-in, the access
 * key): the only saved id before the sign-in and the key were told apart, so still read as it was.
 */
export const SAVED_CREDENTIALS = 'saved';
/** The IAM Identity Center sign-in kept in SecretStorage (the saved access key when there is none). */
export const SAVED_SSO = 'saved:sso';
/** The access key kept in SecretStorage, chosen over a sign-in as much as over a found key. */
export const SAVED_ACCESS_KEY = 'saved:ak';
/** Not an id to choose: what `signingChoice` names when a project's own token or sign-in signs it. */
export const OWN_CREDENTIAL = 'project';

export interface CredentialChoices {
  readonly default?: FoundSourceId;
  /** Project id → source id. */
  readonly projects: Readonly<Record<string, FoundSourceId>>;
}

export const NO_CHOICES: CredentialChoices = { projects: {} };

const ID = /^(env|sdkFile|saved(:sso|:ak)?|koocli:.{1,64})$/s;

/** What globalState holds, checked: anything unexpected is dropped, never trusted. */
export function parseChoices(raw: unknown): CredentialChoices {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return NO_CHOICES;
  const record = raw as Record<string, unknown>;
  const projects: Record<string, FoundSourceId> = Object.create(null) as Record<string, FoundSourceId>;
  const listed = Object.prototype.hasOwnProperty.call(record, 'projects') ? record.projects : undefined;
  if (typeof listed === 'object' && listed !== null && !Array.isArray(listed)) {
    for (const [projectId, id] of Object.entries(listed as Record<string, unknown>))
      if (typeof id === 'string' && ID.test(id) && isProjectKey(projectId)) projects[projectId] = id;
  }
  const chosen = Object.prototype.hasOwnProperty.call(record, 'default') ? record.default : undefined;
  return { ...(typeof chosen === 'string' && ID.test(chosen) && { default: chosen }), projects };
}

/** A project id as the API takes it, and never a name that reaches an object's prototype. */
function isProjectKey(projectId: string): boolean {
  return /^[A-Za-z0-9_-]{1,128}$/.test(projectId) && !['__proto__', 'constructor', 'prototype'].includes(projectId);
}

/** The choice for a project: its own, else the default; undefined = nothing chosen. */
export function chosenSource(choices: CredentialChoices, projectId: string): FoundSourceId | undefined {
  return Object.prototype.hasOwnProperty.call(choices.projects, projectId)
    ? choices.projects[projectId]
    : choices.default;
}

/** The choices after choosing `id` for these projects, or as the default when none is named. */
export function withChoice(
  choices: CredentialChoices,
  id: FoundSourceId,
  projectIds: readonly string[] = [],
): CredentialChoices {
  if (projectIds.length === 0) return { default: id, projects: choices.projects };
  const projects = Object.assign(Object.create(null) as Record<string, FoundSourceId>, choices.projects);
  for (const projectId of projectIds) if (isProjectKey(projectId)) projects[projectId] = id;
  return { ...choices, projects };
}

/** Which projects a choice is for: every one (what each project chose before is forgotten), or those named. */
export type ChoiceScope = { readonly all: true } | { readonly projectIds: readonly string[] };

/** The choices after choosing `id` for a scope: "all projects" really changes every project. */
export function choosing(choices: CredentialChoices, id: FoundSourceId, scope: ChoiceScope): CredentialChoices {
  return 'all' in scope
    ? { default: id, projects: Object.create(null) as Record<string, FoundSourceId> }
    : withChoice(choices, id, scope.projectIds);
}

/**
 * After an IAM Identity Center sign-in: it signs by default and for the projects it was started
 * for. A found key chosen before would otherwise keep signing, after "signed in".
 */
export function choosingSignIn(choices: CredentialChoices, projectIds: readonly string[] = []): CredentialChoices {
  const chosen = withChoice(choices, SAVED_SSO);
  return projectIds.length ? withChoice(chosen, SAVED_SSO, projectIds) : chosen;
}

/** The found sources chosen for some project: Sign Out cannot remove them (they are not VS Code's), so it names them. */
export function foundInUse(choices: CredentialChoices, found: FoundCredentials): readonly FoundSource[] {
  const chosen = new Set([choices.default, ...Object.values(choices.projects)]);
  return found.usable.filter((source) => chosen.has(source.id));
}

export type FoundChoice =
  | { readonly accessKey: AccessKeyCredential }
  /** Chosen, but not there now (a variable unset, a file gone or broken). */
  | { readonly unavailable: FoundSourceId }
  /** Nothing found was chosen: the saved credentials, as they are or only the access key. */
  | { readonly saved: true; readonly accessKeyOnly?: true };

export function resolveChoice(choices: CredentialChoices, found: FoundCredentials, projectId: string): FoundChoice {
  const id = chosenSource(choices, projectId);
  if (id === SAVED_ACCESS_KEY) return { saved: true, accessKeyOnly: true };
  if (id === undefined || id === SAVED_CREDENTIALS || id === SAVED_SSO) return { saved: true };
  const accessKey = found.credential(id);
  return accessKey ? { accessKey } : { unavailable: id };
}

/**
 * The credentials a project's session is planned with: a project's own token or sign-in still wins
 * (credentialFor looks at it first); the chosen found key stands where the saved access key and an
 * IAM Identity Center sign-in would.
 * A chosen source that is not there now leaves no access key: the project says it has no
 * credential rather than sign with another key than the one chosen.
 */
export function credentialsWithChoice(stored: CredentialSet, choice: FoundChoice): CredentialSet {
  if ('saved' in choice) {
    if (!choice.accessKeyOnly) return stored;
    const { sso: _sso, ...keyOnly } = stored;
    return keyOnly;
  }
  // The chosen key signs instead of whatever VS Code keeps for every project: the saved key, and an
  // IAM Identity Center sign-in too (it would come first otherwise, and the choice would change nothing).
  const { accessKey: _saved, sso: _sso, ...rest } = stored;
  return 'accessKey' in choice ? { ...rest, accessKey: choice.accessKey } : rest;
}

/**
 * What signs a project's requests, named as the Switch Credential picker names its choices: a found
 * source's id, SAVED_SSO, SAVED_ACCESS_KEY, OWN_CREDENTIAL; undefined when nothing does. Resolved as
 * the project's session resolves it, so "(in use)" is never just the default.
 */
export function signingChoice(
  stored: CredentialSet,
  choices: CredentialChoices,
  found: FoundCredentials,
  projectId: string,
  singleProjectId?: string,
): FoundSourceId | undefined {
  const choice = resolveChoice(choices, found, projectId);
  const signing = credentialFor(credentialsWithChoice(stored, choice), projectId, singleProjectId);
  if (!('credential' in signing)) return undefined;
  const { credential } = signing;
  if ('accessKey' in choice && credential === choice.accessKey) return chosenSource(choices, projectId);
  if (credential === stored.sso) return SAVED_SSO;
  if (credential === stored.accessKey) return SAVED_ACCESS_KEY;
  return OWN_CREDENTIAL;
}
