import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ApiError, NetworkError } from '../../../src/api/errors';
import { GROUP_PAGE, SessionSpec } from '../../../src/core/projectSession';
import { diffStates, EMPTY_STATE, SessionState } from '../../../src/core/sessionState';
import { groupChildren, projectChildren, projectRow } from '../../../src/presentation/treeModel';
import { aSubJob } from '../builders';

const spec: SessionSpec = { key: 'https://x|p1', projectId: 'p1', location: 'cn-north-4', endpoint: 'https://x', sampleData: false, credential: 'IAM token', query: { jobTypes: ['CREATE_SERVER'] } };
const NOW = Date.parse('2026-11-29T12:00:00Z');

function counted(entries: Array<[string, number]>, extra: Partial<SessionState> = {}): SessionState {
  return { ...EMPTY_STATE, counts: new Map(entries), fetchedAt: 5, ...extra };
}

test('a project row shows its name, else its id; ids are unique per project', () => {
  assert.equal(projectRow(spec, EMPTY_STATE).label, 'p1');
  assert.equal(projectRow({ ...spec, name: 'Beijing' }, EMPTY_STATE).label, 'Beijing');
  const children = projectChildren(spec, counted([['FAILED', 2]]));
  assert.deepEqual(children.map((c) => c.id), ['https://x|p1/status/FAILED']);
});

test('status rows carry their counts in the order the session keeps', () => {
  const rows = projectChildren(spec, counted([['RUNNING', 1], ['FAILED', 2], ['SUCCESS', 40_000], ['PAUSED', 3]]));
  assert.deepEqual(rows.map((r) => (r.kind === 'status' ? `${r.status} ${r.count}` : r.label)), ['RUNNING 1', 'FAILED 2', 'SUCCESS 40000', 'PAUSED 3']);
});

test('an auth failure is an error row with the API fields and a Set Token action; the last counts stay, marked stale', () => {
  const state = counted([['FAILED', 1]], { failure: { message: 'x', error: new ApiError(401, 'APIGW.0301', 'verify token fail', 'rid-9'), at: 1, authFailure: true } });
  const [first, second] = projectChildren(spec, state);
  assert.equal(first.kind, 'message');
  if (first.kind !== 'message') return;
  assert.match(first.label, /^Authentication failed: APIGW\.0301 verify token fail — showing the last good data$/);
  assert.match(first.detail, /X-Request-Id: rid-9/);
  assert.equal(first.action, 'setToken');
  assert.equal(second.kind, 'status');
  assert.equal(projectRow(spec, state).stale, true);
});

test('a network failure before any data says what happened and offers the log', () => {
  const state: SessionState = { ...EMPTY_STATE, failure: { message: new NetworkError('https://x', 'connection refused (ECONNREFUSED)').message, error: null, at: 1, authFailure: false } };
  const children = projectChildren(spec, state);
  assert.equal(children.length, 1);
  assert.equal(children[0].kind === 'message' && children[0].label, 'cannot reach https://x: connection refused (ECONNREFUSED)');
  assert.equal(projectRow(spec, state).stale, false);
});

test('before the first answer a loading row shows; an empty project or filter says so', () => {
  assert.equal(projectChildren(spec, EMPTY_STATE)[0].id, 'https://x|p1/loading');
  const empty = projectChildren(spec, counted([]));
  assert.equal(empty[0].kind === 'message' && empty[0].label, 'No image sub-jobs in this project');
  const noMatch = projectChildren(spec, counted([]), 'FAILED');
  assert.equal(noMatch[0].kind === 'message' && noMatch[0].label, 'No sub-jobs match FAILED');
});

test('a project a token does not cover says so and offers to sign in for it', () => {
  const [row] = projectChildren(spec, { ...EMPTY_STATE, problem: { kind: 'notCovered', coveredProjects: ['p9'] } });
  assert.equal(row.kind === 'message' && row.action, 'signIn');
  assert.match(row.kind === 'message' ? row.detail : '', /for p9: a token works only for its own project/);
});

test('a large group shows its loaded page and a "Show more" row, not thousands of rows', () => {
  const subJobs = Array.from({ length: GROUP_PAGE }, () => aSubJob({ status: 'SUCCESS' }));
  const state = counted([['SUCCESS', 1234]], { groups: new Map([['SUCCESS', { subJobs, limit: GROUP_PAGE, answer: 2 }]]) });
  const rows = groupChildren(spec, state, 'SUCCESS', NOW);
  assert.equal(rows.length, GROUP_PAGE + 1);
  const more = rows[GROUP_PAGE];
  assert.equal(more.kind === 'more' && more.label, 'Show 200 more… (1,034 not shown)');
  const all = counted([['SUCCESS', GROUP_PAGE]], { groups: state.groups });
  assert.equal(groupChildren(spec, all, 'SUCCESS', NOW).length, GROUP_PAGE);
});

test('a group that failed to load says so, keeps what it had, and offers to try again', () => {
  const state = counted([['FAILED', 3]], { groups: new Map([['FAILED', { subJobs: [aSubJob({ status: 'FAILED' })], limit: GROUP_PAGE, answer: 1, error: 'HTTP 503 WKS.00050902' }]]) });
  const [first, second] = groupChildren(spec, state, 'FAILED', NOW);
  assert.equal(first.kind === 'message' && first.action, 'retryGroup');
  assert.equal(second.kind, 'subJob');
});

test('a refresh that finds the same counts and sub-jobs changes nothing; a new count changes only its group', () => {
  const subJobs = [aSubJob({ status: 'FAILED' })];
  const a = counted([['FAILED', 1], ['SUCCESS', 9]], { groups: new Map([['FAILED', { subJobs, limit: GROUP_PAGE, answer: 3 }]]) });
  const same = counted([['FAILED', 1], ['SUCCESS', 9]], { groups: new Map([['FAILED', { subJobs: subJobs.map((s) => ({ ...s })), limit: GROUP_PAGE, answer: 7 }]]), fetchedAt: 99 });
  assert.deepEqual(diffStates(a, same), { project: false, groups: [] });
  const moved = counted([['FAILED', 1], ['SUCCESS', 10]], { groups: a.groups });
  assert.deepEqual(diffStates(a, moved), { project: false, groups: ['SUCCESS'] });
  const newGroup = counted([['RUNNING', 1], ['FAILED', 1], ['SUCCESS', 9]], { groups: a.groups });
  assert.equal(diffStates(a, newGroup).project, true);
});
