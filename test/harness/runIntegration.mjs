// Runs the integration suite (out/test/integration/index.js) inside a real VS Code 1.100.3:
// code-server in a temp profile, driven by headless Chromium, with the UI probe (uiProbe.mjs) the
// tests reach through WORKSPACE_JOBS_UI_PROBE. Exits with the suite's exit code.
//
//   node test/harness/runIntegration.mjs [--grep PATTERN] [--timeout SECONDS] [--keep-open]
//        [--extension-dir DIR] [--tests FILE] [--verbose]
//
// Expects `npm run build` and `npm run compile-tests` to have run (npm run test:integration does).
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { format } from 'node:util';
import {
  HarnessError,
  VSCODE_VERSION,
  checkSystemPackages,
  ensureCodeServer,
  extensionPathForCodeServer,
  launchChromium,
  newPage,
  repoRoot,
  startCodeServer,
  workbenchUrl,
} from './codeServer.mjs';
import { startUiProbe } from './uiProbe.mjs';
import { prepareScenario, SCENARIOS } from './scenarios.mjs';
import { installStubLanguagePack } from './languagePack.mjs';

// Start-up lines the workbench itself logs at info level through the same channel as the suite.
const NOISE = [
  /^Ignoring fetching additional builtin extensions/,
  /^Updating additional builtin extensions cache/,
  /^ChatSessionStore:/,
  /^\[Service Worker\]/,
  /^(Resolving|Resolved) connection token/,
  /^Creating a socket/,
];

function parseArgs(argv) {
  const opts = {
    extensionDir: repoRoot,
    tests: path.join(repoRoot, 'out', 'test', 'integration', 'index.js'),
    timeoutSec: Number(process.env.WORKSPACE_JOBS_INTEGRATION_TIMEOUT || 660),
    grep: process.env.WORKSPACE_JOBS_TEST_GREP || '',
    keepOpen: false,
    verbose: !!process.env.WORKSPACE_JOBS_VERBOSE,
    scenario: 'main',
    /** Test files to run (names without .test.js), `!`-prefixed to run all but those; default all. */
    files: '',
    /** Names this run in artifacts and the summary line (a shard of a scenario); default the scenario's name. */
    label: '',
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const next = () => {
      if (i + 1 >= argv.length) throw new HarnessError(`${a} needs a value`);
      return argv[++i];
    };
    if (a === '--extension-dir') opts.extensionDir = path.resolve(next());
    else if (a === '--tests') opts.tests = path.resolve(next());
    else if (a === '--timeout') opts.timeoutSec = Number(next());
    else if (a === '--grep') opts.grep = next();
    else if (a === '--keep-open') opts.keepOpen = true;
    else if (a === '--scenario') opts.scenario = next();
    else if (a === '--files') opts.files = next();
    else if (a === '--label') opts.label = next();
    else if (a === '--verbose') opts.verbose = true;
    else if (a === '--help' || a === '-h') {
      console.log(
        'usage: node test/harness/runIntegration.mjs [--scenario NAME] [--files [!]A,B] [--label NAME] [--grep PATTERN] [--timeout SECONDS] [--keep-open] [--extension-dir DIR] [--tests FILE] [--verbose]\nscenarios: ' +
          Object.keys(SCENARIOS).join(', '),
      );
      process.exit(0);
    } else throw new HarnessError(`unknown argument ${a}`);
  }
  return opts;
}

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  const t0 = Date.now();
  const artifactsDir = path.join(repoRoot, 'test-artifacts');
  if (!fs.existsSync(opts.tests)) {
    throw new HarnessError(
      `${path.relative(repoRoot, opts.tests)} does not exist: run \`npm run compile-tests\` first (or \`npm run test:integration\`).`,
    );
  }
  if (!fs.existsSync(path.join(opts.extensionDir, 'package.json'))) {
    throw new HarnessError(`no package.json in ${opts.extensionDir}`);
  }
  checkSystemPackages();
  await ensureCodeServer();

  const scenario = await prepareScenario(opts.scenario);
  const label = opts.label || scenario.name;
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'wj-integration-'));
  const folder = path.join(tmp, 'workspace');
  fs.mkdirSync(folder, { recursive: true });
  fs.writeFileSync(path.join(folder, 'README.md'), '# Integration test workspace\n');
  for (const [file, text] of Object.entries(scenario.workspaceFiles)) {
    fs.mkdirSync(path.dirname(path.join(folder, file)), { recursive: true });
    fs.writeFileSync(path.join(folder, file), text);
  }
  const resultsFile = process.env.WORKSPACE_JOBS_TEST_RESULTS || path.join(tmp, 'results.json');
  fs.rmSync(resultsFile, { force: true });
  const csLog = path.join(tmp, 'code-server.log');

  let page = null;
  let browser = null;
  let server = null;
  const probe = await startUiProbe({ getPage: () => page, artifactsDir, log: (m) => console.log(m) });

  let exitCode = 1;
  let failureNote;
  try {
    if (scenario.locale) {
      fs.mkdirSync(path.join(tmp, 'user-data'), { recursive: true });
      installStubLanguagePack({
        userDataDir: path.join(tmp, 'user-data'),
        extensionsDir: path.join(tmp, 'extensions'),
        locale: scenario.locale,
      });
    }
    server = await startCodeServer({
      userDataDir: path.join(tmp, 'user-data'),
      extensionsDir: path.join(tmp, 'extensions'),
      folder,
      env: {
        WORKSPACE_JOBS_UI_PROBE: probe.url,
        WORKSPACE_JOBS_TEST_RESULTS: resultsFile,
        WORKSPACE_JOBS_TEST_GREP: opts.grep,
        WORKSPACE_JOBS_TEST_WORKSPACE: folder,
        WORKSPACE_JOBS_ARTIFACTS: artifactsDir,
        WORKSPACE_JOBS_TEST_SUITES: scenario.suites.join(','),
        WORKSPACE_JOBS_TEST_FILES: opts.files,
        WORKSPACE_JOBS_SCENARIO: scenario.name,
        ...scenario.env,
      },
      userSettings: scenario.userSettings,
      args: [...scenario.args, ...(scenario.locale ? ['--locale', scenario.locale] : [])],
      trust: scenario.trust,
      logFile: csLog,
      echo: opts.verbose,
    });
    console.log(
      `code-server (VS Code ${VSCODE_VERSION}) on ${server.url}, UI probe on ${probe.url}, scenario ${scenario.name}`,
    );

    browser = await launchChromium();
    page = await newPage(browser, { timezoneId: scenario.browserTimeZone });
    let settle;
    let inSuite = false;
    const exited = new Promise((resolve) => (settle = resolve));
    await page.exposeFunction('codeAutomationLog', (type, args) => {
      const list = Array.isArray(args) ? args : [args];
      // The extension host's console arrives here; mocha's reporter uses console.log with formats.
      const line =
        typeof list[0] === 'string'
          ? format(...list)
          : list.map((a) => (typeof a === 'string' ? a : JSON.stringify(a))).join(' ');
      if (line.startsWith('[integration] running')) inSuite = true;
      // The workbench logs its own start-up at info level through the same channel; show only
      // warnings and errors outside the suite's run (all of it with --verbose).
      const show =
        opts.verbose ||
        ((inSuite || type === 'error' || type === 'warn' || type === 'warning') && !NOISE.some((re) => re.test(line)));
      if (line.startsWith('[integration] done')) inSuite = false;
      if (!show) return;
      (type === 'error' ? process.stderr : process.stdout).write(line + '\n');
    });
    await page.exposeFunction('codeAutomationExit', (code) => settle({ code: Number(code) }));
    page.on('crash', () => settle({ code: 1, note: 'the workbench page crashed' }));
    page.on('close', () => settle({ code: 1, note: 'the workbench page closed' }));
    if (opts.verbose) page.on('console', (m) => console.log(`[page:${m.type()}] ${m.text()}`));

    const extensionDevelopmentPath = extensionPathForCodeServer(opts.extensionDir, tmp);
    const url = workbenchUrl({ port: server.port, folder, extensionDevelopmentPath, extensionTestsPath: opts.tests });
    await page.goto(url, { waitUntil: 'domcontentloaded' });

    let timer;
    const timeout = new Promise((resolve) => {
      timer = setTimeout(
        () =>
          resolve({
            code: 1,
            note: `TIMEOUT: the integration suite did not finish within ${opts.timeoutSec} s (raise it with --timeout SECONDS).`,
          }),
        opts.timeoutSec * 1000,
      );
    });
    const interrupted = new Promise((resolve) => {
      const on = (sig) => resolve({ code: 130, note: `interrupted by ${sig}` });
      process.once('SIGINT', on);
      process.once('SIGTERM', on);
    });
    const outcome = await Promise.race([exited, timeout, interrupted]);
    clearTimeout(timer);
    exitCode = outcome.code;
    failureNote = outcome.note || '';
    if (opts.keepOpen && outcome.code !== 130) {
      console.log(`--keep-open: VS Code stays on ${server.url} (folder ${folder}); Ctrl+C to end.`);
      await new Promise((resolve) => process.once('SIGINT', resolve));
    }
  } catch (e) {
    exitCode = 1;
    failureNote = e instanceof HarnessError ? e.message : e && e.stack ? e.stack : String(e);
  } finally {
    if (exitCode !== 0 && page) {
      try {
        fs.mkdirSync(artifactsDir, { recursive: true });
        const shot = path.join(artifactsDir, `integration-failure-${label}.png`);
        await page.screenshot({ path: shot, fullPage: true, timeout: 10_000 });
        console.log(`screenshot of the failed run: ${path.relative(process.cwd(), shot)}`);
      } catch {
        /* page gone */
      }
    }
    await browser?.close().catch(() => {});
    await server?.stop();
    await probe.close();
    if (exitCode !== 0 && fs.existsSync(csLog)) {
      fs.mkdirSync(artifactsDir, { recursive: true });
      fs.copyFileSync(csLog, path.join(artifactsDir, `code-server-${label}.log`));
      console.log(
        `code-server log: ${path.relative(process.cwd(), path.join(artifactsDir, `code-server-${label}.log`))}`,
      );
    }
  }

  if (failureNote) console.error(failureNote);
  let summary = null;
  try {
    summary = JSON.parse(fs.readFileSync(resultsFile, 'utf8'));
  } catch {
    /* the suite did not get to write it */
  }
  const secs = ((Date.now() - t0) / 1000).toFixed(1);
  if (summary) {
    console.log(
      `integration (${label}): ${summary.passed} passed, ${summary.failed} failed, ${summary.pending} pending (${secs} s)`,
    );
    if (summary.failed > 0 && exitCode === 0) exitCode = 1;
  } else {
    console.log(`integration: no results were written (${secs} s)`);
    if (exitCode === 0) exitCode = 1;
  }
  fs.rmSync(tmp, { recursive: true, force: true });
  return exitCode;
}

main().then(
  (code) => process.exit(code),
  (e) => {
    console.error(e instanceof HarnessError ? e.message : e);
    process.exit(1);
  },
);
