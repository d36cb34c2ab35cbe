// Runs a real VS Code 1.100.3 on this offline machine: code-server 4.100.3 (installed from npm into
// .cache/code-server/, never a dependency of the extension) plus Debian's Chromium driven by
// playwright-core. See /work/shared/notes/real-vscode-offline.md for the recipe this follows.
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { URLSearchParams, fileURLToPath } from 'node:url';

export const CODE_SERVER_VERSION = '4.100.3';
export const VSCODE_VERSION = '1.100.3';
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const cacheDir = path.join(repoRoot, '.cache', 'code-server');
export const codeServerEntry = path.join(cacheDir, 'node_modules', 'code-server', 'out', 'node', 'entry.js');
const installedMarker = path.join(cacheDir, `.installed-${CODE_SERVER_VERSION}`);

const APT_HINT =
  'apt-get update && apt-get install -y --no-install-recommends chromium libkrb5-dev ripgrep fonts-noto-cjk fonts-noto-color-emoji';

/** Throws an Error with a readable message; the harness scripts print it and exit 1. */
export class HarnessError extends Error {}

function dpkgInstalled(pkg) {
  const r = spawnSync('dpkg-query', ['-W', '-f=${Status}', pkg], { encoding: 'utf8' });
  return r.status === 0 && r.stdout.includes('install ok installed');
}

/** Checks the Debian packages that code-server's postinstall (and the browser) need. */
function canInstallWithApt() {
  return process.getuid?.() === 0 && spawnSync('apt-get', ['--version'], { stdio: 'ignore' }).status === 0;
}

export function checkSystemPackages({ needChromium = true } = {}) {
  const missing = [];
  // kerberos (a code-server dependency) compiles against gssapi headers from libkrb5-dev.
  if (!dpkgInstalled('libkrb5-dev') && !fs.existsSync('/usr/include/gssapi/gssapi.h')) missing.push('libkrb5-dev');
  if (!fs.existsSync('/usr/bin/rg')) missing.push('ripgrep');
  if (needChromium && !fs.existsSync(CHROMIUM_PATH)) missing.push('chromium');
  if (missing.length > 0 && canInstallWithApt()) {
    // As root on Debian (a fresh machine, CI) the two README commands should just work.
    console.log(`installing Debian package(s) the real VS Code needs: ${missing.join(', ')}`);
    const update = spawnSync('apt-get', ['update', '-q'], { stdio: 'inherit' });
    const install =
      update.status === 0 &&
      spawnSync('apt-get', ['install', '-y', '-q', '--no-install-recommends', ...missing], {
        stdio: ['ignore', 'inherit', 'inherit'],
        env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
      });
    if (install && install.status === 0) return;
  }
  if (missing.length > 0) {
    throw new HarnessError(
      `Missing Debian package(s): ${missing.join(', ')}. Install them (as root) with:\n  ${APT_HINT}`,
    );
  }
}

export function isCodeServerInstalled() {
  if (!fs.existsSync(installedMarker) || !fs.existsSync(codeServerEntry)) return false;
  try {
    const pkg = JSON.parse(fs.readFileSync(path.join(cacheDir, 'node_modules', 'code-server', 'package.json'), 'utf8'));
    return pkg.version === CODE_SERVER_VERSION;
  } catch {
    return false;
  }
}

/**
 * @vscode/ripgrep@1.15.11 (pulled in by code-server) downloads its binary from GitHub unless the
 * archive is already in its cache folder. Debian's /usr/bin/rg packed as `rg` at the archive root
 * satisfies it.
 */
function preseedRipgrep() {
  const cache = path.join(os.tmpdir(), 'vscode-ripgrep-cache-1.15.11');
  const archive = path.join(cache, 'ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz');
  if (fs.existsSync(archive)) return;
  fs.mkdirSync(cache, { recursive: true });
  const staging = fs.mkdtempSync(path.join(os.tmpdir(), 'rg-seed-'));
  try {
    fs.copyFileSync('/usr/bin/rg', path.join(staging, 'rg'));
    fs.chmodSync(path.join(staging, 'rg'), 0o755);
    const r = spawnSync('tar', ['-czf', archive + '.part', '-C', staging, 'rg'], { stdio: 'inherit' });
    if (r.status !== 0) throw new HarnessError('Could not pack /usr/bin/rg into the ripgrep cache archive.');
    fs.renameSync(archive + '.part', archive);
  } finally {
    fs.rmSync(staging, { recursive: true, force: true });
  }
}

/**
 * Installs code-server@4.100.3 into .cache/code-server/ unless it is already there.
 * Returns the path of its entry script (run it with `node`).
 */
export async function ensureCodeServer({ log = console.log } = {}) {
  if (isCodeServerInstalled()) {
    log(`code-server ${CODE_SERVER_VERSION}: already installed in ${path.relative(repoRoot, cacheDir)}/`);
    return codeServerEntry;
  }
  checkSystemPackages({ needChromium: false });
  const started = Date.now();
  log(
    `code-server ${CODE_SERVER_VERSION}: installing from npm into ${path.relative(repoRoot, cacheDir)}/ (about a minute)...`,
  );
  preseedRipgrep();
  fs.mkdirSync(cacheDir, { recursive: true });
  fs.rmSync(installedMarker, { force: true });
  // Its own package.json makes this folder an npm project root of its own, apart from the repo's.
  fs.writeFileSync(
    path.join(cacheDir, 'package.json'),
    JSON.stringify(
      { name: 'code-server-cache', private: true, description: 'test harness cache, not part of the extension' },
      null,
      2,
    ) + '\n',
  );
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const env = {
    ...process.env,
    npm_config_unsafe_perm: 'true', // its postinstall refuses to run as root otherwise
    npm_config_yes: 'true', // node-pty's postinstall runs `npx node-gyp`
    npm_config_audit: 'false',
    npm_config_fund: 'false',
    npm_config_update_notifier: 'false',
  };
  const code = await new Promise((resolve, reject) => {
    const child = spawn(npm, ['install', '--no-save', '--no-package-lock', `code-server@${CODE_SERVER_VERSION}`], {
      cwd: cacheDir,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const logFile = fs.createWriteStream(path.join(cacheDir, 'install.log'));
    child.stdout.pipe(logFile, { end: false });
    child.stderr.pipe(logFile, { end: false });
    child.on('error', reject);
    child.on('close', (c) => {
      logFile.end();
      resolve(c);
    });
  });
  if (code !== 0 || !fs.existsSync(codeServerEntry)) {
    let tail = '';
    try {
      tail = fs.readFileSync(path.join(cacheDir, 'install.log'), 'utf8').split('\n').slice(-40).join('\n');
    } catch {
      /* no log */
    }
    throw new HarnessError(
      `npm install code-server@${CODE_SERVER_VERSION} failed (exit ${code}). Last lines of ${path.join(cacheDir, 'install.log')}:\n${tail}`,
    );
  }
  fs.writeFileSync(installedMarker, new Date().toISOString() + '\n');
  log(`code-server ${CODE_SERVER_VERSION}: installed in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return codeServerEntry;
}

/** A TCP port that was free a moment ago on 127.0.0.1. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

function httpStatus(url) {
  return new Promise((resolve) => {
    const req = http.get(url, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', () => resolve(0));
    req.setTimeout(2000, () => {
      req.destroy();
      resolve(0);
    });
  });
}

/** Writes <userDataDir>/User/settings.json: workspace trust off, merged with userSettings. */
export function writeUserSettings(userDataDir, userSettings = {}) {
  const dir = path.join(userDataDir, 'User');
  fs.mkdirSync(dir, { recursive: true });
  const settings = {
    'security.workspace.trust.enabled': false,
    'workbench.startupEditor': 'none',
    'workbench.tips.enabled': false,
    'update.mode': 'none',
    'extensions.autoCheckUpdates': false,
    'extensions.autoUpdate': false,
    'telemetry.telemetryLevel': 'off',
    'extensions.ignoreRecommendations': true,
    'chat.commandCenter.enabled': false,
    ...userSettings,
  };
  fs.writeFileSync(path.join(dir, 'settings.json'), JSON.stringify(settings, null, 2) + '\n');
}

/**
 * Starts code-server on 127.0.0.1 with a free port (or `port`) and waits until it answers HTTP.
 * `env` is added to code-server's environment, which its extension host inherits.
 * Output goes to `logFile` when given, else is echoed with a prefix when `echo` is true.
 */
export async function startCodeServer(options) {
  const {
    userDataDir,
    extensionsDir,
    folder,
    env = {},
    userSettings = {},
    args: extraArgs = [],
    trust = false,
    port,
    logFile,
    echo = false,
    timeoutMs = 60_000,
    attempt = 1,
  } = options;
  if (!isCodeServerInstalled()) await ensureCodeServer();
  fs.mkdirSync(userDataDir, { recursive: true });
  fs.mkdirSync(extensionsDir, { recursive: true });
  writeUserSettings(userDataDir, userSettings);
  const p = port ?? (await freePort());
  const args = [
    codeServerEntry,
    '--auth',
    'none',
    '--bind-addr',
    `127.0.0.1:${p}`,
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-getting-started-override',
    '--ignore-last-opened',
    // 'info' is needed: the extension host's console.log (mocha's reporter) reaches the page's
    // automation log through the log service, so a higher level would hide the test output.
    '--log',
    process.env.WORKSPACE_JOBS_CODE_SERVER_LOG_LEVEL || 'info',
    '--user-data-dir',
    userDataDir,
    '--extensions-dir',
    extensionsDir,
  ];
  // Trust is off unless a scenario is about it: otherwise every folder would open in restricted mode.
  if (!trust) args.push('--disable-workspace-trust');
  args.push(...extraArgs);
  if (folder) args.push(folder);
  const child = spawn(process.execPath, args, {
    // EXTENSIONS_GALLERY={} turns the (unreachable) Open VSX marketplace off: no failing lookups.
    env: { EXTENSIONS_GALLERY: '{}', ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true, // own process group, so stop() also ends the extension host and friends
  });
  const out = logFile ? fs.createWriteStream(logFile, { flags: 'a' }) : null;
  let recent = '';
  const onData = (chunk) => {
    const s = chunk.toString();
    recent = (recent + s).slice(-4000);
    if (out) out.write(s);
    if (echo) for (const line of s.split('\n')) if (line.trim()) process.stdout.write(`[code-server] ${line}\n`);
  };
  child.stdout.on('data', onData);
  child.stderr.on('data', onData);
  let exited = null;
  child.on('exit', (code, signal) => {
    exited = { code, signal };
  });

  // If this script exits without stop() (an uncaught error, process.exit), end the process group.
  const killOnExit = () => {
    if (exited === null) {
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {
        /* already gone */
      }
    }
  };
  process.on('exit', killOnExit);

  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    process.off('exit', killOnExit);
    if (exited === null) {
      try {
        process.kill(-child.pid, 'SIGTERM');
      } catch {
        /* already gone */
      }
      const deadline = Date.now() + 5000;
      while (exited === null && Date.now() < deadline) await delay(100);
      if (exited === null) {
        try {
          process.kill(-child.pid, 'SIGKILL');
        } catch {
          /* already gone */
        }
      }
    }
    out?.end();
  };

  const url = `http://127.0.0.1:${p}`;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (exited !== null) {
      // The free port found was taken before code-server bound it (set-ups start side by side, each
      // picking ports): seen as "EADDRINUSE" at concurrency 3. Another port, unless one was asked for.
      if (port === undefined && attempt < 3 && recent.includes('EADDRINUSE')) {
        await stop();
        return startCodeServer({ ...options, attempt: attempt + 1 });
      }
      throw new HarnessError(`code-server exited early (${JSON.stringify(exited)}). Output:\n${recent}`);
    }
    if ((await httpStatus(`${url}/healthz`)) === 200) break;
    if (Date.now() > deadline) {
      await stop();
      throw new HarnessError(`code-server did not answer on ${url} within ${timeoutMs / 1000} s. Output:\n${recent}`);
    }
    await delay(200);
  }
  return { url, port: p, pid: child.pid, stop, process: child };
}

/**
 * The extensionDevelopmentPath to give code-server for `extensionDir`. If code-server itself lives
 * inside that folder (the repo's .cache/code-server/), VS Code fails to load its own built-in
 * extensions' contributions properly (seen: the colour theme falls back to Light+, whatever the
 * settings say), so a symlink to the folder under `tmpDir` is used instead.
 */
export function extensionPathForCodeServer(extensionDir, tmpDir) {
  const rel = path.relative(path.resolve(extensionDir), cacheDir);
  const containsCodeServer = rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
  if (!containsCodeServer) return path.resolve(extensionDir);
  const link = path.join(tmpDir, path.basename(path.resolve(extensionDir)) || 'extension');
  fs.rmSync(link, { force: true });
  fs.symlinkSync(path.resolve(extensionDir), link, 'dir');
  return link;
}

/** The workbench URL that opens `folder` with an extension under development (and optionally tests). */
export function workbenchUrl({ port, folder, extensionDevelopmentPath, extensionTestsPath, host = '127.0.0.1' }) {
  const remote = (abs) => `vscode-remote://${host}:${port}${abs}`;
  const payload = [['extensionDevelopmentPath', remote(extensionDevelopmentPath)]];
  if (extensionTestsPath) payload.push(['extensionTestsPath', remote(extensionTestsPath)]);
  payload.push(['skipWelcome', 'true']);
  const q = new URLSearchParams();
  if (folder) q.set('folder', folder);
  q.set('payload', JSON.stringify(payload));
  return `http://${host}:${port}/?${q.toString()}`;
}

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export const VIEWPORT = { width: 1400, height: 900 };

/** Launches Debian's Chromium headless through playwright-core. Returns the playwright Browser. */
export async function launchChromium({ headless = true } = {}) {
  if (!fs.existsSync(CHROMIUM_PATH)) {
    throw new HarnessError(`Chromium not found at ${CHROMIUM_PATH}. Install it with:\n  ${APT_HINT}`);
  }
  const { chromium } = await import('playwright-core');
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless,
    args: headless ? CHROMIUM_ARGS : CHROMIUM_ARGS.filter((a) => a !== '--headless'),
    // The harness scripts handle Ctrl+C themselves (to stop code-server and report); playwright's
    // own handler would exit the process first.
    handleSIGINT: false,
    handleSIGTERM: false,
    handleSIGHUP: false,
  });
}

/**
 * A new page with the harness viewport. `timezoneId`: the zone the browser (the user's machine) is in,
 * to differ from the extension host's; unset, this machine's.
 */
export async function newPage(browser, { timezoneId } = {}) {
  const context = await browser.newContext({ viewport: VIEWPORT, ...(timezoneId && { timezoneId }) });
  return context.newPage();
}
