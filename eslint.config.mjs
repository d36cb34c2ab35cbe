import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const SRC = path.join(import.meta.dirname, 'src');
const LOWER = ['model', 'api', 'core', 'presentation', 'simulator', 'webview'];
/** The module loader itself: with it any module loads by any name. */
const LOADER_MODULES = new Set(['module', 'node:module']);
/** Free names that reach a loader (`require` only when called directly on a literal, checked apart). */
const LOADER_GLOBALS = new Set(['require', 'module', 'eval']);
/** Properties that reach a loader from an object the rule cannot follow (process, require.main, Module). */
const LOADER_PROPERTIES = new Set(['require', 'mainModule', 'getBuiltinModule', '_load']);

/**
 * Checks every way a module names another: import and export … from, import x = require(),
 * import(), import('…').Type and require(). A relative or absolute path (or a file: URL) is resolved
 * and judged by the src/ folder it lands in, so a file in a subfolder reaches the model as
 * `../../model/x` and no path gets round a ban by climbing out of src/ and back in.
 *
 * A ban on names is only as good as the ban on loaders that take any name: so `require` may only be
 * called directly on a literal, and `module`, node:module (createRequire), process.mainModule,
 * process.getBuiltinModule, Module._load and direct eval are refused outright. Nothing in src/,
 * the simulator included, needs them: esbuild bundles the imports.
 */
const importsRule = {
  meta: {
    type: 'problem',
    schema: [
      {
        type: 'object',
        properties: {
          folder: { type: 'string' },
          allowed: { type: 'array', items: { type: 'string' } },
          why: { type: 'string' },
          vscode: { type: 'boolean' },
        },
        additionalProperties: false,
      },
    ],
  },
  create(context) {
    const { folder, allowed, why, vscode } = context.options[0];
    const from = path.dirname(context.filename);
    const check = (node, source) => {
      if (source?.type !== 'Literal' || typeof source.value !== 'string') {
        context.report({
          node,
          message: `Import a module by a literal path, so the layering can be checked (${why}).`,
        });
        return;
      }
      const name = source.value;
      if (name === 'vscode' || name.startsWith('vscode/')) {
        if (!vscode) context.report({ node, message: `This layer must not depend on VS Code: ${why}.` });
        return;
      }
      if (LOADER_MODULES.has(name)) {
        context.report({ node, message: `${name} loads modules by any name, round the layering (${why}).` });
        return;
      }
      let at;
      try {
        at = name.startsWith('file:')
          ? fileURLToPath(name)
          : name.startsWith('.') || path.isAbsolute(name)
            ? name
            : null;
      } catch {
        at = '';
      }
      if (at === null) return;
      const target = path.relative(SRC, path.resolve(from, at));
      const top = target.split(path.sep)[0].replace(/\.[cm]?[jt]s$/, '');
      if (!at || target.startsWith('..') || path.isAbsolute(target))
        context.report({ node, message: `${name} is outside src/: ${why}.` });
      else if (top !== folder && !allowed.includes(top))
        context.report({ node, message: `Layering: src/${folder} may not import src/${top} (${why}).` });
    };
    // One report per expression, however many loader names it chains (module.constructor._load).
    const reported = new Set();
    const loader = (node, what) => {
      let top = node;
      for (;;) {
        const up = top.parent;
        if (up?.type === 'MemberExpression' && up.object === top) top = up;
        else if (
          /^TS(As|Satisfies|NonNull|TypeAssertion)Expression$|^ChainExpression$/.test(up?.type) &&
          up.expression === top
        )
          top = up;
        else break;
      }
      if (reported.has(top)) return;
      reported.add(top);
      context.report({ node, message: `${what} loads modules by any name, round the layering (${why}).` });
    };
    const propertyName = (node) =>
      !node.computed
        ? node.property.name
        : node.property.type === 'Literal'
          ? String(node.property.value)
          : node.property.type === 'TemplateLiteral' && node.property.expressions.length === 0
            ? node.property.quasis[0].value.cooked
            : undefined;
    const freeLoaders = () => {
      const scope = context.sourceCode.scopeManager.globalScope;
      const implicit = scope.variables.filter((v) => v.defs.length === 0).flatMap((v) => v.references);
      for (const ref of [...scope.through, ...implicit]) {
        const id = ref.identifier;
        if (!LOADER_GLOBALS.has(id.name) || ref.isTypeReference) continue;
        // require('x') itself is checked as an import; a require handed on or wrapped is not checkable.
        if (id.name === 'require' && id.parent.type === 'CallExpression' && id.parent.callee === id) continue;
        loader(id, id.name);
      }
    };
    const declaration = (node) => node.source && check(node, node.source);
    return {
      ImportDeclaration: declaration,
      ExportAllDeclaration: declaration,
      ExportNamedDeclaration: declaration,
      ImportExpression: (node) => check(node, node.source),
      TSImportType: (node) =>
        check(node, node.argument?.type === 'TSLiteralType' ? node.argument.literal : node.argument),
      TSExternalModuleReference: (node) => check(node, node.expression),
      'CallExpression[callee.type="Identifier"][callee.name="require"]': (node) => check(node, node.arguments[0]),
      MemberExpression: (node) => {
        const name = propertyName(node);
        if (LOADER_PROPERTIES.has(name)) loader(node, `.${name}`);
      },
      'Program:exit': freeLoaders,
    };
  },
};

export default tseslint.config(
  {
    ignores: [
      'out/**',
      'dist/**',
      'node_modules/**',
      '.vscode-test/**',
      '.cache/**',
      '*.vsix',
      'media/details.js',
      'media/timeline.js',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.mjs'],
    languageOptions: {
      globals: {
        console: 'readonly',
        process: 'readonly',
        URL: 'readonly',
        setTimeout: 'readonly',
        clearTimeout: 'readonly',
        Buffer: 'readonly',
      },
    },
  },
  {
    files: ['src/**/*.ts', 'test/**/*.ts'],
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', ignoreRestSiblings: true },
      ],
      eqeqeq: ['error', 'always'],
      // TypeScript already knows which globals exist (DOM in src/webview, Node elsewhere).
      'no-undef': 'off',
      'no-console': 'off',
    },
  },
  // The layers, lowest first. Each may import only the ones listed for it; `vscode` only in the
  // adapters (config, views, commands, extension.ts), so everything below runs in plain Node.
  layer('model', [], 'the sub-job model depends on nothing'),
  layer('api', ['model'], 'the API layer knows only the model'),
  layer('core', ['model', 'api'], 'the core (sessions, credentials, schedules) sits on the API and the model'),
  layer('presentation', ['model', 'api', 'core'], 'presentation turns core state into rows and HTML, without VS Code'),
  layer('simulator', ['model', 'api'], 'the simulator shares only the model and the signer'),
  layer('webview', ['model'], 'the webview script runs in the browser'),
  // The adapters may use VS Code and everything below them, not what sits above them.
  layer('config', LOWER, 'settings and secrets are read for the views and commands, not from them', { vscode: true }),
  layer('views', [...LOWER, 'config'], 'views show state; commands act on them, not the other way round', {
    vscode: true,
  }),
  layer('commands', [...LOWER, 'config', 'views'], 'extension.ts wires the commands; they do not reach back', {
    vscode: true,
  }),
);

/** One rule per folder, so that no syntax (a path through src/.., import(), import('x').T, require) walks around it. */
function layer(folder, allowed, why, { vscode = false } = {}) {
  return {
    files: [`src/${folder}/**/*.ts`],
    plugins: { layers: { rules: { imports: importsRule } } },
    rules: { 'layers/imports': ['error', { folder, allowed, why, vscode }] },
  };
}
