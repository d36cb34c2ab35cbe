import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ApiError, NetworkError } from '../../../src/api/errors';
import { groupByStatus } from '../../../src/model/statusGroups';
import { buildProjectRow, GROUP_PAGE, ProjectView, StatusRow } from '../../../src/presentation/treeModel';
import { StoreState } from '../../../src/core/subJobStore';
import { aSubJob } from '../builders';

const project: ProjectView = { projectId: 'p1', location: 'cn-north-4', endpoint: 'https://x', sampleData: false, credential: 'IAM token' };

function withData(...statuses: Array<'FAILED' | 'RUNNING' | 'SUCCESS'>): StoreState {
  const subJobs = statuses.map((status) => aSubJob({ status }));
  return { refreshing: false, snapshot: { subJobs, groups: groupByStatus(subJobs), fetchedAt: 5, requests: 1, listingCost: 1, total: subJobs.length } };
}

test('status rows carry their counts and children in attention order', () => {
  const row = buildProjectRow(project, withData('SUCCESS', 'FAILED', 'FAILED', 'RUNNING'));
  const groups = row.children as StatusRow[];
  assert.deepEqual(groups.map((g) => `${g.status} ${g.count}`), ['RUNNING 1', 'FAILED 2', 'SUCCESS 1']);
  assert.equal(groups[1].children.length, 2);
  assert.equal(row.lastRefresh, 5);
});

test('ids are stable across refreshes so expansion survives', () => {
  const state = withData('FAILED');
  const a = buildProjectRow(project, state);
  const b = buildProjectRow(project, { ...state });
  assert.deepEqual(JSON.stringify(a.children.map((c) => c.id)), JSON.stringify(b.children.map((c) => c.id)));
  assert.equal(a.id, 'project/p1');
});

test('an auth failure is an error row with the API fields and a Set Token action; old data stays', () => {
  const state: StoreState = {
    ...withData('FAILED'),
    failure: { message: 'x', error: new ApiError(401, 'APIGW.0301', 'verify token fail', 'rid-9'), at: 1, authFailure: true },
  };
  const [first, second] = buildProjectRow(project, state).children;
  assert.equal(first.kind, 'message');
  if (first.kind !== 'message') return;
  assert.match(first.label, /^Authentication failed: APIGW\.0301 verify token fail — showing the last good data$/);
  assert.match(first.detail, /X-Request-Id: rid-9/);
  assert.equal(first.action, 'setToken');
  assert.equal(second.kind, 'status');
});

test('a network failure without data says what happened and offers the log', () => {
  const state: StoreState = { refreshing: false, failure: { message: new NetworkError('https://x', 'connection refused (ECONNREFUSED)').message, error: null, at: 1, authFailure: false } };
  const children = buildProjectRow(project, state).children;
  assert.equal(children.length, 1);
  assert.equal(children[0].kind === 'message' && children[0].label, 'cannot reach https://x: connection refused (ECONNREFUSED)');
});

test('before the first answer a loading row shows; an empty project says so', () => {
  assert.equal(buildProjectRow(project, { refreshing: true }).children[0].id, 'loading');
  const empty = buildProjectRow(project, { refreshing: false, snapshot: { subJobs: [], groups: [], fetchedAt: 1, requests: 3, listingCost: 3, total: 0 } });
  assert.equal(empty.children[0].kind === 'message' && empty.children[0].label, 'No image sub-jobs in this project');
});

test('a large group shows a page of sub-jobs and a "Show more" row, not thousands of rows', () => {
  const subJobs = Array.from({ length: 1234 }, () => aSubJob({ status: 'SUCCESS' }));
  const state: StoreState = { refreshing: false, snapshot: { subJobs, groups: groupByStatus(subJobs), fetchedAt: 1, requests: 13, listingCost: 13, total: 1234 } };
  const [group] = buildProjectRow(project, state).children as StatusRow[];
  assert.equal(group.count, 1234);
  assert.equal(group.children.length, GROUP_PAGE + 1);
  const more = group.children[GROUP_PAGE];
  assert.equal(more.kind, 'more');
  assert.equal(more.kind === 'more' && more.label, 'Show 200 more… (1,034 not shown)');
  const [wider] = buildProjectRow(project, state, Date.now(), { SUCCESS: 1200 }).children as StatusRow[];
  assert.equal(wider.children.length, 1201);
  assert.equal(wider.children[1200].kind === 'more' && wider.children[1200].label, 'Show 34 more… (34 not shown)');
  const [all] = buildProjectRow(project, state, Date.now(), { SUCCESS: 1400 }).children as StatusRow[];
  assert.equal(all.children.length, 1234);
});
