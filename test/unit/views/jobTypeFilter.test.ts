import './installFakeVscode';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { jobTypeFilter } from '../../../src/commands/jobTypeFilter';

const IMAGE = ['CREATE_SERVER', 'CREATE_SERVER_IMAGE', 'DELETE_SERVER'];
const CLEARED = { jobTypes: undefined, appServerJobTypes: undefined };

test('every type of every shown family ticked is no filter, whatever family is hidden', () => {
  assert.deepEqual(jobTypeFilter(IMAGE, ['image'], {}), CLEARED);
  assert.deepEqual(jobTypeFilter([], ['image'], {}), CLEARED, 'nothing ticked shows all');
});

test("a hidden family's part of the filter is kept, and the shown family's 'all' is said explicitly then", () => {
  const current = { appServerJobTypes: ['REINSTALL_OS' as const] };
  assert.deepEqual(jobTypeFilter(['DELETE_SERVER', 'CREATE_SERVER'], ['image'], current), {
    jobTypes: ['CREATE_SERVER', 'DELETE_SERVER'],
    appServerJobTypes: ['REINSTALL_OS'],
  });
  assert.deepEqual(jobTypeFilter([], ['image'], current), { jobTypes: IMAGE, appServerJobTypes: ['REINSTALL_OS'] });
});

test('with both families shown, a family left unticked is hidden, as the user chose', () => {
  assert.deepEqual(jobTypeFilter(IMAGE, ['image', 'appServer'], {}), { jobTypes: IMAGE, appServerJobTypes: undefined });
});
