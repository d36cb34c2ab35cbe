// `npm run demo`: builds the extension and opens a VS Code with it running on sample data (the
// extension starts its built-in simulator when WORKSPACE_JOBS_SAMPLE_DATA=1).
//
//   npm run demo                                  desktop `code` if on PATH, else code-server (prints the URL)
//   npm run demo -- --code-server [--port N]      always code-server, on 127.0.0.1:N
//   npm run demo -- --screenshot media/shot.png   headless: open the Workspace Jobs view, save a PNG, exit
//        [--theme "Default Dark Modern"] [--wait MS] [--port N]
//   --expand LABEL (repeatable) clicks the tree row whose label starts with LABEL before the shot;
//   --sidebar-width PX drags the sidebar to that width.
//   --no-build skips `node esbuild.mjs`; --extension-dir DIR runs another extension folder.
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import {
  HarnessError,
  checkSystemPackages,
  ensureCodeServer,
  extensionPathForCodeServer,
  launchChromium,
  newPage,
  repoRoot,
  startCodeServer,
  workbenchUrl,
} from './codeServer.mjs';

const CONTAINER_TITLE = 'Workspace Jobs';

function parseArgs(argv) {
  const o = {
    port: undefined,
    screenshot: '',
    codeServer: false,
    theme: '',
    waitMs: 5000,
    build: true,
    extensionDir: repoRoot,
    expand: [],
    sidebarWidth: 0,
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const next = () => {
      if (i + 1 >= argv.length) throw new HarnessError(`${a} needs a value`);
      return argv[++i];
    };
    if (a === '--port') o.port = Number(next());
    else if (a === '--screenshot') o.screenshot = path.resolve(next());
    else if (a === '--code-server') o.codeServer = true;
    else if (a === '--theme') o.theme = next();
    else if (a === '--wait') o.waitMs = Number(next());
    else if (a === '--no-build') o.build = false;
    else if (a === '--expand') o.expand.push(next());
    else if (a === '--sidebar-width') o.sidebarWidth = Number(next());
    else if (a === '--extension-dir') o.extensionDir = path.resolve(next());
    else if (a === '--help' || a === '-h') {
      console.log(
        'usage: npm run demo -- [--code-server] [--port N] [--screenshot FILE.png] [--theme NAME] [--wait MS] [--expand LABEL]... [--sidebar-width PX] [--no-build] [--extension-dir DIR]',
      );
      process.exit(0);
    } else throw new HarnessError(`unknown argument ${a} (try --help)`);
  }
  if (o.port !== undefined && !(Number.isInteger(o.port) && o.port > 0 && o.port < 65536))
    throw new HarnessError('--port needs a port number');
  return o;
}

function onPath(cmd) {
  const r = spawnSync('sh', ['-c', `command -v ${cmd}`], { encoding: 'utf8' });
  return r.status === 0 ? r.stdout.trim() : '';
}

function build() {
  console.log('building the extension (node esbuild.mjs)...');
  const r = spawnSync(process.execPath, ['esbuild.mjs'], { cwd: repoRoot, stdio: 'inherit' });
  if (r.status !== 0) throw new HarnessError('the build failed, see above');
}

function demoFolder(tmp) {
  const folder = path.join(tmp, 'workspace-jobs-demo');
  fs.mkdirSync(folder, { recursive: true });
  fs.writeFileSync(
    path.join(folder, 'README.md'),
    '# Workspace Jobs demo\n\nThe extension runs on sample data from its built-in simulator: open the Workspace Jobs view in the activity bar.\n',
  );
  return folder;
}

function waitForSignal() {
  return new Promise((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
}

async function main() {
  const o = parseArgs(process.argv.slice(2));
  if (o.build) build();
  const sampleEnv = { WORKSPACE_JOBS_SAMPLE_DATA: '1' };
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'wj-demo-'));
  const folder = demoFolder(tmp);
  try {
    const code = onPath('code');
    if (code && !o.screenshot && !o.codeServer) {
      // Desktop VS Code. --wait keeps the CLI (and so this script) running until the window closes.
      console.log(
        `opening desktop VS Code (${code}) with the extension on sample data; close the window or press Ctrl+C to end`,
      );
      const child = spawn(code, [`--extensionDevelopmentPath=${o.extensionDir}`, '--new-window', '--wait', folder], {
        stdio: 'inherit',
        env: { ...process.env, ...sampleEnv },
      });
      await Promise.race([new Promise((resolve) => child.on('close', resolve)), waitForSignal()]);
      return 0;
    }

    checkSystemPackages({ needChromium: !!o.screenshot });
    await ensureCodeServer();
    const userSettings = o.theme ? { 'workbench.colorTheme': o.theme } : {};
    const server = await startCodeServer({
      userDataDir: path.join(tmp, 'user-data'),
      extensionsDir: path.join(tmp, 'extensions'),
      folder,
      env: sampleEnv,
      userSettings,
      port: o.port,
      logFile: path.join(tmp, 'code-server.log'),
    });
    const url = workbenchUrl({
      port: server.port,
      folder,
      extensionDevelopmentPath: extensionPathForCodeServer(o.extensionDir, tmp),
    });
    try {
      if (o.screenshot) {
        await screenshot(url, o);
        return 0;
      }
      console.log(
        `\nVS Code (code-server) with the extension on sample data. Open this URL in a browser:\n\n  ${url}\n`,
      );
      console.log('(then click "Workspace Jobs" in the activity bar). Press Ctrl+C to stop.');
      await waitForSignal();
      console.log('\nstopping code-server...');
      return 0;
    } finally {
      await server.stop();
    }
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

async function screenshot(url, o) {
  const browser = await launchChromium();
  try {
    const page = await newPage(browser);
    await page.goto(url, { waitUntil: 'domcontentloaded' });
    await page.waitForSelector('.monaco-workbench .activitybar', { timeout: 60_000 });
    const item = page.locator(`.activitybar .action-item a[aria-label^="${CONTAINER_TITLE}"]`).first();
    await item.waitFor({ state: 'visible', timeout: 30_000 });
    await item.click();
    // Move the mouse away so no hover tooltip is in the picture.
    await page.mouse.move(900, 600);
    const container = page.locator('#workbench\\.view\\.extension\\.workspaceJobs');
    try {
      await container.locator('.monaco-list-row').first().waitFor({ state: 'visible', timeout: 30_000 });
    } catch {
      console.warn('no tree rows appeared within 30 s; taking the screenshot anyway');
    }
    if (o.sidebarWidth > 0) {
      const box = await page.locator('#workbench\\.parts\\.sidebar').boundingBox();
      if (box) {
        const y = box.y + box.height / 2;
        await page.mouse.move(box.x + box.width - 1, y);
        await page.mouse.down();
        await page.mouse.move(box.x + o.sidebarWidth, y, { steps: 10 });
        await page.mouse.up();
      }
    }
    for (const label of o.expand) {
      await delay(500);
      const row = container
        .locator('.monaco-list-row')
        .filter({
          has: page.locator('.label-name', {
            hasText: new RegExp(`^\\s*${label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`),
          }),
        })
        .first();
      try {
        await row.click({ timeout: 10_000 });
      } catch {
        console.warn(`no row labelled "${label}…" to expand`);
      }
    }
    // Focus leaves the tree (its selection turns from the active to the quieter inactive colour) and
    // no hover tooltip stays in the picture.
    if (o.expand.length > 0)
      await page
        .locator('#workbench\\.parts\\.editor')
        .click({ position: { x: 50, y: 50 } })
        .catch(() => {});
    await page.mouse.move(900, 600);
    await delay(o.waitMs);
    fs.mkdirSync(path.dirname(o.screenshot), { recursive: true });
    await page.screenshot({ path: o.screenshot });
    console.log(`screenshot saved: ${path.relative(process.cwd(), o.screenshot) || o.screenshot}`);
  } finally {
    await browser.close();
  }
}

main().then(
  (code) => process.exit(code),
  (e) => {
    console.error(e instanceof HarnessError ? e.message : e);
    process.exit(1);
  },
);
