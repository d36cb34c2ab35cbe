import { test } from 'node:test';
import assert from 'node:assert/strict';
import { refocusAfterRedraw, toolbarTarget } from '../../../src/model/toolbarKeys';

// The WAI-ARIA toolbar pattern: arrows move among the enabled buttons (wrapping), Home and End go
// to the first and last; any other key is the page's.
const enabled = [true, false, true, true];

test('arrow keys move to the next and previous enabled button, wrapping, skipping disabled ones', () => {
  assert.equal(toolbarTarget('ArrowRight', 0, enabled), 2);
  assert.equal(toolbarTarget('ArrowRight', 3, enabled), 0);
  assert.equal(toolbarTarget('ArrowLeft', 2, enabled), 0);
  assert.equal(toolbarTarget('ArrowLeft', 0, enabled), 3);
});

test('Home and End go to the first and last enabled button', () => {
  assert.equal(toolbarTarget('Home', 3, [false, true, true, false]), 1);
  assert.equal(toolbarTarget('End', 1, [false, true, true, false]), 2);
});

test('other keys, and a toolbar with nothing enabled, move nothing', () => {
  assert.equal(toolbarTarget('ArrowDown', 0, enabled), undefined);
  assert.equal(toolbarTarget('Tab', 0, enabled), undefined);
  assert.equal(toolbarTarget('ArrowRight', 0, [false, false]), undefined);
});

test('a redraw gives a replaced button its focus back only while the panel has the keyboard', () => {
  const inside = { buttonWasFocused: true, pageHasFocus: true, stillInside: false };
  assert.equal(refocusAfterRedraw(inside), true, 'a keyboard user in the panel keeps their place');
  // The tree (or anything outside the webview) has the keyboard: the page's remembered button stays unfocused.
  assert.equal(refocusAfterRedraw({ ...inside, pageHasFocus: false }), false);
  assert.equal(refocusAfterRedraw({ ...inside, buttonWasFocused: false }), false);
  assert.equal(refocusAfterRedraw({ ...inside, stillInside: true }), false, 'an unchanged button kept its focus');
});
