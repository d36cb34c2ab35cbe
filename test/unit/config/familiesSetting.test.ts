// workspaceJobs.families written by hand in settings.json: read the way it was meant, and nothing
// dropped without a word.
import '../views/installFakePrompts';
import { beforeEach, test } from 'node:test';
import assert from 'node:assert/strict';
import { settings } from '../views/fakePrompts';
import { readSettings } from '../../../src/config/settings';

beforeEach(() => settings.clear());

const familiesOf = (value: unknown) => {
  settings.set('workspaceJobs.families', value);
  return readSettings();
};

test('a single string is one family', () => {
  assert.deepEqual(familiesOf('appServer').families, ['appServer']);
  assert.deepEqual(familiesOf('image').families, ['image']);
});

test('any case is accepted, and the tree order is kept', () => {
  assert.deepEqual(familiesOf(['appserver']).families, ['appServer']);
  assert.deepEqual(familiesOf(['APPSERVER', ' Image ']).families, ['image', 'appServer']);
  assert.equal(familiesOf(['appserver']).familiesIgnored, undefined);
});

test('[] or no known value shows both, and says what was not understood', () => {
  for (const junk of [[], ['bogus'], 'bogus', 42, {}]) {
    const read = familiesOf(junk);
    assert.deepEqual(read.families, ['image', 'appServer'], JSON.stringify(junk));
    assert.equal(read.familiesIgnored?.noneKnown, true, JSON.stringify(junk));
    assert.equal(read.familiesIgnored?.written, JSON.stringify(junk));
  }
});

test('an unknown value beside a known one is named as ignored', () => {
  const read = familiesOf(['appServer', 'bogus']);
  assert.deepEqual(read.families, ['appServer']);
  assert.deepEqual(read.familiesIgnored, { written: '["appServer","bogus"]', values: ['"bogus"'], noneKnown: false });
});

test('the default (not set) is both, with nothing to say', () => {
  const read = readSettings();
  assert.deepEqual(read.families, ['image', 'appServer']);
  assert.equal(read.familiesIgnored, undefined);
});
