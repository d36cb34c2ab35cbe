import { test } from 'node:test';
import assert from 'node:assert/strict';
import { jsonErrorOffset, lineAndColumn } from '../../../src/core/jsonSyntax';

test('the JSON syntax check agrees with JSON.parse on what is JSON, and says where it stops', () => {
  const texts = [
    '{}',
    ' [ ] ',
    '{"a": [1, -2.5e+3, true, false, null, "x\\u00e9\\n"], "b": {}}',
    '"s"',
    '0',
    '',
    '{',
    '{"a":1,}',
    '[1,]',
    '{"a" 1}',
    '{"a":01}',
    '"tab\there"',
    '{"a":1} x',
    '[1 2]',
    '{"a":tru}',
    '\uFEFF{}',
    '{"a":"b"]',
    '['.repeat(200000) + ']'.repeat(200000),
  ];
  for (const text of texts) {
    let parses = true;
    try {
      JSON.parse(text);
    } catch {
      parses = false;
    }
    assert.equal(jsonErrorOffset(text) === undefined, parses, text.slice(0, 40));
  }
  assert.equal(jsonErrorOffset('{"a":1,}'), 7);
  assert.equal(jsonErrorOffset('[1 2]'), 3);
  assert.deepEqual(lineAndColumn('{\n  "a": x\n}', jsonErrorOffset('{\n  "a": x\n}')!), { line: 2, column: 8 });
});
