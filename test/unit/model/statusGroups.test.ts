import { test } from 'node:test';
import assert from 'node:assert/strict';
import { groupByStatus } from '../../../src/model/statusGroups';
import { formatDuration, formatRelativeTime } from '../../../src/model/time';
import { displayLocale, setDisplayLocale } from '../../../src/model/locale';
import { aSubJob } from '../builders';

test('groups come in attention order and empty statuses are left out', () => {
  const groups = groupByStatus([
    aSubJob({ status: 'SUCCESS' }),
    aSubJob({ status: 'FAILED' }),
    aSubJob({ status: 'RUNNING' }),
    aSubJob({ status: 'FAILED' }),
    aSubJob({ status: 'ABORTING' }),
  ]);
  assert.deepEqual(
    groups.map((g) => [g.status, g.subJobs.length]),
    [
      ['RUNNING', 1],
      ['ABORTING', 1],
      ['FAILED', 2],
      ['SUCCESS', 1],
    ],
  );
});

test('statuses this version does not know follow the known ones, each in a group of its own', () => {
  const groups = groupByStatus([
    aSubJob({ status: 'SUCCESS' }),
    aSubJob({ status: 'QUEUED' }),
    aSubJob({ status: 'PAUSED' }),
    aSubJob({ status: 'RUNNING' }),
    aSubJob({ status: 'PAUSED' }),
  ]);
  assert.deepEqual(
    groups.map((g) => [g.status, g.subJobs.length]),
    [
      ['RUNNING', 1],
      ['SUCCESS', 1],
      ['PAUSED', 2],
      ['QUEUED', 1],
    ],
  );
});

test('within a group the newest sub-job comes first; unparsable times go last', () => {
  const [group] = groupByStatus([
    aSubJob({ id: 'old', beginTime: '2026-01-01T00:00:00.1Z' }),
    aSubJob({ id: 'none', beginTime: '' }),
    aSubJob({ id: 'new', beginTime: '2026-06-01T00:00:00.858Z' }),
  ]);
  assert.deepEqual(
    group.subJobs.map((s) => s.id),
    ['new', 'old', 'none'],
  );
});

test('relative times read naturally', () => {
  const now = Date.parse('2026-11-27T12:00:00Z');
  assert.equal(formatRelativeTime('2026-11-27T11:59:58Z', now), 'now');
  assert.equal(formatRelativeTime('2026-11-27T11:55:00Z', now), '5 min. ago');
  assert.equal(formatRelativeTime('2026-11-27T09:00:00Z', now), '3 hr. ago');
  assert.equal(formatRelativeTime('2026-11-26T12:00:00Z', now), 'yesterday');
  assert.equal(formatRelativeTime('garbage', now), '');
  assert.equal(formatRelativeTime('', now), '');
});

test('durations', () => {
  assert.equal(formatDuration('2026-11-27T10:00:00.5Z', '2026-11-27T10:00:12.61Z'), '12 sec');
  assert.equal(formatDuration('2026-11-27T10:00:00Z', '2026-11-27T10:04:05Z'), '4 min 5 sec');
  assert.equal(formatDuration('2026-11-27T10:00:00Z', '2026-11-27T11:04:05Z'), '1 hr 4 min');
  assert.equal(formatDuration('2026-11-27T10:00:00Z', ''), '');
  assert.equal(formatDuration('2026-11-27T10:00:00Z', '2026-11-27T09:00:00Z'), '');
});

test('times follow the display language through Intl', () => {
  const now = Date.parse('2026-11-27T12:00:00Z');
  assert.equal(formatRelativeTime('2026-11-27T11:55:00Z', now, 'zh-CN'), '5分钟前');
  assert.equal(formatRelativeTime('2026-11-27T11:59:58Z', now, 'zh-CN'), '现在');
  assert.equal(formatDuration('2026-11-27T10:00:00Z', '2026-11-27T11:04:05Z', 'zh-CN'), '1小时 4分钟');
  setDisplayLocale('zh-cn');
  try {
    assert.equal(displayLocale(), 'zh-CN');
    assert.equal(formatRelativeTime('2026-11-26T12:00:00Z', now), '昨天');
  } finally {
    setDisplayLocale('en');
  }
  setDisplayLocale('not a locale!');
  assert.equal(displayLocale(), 'en', 'an unknown language falls back to English');
  setDisplayLocale('en');
});
