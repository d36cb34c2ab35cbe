import { test } from 'node:test';
import assert from 'node:assert/strict';
import { UnseenFailures } from '../../../src/core/unseenFailures';

test('failures told while nobody looks at the view add up; showing the view clears them', () => {
  const unseen = new UnseenFailures();
  const heard: number[] = [];
  unseen.onDidChange((n) => heard.push(n));
  unseen.told(2, false);
  unseen.told(1, false);
  assert.equal(unseen.count, 3);
  unseen.seen();
  assert.equal(unseen.count, 0);
  assert.deepEqual(heard, [2, 3, 0]);
});

test('a failure told while the view is visible is seen there, and nothing fires', () => {
  const unseen = new UnseenFailures();
  const heard: number[] = [];
  unseen.onDidChange((n) => heard.push(n));
  unseen.told(4, true);
  unseen.told(0, false);
  unseen.seen();
  assert.equal(unseen.count, 0);
  assert.deepEqual(heard, []);
});
