// `npm test`: typecheck, lint, build, compile tests, unit tests, integration tests (real VS Code via
// code-server), in that order, stopping at the first failing step. Prints a timing table and, last,
// exactly one line `tests: N passed, N failed` (unit + integration). Exits non-zero on any failure.
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { HarnessError, checkSystemPackages, ensureCodeServer, repoRoot } from './codeServer.mjs';
import { SCENARIOS } from './scenarios.mjs';

const bin = (name) => path.join(repoRoot, 'node_modules', '.bin', name);

/** Runs a command in the repo; streams its output; returns { code, output } (output only if capture). */
function run(cmd, args, { capture = false, env = {} } = {}) {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, {
      cwd: repoRoot,
      env: { ...process.env, ...env },
      stdio: ['ignore', capture ? 'pipe' : 'inherit', capture ? 'pipe' : 'inherit'],
    });
    let output = '';
    if (capture) {
      child.stdout.on('data', (d) => {
        output += d;
        process.stdout.write(d);
      });
      child.stderr.on('data', (d) => {
        output += d;
        process.stderr.write(d);
      });
    }
    child.on('error', (e) => resolve({ code: 127, output: String(e) }));
    child.on('close', (code, signal) => resolve({ code: code ?? (signal ? 128 : 1), output }));
  });
}

function findFiles(dir, suffix) {
  if (!fs.existsSync(dir)) return [];
  const out = [];
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...findFiles(full, suffix));
    else if (e.isFile() && e.name.endsWith(suffix)) out.push(full);
  }
  return out.sort();
}

/** Reads the summary node's test runner prints (spec reporter: "ℹ pass 12" … or tap: "# pass 12"). */
function parseNodeSummary(output) {
  const num = (key) => {
    const m = [...output.matchAll(new RegExp(`^\\s*(?:ℹ|#)\\s*${key}\\s+(\\d+)\\s*$`, 'gm'))].pop();
    return m ? Number(m[1]) : null;
  };
  const pass = num('pass');
  const fail = num('fail');
  if (pass === null || fail === null) return null;
  return { passed: pass, failed: fail + (num('cancelled') ?? 0), skipped: (num('skipped') ?? 0) + (num('todo') ?? 0) };
}

/**
 * The main scenario's slowest test files, run in one VS Code while the rest of its files run in another
 * (about 4 minutes each in the last runs, against 9 minutes for all of them in one).
 */
const MAIN_SHARD = ['notify', 'accessibility', 'details', 'credentials', 'prompts', 'mfa'];
/** VS Code windows running tests at once (2 cores: each is mostly idle, waiting on intervals and the UI). */
const INTEGRATION_CONCURRENCY = Number(process.env.WORKSPACE_JOBS_INTEGRATION_CONCURRENCY || 3);

const totals = { passed: 0, failed: 0 };
const steps = [];
const resultsFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'wj-test-')), 'integration-results.json');

const STEPS = [
  {
    name: 'typecheck',
    run: async () => {
      const extension = await run(bin('tsc'), ['-p', '.', '--noEmit']);
      // The webview script has DOM types and no Node ones: its own project.
      return extension.code !== 0 ? extension : run(bin('tsc'), ['-p', 'src/webview']);
    },
  },
  { name: 'lint', run: () => run(bin('eslint'), ['.']) },
  { name: 'format', run: () => run(bin('prettier'), ['--check', '--log-level', 'warn', '.']) },
  { name: 'build', run: () => run(process.execPath, ['esbuild.mjs']) },
  {
    name: 'compile tests',
    run: () => {
      // A clean out/ so compiled tests of deleted sources cannot linger and run.
      fs.rmSync(path.join(repoRoot, 'out'), { recursive: true, force: true });
      return run(bin('tsc'), ['-p', '.', '--outDir', 'out']);
    },
  },
  {
    name: 'unit tests',
    run: async () => {
      const files = findFiles(path.join(repoRoot, 'out', 'test', 'unit'), '.test.js').map((f) =>
        path.relative(repoRoot, f),
      );
      if (files.length === 0) {
        console.log('no unit tests found under out/test/unit/');
        return { code: 0, detail: 'none found' };
      }
      const r = await run(
        process.execPath,
        ['--test', '--test-reporter=spec', '--test-reporter-destination=stdout', ...files],
        { capture: true },
      );
      const s = parseNodeSummary(r.output);
      if (s) {
        totals.passed += s.passed;
        totals.failed += s.failed;
      }
      if (r.code !== 0 && (!s || s.failed === 0)) totals.failed += 1; // crashed without reporting a failure
      return {
        code: r.code,
        detail: s ? `${s.passed} passed, ${s.failed} failed${s.skipped ? `, ${s.skipped} skipped` : ''}` : 'no summary',
      };
    },
  },
  {
    name: 'code-server',
    run: async () => {
      try {
        checkSystemPackages();
        await ensureCodeServer();
        return { code: 0 };
      } catch (e) {
        console.error(e instanceof HarnessError ? e.message : e);
        return { code: 1 };
      }
    },
  },
  {
    name: 'integration tests',
    run: async () => {
      // Each scenario is a fresh VS Code profile set up before start-up (test/harness/scenarios.mjs).
      const sum = { passed: 0, failed: 0, pending: 0 };
      const details = new Map();
      let code = 0;
      const runScenario = async ({ label, scenario, files }) => {
        const results = `${resultsFile}.${label}`;
        fs.rmSync(results, { force: true });
        const r = await run(
          process.execPath,
          [
            path.join('test', 'harness', 'runIntegration.mjs'),
            '--scenario',
            scenario,
            ...(files ? ['--files', files, '--label', label] : []),
          ],
          {
            env: { WORKSPACE_JOBS_TEST_RESULTS: results },
          },
        );
        let s = null;
        try {
          s = JSON.parse(fs.readFileSync(results, 'utf8'));
        } catch {
          /* no summary: the suite never ran to its end */
        }
        if (s) {
          sum.passed += s.passed;
          sum.failed += s.failed;
          sum.pending += s.pending ?? 0;
        }
        if (r.code !== 0 && (!s || s.failed === 0)) sum.failed += 1;
        if (r.code !== 0) code = r.code;
        details.set(label, `${label} ${s ? s.passed : 0}/${s ? s.passed + s.failed : '?'}`);
      };
      // Every run is a fresh VS Code that mostly waits (refresh intervals, the UI): a few side by side,
      // longest first. The main scenario runs as two shards (MAIN_SHARD: its slowest files).
      const runs = [
        { label: 'main', scenario: 'main', files: MAIN_SHARD.join(',') },
        { label: 'main-2', scenario: 'main', files: `!${MAIN_SHARD.join(',')}` },
        ...Object.keys(SCENARIOS)
          .filter((name) => name !== 'main')
          .map((name) => ({ label: name, scenario: name })),
      ];
      const queue = [...runs];
      const worker = async () => {
        for (let next = queue.shift(); next; next = queue.shift()) await runScenario(next);
      };
      await Promise.all(Array.from({ length: Math.min(INTEGRATION_CONCURRENCY, runs.length) }, worker));
      totals.passed += sum.passed;
      totals.failed += sum.failed;
      return {
        code,
        detail: `${sum.passed} passed, ${sum.failed} failed${sum.pending ? `, ${sum.pending} pending` : ''} (${runs
          .map((r) => details.get(r.label))
          .join(', ')})`,
      };
    },
  },
];

const started = Date.now();
let failedStep = null;
for (const step of STEPS) {
  console.log(`\n━━ ${step.name} ${'━'.repeat(Math.max(0, 60 - step.name.length))}`);
  const t = Date.now();
  const r = await step.run();
  const secs = (Date.now() - t) / 1000;
  steps.push({ name: step.name, ok: r.code === 0, secs, detail: r.detail ?? '' });
  if (r.code !== 0) {
    failedStep = step.name;
    console.error(`\n✖ step "${step.name}" failed (exit code ${r.code}); the steps after it did not run.`);
    break;
  }
}
for (const step of STEPS.slice(steps.length)) steps.push({ name: step.name, ok: null, secs: 0, detail: 'not run' });

const w = Math.max(...steps.map((s) => s.name.length));
console.log('\nstep' + ' '.repeat(w - 4) + '  result   time     detail');
for (const s of steps) {
  const result = s.ok === null ? 'skipped' : s.ok ? 'ok' : 'FAILED';
  const time = s.ok === null ? '' : `${s.secs.toFixed(1)} s`;
  console.log(`${s.name.padEnd(w)}  ${result.padEnd(7)}  ${time.padStart(7)}  ${s.detail}`);
}
console.log(
  `${'total'.padEnd(w)}  ${(failedStep ? 'FAILED' : 'ok').padEnd(7)}  ${`${((Date.now() - started) / 1000).toFixed(1)} s`.padStart(7)}`,
);
fs.rmSync(path.dirname(resultsFile), { recursive: true, force: true });
console.log(`tests: ${totals.passed} passed, ${totals.failed} failed`);
process.exit(failedStep || totals.failed > 0 ? 1 : 0);
