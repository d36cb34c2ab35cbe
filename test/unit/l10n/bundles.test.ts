// The Chinese UI has every string the English one has, and no user-facing string bypasses
// localization: package.json contributions are all %keys%, and the runtime bundle is exactly what
// the sources' l10n.t calls produce.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { getL10nJson } from '@vscode/l10n-dev';

const root = join(__dirname, '../../../..');
const read = (file: string) => JSON.parse(readFileSync(join(root, file), 'utf8')) as Record<string, unknown>;
const text = (value: unknown) => (typeof value === 'string' ? value : (value as { message: string }).message);

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = join(dir, name);
    return statSync(full).isDirectory() ? sources(full) : full.endsWith('.ts') ? [full] : [];
  });
}

/** {0}, {1}… and `$(codicon)` a translation must keep. */
function tokens(message: string): string[] {
  return [...message.matchAll(/\{\d+\}|\$\([a-z-~]+\)|\(command:[^)]+\)|#workspaceJobs\.[A-Za-z]+#/g)].map((m) => m[0]).sort();
}

function sameKeys(english: Record<string, unknown>, chinese: Record<string, unknown>, name: string): void {
  const missing = Object.keys(english).filter((k) => !(k in chinese));
  assert.deepEqual(missing, [], `${name}: keys without a Chinese translation`);
  const stale = Object.keys(chinese).filter((k) => !(k in english));
  assert.deepEqual(stale, [], `${name}: Chinese keys no English string has any more`);
  for (const [key, value] of Object.entries(english)) {
    const zh = text(chinese[key]);
    assert.ok(zh.trim(), `${name}: empty translation for ${key}`);
    assert.deepEqual(tokens(zh), tokens(text(value)), `${name}: ${key} must keep its placeholders, icons, links and setting references`);
  }
}

test('every contribution string of package.json is localized, in English and Chinese', () => {
  const pkg = readFileSync(join(root, 'package.json'), 'utf8');
  const english = read('package.nls.json');
  const keys = [...pkg.matchAll(/"%([^%"]+)%"/g)].map((m) => m[1]);
  assert.ok(keys.length > 50);
  for (const key of keys) assert.ok(key in english, `package.json uses %${key}% but package.nls.json lacks it`);
  sameKeys(english, read('package.nls.zh-cn.json'), 'package.nls');
  // Titles, names, descriptions written in package.json itself would show in English whatever the language.
  const manifest = JSON.parse(pkg) as { contributes: Record<string, unknown> };
  const unlocalized: string[] = [];
  const visit = (value: unknown, path: string): void => {
    if (typeof value === 'string') {
      if (/(title|name|description|markdownDescription|contents|patternErrorMessage|contextualTitle|enumDescriptions\.\d+)$/.test(path) && !/^%.+%$/.test(value)) unlocalized.push(`${path}: ${value}`);
      return;
    }
    if (Array.isArray(value)) value.forEach((v, i) => visit(v, `${path}.${i}`));
    else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) visit(v, `${path}.${k}`);
  };
  visit(manifest.contributes, 'contributes');
  assert.deepEqual(unlocalized, []);
});

test('the runtime bundle is exactly what the sources ask for, and Chinese has all of it', async () => {
  const files = sources(join(root, 'src')).filter((f) => !f.includes('/simulator/'));
  const exported = await getL10nJson(files.map((f) => ({ contents: readFileSync(f, 'utf8'), extension: '.ts' })));
  const committed = read('l10n/bundle.l10n.json');
  assert.deepEqual(Object.keys(committed).sort(), Object.keys(exported).sort(), 'l10n/bundle.l10n.json is out of date: run `npm run l10n:export`');
  sameKeys(committed, read('l10n/bundle.l10n.zh-cn.json'), 'bundle.l10n');
});

test('no notification, prompt, title or placeholder is written as a bare literal', () => {
  const offenders: string[] = [];
  const patterns = [
    /show(?:Information|Warning|Error)Message\(\s*['"`]/,
    /setStatusBarMessage\(\s*['"`]/,
    /\b(?:title|prompt|placeHolder|placeholder|tooltip|label|detail|description|message)\s*[:=]\s*['"`][A-Za-z]/,
  ];
  for (const file of sources(join(root, 'src')).filter((f) => /\/(views|commands|config)\//.test(f))) {
    readFileSync(file, 'utf8')
      .split('\n')
      .forEach((line, i, lines) => {
        // Ids, codicon-only texts and values from the API are not words to translate.
        if (/l10n\.t\(|\/\/|command:|workspaceJobs\.|^\s*\*/.test(line)) return;
        // The `message:` of a `l10n.t({ … })` written over several lines.
        if (/^\s*message:/.test(line) && /l10n\.t\(\{\s*$/.test(lines[i - 1] ?? '')) return;
        if (patterns.some((p) => p.test(line))) offenders.push(`${relative(root, file)}:${i + 1}: ${line.trim()}`);
      });
  }
  assert.deepEqual(offenders, []);
});
