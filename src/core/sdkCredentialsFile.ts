/**
 * The Huawei Cloud SDKs' credentials file (~/.huaweicloud/credentials): INI with a [basic] section
 * (project-scoped keys) and a [global] one. Parsed strictly, the way Python's configparser reads it:
 * a repeated section or key is an error naming its line, never a silent merge.
 */
import * as l10n from '@vscode/l10n';
import type { SdkKeys } from './sdkKeys';

export interface IniDocument {
  /** Section name → key (lower-cased, as configparser does) → value. Maps: no key can reach a prototype. */
  readonly sections: ReadonlyMap<string, ReadonlyMap<string, string>>;
}

export type IniResult = { readonly ok: IniDocument } | { readonly error: string };

/** configparser's DEFAULT section: its keys count in every other section. */
const DEFAULT_SECTION = 'DEFAULT';

export function parseIni(text: string): IniResult {
  const sections = new Map<string, Map<string, string>>();
  let current: Map<string, string> | undefined;
  let lastKey: string | undefined;
  const lines = text.replace(/^\uFEFF/, '').split(/\r\n|\n|\r/);
  for (let index = 0; index < lines.length; index++) {
    const line = lines[index];
    const number = index + 1;
    const trimmed = line.trim();
    if (trimmed === '' || trimmed.startsWith('#') || trimmed.startsWith(';')) {
      if (trimmed === '') lastKey = undefined;
      continue;
    }
    // An indented line continues the value above it, as in configparser.
    if (/^\s/.test(line) && current && lastKey !== undefined) {
      current.set(lastKey, `${current.get(lastKey) ?? ''}\n${trimmed}`);
      continue;
    }
    const header = /^\[([^\]]*)\]\s*$/.exec(trimmed);
    if (header) {
      const name = header[1];
      if (sections.has(name)) return { error: l10n.t('line {0}: section [{1}] appears twice', number, short(name)) };
      current = new Map();
      sections.set(name, current);
      lastKey = undefined;
      continue;
    }
    if (!current) return { error: l10n.t('line {0}: a key before any [section]', number) };
    const separator = /[=:]/.exec(line);
    if (!separator) return { error: l10n.t('line {0}: not "key = value"', number) };
    const key = line.slice(0, separator.index).trim().toLowerCase();
    if (!key) return { error: l10n.t('line {0}: a value without a key', number) };
    if (current.has(key))
      return { error: l10n.t('line {0}: key {1} appears twice in its section', number, short(key)) };
    current.set(key, line.slice(separator.index + 1).trim());
    lastKey = key;
  }
  return { ok: { sections } };
}

function short(name: string): string {
  return name.length > 40 ? `${name.slice(0, 40)}…` : name;
}

export interface SdkCredentialsFile {
  readonly basic?: SdkKeys;
  readonly global?: SdkKeys;
}

/** The [basic] and [global] sections, with configparser's DEFAULT keys filled in. */
export function sdkFileSections(doc: IniDocument): SdkCredentialsFile {
  const defaults = doc.sections.get(DEFAULT_SECTION);
  const section = (name: string): SdkKeys | undefined => {
    const keys = doc.sections.get(name);
    if (!keys) return undefined;
    const value = (key: string) => nonEmpty(keys.get(key) ?? defaults?.get(key));
    return {
      ...optional('ak', value('ak')),
      ...optional('sk', value('sk')),
      ...optional('securityToken', value('security_token')),
      ...optional('projectId', value('project_id')),
      ...optional('domainId', value('domain_id')),
      ...optional('iamEndpoint', value('iam_endpoint')),
    };
  };
  const basic = section('basic');
  const global = section('global');
  return { ...(basic && { basic }), ...(global && { global }) };
}

function nonEmpty(value: string | undefined): string | undefined {
  return value ? value : undefined;
}

function optional<K extends string>(key: K, value: string | undefined): Partial<Record<K, string>> {
  return value === undefined ? {} : ({ [key]: value } as Record<K, string>);
}
