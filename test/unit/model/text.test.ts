import { test } from 'node:test';
import assert from 'node:assert/strict';
import { capText, describeValue, DETAIL_CHARS, jsonPrefix, SHOWN_CHARS } from '../../../src/model/text';

test('capText keeps short text and cuts long text to the cap, ellipsis included', () => {
  assert.equal(capText('short'), 'short');
  assert.equal(capText('x'.repeat(SHOWN_CHARS)), 'x'.repeat(SHOWN_CHARS));
  const cut = capText('x'.repeat(SHOWN_CHARS + 1));
  assert.equal(cut.length, SHOWN_CHARS);
  assert.ok(cut.endsWith('…'));
  assert.equal(capText('abcdef', 4), 'abc…');
  assert.equal(capText('y'.repeat(DETAIL_CHARS * 2), DETAIL_CHARS).length, DETAIL_CHARS);
});

test('capText never leaves half a surrogate pair', () => {
  const cut = capText(`ab${'😀'.repeat(10)}`, 4);
  assert.equal(cut, 'ab…');
  assert.doesNotMatch(cut, /[\ud800-\udbff](?![\udc00-\udfff])/);
});

test('jsonPrefix is the JSON of a short value, and the start of a long one', () => {
  assert.equal(jsonPrefix({ a: [1, 'x', null, true] }), '{"a":[1,"x",null,true]}');
  assert.equal(jsonPrefix([]), '[]');
  assert.equal(jsonPrefix(undefined), 'undefined');
  assert.equal(jsonPrefix('z'.repeat(1000), 10), '"zzzzzzzzz…');
  assert.equal(
    jsonPrefix(
      Array.from({ length: 100_000 }, (_, i) => i),
      12,
    ),
    '[0,1,2,3,4,5…',
  );
});

test('jsonPrefix walks a value nested far deeper than the stack', () => {
  let deep: unknown = [];
  for (let i = 0; i < 200_000; i++) deep = { k: deep };
  assert.throws(() => JSON.stringify(deep), RangeError);
  assert.equal(jsonPrefix(deep, 12), '{"k":{"k":{"…');
});

test('describeValue names type and size when it has to cut', () => {
  assert.equal(describeValue('3'), '"3"');
  assert.equal(describeValue(null), 'null');
  assert.match(describeValue('9'.repeat(5_000_000)), /^a string of 5,000,000 characters starting "9{39}…$/);
  assert.match(
    describeValue([[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]),
    /^an array of 1 item starting \[{40}…$/,
  );
  assert.match(describeValue({ long: 'l'.repeat(100) }), /^an object starting \{"long":"l+…$/);
  assert.ok(describeValue({ [`k${'k'.repeat(1_000_000)}`]: 1 }).length < 100);
});
