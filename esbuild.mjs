// Bundles the extension into one CommonJS file so the .vsix ships no node_modules.
import * as esbuild from 'esbuild';

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

// The details panel's script runs in the webview (a browser), and may load only from media/.
const webviewOptions = {
  entryPoints: ['src/webview/details.ts'],
  bundle: true,
  format: 'iife',
  platform: 'browser',
  target: 'es2022',
  outfile: 'media/details.js',
  minify: production,
  sourcemap: false,
  legalComments: 'none',
  logLevel: 'warning',
};

const options = {
  entryPoints: ['src/extension.ts'],
  bundle: true,
  format: 'cjs',
  platform: 'node',
  // VS Code 1.100's extension host runs Node 20; newer hosts run Node 22.
  target: 'node20',
  outfile: 'dist/extension.js',
  external: ['vscode'],
  minify: production,
  sourcemap: !production,
  sourcesContent: false,
  legalComments: production ? 'none' : 'inline',
  metafile: true,
  logLevel: 'warning',
};

if (watch) {
  for (const o of [options, webviewOptions]) await (await esbuild.context(o)).watch();
  console.log('esbuild: watching src/ for changes');
} else {
  await esbuild.build(webviewOptions);
  const result = await esbuild.build(options);
  const bytes = Object.values(result.metafile.outputs).find((o) => o.entryPoint)?.bytes ?? 0;
  console.log(`esbuild: dist/extension.js ${(bytes / 1024).toFixed(1)} KiB${production ? ' (production)' : ''}`);
}
