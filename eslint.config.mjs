import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', '.vscode-test/**', '.cache/**', '*.vsix', 'media/details.js'] },
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
  ...layer('src/model/**', [], 'the sub-job model depends on nothing'),
  ...layer('src/api/**', ['model'], 'the API layer knows only the model'),
  ...layer(
    'src/core/**',
    ['model', 'api'],
    'the core (sessions, credentials, schedules) sits on the API and the model',
  ),
  ...layer(
    'src/presentation/**',
    ['model', 'api', 'core'],
    'presentation turns core state into rows and HTML, without VS Code',
  ),
  ...layer('src/simulator/**', ['model', 'api'], 'the simulator shares only the model and the signer'),
  ...layer('src/webview/**', ['model'], 'the webview script runs in the browser'),
);

/** `no-restricted-imports` for one folder: every other source folder and `vscode` are off limits. */
function layer(files, allowed, why) {
  const folders = ['model', 'api', 'core', 'presentation', 'simulator', 'webview', 'config', 'views', 'commands'];
  const own = files.split('/')[1];
  const banned = folders.filter((f) => f !== own && !allowed.includes(f));
  return [
    {
      files: [files],
      rules: {
        'no-restricted-imports': [
          'error',
          {
            paths: [{ name: 'vscode', message: `This layer must not depend on VS Code: ${why}.` }],
            patterns: [
              { group: [...banned.map((f) => `../${f}/*`), '../extension', '../../*'], message: `Layering: ${why}.` },
            ],
          },
        ],
      },
    },
  ];
}
