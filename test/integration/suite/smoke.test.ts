// Placeholder smoke suite proving the harness works; the lead replaces it with the real suites.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { ui } from '../ui';

suite('harness smoke', () => {
  test('runs inside VS Code 1.100', () => {
    assert.ok(vscode.version.startsWith('1.100'), `VS Code ${vscode.version}`);
  });

  test('the UI probe sees the Explorer rows', async function () {
    if (!ui.available) this.skip();
    await vscode.commands.executeCommand('workbench.view.explorer');
    const rows = await ui.waitForRows((r) => r.length > 0, { container: '#workbench\\.view\\.explorer' });
    assert.ok(
      rows.some((r) => r.name === 'README.md'),
      JSON.stringify(rows),
    );
  });

  // Lets the harness's failure path be checked: WORKSPACE_JOBS_SMOKE_FAIL=1 npm run test:integration
  if (process.env.WORKSPACE_JOBS_SMOKE_FAIL === '1') {
    test('deliberate failure', () => {
      assert.equal(1 + 1, 3, 'deliberate failure');
    });
  }
});
