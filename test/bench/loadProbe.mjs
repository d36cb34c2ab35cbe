// Loads a built dist/extension.js in a fresh Node, with a stand-in for `vscode` (every name
// @types/vscode declares, each an empty class), and prints what that cost as JSON: how long the
// require took and which files of dist/ it read. esbuild.mjs uses it to refuse a build whose
// activation would load the HTTP stack or the simulator; npm run bench to measure load times.
//
//   node test/bench/loadProbe.mjs DIST_FILE [ALSO_LOADED ...]
//
// Each ALSO_LOADED file is required after DIST_FILE and timed separately (a later bundle's cost).
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
const standIn = () =>
  new Proxy(function vscodeStandIn() {}, {
    get: (target, key) => (key === 'prototype' ? target.prototype : key === 'then' ? undefined : standIn()),
  });
const vscode = Object.fromEntries([...names].map((name) => [name, standIn()]));

const resolve = Module._resolveFilename;
Module._resolveFilename = function (request, ...rest) {
  return request === 'vscode' ? 'vscode' : resolve.call(this, request, ...rest);
};
require.cache.vscode = { id: 'vscode', filename: 'vscode', loaded: true, exports: vscode };

const [file, ...later] = process.argv.slice(2).map((f) => path.resolve(f));
const dist = path.dirname(file);
const timed = (f) => {
  const started = performance.now();
  require(f);
  return performance.now() - started;
};
const loadMs = timed(file);
const loaded = Object.keys(require.cache)
  .filter((f) => f.startsWith(dist + path.sep))
  .map((f) => path.relative(dist, f));
const laterMs = later.map(timed);
console.log(JSON.stringify({ loadMs, loaded, laterMs }));
