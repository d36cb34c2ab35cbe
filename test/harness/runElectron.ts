// Runs the integration suite in desktop VS Code through @vscode/test-electron. It DOWNLOADS VS Code
// (into .vscode-test/), so it is for desktop machines with internet access; offline machines and
// CI use test/harness/runIntegration.mjs (code-server) instead. UI-probe tests skip themselves here.
//
//   npm run test:integration:electron            # VS Code 1.100.3
//   VSCODE_TEST_VERSION=stable npm run test:integration:electron
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runTests } from '@vscode/test-electron';

async function main(): Promise<number> {
  // Compiled to out/test/harness/runElectron.js: the repository root is three levels up.
  const repoRoot = path.resolve(__dirname, '..', '..', '..');
  const extensionTestsPath = path.join(repoRoot, 'out', 'test', 'integration', 'index.js');
  if (!fs.existsSync(extensionTestsPath)) {
    console.error(`${extensionTestsPath} does not exist: run \`npm run compile-tests\` first.`);
    return 1;
  }
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'wj-electron-'));
  const workspace = path.join(tmp, 'workspace');
  fs.mkdirSync(workspace, { recursive: true });
  fs.writeFileSync(path.join(workspace, 'README.md'), '# Integration test workspace\n');
  const resultsFile = process.env.WORKSPACE_JOBS_TEST_RESULTS || path.join(tmp, 'results.json');
  try {
    const code = await runTests({
      version: process.env.VSCODE_TEST_VERSION || '1.100.3',
      extensionDevelopmentPath: repoRoot,
      extensionTestsPath,
      launchArgs: [
        workspace,
        '--disable-extensions',
        '--disable-workspace-trust',
        '--skip-welcome',
        '--skip-release-notes',
        '--user-data-dir',
        path.join(tmp, 'user-data'),
      ],
      extensionTestsEnv: {
        WORKSPACE_JOBS_TEST_RESULTS: resultsFile,
        WORKSPACE_JOBS_TEST_WORKSPACE: workspace,
        ...(process.env.WORKSPACE_JOBS_TEST_GREP
          ? { WORKSPACE_JOBS_TEST_GREP: process.env.WORKSPACE_JOBS_TEST_GREP }
          : {}),
        // No UI probe here: ui.available is false and UI tests skip.
        WORKSPACE_JOBS_UI_PROBE: undefined,
      },
    });
    try {
      const s = JSON.parse(fs.readFileSync(resultsFile, 'utf8')) as { passed: number; failed: number; pending: number };
      console.log(`integration (electron): ${s.passed} passed, ${s.failed} failed, ${s.pending} pending`);
    } catch {
      /* the suite did not write a summary */
    }
    return code;
  } catch (err) {
    console.error(
      'Failed to run the integration tests in VS Code (electron):',
      err instanceof Error ? err.message : err,
    );
    return 1;
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

void main().then((code) => process.exit(code));
