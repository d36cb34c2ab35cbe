import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  MalformedResponseError,
  parseSubJob,
  parseSubJobCount,
  parseSubJobPage,
  receivedItems,
} from '../../../src/model/validate';
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
  const subJob = parseSubJob({
    id: '1',
    status: 'RUNNING',
    job_resource_info: 'oops',
    job_execute_info: null,
    begin_time: 42,
    project_id: {},
  });
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

test('rejects items without id or without a status, saying why', () => {
  assert.equal(parseSubJob(anApiItem({ id: undefined })), 'item has no id');
  assert.match(String(parseSubJob(anApiItem({ status: undefined }))), /has no status \(null\)/);
  assert.match(String(parseSubJob(anApiItem({ status: 7 }))), /has no status \(7\)/);
  assert.equal(parseSubJob(null), 'item is not an object');
  assert.equal(parseSubJob([1]), 'item is not an object');
});

test('a status the service added later is kept as sent, not dropped', () => {
  const subJob = parseSubJob(anApiItem({ status: 'PAUSED' }));
  assert.equal(typeof subJob !== 'string' && subJob.status, 'PAUSED');
});

test('a numeric id beyond 2^53 is refused as malformed instead of shown with lost digits', () => {
  // JSON.parse has already rounded 702364884037271553 to 702364884037271600.
  const body = JSON.parse('{"count":1,"items":[{"id":702364884037271553,"status":"SUCCESS"}]}');
  const page = parseSubJobPage(body);
  assert.deepEqual(page.items, []);
  assert.match(page.rejected[0], /702364884037271600 is a number beyond 2\^53/);
  // A small numeric id is exact and kept.
  assert.equal(parseSubJobPage({ count: 1, items: [{ id: 42, status: 'SUCCESS' }] }).items[0].id, '42');
});

test('a numeric job_id or resource_id beyond 2^53 refuses the item as malformed, saying which field lost digits', () => {
  // JSON.parse has already rounded both to ...600: shown, they would name another job or resource.
  const body = JSON.parse(
    '{"count":3,"items":[' +
      '{"id":"702364884037271552","status":"SUCCESS","job_id":702364884037271553},' +
      '{"id":"702364884037271554","status":"SUCCESS","job_resource_info":{"resource_id":702364884037271555,"resource_name":"n"}},' +
      '{"id":"702364884037271556","status":"SUCCESS","job_id":"702364884037271553","job_resource_info":{"resource_id":"702364884037271555"}}' +
      ']}',
  );
  const page = parseSubJobPage(body);
  assert.deepEqual(
    page.items.map((s) => [s.id, s.jobId, s.resourceId]),
    [['702364884037271556', '702364884037271553', '702364884037271555']],
  );
  assert.equal(page.rejected.length, 2);
  assert.match(
    page.rejected[0],
    /^sub-job 702364884037271552: job_id 702364884037271600 is a number beyond 2\^53 and has lost digits/,
  );
  assert.match(
    page.rejected[1],
    /^sub-job 702364884037271554: resource_id 702364884037271600 is a number beyond 2\^53/,
  );
  // Small numeric ids are exact and kept, as text.
  const small = parseSubJob({ id: '1', status: 'SUCCESS', job_id: 42, job_resource_info: { resource_id: 7 } });
  assert.ok(typeof small !== 'string');
  assert.deepEqual([small.jobId, small.resourceId], ['42', '7']);
});

test('receivedItems counts what a page carried, understood or not', () => {
  const page = parseSubJobPage({ count: 9, items: [{ id: '1', status: 'SUCCESS' }, { status: 'SUCCESS' }, 'junk'] });
  assert.equal(page.items.length, 1);
  assert.equal(receivedItems(page), 3);
  assert.equal(receivedItems(parseSubJobPage({ count: 9, items: [] })), 0);
});

test('items carry the job type of the query that listed them', () => {
  const page = parseSubJobPage({ count: 1, items: [anApiItem({ job_type: 'BUILD_IMAGE' })] }, 'CREATE_SERVER_IMAGE');
  assert.equal(page.items[0].jobType, 'BUILD_IMAGE');
  assert.equal(page.items[0].listedAs, 'CREATE_SERVER_IMAGE');
});

test('an implausible count is a malformed response, not millions of page requests', () => {
  assert.throws(
    () => parseSubJobPage({ count: 200_000_000, items: [] }),
    /"count" is 200000000, more than the 10,000,000/,
  );
  assert.throws(() => parseSubJobCount({ count: 200_000_000 }), MalformedResponseError);
  assert.equal(parseSubJobCount({ count: 10_000_000 }), 10_000_000);
});

test('a page keeps good items and lists the rejected ones', () => {
  const page = parseSubJobPage({
    count: 3,
    items: [anApiItem(), anApiItem({ id: '' }), anApiItem({ id: '2', status: 'SUCCESS' })],
  });
  assert.equal(page.count, 3);
  assert.deepEqual(
    page.items.map((s) => s.id),
    ['702364884037271552', '2'],
  );
  assert.deepEqual(page.rejected, ['item has no id']);
});

test('a page without items is empty, not an error', () => {
  assert.deepEqual(parseSubJobPage({ count: 0 }).items, []);
});

test('malformed pages are reported as such', () => {
  assert.throws(() => parseSubJobPage('x'), MalformedResponseError);
  assert.throws(() => parseSubJobPage({ count: true, items: [] }), /"count" is true/);
  assert.throws(() => parseSubJobPage({ count: '3', items: [] }), /"count" is "3"/);
  assert.throws(() => parseSubJobPage({ count: -1, items: [] }), /non-negative integer/);
  assert.throws(() => parseSubJobPage({ count: 1, items: {} }), /"items" is not an array/);
  assert.equal(parseSubJobCount({ count: 7 }), 7);
  assert.throws(() => parseSubJobCount([]), /not a JSON object/);
});
