// Entry point of the integration suite, loaded by VS Code from extensionTestsPath (code-server via
// test/harness/runIntegration.mjs, or desktop VS Code via @vscode/test-electron). Same contract
// for both: export run(), which resolves when every test passed.
import * as fs from 'node:fs';
import * as path from 'node:path';
import Mocha from 'mocha';

/** All compiled test files under `dir`, sorted, found without a glob dependency. */
function findTests(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  const out: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...findTests(full));
    else if (entry.isFile() && entry.name.endsWith('.test.js')) out.push(full);
  }
  return out.sort();
}

const MARK = '[integration]';

function vscodeVersion(): string {
  try {
    // Loaded lazily so this module also loads outside VS Code (e.g. in a type check).
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    return (require('vscode') as typeof import('vscode')).version;
  } catch {
    return '?';
  }
}

interface Summary {
  passed: number;
  failed: number;
  pending: number;
  durationMs: number;
  failures: { title: string; message: string }[];
}

function writeSummary(summary: Summary): void {
  const file = process.env.WORKSPACE_JOBS_TEST_RESULTS;
  if (!file) return;
  try {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, JSON.stringify(summary, null, 2) + '\n');
  } catch (e) {
    console.error(`could not write the test summary to ${file}: ${String(e)}`);
  }
}

export function run(): Promise<void> {
  const grep = process.env.WORKSPACE_JOBS_TEST_GREP;
  const mocha = new Mocha({
    ui: 'tdd',
    color: false,
    timeout: 20_000,
    reporter: 'spec',
    ...(grep ? { grep } : {}),
  });
  // The harness's scenario names the folders to run (test/harness/scenarios.mjs); the main suite by default.
  const suiteDirs = (process.env.WORKSPACE_JOBS_TEST_SUITES || 'suite')
    .split(',')
    .map((dir) => path.resolve(__dirname, dir.trim()));
  const suiteDir = suiteDirs.join(', ');
  const files = suiteDirs.flatMap(findTests);
  for (const f of files) mocha.addFile(f);

  return new Promise<void>((resolve, reject) => {
    const failures: Summary['failures'] = [];
    let passed = 0;
    let pending = 0;
    const started = Date.now();
    try {
      if (files.length === 0) throw new Error(`no *.test.js files under ${suiteDir}`);
      // The harness (runIntegration.mjs) shows the workbench's own info lines only between these markers.
      console.log(
        `${MARK} running ${files.length} test file(s) in VS Code ${vscodeVersion()}${grep ? `, grep ${grep}` : ''}`,
      );
      const runner = mocha.run((failed) => {
        const summary: Summary = { passed, failed, pending, durationMs: Date.now() - started, failures };
        writeSummary(summary);
        console.log(`${MARK} done: ${passed} passed, ${failed} failed, ${pending} pending`);
        if (failed > 0) reject(new Error(`${failed} integration test(s) failed.`));
        else resolve();
      });
      runner.on('pass', () => passed++);
      runner.on('pending', () => pending++);
      runner.on('fail', (test, err: unknown) => {
        const message = err instanceof Error ? err.message : String(err);
        failures.push({ title: test.fullTitle(), message });
      });
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      console.error(message);
      writeSummary({
        passed: 0,
        failed: 1,
        pending: 0,
        durationMs: Date.now() - started,
        failures: [{ title: 'loading the suite', message }],
      });
      reject(err instanceof Error ? err : new Error(message));
    }
  });
}
