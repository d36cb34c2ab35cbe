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

/**
 * The harness may run a scenario's files in shards, each in its own VS Code (`--files a,b` or `--files '!a,b'`
 * for all but those): names are file names without `.test.js`.
 */
function chosenFile(spec: string): (file: string) => boolean {
  if (!spec.trim()) return () => true;
  const except = spec.startsWith('!');
  const names = new Set(
    spec
      .replace(/^!/, '')
      .split(',')
      .map((name) => name.trim()),
  );
  return (file) => names.has(path.basename(file, '.test.js')) !== except;
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

/**
 * A suite may reload the window ("Developer: Reload Window"): the extension host it runs in ends, and
 * the reloaded window runs this entry point again. What ran before the reload is written here and
 * added to the summary; only the tests titled with AFTER_RELOAD run then.
 */
const RELOAD_MARKER = process.env.WORKSPACE_JOBS_TEST_WORKSPACE
  ? path.join(path.dirname(process.env.WORKSPACE_JOBS_TEST_WORKSPACE), 'reload-pending.json')
  : undefined;
export const AFTER_RELOAD = '[after a window reload]';
let counted = { passed: 0, pending: 0, failures: [] as Summary['failures'], startedAt: Date.now() };

/** Called by a test about to reload the window: the next run takes over from what this one counted. */
export function expectReload(): void {
  if (!RELOAD_MARKER) throw new Error('WORKSPACE_JOBS_TEST_WORKSPACE is not set: no place to write what ran');
  fs.writeFileSync(RELOAD_MARKER, JSON.stringify(counted));
}

/** Whether this run follows a reload asked for by expectReload() (and takes over its counts). */
function resumeAfterReload(): boolean {
  if (!RELOAD_MARKER || !fs.existsSync(RELOAD_MARKER)) return false;
  counted = JSON.parse(fs.readFileSync(RELOAD_MARKER, 'utf8'));
  fs.rmSync(RELOAD_MARKER);
  return true;
}

/** This run follows a window reload: the tests titled AFTER_RELOAD may run. */
export let reloaded = false;

export function run(): Promise<void> {
  const resumed = resumeAfterReload();
  reloaded = resumed;
  const asked = process.env.WORKSPACE_JOBS_TEST_GREP;
  const grep = resumed ? AFTER_RELOAD.replace(/[[\]]/g, '\\$&') : asked;
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
  const files = suiteDirs.flatMap(findTests).filter(chosenFile(process.env.WORKSPACE_JOBS_TEST_FILES ?? ''));
  for (const f of files) mocha.addFile(f);

  return new Promise<void>((resolve, reject) => {
    const failures = counted.failures;
    const started = counted.startedAt;
    try {
      if (files.length === 0) throw new Error(`no *.test.js files under ${suiteDir}`);
      // The harness (runIntegration.mjs) shows the workbench's own info lines only between these markers.
      console.log(
        `${MARK} running ${files.length} test file(s) in VS Code ${vscodeVersion()}${grep ? `, grep ${grep}` : ''}`,
      );
      if (resumed) console.log(`${MARK} the window reloaded: running the tests titled ${AFTER_RELOAD}`);
      const runner = mocha.run(() => {
        const { passed, pending } = counted;
        const failed = failures.length;
        const summary: Summary = { passed, failed, pending, durationMs: Date.now() - started, failures };
        writeSummary(summary);
        console.log(`${MARK} done: ${passed} passed, ${failed} failed, ${pending} pending`);
        if (failed > 0) reject(new Error(`${failed} integration test(s) failed.`));
        else resolve();
      });
      runner.on('pass', () => counted.passed++);
      runner.on('pending', () => counted.pending++);
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
