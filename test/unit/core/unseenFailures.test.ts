import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Emitter } from '../../../src/core/events';
import { FailureSource, UnseenFailures } from '../../../src/core/unseenFailures';

type Session = FailureSource['all'][number];

/** Sessions as the count reads them: a key, a query, status counts, and their refresh and set events. */
class FakeSessions implements FailureSource {
  all: Session[] = [];
  private readonly refreshes = new Emitter<{ session: Session; report: { ok: boolean } }>();
  private readonly sets = new Emitter<readonly Session[]>();
  readonly onDidRefresh = this.refreshes.event;
  readonly onDidChangeSessions = this.sets.event;

  session(key: string, query: unknown = { jobTypes: ['CREATE_SERVER'] }): Session {
    return { spec: { key, query }, state: {} } as unknown as Session;
  }

  /** Sets the sessions, as configure does. */
  set(...sessions: Session[]): void {
    this.all = sessions;
    this.sets.fire(sessions);
  }

  /** One refresh of `session` that counted these. */
  refreshed(session: Session, counts: Record<string, number>, ok = true): void {
    (session as { state: unknown }).state = { counts: new Map(Object.entries(counts)) };
    this.refreshes.fire({ session, report: { ok } });
  }
}

function setUp(looking = () => false) {
  const sessions = new FakeSessions();
  const unseen = new UnseenFailures(sessions, looking);
  const heard: number[] = [];
  unseen.onDidChange((n) => heard.push(n));
  return { sessions, unseen, heard };
}

test('the count is the rise of FAILED and ABNORMAL since the first counts, whatever was notified (25 at once count 25)', () => {
  const { sessions, unseen, heard } = setUp();
  const a = sessions.session('a');
  sessions.set(a);
  sessions.refreshed(a, { FAILED: 671, ABNORMAL: 3, RUNNING: 30 });
  assert.equal(unseen.count, 0, 'records kept before are not news');
  sessions.refreshed(a, { FAILED: 696, ABNORMAL: 3, RUNNING: 5 });
  assert.equal(unseen.count, 25);
  sessions.refreshed(a, { FAILED: 696, ABNORMAL: 5, RUNNING: 3 });
  assert.equal(unseen.count, 27);
  // A refresh that failed says nothing about counts.
  sessions.refreshed(a, { FAILED: 900 }, false);
  assert.equal(unseen.count, 27);
  unseen.seen();
  assert.equal(unseen.count, 0);
  assert.deepEqual(heard, [25, 27, 0]);
});

test('records deleted lower the baseline, never the count below zero; the next rise counts from there', () => {
  const { sessions, unseen } = setUp();
  const a = sessions.session('a');
  sessions.set(a);
  sessions.refreshed(a, { FAILED: 10 });
  sessions.refreshed(a, { FAILED: 12 });
  assert.equal(unseen.count, 2);
  sessions.refreshed(a, { FAILED: 2 });
  assert.equal(unseen.count, 2);
  unseen.seen();
  sessions.refreshed(a, { FAILED: 1 });
  assert.equal(unseen.count, 0);
  sessions.refreshed(a, { FAILED: 4 });
  assert.equal(unseen.count, 3);
});

test('failures that happen while the view is visible are seen there, and not counted', () => {
  let looking = true;
  const { sessions, unseen, heard } = setUp(() => looking);
  const a = sessions.session('a');
  sessions.set(a);
  sessions.refreshed(a, { FAILED: 1 });
  sessions.refreshed(a, { FAILED: 5 });
  assert.equal(unseen.count, 0);
  looking = false;
  sessions.refreshed(a, { FAILED: 6 });
  assert.equal(unseen.count, 1);
  assert.deepEqual(heard, [1]);
});

test('a session retired and not replaced takes its count with it (sample data stopped); one replaced keeps it', () => {
  const { sessions, unseen } = setUp();
  const sample = sessions.session('sample');
  const real = sessions.session('real');
  sessions.set(sample, real);
  sessions.refreshed(sample, { FAILED: 0 });
  sessions.refreshed(real, { FAILED: 7 });
  sessions.refreshed(sample, { FAILED: 4 });
  sessions.refreshed(real, { FAILED: 8 });
  assert.equal(unseen.count, 5);
  // The real project's credential changed: a new session under the same key.
  const renewed = sessions.session('real');
  sessions.set(sample, renewed);
  assert.equal(unseen.count, 5);
  sessions.refreshed(renewed, { FAILED: 9 });
  assert.equal(unseen.count, 6, 'counted on from the replaced session');
  sessions.set(renewed);
  assert.equal(unseen.count, 2, 'sample data stopped: its 4 went with it');
  // A project that comes back later starts afresh.
  const again = sessions.session('sample');
  sessions.set(renewed, again);
  sessions.refreshed(again, { FAILED: 4 });
  assert.equal(unseen.count, 2);
});

test('a session that counts something else (a filter, other job types) starts a new baseline instead of a jump', () => {
  const { sessions, unseen } = setUp();
  const all = sessions.session('a', { jobTypes: ['CREATE_SERVER'] });
  sessions.set(all);
  sessions.refreshed(all, { FAILED: 2 });
  sessions.refreshed(all, { FAILED: 3 });
  const filtered = sessions.session('a', { jobTypes: ['CREATE_SERVER'], statuses: ['RUNNING'] });
  sessions.set(filtered);
  sessions.refreshed(filtered, { RUNNING: 4 });
  const cleared = sessions.session('a', { jobTypes: ['CREATE_SERVER'] });
  sessions.set(cleared);
  sessions.refreshed(cleared, { FAILED: 671 });
  assert.equal(unseen.count, 1, 'only the failure counted before the filter');
});
