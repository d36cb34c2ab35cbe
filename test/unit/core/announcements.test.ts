import { test } from 'node:test';
import assert from 'node:assert/strict';
import { announce, AnnouncementInput, firstLine } from '../../../src/core/announcements';
import { Transition } from '../../../src/core/transitions';
import { aSubJob } from '../builders';

const ended = (status: string, overrides = {}): Transition => ({
  subJob: aSubJob({ status, ...overrides }),
  from: 'RUNNING',
});
const input = (transitions: Transition[], overrides: Partial<AnnouncementInput> = {}): AnnouncementInput => ({
  transitions,
  unresolved: 0,
  sinceLastMs: 30_000,
  setting: 'failures',
  watched: new Set(),
  intervalMs: 30_000,
  ...overrides,
});

test('one failure is one announcement naming it; a success is not told by default', () => {
  const failed = ended('FAILED');
  assert.deepEqual(announce(input([failed, ended('SUCCESS')])), {
    kind: 'one',
    failed: [failed.subJob],
    succeeded: [],
    more: 0,
  });
  assert.equal(announce(input([ended('SUCCESS')])), undefined);
});

test('several in one refresh make one announcement; ABNORMAL counts as a failure', () => {
  const a = announce(input([ended('FAILED'), ended('ABNORMAL'), ended('FAILED')], { unresolved: 2 }));
  assert.equal(a?.kind, 'many');
  assert.equal(a?.failed.length, 3);
  assert.equal(a?.more, 2);
});

test('"all" tells successes too; "off" tells nothing', () => {
  assert.equal(announce(input([ended('SUCCESS')], { setting: 'all' }))?.succeeded.length, 1);
  assert.equal(announce(input([ended('FAILED')], { setting: 'off' })), undefined);
});

test('after hours away, one summary instead of a burst', () => {
  const a = announce(input([ended('FAILED'), ended('FAILED')], { sinceLastMs: 3 * 60 * 60_000 }));
  assert.equal(a?.kind, 'away');
  assert.equal(
    announce(input([ended('FAILED')], { sinceLastMs: 4 * 60_000 }))?.kind,
    'one',
    'a few minutes is not away',
  );
});

test('a watched sub-job or job is told by its watch, not twice', () => {
  const t = ended('FAILED', { jobId: 'job-1' });
  assert.equal(announce(input([t], { watched: new Set([t.subJob.id]) })), undefined);
  assert.equal(announce(input([t], { watched: new Set(['job-1']) })), undefined);
});

test('the first line of an error message, shortened', () => {
  assert.equal(firstLine('The image could not be built.\nStack: …'), 'The image could not be built.');
  assert.equal(firstLine('x'.repeat(300), 10), `${'x'.repeat(9)}…`);
});

test('under "failures", endings not looked up are not announced on their own', () => {
  assert.equal(announce(input([ended('SUCCESS')], { unresolved: 5 })), undefined);
  assert.equal(announce(input([ended('FAILED')], { unresolved: 5 }))?.more, 5);
  assert.equal(announce(input([], { unresolved: 5, setting: 'all' }))?.more, 5);
});
