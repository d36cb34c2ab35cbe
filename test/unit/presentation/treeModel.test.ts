import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ApiError, NetworkError } from '../../../src/api/errors';
import { GROUP_PAGE, SessionSpec } from '../../../src/core/projectSession';
import { diffStates, EMPTY_STATE, SessionState } from '../../../src/core/sessionState';
import { setDisplayLocale } from '../../../src/model/locale';
import { formatDateTime } from '../../../src/model/time';
import { subJobFields } from '../../../src/presentation/subJobFields';
import {
  FILTER_ROW_ID,
  filterRow,
  groupChildren,
  projectChildren,
  statusGroupLabel,
} from '../../../src/presentation/treeModel';
import { projectRow } from '../../../src/presentation/projectRow';
import { watchKey, WatchList } from '../../../src/core/watches';
import { A_SESSION_SPEC, aSubJob } from '../builders';

const spec = A_SESSION_SPEC;
const NOW = Date.parse('2026-11-29T12:00:00Z');

function counted(entries: Array<[string, number]>, extra: Partial<SessionState> = {}): SessionState {
  return { ...EMPTY_STATE, counts: new Map(entries), fetchedAt: 5, ...extra };
}

test('a project row shows its name, else its id; ids are unique per project', () => {
  assert.equal(projectRow(spec, EMPTY_STATE).label, 'p1');
  assert.equal(projectRow({ ...spec, name: 'Beijing' }, EMPTY_STATE).label, 'Beijing');
  const children = projectChildren(spec, counted([['FAILED', 2]]));
  assert.deepEqual(
    children.map((c) => c.id),
    ['https://x|p1/status/FAILED'],
  );
});

test('status rows carry their counts in the order the session keeps', () => {
  const rows = projectChildren(
    spec,
    counted([
      ['RUNNING', 1],
      ['FAILED', 2],
      ['SUCCESS', 40_000],
      ['PAUSED', 3],
    ]),
  );
  assert.deepEqual(
    rows.map((r) => (r.kind === 'status' ? `${r.status} ${r.count}` : r.label)),
    ['RUNNING 1', 'FAILED 2', 'SUCCESS 40000', 'PAUSED 3'],
  );
});

test('an auth failure is an error row with the API fields and a Set Token action; the last counts stay, marked stale', () => {
  const state = counted([['FAILED', 1]], {
    failure: {
      message: 'x',
      error: new ApiError(401, 'APIGW.0301', 'verify token fail', 'rid-9'),
      at: 1,
      authFailure: true,
    },
  });
  const [first, second] = projectChildren(spec, state);
  assert.equal(first.kind, 'message');
  if (first.kind !== 'message') return;
  assert.match(first.label, /^Authentication failed: APIGW\.0301 verify token fail — showing the last good data$/);
  assert.match(first.detail, /X-Request-Id: rid-9/);
  assert.equal(first.action, 'setToken');
  assert.equal(second.kind, 'status');
  assert.equal(projectRow(spec, state).stale, true);
});

test('with both families shown, the project row speaks for both: stale, oldest refresh, the counting family named', () => {
  const appServer: SessionSpec = {
    ...spec,
    key: 'https://x|p1#appServer',
    projectKey: 'https://x|p1',
    family: 'appServer',
  };
  const fine = counted([['FAILED', 1]], { fetchedAt: 20 });
  const failing = counted([['FAILED', 1]], {
    fetchedAt: 10,
    countingByListing: true,
    failure: { message: 'x', error: new NetworkError('https://x', 'connection reset'), at: 30, authFailure: false },
  });
  const row = projectRow(spec, fine, [{ spec: appServer, state: failing }]);
  assert.equal(row.stale, true, 'the app-server family failed its last refresh');
  assert.equal(row.lastRefresh, 10, 'the older of the two refreshes');
  const { fetchedAt: _never, ...neverAnswered } = failing;
  assert.equal(
    projectRow(spec, fine, [{ spec: appServer, state: neverAnswered }]).lastRefresh,
    20,
    'a family never answered hides nothing',
  );
  assert.deepEqual(row.countingByListing, ['appServer']);
  assert.equal(projectRow(spec, fine).stale, false);
  assert.equal(projectRow(spec, fine).countingByListing, undefined);
});

test('a network failure row names the cause first, so a narrow sidebar still shows it', () => {
  for (const [cause, starts] of [
    ['host not found (ENOTFOUND)', 'Host not found (ENOTFOUND): https://x'],
    ['connection refused (ECONNREFUSED)', 'Connection refused (ECONNREFUSED): https://x'],
  ]) {
    const error = new NetworkError('https://x', cause);
    const state: SessionState = {
      ...EMPTY_STATE,
      failure: { message: error.message, error, at: 1, authFailure: false },
    };
    const [row] = projectChildren(spec, state);
    assert.ok(row.kind === 'message');
    assert.ok(row.label.startsWith(starts), row.label);
  }
});

test('a network failure before any data says what happened and offers the log', () => {
  const error = new NetworkError('https://x', 'connection refused (ECONNREFUSED)');
  const state: SessionState = { ...EMPTY_STATE, failure: { message: error.message, error, at: 1, authFailure: false } };
  const children = projectChildren(spec, state);
  assert.equal(children.length, 1);
  const row = children[0];
  assert.ok(row.kind === 'message');
  // What failed, what to check, and that a click opens the log.
  assert.equal(
    row.label,
    'Connection refused (ECONNREFUSED): https://x — check the endpoint, proxy and network; click for the log',
  );
  assert.equal(row.action, 'showLog');
  assert.match(
    row.detail,
    /^cannot reach https:\/\/x: connection refused \(ECONNREFUSED\)\nCheck the endpoint \(Workspace Jobs: Configure Project\), http\.proxy if a proxy is needed/,
  );
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
  const state = counted([['SUCCESS', 1234]], {
    groups: new Map([['SUCCESS', { subJobs, limit: GROUP_PAGE, answer: 2 }]]),
  });
  const rows = groupChildren(spec, state, 'SUCCESS', NOW);
  assert.equal(rows.length, GROUP_PAGE + 1);
  const more = rows[GROUP_PAGE];
  assert.equal(more.kind === 'more' && more.label, 'Show 200 more… (1,034 not shown)');
  const all = counted([['SUCCESS', GROUP_PAGE]], { groups: state.groups });
  assert.equal(groupChildren(spec, all, 'SUCCESS', NOW).length, GROUP_PAGE);
});

test('a sub-job answered twice in one group is one row: VS Code shows no group with an id twice', () => {
  const twice = aSubJob({ status: 'SUCCESS' });
  const other = aSubJob({ status: 'SUCCESS' });
  const state = counted([['SUCCESS', 3]], {
    groups: new Map([['SUCCESS', { subJobs: [twice, other, twice], limit: GROUP_PAGE, answer: 1 }]]),
  });
  const rows = groupChildren(spec, state, 'SUCCESS', NOW).filter((r) => r.kind === 'subJob');
  assert.deepEqual(
    rows.map((r) => (r.kind === 'subJob' ? r.subJob.id : '')),
    [twice.id, other.id],
  );
  assert.equal(new Set(rows.map((r) => r.id)).size, rows.length, 'every row id once');
});

test('a group that failed to load says so, keeps what it had, and offers to try again', () => {
  const state = counted([['FAILED', 3]], {
    groups: new Map([
      [
        'FAILED',
        { subJobs: [aSubJob({ status: 'FAILED' })], limit: GROUP_PAGE, answer: 1, error: 'HTTP 503 WKS.00050902' },
      ],
    ]),
  });
  const [first, second] = groupChildren(spec, state, 'FAILED', NOW);
  assert.equal(first.kind === 'message' && first.action, 'retryGroup');
  assert.equal(second.kind, 'subJob');
});

test('a refresh that finds the same counts and sub-jobs changes nothing; a new count changes only its group', () => {
  const subJobs = [aSubJob({ status: 'FAILED' })];
  const a = counted(
    [
      ['FAILED', 1],
      ['SUCCESS', 9],
    ],
    { groups: new Map([['FAILED', { subJobs, limit: GROUP_PAGE, answer: 3 }]]) },
  );
  const same = counted(
    [
      ['FAILED', 1],
      ['SUCCESS', 9],
    ],
    {
      groups: new Map([['FAILED', { subJobs: subJobs.map((s) => ({ ...s })), limit: GROUP_PAGE, answer: 7 }]]),
      fetchedAt: 99,
    },
  );
  assert.deepEqual(diffStates(a, same), { project: false, groups: [] });
  const moved = counted(
    [
      ['FAILED', 1],
      ['SUCCESS', 10],
    ],
    { groups: a.groups },
  );
  assert.deepEqual(diffStates(a, moved), { project: false, groups: ['SUCCESS'] });
  const newGroup = counted(
    [
      ['RUNNING', 1],
      ['FAILED', 1],
      ['SUCCESS', 9],
    ],
    { groups: a.groups },
  );
  assert.equal(diffStates(a, newGroup).project, true);
});

test('a sub-job row says first what a narrow sidebar must not cut: the error code of a failed one, then its age', () => {
  const begun = new Date(NOW - 5 * 60_000).toISOString();
  const failed = groupChildren(
    spec,
    counted([['FAILED', 1]], {
      groups: new Map([
        [
          'FAILED',
          {
            subJobs: [aSubJob({ status: 'FAILED', errorCode: 'WKS.00129901', beginTime: begun })],
            limit: 200,
            answer: 1,
          },
        ],
      ]),
    }),
    'FAILED',
    NOW,
  );
  assert.equal(failed[0].kind === 'subJob' && failed[0].description, 'WKS.00129901 · 5 min. ago · CREATE_SERVER_IMAGE');
  const running = groupChildren(
    spec,
    counted([['RUNNING', 1]], {
      groups: new Map([
        [
          'RUNNING',
          { subJobs: [aSubJob({ status: 'RUNNING', errorCode: 'stale', beginTime: begun })], limit: 200, answer: 1 },
        ],
      ]),
    }),
    'RUNNING',
    NOW,
    new Set(),
  );
  assert.equal(
    running[0].kind === 'subJob' && running[0].description,
    '5 min. ago · CREATE_SERVER_IMAGE',
    'only failed rows lead with a code',
  );
  const watched = aSubJob({ status: 'RUNNING', beginTime: begun });
  const rows = groupChildren(
    spec,
    counted([['RUNNING', 1]], { groups: new Map([['RUNNING', { subJobs: [watched], limit: 200, answer: 1 }]]) }),
    'RUNNING',
    NOW,
    new Set([watchKey(spec.key, watched.id)]),
  );
  assert.equal(rows[0].kind === 'subJob' && rows[0].description, '5 min. ago · watched · CREATE_SERVER_IMAGE');
});

test('a status group is named by its API value; in Chinese its Chinese name comes first', () => {
  assert.equal(statusGroupLabel('RUNNING', 'Running'), 'RUNNING');
  setDisplayLocale('zh-cn', true);
  try {
    assert.equal(statusGroupLabel('RUNNING', '运行中'), '运行中 RUNNING');
    assert.equal(statusGroupLabel('PAUSED', 'PAUSED'), 'PAUSED', 'a status this version does not know stays as sent');
    // A display language the extension has no words for: English words, so no "Running RUNNING".
    setDisplayLocale('ja', false);
    assert.equal(statusGroupLabel('RUNNING', 'Running'), 'RUNNING');
  } finally {
    setDisplayLocale('en');
  }
});

test('the filter is one row, said first, with Clear Filters beside it', () => {
  const row = filterRow('job_id=7023…1552, FAILED');
  assert.equal(row.id, FILTER_ROW_ID);
  assert.equal(row.label, 'Filtered: job_id=7023…1552, FAILED');
  assert.equal(row.action, 'clearFilters');
  assert.equal(
    row.actionNotOnClick,
    true,
    'the first row, where the keyboard starts: a click must not throw the filters away',
  );
  assert.equal(row.icon, 'filter');
});

test('tooltips show times on this machine’s clock, not UTC ISO strings', () => {
  const fields = new Map(subJobFields(aSubJob({ beginTime: '2026-11-27T10:00:00.000Z', endTime: 'not a time' })));
  assert.equal(fields.get('Begin time'), formatDateTime(Date.parse('2026-11-27T10:00:00.000Z')));
  assert.doesNotMatch(fields.get('Begin time') ?? '', /T10:00:00/);
  assert.equal(fields.get('End time'), 'not a time', 'a time that does not parse is shown as sent');
});

test("a row is marked watched by its own session's watches only, not by the other family's same id", async () => {
  const watches = new WatchList({ get: <T>(_key: string, fallback: T) => fallback, update: async () => {} });
  await watches.add({ kind: 'subJob', id: 's1', sessionKey: spec.key, label: 'image' });
  await watches.add({ kind: 'job', id: 'J1', sessionKey: spec.key, label: 'job J1' });
  const appSpec: SessionSpec = { ...spec, key: `${spec.key}#appServer`, projectKey: spec.key, family: 'appServer' };
  const state = counted([['RUNNING', 1]], {
    groups: new Map([
      ['RUNNING', { subJobs: [aSubJob({ id: 's1', jobId: 'J1', status: 'RUNNING' })], limit: GROUP_PAGE, answer: 1 }],
    ]),
  });
  const [imageRow] = groupChildren(spec, state, 'RUNNING', NOW, watches.ids);
  const [appRow] = groupChildren(appSpec, state, 'RUNNING', NOW, watches.ids);
  assert.equal(imageRow?.kind === 'subJob' && imageRow.watched, true);
  assert.equal(appRow?.kind === 'subJob' && appRow.watched, false);
});

test("a family's denied call names the IAM action when the service does, and says the service's words when it names none", () => {
  const denied = (msg: string) =>
    counted([['FAILED', 1]], {
      failure: {
        message: 'x',
        error: new ApiError(403, 'WKS.00081103', msg, 'rid-1'),
        at: 1,
        authFailure: false,
        denied: { action: 'workspace:jobs:listSubJobs', family: 'appServer' },
      },
    });
  const [policy] = projectChildren(spec, denied("Policy doesn't allow workspace:jobs:listSubJobs to be performed."));
  assert.match(
    policy.kind === 'message' ? policy.label : '',
    /^Your policy does not allow workspace:jobs:listSubJobs \(App server jobs\)/,
  );
  const [frozen] = projectChildren(spec, denied('The account is frozen.'));
  assert.match(
    frozen.kind === 'message' ? frozen.label : '',
    /^Refused for App server jobs: WKS\.00081103 The account is frozen\./,
  );
  assert.doesNotMatch(frozen.kind === 'message' ? frozen.detail : '', /policy/);
  assert.equal(frozen.kind === 'message' && frozen.action, 'showLog');
});
