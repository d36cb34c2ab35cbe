// The layering rules in eslint.config.mjs, run through ESLint itself on snippets that try each way
// round them: if a rule is weakened or a form of import slips through, a case here fails.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { ESLint } from 'eslint';

const root = join(__dirname, '../../../..');
const eslint = new ESLint({ cwd: root });
/** The rules that may carry the layering (today one; standard rules would do too). */
const LAYERING_RULES = new Set([
  'layers/imports',
  'no-restricted-imports',
  '@typescript-eslint/no-restricted-imports',
  'no-restricted-syntax',
]);

async function layeringErrors(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: join(root, file) });
  return result.messages.filter((m) => LAYERING_RULES.has(m.ruleId ?? '')).map((m) => m.message);
}

async function refused(file: string, code: string): Promise<void> {
  const errors = await layeringErrors(file, code);
  assert.equal(errors.length, 1, `${file}: expected one layering error for ${code}, got ${JSON.stringify(errors)}`);
}

async function accepted(file: string, code: string): Promise<void> {
  assert.deepEqual(await layeringErrors(file, code), [], `${file}: ${code}`);
}

describe('layering lint', () => {
  const lower = ['src/model/x.ts', 'src/api/x.ts', 'src/core/x.ts', 'src/presentation/x.ts', 'src/simulator/x.ts'];

  test('the layers below VS Code refuse vscode in every form', async () => {
    for (const file of [...lower, 'src/webview/x.ts', 'src/core/nested/x.ts']) {
      await refused(file, `import * as vscode from 'vscode';\nexport const v = vscode;\n`);
      await refused(file, `export async function f() { return (await import('vscode')).window; }\n`);
      await refused(file, `export type Uri = import('vscode').Uri;\n`);
      await refused(file, `export function f(u: import('vscode').Uri) { return u; }\n`);
      await refused(file, `import vscode = require('vscode');\nexport const v = vscode;\n`);
      await refused(file, `export const v = require('vscode');\n`);
      await refused(file, `export type { Uri } from 'vscode';\n`);
    }
  });

  test('a lower layer refuses an upper one, statically, dynamically and as a type', async () => {
    await refused('src/core/x.ts', `import { a } from '../views/a';\nexport const b = a;\n`);
    await refused('src/core/x.ts', `export const m = () => import('../commands/refresh');\n`);
    await refused('src/core/x.ts', `export type T = import('../views/dispatchers').DispatcherFactory;\n`);
    await refused('src/core/x.ts', `export * from '../presentation/treeModel';\n`);
    await refused('src/core/x.ts', `export const m = () => import('../extension');\n`);
    await refused('src/api/x.ts', `export const m = () => import('../core/sessions.js');\n`);
    await refused('src/model/x.ts', `import { a } from '../api/errors';\nexport const b = a;\n`);
    await refused('src/presentation/x.ts', `import { a } from '../config/settings';\nexport const b = a;\n`);
    await refused('src/simulator/x.ts', `import { a } from '../core/filter';\nexport const b = a;\n`);
    await refused('src/webview/x.ts', `import { a } from '../presentation/detailsHtml';\nexport const b = a;\n`);
  });

  test('no path walks around a ban: nested folders, climbing out of src, computed imports', async () => {
    await refused('src/core/nested/x.ts', `import { a } from '../../views/a';\nexport const b = a;\n`);
    await refused('src/core/x.ts', `import { a } from '../../src/views/a';\nexport const b = a;\n`);
    await refused('src/core/x.ts', `import { a } from '../../test/unit/builders';\nexport const b = a;\n`);
    await refused('src/core/x.ts', `const where = '../views/a';\nexport const m = () => import(where);\n`);
    await refused('src/core/x.ts', `export const m = (w: string) => require(w);\n`);
  });

  test('an absolute path is judged by the src/ folder it lands in', async () => {
    const at = (...parts: string[]) => JSON.stringify(join(root, ...parts));
    await refused('src/core/x.ts', `import * as views from ${at('src/views/statusBar')};\nexport const v = views;\n`);
    await refused('src/core/x.ts', `export const m = () => import(${at('src/commands/refresh')});\n`);
    await refused('src/core/x.ts', `export type T = import(${at('src/views/dispatchers')}).DispatcherFactory;\n`);
    await refused('src/core/x.ts', `import { a } from ${at('test/unit/builders')};\nexport const b = a;\n`);
    await refused(
      'src/core/x.ts',
      `import { a } from ${JSON.stringify('file://' + join(root, 'src/views/a'))};\nexport const b = a;\n`,
    );
    await accepted('src/core/x.ts', `import { a } from ${at('src/model/subJob')};\nexport const b = a;\n`);
  });

  test('require is only ever called directly on a literal path; no other way to a loader', async () => {
    for (const file of [...lower, 'src/core/nested/x.ts', 'src/views/x.ts']) {
      await refused(file, `const r = require;\nexport const v = r('vscode');\n`);
      await refused(file, `export const v = module.require('vscode');\n`);
      await refused(file, `export const v = module['require']('vscode');\n`);
      await refused(file, `export const v = require.call(undefined, 'vscode');\n`);
      await refused(file, `export const v = require.main?.require('vscode');\n`);
      await refused(file, `export const v = process.mainModule?.require('vscode');\n`);
      await refused(file, `export const v = (module.constructor as any)._load('vscode');\n`);
      await refused(
        file,
        `import { createRequire } from 'node:module';\nexport const v = createRequire(__filename)('x');\n`,
      );
      await refused(file, `import * as m from 'module';\nexport const v = m.createRequire(__filename)('x');\n`);
      await refused(file, `export const m = () => import('node:module');\n`);
      await refused(file, `export const v = (process as any).getBuiltinModule('module');\n`);
      await refused(file, `export const v = eval('require')('vscode');\n`);
    }
    // A parameter that happens to be called module (the loaded module, in lazyHttp.ts) is no loader.
    await accepted('src/api/x.ts', `export const f = (module: { a: number }) => module.a;\n`);
    await accepted('src/views/x.ts', `export const v = require('../config/settings');\n`);
  });

  test('subfolders reach the model and their own layer; packages stay allowed', async () => {
    await accepted('src/core/nested/x.ts', `import { a } from '../../model/subJob';\nexport const b = a;\n`);
    await accepted('src/core/nested/x.ts', `import { a } from '../../api/errors';\nexport const b = a;\n`);
    await accepted('src/core/nested/x.ts', `import { a } from '../sessions';\nexport const b = a;\n`);
    await accepted(
      'src/api/x.ts',
      `import { a } from 'undici';\nimport * as l10n from '@vscode/l10n';\nexport const b = [a, l10n];\n`,
    );
    await accepted('src/api/x.ts', `export const m = () => import('./httpStack.js');\n`);
  });

  test('the adapters: views may not import commands, config neither, commands not extension.ts', async () => {
    await refused('src/views/x.ts', `import { a } from '../commands/refresh';\nexport const b = a;\n`);
    await refused('src/views/x.ts', `export const m = () => import('../commands/refresh');\n`);
    await refused('src/config/x.ts', `import { a } from '../views/dispatchers';\nexport const b = a;\n`);
    await refused('src/config/x.ts', `export type T = import('../commands/refresh').X;\n`);
    await refused('src/commands/x.ts', `import { a } from '../extension';\nexport const b = a;\n`);
    await refused('src/views/x.ts', `export const m = () => import('../extension.js');\n`);
    await accepted(
      'src/commands/x.ts',
      `import * as vscode from 'vscode';\nimport { a } from '../views/dispatchers';\nexport const b = [a, vscode];\n`,
    );
    await accepted('src/views/x.ts', `import { a } from '../config/settings';\nexport const b = a;\n`);
  });
});
