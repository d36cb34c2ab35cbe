// Loads a built dist/extension.js in a fresh Node, with a stand-in for `vscode` (every name
// @types/vscode declares, each an inert object), and prints what that cost as JSON: how long the
// require took and which files of dist/ it read. esbuild.mjs uses it to refuse a build whose
// activation would load the HTTP stack or the simulator; npm run bench to measure load times.
//
//   node test/bench/loadProbe.mjs [--activate] DIST_FILE [ALSO_LOADED ...]
//
// Each ALSO_LOADED file is required after DIST_FILE and timed separately (a later bundle's cost).
// With --activate, activate() then runs against a fresh workspace (no settings, no credentials,
// nothing stored) and, once what it started has had a moment, `loaded` names every dist file read
// by then: a module loaded eagerly from activate() shows up, not only one loaded at require time;
// `secretsRead` counts reads of the secret store (activation comes with every start-up).
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';

const require = createRequire(import.meta.url);
const Module = require('node:module');

const declarations = fs.readFileSync(require.resolve('@types/vscode/index.d.ts'), 'utf8');
const names = new Set(
  [...declarations.matchAll(/^\s*export (?:class|namespace|enum|function|const|let|var) (\w+)/gm)].map((m) => m[1]),
);
/**
 * Anything at all, doing nothing: every property is another inert value (the same one each time, or
 * what was stored), calling or constructing one gives another, it turns into '' and iterates as
 * empty, and is no promise. A subclass (class X extends vscode.TreeItem) gets an instance of itself.
 */
const inert = () => {
  const own = new Map();
  const target = function vscodeStandIn() {};
  target.prototype = new Proxy({}, { get: (_, key) => (typeof key === 'symbol' ? undefined : member(own, key)) });
  return new Proxy(target, {
    get: (t, key) => (key === 'prototype' ? t.prototype : member(own, key)),
    set: (_, key, value) => (own.set(key, value), true),
    apply: () => inert(),
    construct: (_t, _args, newTarget) => Object.create(newTarget.prototype),
  });
};
function member(own, key) {
  if (own.has(key)) return own.get(key);
  if (key === 'then') return undefined;
  if (key === Symbol.toPrimitive) return () => '';
  if (key === Symbol.iterator) return function* () {};
  if (typeof key === 'symbol') return undefined;
  const value = inert();
  own.set(key, value);
  return value;
}
const vscode = Object.fromEntries([...names].map((name) => [name, inert()]));
const disposable = { dispose() {} };
/** Settings nobody set: every get answers its default. */
const configuration = {
  get: (_key, fallback) => fallback,
  has: () => false,
  inspect: () => undefined,
  update: async () => {},
};
Object.assign(vscode, {
  version: '1.100.0',
  env: Object.assign(inert(), { language: 'en', appName: 'Visual Studio Code', uriScheme: 'vscode' }),
  l10n: Object.assign(inert(), {
    bundle: undefined,
    uri: undefined,
    t: (message, ...args) => {
      const text = typeof message === 'string' ? message : message.message;
      const values =
        typeof message === 'string' ? (typeof args[0] === 'object' ? args[0] : args) : (message.args ?? []);
      return text.replace(/\{(\w+)\}/g, (whole, key) => (key in values ? String(values[key]) : whole));
    },
  }),
});
vscode.workspace.getConfiguration = () => configuration;
vscode.workspace.workspaceFolders = undefined;
vscode.workspace.isTrusted = true;
const resolve = Module._resolveFilename;
Module._resolveFilename = function (request, ...rest) {
  return request === 'vscode' ? 'vscode' : resolve.call(this, request, ...rest);
};
require.cache.vscode = { id: 'vscode', filename: 'vscode', loaded: true, exports: vscode };

const args = process.argv.slice(2);
const activate = args[0] === '--activate';
const [file, ...later] = args.slice(activate ? 1 : 0).map((f) => path.resolve(f));
const dist = path.dirname(file);
const timed = (f) => {
  const started = performance.now();
  require(f);
  return performance.now() - started;
};
const loadedFromDist = () =>
  Object.keys(require.cache)
    .filter((f) => f.startsWith(dist + path.sep))
    .map((f) => path.relative(dist, f));
const loadMs = timed(file);
const loaded = loadedFromDist();
const laterMs = later.map(timed);
const result = { loadMs, loaded, laterMs };
if (activate) {
  /** What activate() started and failed afterwards: its loads may not have happened. */
  const failures = [];
  process.on('unhandledRejection', (error) => failures.push(String(error?.stack ?? error)));
  const memento = () => {
    const stored = new Map();
    return {
      keys: () => [...stored.keys()],
      get: (key, fallback) => (stored.has(key) ? stored.get(key) : fallback),
      update: async (key, value) => void stored.set(key, value),
    };
  };
  let secretsRead = 0;
  const context = {
    subscriptions: [],
    workspaceState: memento(),
    globalState: Object.assign(memento(), { setKeysForSync() {} }),
    secrets: {
      get: async () => void secretsRead++,
      store: async () => {},
      delete: async () => {},
      onDidChange: () => disposable,
    },
    extension: { id: 'workspace-jobs.workspace-image-jobs', packageJSON: { version: '0.0.0-probe' } },
    extensionUri: inert(),
    extensionPath: path.dirname(dist),
    logUri: { fsPath: dist },
    storageUri: undefined,
    globalStorageUri: inert(),
    extensionMode: 1,
    environmentVariableCollection: inert(),
    asAbsolutePath: (relative) => path.join(path.dirname(dist), relative),
  };
  const started = performance.now();
  try {
    result.activated = typeof require(file).activate(context)?.activationTimeMs === 'number';
  } catch (error) {
    failures.push(String(error?.stack ?? error));
  }
  result.activateMs = performance.now() - started;
  // A dynamic import is a promise: the module it loads is read a few turns later, not at once.
  await new Promise((done) => setTimeout(done, 100));
  result.loaded = loadedFromDist();
  result.failures = failures;
  result.secretsRead = secretsRead;
}
console.log(JSON.stringify(result));
// activate() starts timers (refreshes, sign-in watch) that would keep this process alive.
process.exit(0);
