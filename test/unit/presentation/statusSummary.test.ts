import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SessionSpec } from '../../../src/core/projectSession';
import { EMPTY_STATE, SessionState } from '../../../src/core/sessionState';
import { statusSummary } from '../../../src/presentation/statusSummary';

const spec = (projectId: string, name?: string): SessionSpec => ({
  key: projectId,
  projectId,
  ...(name && { name }),
  location: 'cn-north-4',
  endpoint: 'https://x',
  sampleData: false,
  credential: 't',
  query: { jobTypes: ['CREATE_SERVER'] },
});
const state = (counts: Array<[string, number]>, extra: Partial<SessionState> = {}): SessionState => ({
  ...EMPTY_STATE,
  counts: new Map(counts),
  fetchedAt: Date.parse('2026-11-29T12:00:00Z'),
  ...extra,
});
const time = () => '12:00';

test('while anything runs: a spinning icon, the active count over every project, and the failures not seen yet', () => {
  const s = statusSummary(
    [
      {
        spec: spec('p1', 'Singapore'),
        state: state([
          ['RUNNING', 2],
          ['WAITING', 1],
          ['FAILED', 1],
        ]),
      },
      {
        spec: spec('p2'),
        state: state([
          ['ABORTING', 0],
          ['ABNORMAL', 1],
          ['SUCCESS', 9],
        ]),
      },
    ],
    time,
    2,
  );
  assert.equal(s.text, '$(sync~spin) 3 in progress · $(error) 2 failed');
  assert.equal(
    s.accessibilityLabel,
    '3 in progress, 2 failed; 2 sub-jobs failed since you last looked at the view; last refreshed 12:00; Workspace Jobs',
  );
  assert.match(s.tooltip, /\*\*Singapore\*\* \(cn\\-north\\-4\)/);
  assert.match(s.tooltip, /RUNNING 2/);
  assert.match(s.tooltip, /Last refreshed 12\\:00/);
});

test('everything finished: a calm icon; a failed refresh: a stale mark', () => {
  assert.equal(
    statusSummary([{ spec: spec('p1'), state: state([['SUCCESS', 4]]) }], time).text,
    '$(pass) all finished',
  );
  const stale = statusSummary(
    [
      {
        spec: spec('p1'),
        state: state(
          [
            ['SUCCESS', 4],
            ['FAILED', 1],
          ],
          { failure: { message: 'x', error: null, at: 1, authFailure: false } },
        ),
      },
    ],
    time,
    1,
  );
  assert.equal(stale.text, '$(pass) all finished · $(error) 1 failed · $(warning) stale');
  assert.match(stale.accessibilityLabel, /the last refresh failed/);
});

test('before any answer it says it is loading', () => {
  const s = statusSummary([{ spec: spec('p1'), state: EMPTY_STATE }], time);
  assert.equal(s.text, '$(loading~spin) loading');
  assert.equal(s.loading, true);
});

test('a project that cannot be asked, or whose first refresh failed, is not "loading" for ever', () => {
  const none = statusSummary(
    [{ spec: spec('p1'), state: { ...EMPTY_STATE, problem: { kind: 'noCredentials' } } }],
    time,
  );
  assert.equal(none.text, '$(debug-disconnect) not connected');
  assert.equal(none.accessibilityLabel, 'not connected; Workspace Jobs');
  const failed = statusSummary(
    [
      {
        spec: spec('p1'),
        state: { ...EMPTY_STATE, failure: { message: 'x', error: null, at: 1, authFailure: false } },
      },
    ],
    time,
  );
  assert.equal(failed.text, '$(warning) refresh failed');
  const mixed = statusSummary(
    [
      { spec: spec('p1'), state: { ...EMPTY_STATE, problem: { kind: 'noCredentials' } } },
      { spec: spec('p2'), state: EMPTY_STATE },
    ],
    time,
  );
  assert.equal(mixed.text, '$(loading~spin) loading', 'one project may still answer');
});

test('counts narrowed by the view’s filter say so in the text, and the tooltip says what the filter is', () => {
  const filtered = { ...spec('p1'), filter: { jobId: '702364884037271552', statuses: ['RUNNING'] } } as SessionSpec;
  const s = statusSummary([{ spec: filtered, state: state([['RUNNING', 1]]) }], time);
  assert.match(s.text, /\(filtered\)$/);
  assert.match(s.accessibilityLabel, /filtered/);
  assert.match(s.tooltip, /job\\_id=7023…1552, RUNNING/);
  const plain = statusSummary([{ spec: spec('p1'), state: state([['RUNNING', 1]]) }], time);
  assert.doesNotMatch(plain.text, /filtered/);
});

test('the text counts failures not seen yet, not every failure kept; the tooltip keeps the totals', () => {
  const kept = state([
    ['RUNNING', 1],
    ['FAILED', 668],
    ['ABNORMAL', 3],
    ['SUCCESS', 40],
  ]);
  const seen = statusSummary([{ spec: spec('p1'), state: kept }], time, 0);
  assert.equal(seen.text, '$(sync~spin) 1 in progress');
  assert.equal(seen.accessibilityLabel, '1 in progress; last refreshed 12:00; Workspace Jobs');
  assert.match(seen.tooltip, /671 FAILED or ABNORMAL sub-jobs on record/);
  assert.equal(seen.failed, 671);
  assert.equal(seen.unseen, 0);
  const unseen = statusSummary([{ spec: spec('p1'), state: kept }], time, 2);
  assert.equal(unseen.text, '$(sync~spin) 1 in progress · $(error) 2 failed');
  assert.equal(
    unseen.accessibilityLabel,
    '1 in progress, 2 failed; 2 sub-jobs failed since you last looked at the view; last refreshed 12:00; Workspace Jobs',
  );
  assert.match(unseen.tooltip, /2 sub-jobs failed since you last looked at the view/);
  assert.match(unseen.tooltip, /671 FAILED or ABNORMAL sub-jobs on record/);
});

test('no failure kept: the tooltip has no totals line', () => {
  const s = statusSummary([{ spec: spec('p1'), state: state([['SUCCESS', 4]]) }], time, 0);
  assert.doesNotMatch(s.tooltip, /on record/);
});

const withFilter = (filter: SessionSpec['filter']): SessionSpec => ({ ...spec('p1'), filter });

test('a job type filter: the text says (filtered), the tooltip names the job type', () => {
  const s = statusSummary(
    [{ spec: withFilter({ jobTypes: ['DELETE_SERVER'] }), state: state([['SUCCESS', 3]]) }],
    time,
    0,
  );
  assert.equal(s.text, '$(pass) all finished (filtered)');
  assert.match(s.tooltip, /Counts of what the filter shows: DELETE\\_SERVER/);
});

test('a job id filter: "all finished" of that job only, said to be filtered (another job may still run)', () => {
  const s = statusSummary(
    [
      {
        spec: withFilter({ jobId: '702364884037271552' }),
        state: state([
          ['FAILED', 1],
          ['SUCCESS', 2],
        ]),
      },
    ],
    time,
    0,
  );
  assert.equal(s.text, '$(pass) all finished (filtered)');
  assert.match(s.accessibilityLabel, /; filtered: job_id=7023…1552/);
  assert.match(s.accessibilityLabel, /^all finished \(filtered\);/, 'the label starts with the words on screen');
});

test('the accessibility label starts with the words shown, whatever the state, and ends with the name of the item', () => {
  const one = statusSummary([{ spec: spec('p1'), state: state([['FAILED', 1]]) }], time, 1);
  assert.equal(one.text, '$(pass) all finished · $(error) 1 failed');
  assert.equal(
    one.accessibilityLabel,
    'all finished, 1 failed; 1 sub-job failed since you last looked at the view; last refreshed 12:00; Workspace Jobs',
  );
  assert.match(one.tooltip, /1 FAILED or ABNORMAL sub-job on record/);
});

test('Show in View’s filter (a job and FAILED) is said in the text like any other', () => {
  const s = statusSummary(
    [{ spec: withFilter({ jobId: '702364884037271552', statuses: ['FAILED'] }), state: state([['FAILED', 2]]) }],
    time,
    1,
  );
  assert.equal(s.text, '$(pass) all finished · $(error) 1 failed (filtered)');
});

test('a job type filter that leaves no configured job type is not "not connected"', () => {
  const s = statusSummary(
    [{ spec: withFilter({ jobTypes: ['DELETE_SERVER'] }), state: { ...EMPTY_STATE, problem: { kind: 'noJobTypes' } } }],
    time,
    0,
  );
  assert.equal(s.text, '$(filter) nothing matches (filtered)');
  assert.doesNotMatch(s.tooltip, /not connected/);
});

test('a project showing both families appears once in the tooltip, each family counted under it', () => {
  const image: SessionSpec = { ...spec('ep|p1', 'prod'), projectKey: 'ep|p1' };
  const appServer: SessionSpec = { ...image, key: 'ep|p1#appServer', family: 'appServer' };
  const other: SessionSpec = spec('ep|p2', 'test');
  const s = statusSummary(
    [
      { spec: image, state: state([['RUNNING', 2]]) },
      { spec: other, state: state([['SUCCESS', 1]]) },
      { spec: appServer, state: state([['FAILED', 3]]) },
    ],
    time,
  );
  assert.equal(s.tooltip.split('**prod**').length - 1, 1, s.tooltip);
  assert.equal(s.tooltip.split('**test**').length - 1, 1, s.tooltip);
  const lines = s.tooltip.split('\n');
  const at = (text: string) => lines.findIndex((l) => l.includes(text));
  assert.ok(at('**prod**') < at('Image jobs') && at('Image jobs') < at('App server jobs'), s.tooltip);
  assert.ok(at('App server jobs') < at('**test**'), "a project's families together, before the next project");
  assert.equal(s.active, 2);
  assert.equal(s.failed, 3);
});
