/**
 * Credentials the user already keeps where the SDKs and KooCLI find them, looked for in the SDKs'
 * order: environment variables, the SDK credentials file, then KooCLI profiles. Each is a choice
 * offered by its label; the keys stay in this object's private field, in memory, for the sessions
 * planned from it, and are read again from the source each time.
 */
import * as path from 'node:path';
import * as l10n from '@vscode/l10n';
import { AccessKeyCredential } from './credentials';
import { ReadFile, readFileCapped, readTextFile } from './credentialFiles';
import { KooCliSsoProfile, parseKooCliConfig } from './kooCliConfig';
import { parseIni, sdkFileSections } from './sdkCredentialsFile';
import { Environment, readSdkEnvironment, SDK_ENV } from './sdkEnvironment';

/** 'env' | 'sdkFile' | 'koocli:<profile name>'; 'koocli' alone stands for the file when it cannot be read. */
export type FoundSourceId = string;

export interface FoundSource {
  readonly id: FoundSourceId;
  /** "Environment (HUAWEICLOUD_SDK_AK)", "SDK credentials file", "KooCLI profile dev-sh". */
  readonly label: string;
  /** No secret: the AK's first four characters at most, temporary or not, project and region. */
  readonly detail: string;
  /** Why it cannot sign requests; absent when it can. */
  readonly reason?: string;
  readonly projectId?: string;
  readonly region?: string;
  /** Where IAM is asked for the project's region when the source does not say. */
  readonly iamEndpoint?: string;
  /** How a session's credential description names it: "from HUAWEICLOUD_SDK_AK". */
  readonly origin: string;
  /** An encrypted KooCLI profile: keys there, unreadable by design. */
  readonly encrypted?: boolean;
}

export interface DiscoveryInput {
  readonly env: Environment;
  readonly home: string;
  readonly read?: ReadFile;
  /** Test-only: where KooCLI's config is, instead of ~/.hcloud/config.json. */
  readonly kooCliPath?: string;
}

/** Where the SDK file and KooCLI config are looked for: the files a watcher should follow. */
export function credentialFilePaths(input: Pick<DiscoveryInput, 'env' | 'home' | 'kooCliPath'>): {
  readonly sdkFile: string;
  readonly kooCli: string;
} {
  return {
    sdkFile: input.env[SDK_ENV.credentialsFile]?.trim() || path.join(input.home, '.huaweicloud', 'credentials'),
    kooCli: input.kooCliPath || path.join(input.home, '.hcloud', 'config.json'),
  };
}

export class FoundCredentials {
  readonly #keys: ReadonlyMap<FoundSourceId, AccessKeyCredential>;

  constructor(
    readonly sources: readonly FoundSource[],
    keys: ReadonlyMap<FoundSourceId, AccessKeyCredential>,
    /** KooCLI's SSO profiles, for the IAM Identity Center sign-in to start from. */
    readonly ssoProfiles: readonly KooCliSsoProfile[] = [],
  ) {
    this.#keys = keys;
  }

  static readonly NONE = new FoundCredentials([], new Map());

  get usable(): readonly FoundSource[] {
    return this.sources.filter((s) => !s.reason);
  }

  source(id: FoundSourceId): FoundSource | undefined {
    return this.sources.find((s) => s.id === id);
  }

  /** The access key a usable source holds, labelled with where it came from. */
  credential(id: FoundSourceId): AccessKeyCredential | undefined {
    const key = this.#keys.get(id);
    const source = this.source(id);
    if (!key || !source) return undefined;
    return {
      ...key,
      from: source.origin,
      source: { id: source.id, label: source.label },
      ...(source.iamEndpoint && { iamEndpoint: source.iamEndpoint }),
    };
  }
}

function akDetail(ak: string, securityToken: string | undefined, projectId?: string, region?: string): string {
  const parts = [
    securityToken
      ? l10n.t({
          message: 'AK {0}… (temporary)',
          args: [ak.slice(0, 4)],
          comment: ['An access key, by its first four characters, with a security token'],
        })
      : l10n.t({
          message: 'AK {0}…',
          args: [ak.slice(0, 4)],
          comment: ['An access key, by its first four characters'],
        }),
    projectId && l10n.t('project {0}', projectId),
    region,
  ];
  return parts.filter(Boolean).join(' · ');
}

/** Looks in the SDKs' order; never throws (an unreadable source is a source with a reason). */
export async function discoverCredentials(input: DiscoveryInput): Promise<FoundCredentials> {
  const read = input.read ?? readFileCapped;
  const sources: FoundSource[] = [];
  const keys = new Map<FoundSourceId, AccessKeyCredential>();
  const add = (source: FoundSource, key?: AccessKeyCredential) => {
    sources.push(source);
    if (key && !source.reason) keys.set(source.id, key);
  };
  const env = readSdkEnvironment(input.env);
  if (env.ak || env.sk) {
    const missing = !env.ak ? SDK_ENV.ak : !env.sk ? SDK_ENV.sk : undefined;
    add(
      {
        id: 'env',
        label: l10n.t('Environment ({0})', SDK_ENV.ak),
        detail: env.ak ? akDetail(env.ak, env.securityToken, env.projectId) : '',
        ...(missing && { reason: l10n.t('{0} is not set', missing) }),
        ...(env.projectId && { projectId: env.projectId }),
        ...(env.iamEndpoint && { iamEndpoint: env.iamEndpoint }),
        origin: l10n.t('from {0}', SDK_ENV.ak),
      },
      env.ak && env.sk ? accessKey(env.ak, env.sk, env.securityToken) : undefined,
    );
  }
  const files = credentialFilePaths(input);
  await findSdkFile(read, files.sdkFile, add);
  const sso = await findKooCli(read, files.kooCli, add);
  return new FoundCredentials(sources, keys, sso);
}

type Add = (source: FoundSource, key?: AccessKeyCredential) => void;

function accessKey(accessKeyId: string, secretKey: string, securityToken?: string): AccessKeyCredential {
  return { kind: 'accessKey', accessKeyId, secretKey, ...(securityToken && { securityToken }) };
}

async function findSdkFile(read: ReadFile, file: string, add: Add): Promise<void> {
  const label = l10n.t('SDK credentials file');
  const origin = l10n.t('from the SDK credentials file');
  const base = { id: 'sdkFile', label, origin };
  const content = await readTextFile(read, file);
  if ('missing' in content) return;
  if ('problem' in content) return add({ ...base, detail: file, reason: `${file} ${content.problem}` });
  const parsed = parseIni(content.text);
  if ('error' in parsed) return add({ ...base, detail: file, reason: `${file}: ${parsed.error}` });
  const { basic, global } = sdkFileSections(parsed.ok);
  if (!basic) {
    const reason = global
      ? l10n.t('{0} has only a [global] section, for global services; WorkspaceApp needs [basic]', file)
      : l10n.t('{0} has no [basic] section', file);
    return add({ ...base, detail: file, reason });
  }
  const missing = !basic.ak ? 'ak' : !basic.sk ? 'sk' : undefined;
  add(
    {
      ...base,
      detail: basic.ak ? akDetail(basic.ak, basic.securityToken, basic.projectId) : file,
      ...(missing && { reason: l10n.t('the [basic] section of {0} has no {1}', file, missing) }),
      ...(basic.projectId && { projectId: basic.projectId }),
      ...(basic.iamEndpoint && { iamEndpoint: basic.iamEndpoint }),
    },
    basic.ak && basic.sk ? accessKey(basic.ak, basic.sk, basic.securityToken) : undefined,
  );
}

async function findKooCli(read: ReadFile, file: string, add: Add): Promise<KooCliSsoProfile[]> {
  const content = await readTextFile(read, file);
  if ('missing' in content) return [];
  const fileSource = (reason: string) =>
    add({ id: 'koocli', label: l10n.t('KooCLI configuration'), detail: file, reason, origin: '' });
  if ('problem' in content) return (fileSource(`${file} ${content.problem}`), []);
  const parsed = parseKooCliConfig(content.text);
  if ('error' in parsed) return (fileSource(`${file} ${parsed.error}`), []);
  for (const problem of parsed.ok.problems) fileSource(`${file}: ${problem}`);
  const sso: KooCliSsoProfile[] = [];
  for (const profile of parsed.ok.profiles) {
    const label = l10n.t('KooCLI profile {0}', profile.name);
    const where = [profile.projectId && l10n.t('project {0}', profile.projectId), profile.region].filter(Boolean);
    const reason = profile.encrypted
      ? l10n.t(
          'its keys are encrypted by KooCLI: sign in with IAM Identity Center, set an access key, or run hcloud configure set --cli-auth-encrypt=false',
        )
      : profile.mode === 'SSO'
        ? l10n.t('an IAM Identity Center (SSO) profile: sign in with IAM Identity Center instead')
        : profile.mode === 'ecsAgency'
          ? l10n.t('an ECS agency profile: its credentials exist only on an ECS')
          : profile.mode === 'other'
            ? l10n.t('mode {0} is not one this extension can use', profile.modeText)
            : !profile.keys
              ? l10n.t('it holds no access key and secret key')
              : undefined;
    if (profile.sso) sso.push(profile.sso);
    add(
      {
        id: `koocli:${profile.name}`,
        label,
        detail: profile.keys
          ? akDetail(profile.keys.accessKeyId, profile.keys.securityToken, profile.projectId, profile.region)
          : [profile.encrypted ? l10n.t('encrypted') : profile.modeText, ...where].join(' · '),
        ...(reason && { reason }),
        ...(profile.projectId && { projectId: profile.projectId }),
        ...(profile.region && { region: profile.region }),
        origin: l10n.t('(KooCLI profile {0})', profile.name),
        ...(profile.encrypted && { encrypted: true }),
      },
      profile.keys && accessKey(profile.keys.accessKeyId, profile.keys.secretKey, profile.keys.securityToken),
    );
  }
  return sso;
}
