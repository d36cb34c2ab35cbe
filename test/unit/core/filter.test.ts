import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  describeFilter,
  effectiveJobTypes,
  isFiltered,
  isJobType,
  isSubJobStatus,
  parseList,
  sanitizeFilter,
  validateJobId,
} from '../../../src/core/filter';
import { FilterStore, KeyValueStore } from '../../../src/core/filterStore';

class MemoryState implements KeyValueStore {
  values = new Map<string, unknown>();
  get<T>(key: string, defaultValue: T): T {
    return this.values.has(key) ? (this.values.get(key) as T) : defaultValue;
  }
  async update(key: string, value: unknown): Promise<void> {
    if (value === undefined) this.values.delete(key);
    else this.values.set(key, JSON.parse(JSON.stringify(value)));
  }
}

test('job ids: trimmed, 1–128 characters, each refusal says why', () => {
  assert.equal(validateJobId('  702364884037271552 '), undefined);
  assert.match(validateJobId('   ') ?? '', /Enter a job id/);
  assert.match(validateJobId('x'.repeat(129)) ?? '', /at most 128 characters; this one has 129/);
  assert.match(validateJobId('a b') ?? '', /no spaces/);
  assert.equal(validateJobId('x'.repeat(128)), undefined);
});

test('the indicator text is short and complete', () => {
  assert.equal(describeFilter({ jobId: '702364884037271552', statuses: ['FAILED'] }), 'job_id=7023…1552, FAILED');
  assert.equal(
    describeFilter({ jobTypes: ['CREATE_SERVER', 'DELETE_SERVER'], statuses: ['RUNNING', 'FAILED'] }),
    'CREATE_SERVER | DELETE_SERVER, RUNNING | FAILED',
  );
  assert.equal(describeFilter({ jobId: 'short' }), 'job_id=short');
  assert.equal(isFiltered({}), false);
  assert.equal(isFiltered({ statuses: [] }), false);
});

test('a job type filter narrows the configured types, never widens them', () => {
  assert.deepEqual(effectiveJobTypes(['CREATE_SERVER', 'DELETE_SERVER'], {}), ['CREATE_SERVER', 'DELETE_SERVER']);
  assert.deepEqual(
    effectiveJobTypes(['CREATE_SERVER', 'DELETE_SERVER'], { jobTypes: ['DELETE_SERVER', 'CREATE_SERVER_IMAGE'] }),
    ['DELETE_SERVER'],
  );
  assert.deepEqual(effectiveJobTypes(['CREATE_SERVER'], { jobTypes: ['DELETE_SERVER'] }), []);
});

test('command arguments: one value, a list or a comma list; case-insensitive; junk reported', () => {
  assert.deepEqual(parseList('failed', isSubJobStatus), { values: ['FAILED'], invalid: [] });
  assert.deepEqual(parseList('FAILED,RUNNING', isSubJobStatus), { values: ['FAILED', 'RUNNING'], invalid: [] });
  assert.deepEqual(parseList(['CREATE_SERVER', 'NOPE', 7], isJobType), {
    values: ['CREATE_SERVER'],
    invalid: ['NOPE', '7'],
  });
});

test('stored filters are re-validated', () => {
  assert.deepEqual(sanitizeFilter({ jobTypes: ['CREATE_SERVER', 'X'], statuses: ['FAILED', 'DONE'], jobId: ' 12 ' }), {
    jobTypes: ['CREATE_SERVER'],
    statuses: ['FAILED'],
    jobId: '12',
  });
  assert.deepEqual(sanitizeFilter('garbage'), {});
  assert.deepEqual(sanitizeFilter({ jobId: 'x'.repeat(200) }), {});
});

test('the filter survives a reload: a new store reads what the old one wrote', async () => {
  const state = new MemoryState();
  const first = new FilterStore(state);
  const seen: unknown[] = [];
  first.onDidChange((f) => seen.push(f));
  await first.update({ statuses: ['FAILED'] });
  await first.update({ jobId: '7023' });
  assert.deepEqual(new FilterStore(state).current, { jobId: '7023', statuses: ['FAILED'] });
  assert.equal(seen.length, 2);
  await first.clear();
  assert.deepEqual(new FilterStore(state).current, {});
  assert.equal(state.values.size, 0);
});

test('families in the filter: app-server types kept apart, described qualified, dropped when unknown', () => {
  const filter = sanitizeFilter({
    jobTypes: ['CREATE_SERVER'],
    appServerJobTypes: ['REINSTALL_OS', 'BOGUS', 'CREATE_SERVER_IMAGE'],
  });
  assert.deepEqual(filter, { jobTypes: ['CREATE_SERVER'], appServerJobTypes: ['REINSTALL_OS'] });
  assert.equal(describeFilter(filter), 'CREATE_SERVER | appServer:REINSTALL_OS');
  assert.ok(isFiltered({ appServerJobTypes: ['SCHEDULED_TASK'] }));
});
