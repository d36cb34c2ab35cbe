import { test } from 'node:test';
import assert from 'node:assert/strict';
import { GROUP_PAGE, SessionSpec } from '../../../src/core/projectSession';
import { EMPTY_STATE, SessionState } from '../../../src/core/sessionState';
import { SubJob } from '../../../src/model/subJob';
import {
  ErrorCodeRow,
  errorCodeChildren,
  errorCodeDescription,
  errorCodeSpoken,
  errorCodeTooltip,
  groupedChildren,
  statusGroupChildren,
} from '../../../src/presentation/errorCodeRows';
import { groupChildren } from '../../../src/presentation/treeModel';
import { failureGroups } from '../../../src/presentation/jobTimeline';
import { parseSubJob } from '../../../src/model/validate';
import { A_SESSION_SPEC, aSubJob } from '../builders';

const spec = A_SESSION_SPEC;
const appSpec: SessionSpec = { ...spec, key: 'https://x|p1|appServer', family: 'appServer' } as SessionSpec;
const NOW = Date.parse('2026-11-29T12:00:00Z');

function failed(code: string, message = '', status = 'FAILED'): SubJob {
  return aSubJob({ status, errorCode: code, errorMessage: message });
}

/** A session whose `status` group holds `subJobs` out of `count`. */
function stateWith(status: string, subJobs: SubJob[], count = subJobs.length, error?: string): SessionState {
  return {
    ...EMPTY_STATE,
    counts: new Map([[status, count]]),
    fetchedAt: 5,
    groups: new Map([[status, { subJobs, limit: GROUP_PAGE, answer: 2, ...(error && { error }) }]]),
  };
}

function codes(rows: ReturnType<typeof groupedChildren>): string[] {
  return rows.map((r) => (r.kind === 'errorCode' ? `${r.code || '-'} ${r.count}` : r.kind));
}

test('forty failures with one cause read as one line: code rows by count, then code, "No error code" last among equals', () => {
  const subJobs = [
    ...Array.from({ length: 40 }, () => failed('WKS.00129901', 'Image build timed out')),
    failed('WKS.00211401', 'Internal error'),
    failed('', ''),
    failed('WKS.00000002', 'x'),
    failed('WKS.00000002', 'y'),
    failed('WKS.00000001', 'z'),
  ];
  const rows = groupedChildren(spec, stateWith('FAILED', subJobs), 'FAILED', NOW);
  assert.deepEqual(codes(rows), ['WKS.00129901 40', 'WKS.00000002 2', 'WKS.00000001 1', 'WKS.00211401 1', '- 1']);
  const first = rows[0] as ErrorCodeRow;
  assert.equal(first.id, 'https://x|p1/errorCode/FAILED/WKS.00129901');
  assert.equal(rows[4]!.id, 'https://x|p1/noErrorCode/FAILED');
  assert.equal(new Set(rows.map((r) => r.id)).size, rows.length, 'ids are unique');
  assert.equal(errorCodeDescription(first), '40');
  assert.equal(errorCodeSpoken(first), 'WKS.00129901, 40 failed sub-jobs');
  assert.equal(errorCodeSpoken(rows[2] as ErrorCodeRow), 'WKS.00000001, 1 failed sub-job');
  assert.equal(errorCodeSpoken(rows[4] as ErrorCodeRow), 'No error code, 1 failed sub-job');
  assert.equal(
    errorCodeTooltip(first),
    'WKS.00129901: 40 of the 45 FAILED sub-jobs.\nThe service says:\n• Image build timed out',
  );
  assert.match(
    errorCodeTooltip(rows[4] as ErrorCodeRow),
    /^No error code: 1 of the 45 FAILED sub-jobs\.\nThe service gave these sub-jobs no error code/,
  );
});

test("a code row's children are its sub-jobs as they read ungrouped: same ids, same rows", () => {
  const subJobs = [failed('A'), failed('B'), failed('A')];
  const state = stateWith(
    'ABNORMAL',
    subJobs.map((s) => ({ ...s, status: 'ABNORMAL' })),
  );
  const flat = groupChildren(spec, state, 'ABNORMAL', NOW);
  const underA = errorCodeChildren(spec, state, 'ABNORMAL', 'A', NOW);
  assert.deepEqual(
    underA,
    flat.filter((r) => r.kind === 'subJob' && r.subJob.errorCode === 'A'),
  );
  assert.deepEqual(
    underA.map((r) => r.subJob.id),
    [subJobs[0]!.id, subJobs[2]!.id],
  );
});

test('a group not wholly loaded says its counts are of the loaded sub-jobs; Show more stays at the group level, last', () => {
  const subJobs = Array.from({ length: GROUP_PAGE }, (_, i) => failed(i % 4 ? 'WKS.1' : 'WKS.2', `m${i % 5}`));
  const rows = groupedChildren(spec, stateWith('FAILED', subJobs, 1_000), 'FAILED', NOW);
  const loaded = subJobs.length;
  assert.deepEqual(codes(rows), [`WKS.1 ${(loaded * 3) / 4}`, `WKS.2 ${loaded / 4}`, 'more']);
  const first = rows[0] as ErrorCodeRow;
  assert.equal(errorCodeDescription(first), `${(loaded * 3) / 4} of the ${loaded} loaded`);
  assert.equal(errorCodeSpoken(first), `WKS.1, ${(loaded * 3) / 4} of the ${loaded} loaded sub-jobs`);
  const tooltip = errorCodeTooltip(first);
  assert.match(
    tooltip,
    new RegExp(`^WKS\\.1: ${(loaded * 3) / 4} of the ${loaded} FAILED sub-jobs loaded so far \\(1,000 in all\\)`),
  );
  // Five distinct messages: the three most frequent are quoted, the others counted.
  assert.deepEqual(
    tooltip.split('\n').filter((l) => l.startsWith('• ')),
    ['• m0', '• m1', '• m2'],
  );
  assert.match(tooltip, /\n…and 2 other messages \(each sub-job’s details have its own\)\.$/);
  const fourMessages = ['a', 'a', 'b', 'c', 'd'].map((m) => failed('C', m));
  const [four] = groupedChildren(spec, stateWith('FAILED', fourMessages), 'FAILED', NOW) as ErrorCodeRow[];
  assert.deepEqual(four!.messages, ['a', 'b', 'c']);
  assert.match(errorCodeTooltip(four!), /\n…and 1 other message \(each sub-job’s details have its own\)\.$/);
  assert.equal(rows.at(-1)!.kind, 'more');
});

test('a load error stays first; grouping applies to FAILED and ABNORMAL only, in both families', () => {
  const state = stateWith('FAILED', [failed('A')], 1, 'HTTP 500');
  assert.deepEqual(codes(groupedChildren(spec, state, 'FAILED', NOW)), ['message', 'A 1']);
  const success = stateWith('SUCCESS', [aSubJob()]);
  assert.deepEqual(
    statusGroupChildren(spec, success, 'SUCCESS', NOW, new Set(), true).map((r) => r.kind),
    ['subJob'],
  );
  const abnormal = stateWith('ABNORMAL', [failed('X', 'm', 'ABNORMAL')]);
  const app = statusGroupChildren(appSpec, abnormal, 'ABNORMAL', NOW, new Set(), true);
  assert.deepEqual(
    app.map((r) => r.id),
    ['https://x|p1|appServer/errorCode/ABNORMAL/X'],
  );
  assert.deepEqual(
    statusGroupChildren(spec, state, 'FAILED', NOW, new Set(), false).map((r) => r.kind),
    ['message', 'subJob'],
  );
});

test('a sub-job answered twice by shifting pages counts once under its code', () => {
  const twice = failed('A');
  const rows = groupedChildren(spec, stateWith('FAILED', [twice, twice, failed('A')], 3), 'FAILED', NOW);
  assert.deepEqual(codes(rows), ['A 2']);
});

test('an error code answered with spaces is one code with its trimmed twin, in the tree as in the timeline', () => {
  const raw = (id: string, code: string) =>
    parseSubJob({ id, status: 'FAILED', job_type: 'CREATE_SERVER', job_execute_info: { error_code: code } });
  const subJobs = [raw('1', 'WKS.1 '), raw('2', 'WKS.1'), raw('3', '   ')].filter(
    (s): s is SubJob => typeof s !== 'string',
  );
  const rows = groupedChildren(spec, stateWith('FAILED', subJobs), 'FAILED', NOW);
  assert.deepEqual(codes(rows), ['WKS.1 2', '- 1']);
  assert.deepEqual(
    failureGroups(subJobs).map((g) => `${g.code || '-'} ${g.count}`),
    codes(rows),
  );
});
