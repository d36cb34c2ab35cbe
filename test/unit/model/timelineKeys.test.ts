import { test } from 'node:test';
import assert from 'node:assert/strict';
import { barTarget, visibleWindow } from '../../../src/model/timelineKeys';

test('↑/↓ move one bar and stop at the ends; Home/End jump; Page Up/Down move a page; other keys are not the list’s', () => {
  assert.equal(barTarget('ArrowDown', 0, 3), 1);
  assert.equal(barTarget('ArrowDown', 2, 3), 2);
  assert.equal(barTarget('ArrowUp', 0, 3), 0);
  assert.equal(barTarget('Home', 2, 3), 0);
  assert.equal(barTarget('End', 0, 2000), 1999);
  assert.equal(barTarget('PageDown', 5, 2000, 15), 20);
  assert.equal(barTarget('PageUp', 5, 2000, 15), 0);
  assert.equal(barTarget('ArrowRight', 0, 3), undefined);
  assert.equal(barTarget('ArrowDown', 0, 0), undefined);
});

test('a list of 2,000 bars draws only the rows in view and a margin', () => {
  const window = visibleWindow(26 * 1000, 480, 26, 2000);
  assert.deepEqual(window, { first: 990, last: 1029 });
  assert.ok(window.last - window.first + 1 <= 40);
  assert.deepEqual(visibleWindow(0, 480, 26, 5), { first: 0, last: 4 });
});
