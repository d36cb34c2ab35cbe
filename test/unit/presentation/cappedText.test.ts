/**
 * API text of any length reaches tree labels and tooltips at about 500 characters: a row or a
 * tooltip of megabytes would freeze the sidebar. The full text is for the details panel.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ApiError, NetworkError } from '../../../src/api/errors';
import { EMPTY_STATE, SessionState } from '../../../src/core/sessionState';
import { markdownTable } from '../../../src/presentation/markdown';
import { statusSummary } from '../../../src/presentation/statusSummary';
import { describeSubJob, failureRow, groupChildren } from '../../../src/presentation/treeModel';
import { A_SESSION_SPEC, aSubJob } from '../builders';

const spec = A_SESSION_SPEC;
const NOW = Date.parse('2026-11-29T12:00:00Z');
const MEGA = 1_000_000;
/** About 500 characters, plus the words around the capped value. */
const ROW = 700;

test("a failure row's label and tooltip say a megabyte error_msg in about 500 characters", () => {
  const error = new ApiError(400, `WKS.${'0'.repeat(MEGA)}`, 'x'.repeat(MEGA), 'rid');
  for (const authFailure of [false, true]) {
    const row = failureRow(spec.key, { message: error.message, error, at: 0, authFailure }, true);
    assert.ok(row.label.length < 2 * ROW, `label: ${row.label.length} characters`);
    assert.ok(row.detail.length < 3 * ROW, `detail: ${row.detail.length} characters`);
  }
});

test('any other failure message is capped on the row too', () => {
  const error = new Error('y'.repeat(MEGA));
  const row = failureRow(spec.key, { message: error.message, error, at: 0, authFailure: false }, false);
  assert.ok(row.label.length < ROW && row.detail.length < ROW, `${row.label.length}, ${row.detail.length}`);
  const network = new NetworkError('https://x', 'z'.repeat(MEGA));
  const networkRow = failureRow(
    spec.key,
    { message: network.message, error: network, at: 0, authFailure: false },
    false,
  );
  assert.ok(networkRow.label.length < 2 * ROW, `${networkRow.label.length}`);
});

test("a group's load error and a sub-job's description are capped", () => {
  const subJob = aSubJob({ status: 'FAILED', errorCode: 'E'.repeat(MEGA), jobType: 'T'.repeat(MEGA) });
  assert.ok(describeSubJob(subJob, NOW).length < 2 * ROW);
  const state: SessionState = {
    ...EMPTY_STATE,
    counts: new Map([['FAILED', 1]]),
    groups: new Map([['FAILED', { subJobs: [subJob], limit: 200, answer: 1, error: 'e'.repeat(MEGA) }]]),
  };
  const rows = groupChildren(spec, state, 'FAILED', NOW);
  const errorRow = rows.find((r) => r.kind === 'message');
  assert.ok(errorRow && errorRow.kind === 'message');
  assert.ok(errorRow.label.length < ROW && errorRow.detail.length < ROW, `${errorRow.label.length}`);
  const subJobRow = rows.find((r) => r.kind === 'subJob');
  assert.ok(subJobRow && subJobRow.kind === 'subJob' && subJobRow.description.length < 2 * ROW);
});

test('a tooltip table shows each value in about 500 characters', () => {
  const table = markdownTable([
    ['Error message', 'm'.repeat(MEGA)],
    ['Resource name', 'n'.repeat(MEGA)],
  ]);
  assert.ok(table.length < 3 * ROW, `${table.length} characters`);
  assert.match(table, /m…/);
});

test("the status bar's tooltip caps a status it does not know", () => {
  const state: SessionState = { ...EMPTY_STATE, counts: new Map([['S'.repeat(MEGA), 1]]), fetchedAt: 1 };
  const summary = statusSummary([{ spec, state }], () => 'now');
  assert.ok(summary.tooltip.length < 2 * ROW, `${summary.tooltip.length} characters`);
});
