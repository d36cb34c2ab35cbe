// The warning about a workspaceJobs.families value that was not understood: once per change, with
// Open Settings, naming the values accepted.
import './installFakePrompts';
import { beforeEach, test } from 'node:test';
import assert from 'node:assert/strict';
import { prompts, registered, settings } from './fakePrompts';
import { readSettings } from '../../../src/config/settings';
import { tellAboutFamilies } from '../../../src/views/familiesNotice';

beforeEach(() => {
  prompts.reset();
  settings.clear();
});

const reload = (value: unknown) => {
  settings.set('workspaceJobs.families', value);
  tellAboutFamilies(readSettings().familiesIgnored);
};

test('[] is told once per change, naming the accepted values, with Open Settings', async () => {
  const opened: unknown[] = [];
  registered.set('workbench.action.openSettings', (...args: unknown[]) => opened.push(args));
  prompts.clicks.push('Open Settings');
  reload([]);
  assert.equal(prompts.messages.length, 1);
  assert.match(prompts.messages[0], /workspaceJobs\.families/);
  assert.match(prompts.messages[0], /"image"/);
  assert.match(prompts.messages[0], /"appServer"/);
  assert.match(prompts.messages[0], /both/);
  assert.deepEqual(prompts.buttons[0], ['Open Settings']);
  await new Promise((resolve) => setTimeout(resolve, 0));
  assert.deepEqual(opened, [['workspaceJobs.families']]);
  // Every reload reads it again (a credential saved, a filter changed): not told again.
  reload([]);
  reload([]);
  assert.equal(prompts.messages.length, 1);
  // Another junk value is a change: told again.
  reload(['bogus']);
  assert.equal(prompts.messages.length, 2);
  assert.match(prompts.messages[1], /"bogus"/);
  // Fixed, then broken the same way again: told again.
  reload(['image']);
  reload(['bogus']);
  assert.equal(prompts.messages.length, 3);
  registered.delete('workbench.action.openSettings');
});

test('a value ignored beside a known one is named', () => {
  reload(['appServer', 'imagee']);
  assert.equal(prompts.messages.length, 1);
  assert.match(prompts.messages[0], /"imagee"/);
});

test('a value understood (a single string, another case) says nothing', () => {
  reload('appServer');
  reload(['APPSERVER']);
  assert.equal(prompts.messages.length, 0);
});
