/**
 * KooCLI's ~/.hcloud/config.json, read for what it offers: profile names, modes, regions, project
 * ids, and keys only where the profile keeps them in plain text. Since KooCLI 5.2.7 the keys are
 * encrypted at rest with a per-machine key by default: such a profile is recognised and said so,
 * never decrypted. The file is never written.
 */
import * as l10n from '@vscode/l10n';
import { field, isRecord, trimmedField } from '../model/jsonFields';
import { jsonErrorOffset, lineAndColumn } from './jsonSyntax';

export type KooCliMode = 'AKSK' | 'ecsAgency' | 'SSO' | 'other';

export interface KooCliProfile {
  readonly name: string;
  readonly mode: KooCliMode;
  /** The mode as written, for a message when it is one this version does not know. */
  readonly modeText: string;
  readonly region?: string;
  readonly projectId?: string;
  readonly domainId?: string;
  /** Present only when the profile keeps its keys in plain text. */
  readonly keys?: { readonly accessKeyId: string; readonly secretKey: string; readonly securityToken?: string };
  /** The keys are there but encrypted (KooCLI's default since 5.2.7). */
  readonly encrypted: boolean;
  /** For an SSO profile: what an IAM Identity Center sign-in can be prefilled with. */
  readonly sso?: KooCliSsoProfile;
}

/** An SSO profile's settings, for the IAM Identity Center sign-in (no secret among them). */
export interface KooCliSsoProfile {
  readonly profile: string;
  readonly startUrl?: string;
  /** Where the IAM Identity Center instance runs. */
  readonly ssoRegion?: string;
  /** The profile's default service region. */
  readonly region?: string;
  readonly accountId?: string;
  readonly accountName?: string;
  /** The permission set (agency) chosen at KooCLI's last SSO sign-in. */
  readonly agencyName?: string;
}

export interface KooCliConfig {
  /** The profile KooCLI uses when none is named. */
  readonly current?: string;
  readonly profiles: readonly KooCliProfile[];
  /** Profiles that could not be used, one line each (never a value). */
  readonly problems: readonly string[];
}

export type KooCliResult = { readonly ok: KooCliConfig } | { readonly error: string };

const MAX_PROFILES = 200;

/**
 * A plain access key id is 20 or so letters and digits. What KooCLI encrypts is longer and carries
 * other characters (base64 or hex of nonce, cipher text and tag), so it cannot pass for one.
 */
export function looksLikePlainAccessKeyId(value: string): boolean {
  return /^[A-Za-z0-9]{8,40}$/.test(value);
}

/** A flag saying the keys are encrypted, wherever KooCLI writes it: true, false, or not said. */
function encryptionFlag(record: object): boolean | undefined {
  for (const key of Object.keys(record)) {
    if (!/encrypt/i.test(key)) continue;
    const value = field(record, key);
    if (value === true || value === 'true') return true;
    if (value === false || value === 'false') return false;
  }
  return undefined;
}

function modeOf(value: string | undefined): KooCliMode {
  if (value === 'AKSK' || value === 'ecsAgency' || value === 'SSO') return value;
  return value === undefined ? 'AKSK' : 'other';
}

export function parseKooCliConfig(textContent: string): KooCliResult {
  let raw: unknown;
  try {
    raw = JSON.parse(textContent);
  } catch {
    // Never the parser's message: it quotes the characters around the error, often part of a key.
    const offset = jsonErrorOffset(textContent);
    if (offset === undefined) return { error: l10n.t('is not valid JSON') };
    const { line, column } = lineAndColumn(textContent, offset);
    return { error: l10n.t('is not valid JSON (line {0}, column {1})', line, column) };
  }
  if (!isRecord(raw)) return { error: l10n.t('is not a JSON object') };
  const list = field(raw, 'profiles');
  if (list !== undefined && !Array.isArray(list)) return { error: l10n.t('"profiles" is not a list') };
  const fileEncrypted = encryptionFlag(raw);
  const profiles: KooCliProfile[] = [];
  const problems: string[] = [];
  const seen = new Set<string>();
  for (const [index, entry] of ((list as unknown[] | undefined) ?? []).slice(0, MAX_PROFILES).entries()) {
    if (!isRecord(entry)) {
      problems.push(l10n.t('profiles[{0}] is not an object', index));
      continue;
    }
    const name = trimmedField(entry, 'name');
    if (!name || name.length > 64) {
      problems.push(l10n.t('profiles[{0}] has no usable name', index));
      continue;
    }
    if (seen.has(name)) {
      problems.push(l10n.t('profile {0} appears twice; only the first is offered', name));
      continue;
    }
    seen.add(name);
    profiles.push(readProfile(entry, name, fileEncrypted));
  }
  if (Array.isArray(list) && list.length > MAX_PROFILES)
    problems.push(l10n.t('only the first {0} profiles are read', MAX_PROFILES));
  const current = trimmedField(raw, 'current');
  return { ok: { ...(current && { current }), profiles, problems } };
}

function readProfile(entry: object, name: string, fileEncrypted: boolean | undefined): KooCliProfile {
  const modeText = trimmedField(entry, 'mode') ?? 'AKSK';
  const mode = modeOf(trimmedField(entry, 'mode'));
  const region = trimmedField(entry, 'region');
  const projectId = trimmedField(entry, 'projectId');
  const domainId = trimmedField(entry, 'domainId');
  const accessKeyId = trimmedField(entry, 'accessKeyId');
  const secretKey = trimmedField(entry, 'secretAccessKey');
  const securityToken = trimmedField(entry, 'securityToken');
  const flag = encryptionFlag(entry) ?? fileEncrypted;
  const encrypted =
    accessKeyId !== undefined && (flag === true || (flag === undefined && !looksLikePlainAccessKeyId(accessKeyId)));
  const keys =
    mode === 'AKSK' && !encrypted && accessKeyId && secretKey
      ? { accessKeyId, secretKey, ...(securityToken && { securityToken }) }
      : undefined;
  return {
    name,
    mode,
    modeText: modeText.slice(0, 40),
    ...(region && { region }),
    ...(projectId && { projectId }),
    ...(domainId && { domainId }),
    ...(keys && { keys }),
    encrypted,
    ...(mode === 'SSO' && { sso: ssoOf(entry, name, region) }),
  };
}

function ssoOf(entry: object, name: string, region: string | undefined): KooCliSsoProfile {
  const param = field(entry, 'ssoParam');
  const auth = field(entry, 'ssoAuth');
  const from = (record: unknown, ...keys: string[]) => {
    if (!isRecord(record)) return undefined;
    for (const key of keys) {
      const value = trimmedField(record, key);
      if (value) return value;
    }
    return undefined;
  };
  const fields = {
    startUrl: from(param, 'startUrl', 'ssoStartUrl'),
    ssoRegion: from(param, 'ssoRegion', 'region'),
    accountId: from(auth, 'accountId') ?? from(param, 'accountId'),
    accountName: from(auth, 'accountName') ?? from(param, 'accountName'),
    agencyName: from(auth, 'agencyName', 'permissionSetName') ?? from(param, 'agencyName', 'permissionSetName'),
  };
  const defined = Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined));
  return { profile: name, ...(region && { region }), ...defined };
}

/**
 * Where Sign In with IAM Identity Center starts when the user keeps a KooCLI SSO profile: its start
 * URL and the region its instance runs in (else the profile's own region). The first profile that
 * has a start URL; none: nothing to offer, the user types them.
 */
export function ssoDefaultsFrom(
  profiles: readonly KooCliSsoProfile[],
): { readonly startUrl: string; readonly region?: string } | undefined {
  const profile = profiles.find((p) => p.startUrl);
  if (!profile?.startUrl) return undefined;
  const region = profile.ssoRegion ?? profile.region;
  return { startUrl: profile.startUrl, ...(region && { region }) };
}
