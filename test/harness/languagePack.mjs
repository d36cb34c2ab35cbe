// A stub zh-cn language pack, so an offline code-server starts with the display language zh-cn
// (see /work/shared/notes/real-vscode-offline.md): VS Code fills every workbench string it lacks with
// English, and the extension host reports vscode.env.language === 'zh-cn', so the extension reads
// package.nls.zh-cn.json and l10n/bundle.l10n.zh-cn.json.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { HarnessError, codeServerEntry, repoRoot } from './codeServer.mjs';

const PACK_DIR = path.join(repoRoot, 'test', 'harness', 'zh-cn-language-pack');

function manifest() {
  return JSON.parse(fs.readFileSync(path.join(PACK_DIR, 'package.json'), 'utf8'));
}

/** Packs the stub with vsce (once per run, into a temp folder). */
function buildVsix(tmpDir) {
  const out = path.join(tmpDir, 'stub-zh-cn-language-pack.vsix');
  const vsce = path.join(repoRoot, 'node_modules', '.bin', 'vsce');
  const r = spawnSync(
    vsce,
    ['package', '--no-dependencies', '--allow-missing-repository', '--skip-license', '-o', out],
    { cwd: PACK_DIR, encoding: 'utf8' },
  );
  if (r.status !== 0 || !fs.existsSync(out))
    throw new HarnessError(`packing the stub language pack failed:\n${r.stdout}\n${r.stderr}`);
  return out;
}

/** Installs the stub into the profile and writes the languagepacks.json the server would write only later. */
export function installStubLanguagePack({ userDataDir, extensionsDir, locale = 'zh-cn' }) {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'wj-langpack-'));
  try {
    const vsix = buildVsix(tmp);
    const r = spawnSync(
      process.execPath,
      [codeServerEntry, '--user-data-dir', userDataDir, '--extensions-dir', extensionsDir, '--install-extension', vsix],
      {
        encoding: 'utf8',
        env: { ...process.env, EXTENSIONS_GALLERY: '{}' },
        timeout: 120_000,
      },
    );
    if (r.status !== 0) throw new HarnessError(`installing the stub language pack failed:\n${r.stdout}\n${r.stderr}`);
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
  const pkg = manifest();
  const id = `${pkg.publisher}.${pkg.name}`;
  const folder = path.join(extensionsDir, `${id}-${pkg.version}`);
  const translations = path.join(folder, 'translations', 'main.i18n.json');
  if (!fs.existsSync(translations))
    throw new HarnessError(`the stub language pack is not where expected: ${translations}`);
  fs.writeFileSync(
    path.join(userDataDir, 'languagepacks.json'),
    JSON.stringify(
      {
        [locale]: {
          hash: 'a1b2c3d4e5f6',
          extensions: [{ extensionIdentifier: { id }, version: pkg.version }],
          translations: { vscode: translations },
          label: '中文(简体)',
        },
      },
      null,
      2,
    ),
  );
}
