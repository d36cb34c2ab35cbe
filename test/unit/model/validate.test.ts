import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MalformedResponseError, parseSubJob, parseSubJobCount, parseSubJobPage } from '../../../src/model/validate';
import { anApiItem } from '../builders';

test('parses the example item of the API page field by field', () => {
  const subJob = parseSubJob(anApiItem());
  assert.deepEqual(subJob, {
    id: '702364884037271552',
    jobType: 'CREATE_SERVER',
    status: 'FAILED',
    resourceId: 'a1a1245-xxxx123d-1425af14',
    resourceName: 'Image test',
    beginTime: '2022-03-07T10:40:43.858Z',
    endTime: '2022-03-07T10:40:43.858Z',
    errorCode: 'WKS.00129901',
    errorMessage: 'The service is now unavailable to process the request.',
    projectId: '325f2346-xxxx123d-1425af14',
    jobId: '1',
  });
});

test('missing or mistyped optional fields degrade to empty strings instead of crashing', () => {
  const subJob = parseSubJob({ id: '1', status: 'RUNNING', job_resource_info: 'oops', job_execute_info: null, begin_time: 42, project_id: {} });
  assert.equal(typeof subJob, 'object');
  if (typeof subJob === 'string') return;
  assert.equal(subJob.resourceName, '');
  assert.equal(subJob.errorCode, '');
  assert.equal(subJob.beginTime, '42');
  assert.equal(subJob.projectId, '');
});

test('keeps unknown job types as sent', () => {
  const subJob = parseSubJob(anApiItem({ job_type: 'GENERATE_IMAGE' }));
  assert.equal(typeof subJob !== 'string' && subJob.jobType, 'GENERATE_IMAGE');
});

test('rejects items without id or with an unknown status, saying why', () => {
  assert.equal(parseSubJob(anApiItem({ id: undefined })), 'item has no id');
  assert.match(String(parseSubJob(anApiItem({ status: 'DONE' }))), /unknown status "DONE"/);
  assert.equal(parseSubJob(null), 'item is not an object');
  assert.equal(parseSubJob([1]), 'item is not an object');
});

test('a page keeps good items and lists the rejected ones', () => {
  const page = parseSubJobPage({ count: 3, items: [anApiItem(), anApiItem({ id: '' }), anApiItem({ id: '2', status: 'SUCCESS' })] });
  assert.equal(page.count, 3);
  assert.deepEqual(page.items.map((s) => s.id), ['702364884037271552', '2']);
  assert.deepEqual(page.rejected, ['item has no id']);
});

test('a page without items is empty, not an error', () => {
  assert.deepEqual(parseSubJobPage({ count: 0 }).items, []);
});

test('malformed pages are reported as such', () => {
  assert.throws(() => parseSubJobPage('x'), MalformedResponseError);
  assert.throws(() => parseSubJobPage({ items: [] }), /"count" is null/);
  assert.throws(() => parseSubJobPage({ count: '3', items: [] }), /"count" is "3"/);
  assert.throws(() => parseSubJobPage({ count: -1, items: [] }), /non-negative integer/);
  assert.throws(() => parseSubJobPage({ count: 1, items: {} }), /"items" is not an array/);
  assert.equal(parseSubJobCount({ count: 7 }), 7);
  assert.throws(() => parseSubJobCount([]), /not a JSON object/);
});
