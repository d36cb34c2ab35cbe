// Runs in the "zh-cn" scenario (test/harness/scenarios.mjs): VS Code's display language is zh-cn.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { ui } from '../../ui';
import { EXTENSION_ID } from '../../workbench';

suite('In Chinese', function () {
  suiteSetup(async function () {
    if (!ui.available) this.skip();
    await vscode.extensions.getExtension(EXTENSION_ID)?.activate();
  });

  test('the extension host runs in zh-cn', () => {
    assert.equal(vscode.env.language, 'zh-cn');
  });
});
