import { test } from 'node:test';
import assert from 'node:assert/strict';
import { escapeMarkdown, markdownTable } from '../../../src/presentation/markdown';

test('API text cannot inject links, images, HTML, codicons or table cells', () => {
  const hostile = '[click](https://evil.example) ![x](y) <img src=x onerror=alert(1)> $(zap) a|b *bold*';
  const escaped = escapeMarkdown(hostile);
  assert.ok(!/(^|[^\\])[[\]()<>|*$]/.test(escaped), escaped);
  assert.equal(escaped.replace(/\\(.)/g, '$1'), hostile, 'unescaping gives the original text back');
});

test('line breaks cannot start new Markdown blocks', () => {
  assert.equal(escapeMarkdown('a\n# b'), 'a \\# b');
});

test('tables show a dash for empty values', () => {
  const table = markdownTable([
    ['Status', 'FAILED'],
    ['End time', ''],
  ]);
  assert.match(table, /\| Status \| FAILED \|/);
  assert.match(table, /\| End time \| — \|/);
});

test('a name column from the service (resource field keys) cannot inject images, links or table rows', () => {
  const keys = ['![t](https://tracker.example/p.png)', '[Reset password](https://evil.example/x)', 'a|b\n|---|'];
  const table = markdownTable(keys.map((key) => [key, 'v'] as const));
  const body = table.split('\n').slice(2);
  assert.equal(body.length, 3, 'one line per row, no line break from a key');
  for (const line of body) {
    const cells = line.replace(/\\./g, '').split('|');
    assert.equal(cells.length, 4, `two cells only: ${line}`);
    assert.ok(!/[[\]()!]/.test(cells[1]!), `no live link or image: ${line}`);
  }
});
