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
