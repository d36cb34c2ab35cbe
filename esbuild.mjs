// Bundles the extension into CommonJS files so the .vsix ships no node_modules. What activation
// loads (dist/extension.js) stays small: undici (dist/http.js) is loaded when the first request
// goes out, the simulator (dist/simulator.js) when sample data starts.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as esbuild from 'esbuild';

// Loads a built file in plain Node with a stand-in for `vscode`, and names the dist files it read.
const PROBE = path.join(import.meta.dirname, 'test', 'bench', 'loadProbe.mjs');

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

// The details panel's and the timeline's scripts run in the webview (a browser), and may load only from media/.
const webviewOptions = {
  entryPoints: ['src/webview/details.ts', 'src/webview/timeline.ts'],
  bundle: true,
  format: 'iife',
  platform: 'browser',
  target: 'es2022',
  outdir: 'media',
  minify: production,
  sourcemap: false,
  legalComments: 'none',
  logLevel: 'warning',
};

/**
 * The files loaded later, by the source module each is built from. An import of that module from
 * another bundle is left as a require of the file next to it, so the code ships once and runs only
 * when asked for. Whatever crosses into them must not need the extension's module instances:
 * undici shares nothing with the extension, the simulator only plain values.
 */
const LATER = [
  { source: 'src/api/undici.ts', outfile: 'dist/http.js' },
  { source: 'src/simulator/server.ts', outfile: 'dist/simulator.js' },
];

const node = {
  bundle: true,
  format: 'cjs',
  platform: 'node',
  // VS Code 1.100's extension host runs Node 20; newer hosts run Node 22.
  target: 'node20',
  external: ['vscode'],
  // import() becomes require(): a bundled module is then initialised on first use, and a later file
  // is read by Node's CommonJS loader, as dist/extension.js is.
  supported: { 'dynamic-import': false },
  // Every build is minified (the dev build: 447 → 352 KB, what activation reads); the dev build keeps
  // function and class names for stacks, and its source map still points at the TypeScript.
  minify: true,
  keepNames: !production,
  sourcemap: !production,
  sourcesContent: false,
  legalComments: production ? 'none' : 'inline',
  metafile: true,
  logLevel: 'warning',
};

/** Leaves the imports of a LATER module (other than the bundle's own entry) to the file built from it. */
function loadLater(ownEntry) {
  return {
    name: 'load-later',
    setup(build) {
      // Real paths: src/ may be a link (the bench builds in a scratch directory), resolveDir never is.
      const sources = LATER.map((l) => ({ ...l, at: fs.realpathSync(path.resolve(l.source)).replace(/\.ts$/, '') }));
      build.onResolve({ filter: /^\.\.?\// }, (args) => {
        const target = path.resolve(args.resolveDir, args.path).replace(/\.js$/, '');
        const later = sources.find((l) => l.at === target);
        if (!later || later.source === ownEntry) return undefined;
        return { path: `./${path.basename(later.outfile)}`, external: true };
      });
    },
  };
}

/**
 * undici's HTTP/1 and HTTP/2 clients require fetch's body code (lib/web, with FormData, WebIDL and
 * MIME parsing) only to send a FormData body; the transport sends strings, so a stand-in that
 * refuses one is bundled instead.
 */
const withoutFetchBody = {
  name: 'without-fetch-body',
  setup(build) {
    build.onResolve({ filter: /^\.\.\/web\/fetch\/body\.js$/ }, (args) =>
      /node_modules[\\/]undici[\\/]lib[\\/]dispatcher$/.test(args.resolveDir)
        ? { path: 'undici-fetch-body', namespace: 'stand-in' }
        : undefined,
    );
    build.onLoad({ filter: /.*/, namespace: 'stand-in' }, () => ({
      contents: `module.exports.extractBody = () => { throw new TypeError('FormData bodies are not sent by this extension'); };`,
      loader: 'js',
    }));
  },
};

const bundles = [{ source: 'src/extension.ts', outfile: 'dist/extension.js' }, ...LATER].map((b) => ({
  ...node,
  entryPoints: [b.source],
  outfile: b.outfile,
  plugins: [loadLater(b.source), withoutFetchBody],
}));

/**
 * Fails the build when what activation loads has grown back: undici, the simulator or the HTTP
 * stack's code run at load or in activate(), or undici's unused parts (fetch, WebSocket, mocks,
 * caches, interceptors) ship.
 */
function checkSplit(results) {
  const inputs = (outfile) => Object.keys(results.get(outfile).metafile.inputs);
  const problems = [];
  for (const input of inputs('dist/extension.js'))
    if (/node_modules[\\/]undici[\\/]|(^|\/)src\/simulator\//.test(input))
      problems.push(`dist/extension.js bundles ${input}`);
  for (const input of inputs('dist/http.js'))
    if (/node_modules[\\/]undici[\\/](index\.js|lib[\\/](web|mock|cache|interceptor)[\\/])/.test(input))
      problems.push(`dist/http.js bundles ${input}, which is never used`);
  // activate() runs too, against a stand-in VS Code: an eager import there loads a later file as surely as one at load.
  const probe = spawnSync(process.execPath, [PROBE, '--activate', 'dist/extension.js'], { encoding: 'utf8' });
  const report = probe.status === 0 ? JSON.parse(probe.stdout) : undefined;
  if (!report) problems.push(`dist/extension.js does not load: ${probe.stderr.trim().split('\n')[0]}`);
  else {
    for (const file of report.loaded)
      if (file !== 'extension.js') problems.push(`loading and activating dist/extension.js also loads dist/${file}`);
    // Activation comes with every start-up: without a project, reading secrets may wake an OS keyring.
    if (report.secretsRead)
      problems.push(`activate() without a project reads the secret store ${report.secretsRead} time(s)`);
    // Unchecked is not passed: a stand-in too thin for activate() is extended (test/bench/loadProbe.mjs).
    if (!report.activated || report.failures.length)
      problems.push(
        `activate() did not run through in test/bench/loadProbe.mjs: ${report.failures[0]?.split('\n')[0] ?? 'no API returned'}`,
      );
  }
  if (problems.length) throw new Error(`esbuild.mjs: activation would load too much:\n  ${problems.join('\n  ')}`);
}

if (watch) {
  for (const o of [...bundles, webviewOptions]) await (await esbuild.context(o)).watch();
  console.log('esbuild: watching src/ for changes');
} else {
  await esbuild.build(webviewOptions);
  const results = new Map();
  for (const options of bundles) results.set(options.outfile, await esbuild.build(options));
  checkSplit(results);
  const sizes = bundles.map((o) => {
    const bytes = Object.values(results.get(o.outfile).metafile.outputs).find((out) => out.entryPoint)?.bytes ?? 0;
    return `${o.outfile} ${(bytes / 1024).toFixed(1)} KiB`;
  });
  console.log(`esbuild: ${sizes.join(', ')}${production ? ' (production)' : ''}`);
}
