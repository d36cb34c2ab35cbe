// The view shows both families: its name, and every string that names it, say so in both languages.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const root = join(__dirname, '../../../..');
const text = (file: string) => readFileSync(join(root, file), 'utf8');

test('the view is "WorkspaceApp Jobs" and nothing calls it "Image Sub-Jobs" any more', () => {
  assert.equal((JSON.parse(text('package.nls.json')) as Record<string, string>)['views.subJobs.name'], 'WorkspaceApp Jobs');
  const zh = JSON.parse(text('package.nls.zh-cn.json')) as Record<string, string>;
  assert.equal(zh['views.subJobs.name'], 'WorkspaceApp 任务');
  for (const file of ['package.nls.json', 'package.nls.zh-cn.json', 'l10n/bundle.l10n.json', 'l10n/bundle.l10n.zh-cn.json'])
    assert.ok(!/Image Sub-Jobs|镜像子任务”视图/.test(text(file)), `${file} still names the old view`);
});
