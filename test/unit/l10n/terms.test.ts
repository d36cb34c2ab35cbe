// One Chinese word for one English one: "credential" is 凭证 everywhere, as the Switch Credential and
// found-credential strings say it, so a user never wonders whether 凭据 is something else.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const root = join(__dirname, '../../../..');

test('zh-cn calls a credential 凭证, never 凭据', () => {
  for (const file of ['package.nls.zh-cn.json', 'l10n/bundle.l10n.zh-cn.json']) {
    const lines = readFileSync(join(root, file), 'utf8')
      .split('\n')
      .filter((line) => line.includes('凭据'));
    assert.deepEqual(lines, [], `${file} says 凭据`);
  }
});
