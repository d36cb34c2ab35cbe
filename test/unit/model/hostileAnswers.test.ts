/**
 * Answers built to hurt: values nested deeper than the stack, strings of megabytes, fields the
 * SDK model marks optional left out. A bad item costs that item, never the page, and every word
 * said about a bad value is short.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { subJobLabel } from '../../../src/model/subJob';
import { MalformedResponseError, parseSubJob, parseSubJobCount, parseSubJobPage } from '../../../src/model/validate';
import { anApiItem } from '../builders';

/** An array nested `depth` deep, as JSON.parse builds it from "[[[…]]]" (JSON.parse itself copes). */
function nested(depth: number): unknown {
  return JSON.parse(`${'['.repeat(depth)}${']'.repeat(depth)}`);
}

/** Long enough for any reason a person reads in one line, far below the values below. */
const SHORT = 300;

test('an item whose status is an array nested 20,000 deep is skipped; the page and its other items stay', () => {
  const page = parseSubJobPage({
    count: 3,
    items: [anApiItem({ id: '1' }), anApiItem({ id: '2', status: nested(20_000) }), anApiItem({ id: '3' })],
  });
  assert.deepEqual(
    page.items.map((s) => s.id),
    ['1', '3'],
  );
  assert.equal(page.rejected.length, 1);
  assert.ok(page.rejected[0].length < SHORT, `${page.rejected[0].length} characters`);
  // Described by its type and a short prefix, never the whole value.
  assert.match(page.rejected[0], /^sub-job 2 has no status \(an array of 1 item starting \[\[\[\[/);
});

test('any field nested 20,000 deep costs at most its item', () => {
  const deep = nested(20_000);
  const page = parseSubJobPage({
    count: 6,
    items: [
      anApiItem({ id: deep }),
      anApiItem({ id: '2', job_id: deep }),
      anApiItem({ id: '3', job_resource_info: { resource_id: deep, resource_name: deep } }),
      anApiItem({ id: '4', job_execute_info: { error_code: deep, error_message: deep } }),
      anApiItem({ id: '5', begin_time: deep, job_type: deep, project_id: deep }),
      deep,
    ],
  });
  assert.deepEqual(
    page.items.map((s) => s.id),
    ['2', '3', '4', '5'],
  );
  assert.deepEqual(page.rejected, ['item has no id', 'item is not an object']);
});

test('a count nested 20,000 deep is a malformed answer, said in a short line', () => {
  for (const parse of [
    () => parseSubJobPage({ count: nested(20_000), items: [] }),
    () => parseSubJobCount({ count: nested(20_000) }),
  ]) {
    const error = (() => {
      try {
        parse();
      } catch (e) {
        return e;
      }
      return undefined;
    })();
    assert.ok(error instanceof MalformedResponseError, String(error));
    assert.ok(error.message.length < SHORT, `${error.message.length} characters`);
  }
});

test('a 5 MB count string is described in a short line, not repeated', () => {
  const huge = '9'.repeat(5_000_000);
  for (const parse of [() => parseSubJobPage({ count: huge, items: [] }), () => parseSubJobCount({ count: huge })]) {
    assert.throws(parse, (error: unknown) => {
      assert.ok(error instanceof MalformedResponseError);
      assert.ok(error.message.length < SHORT, `${error.message.length} characters`);
      assert.match(error.message, /"count" is a string of 5,000,000 characters starting "9999/);
      return true;
    });
  }
});

test('short bad values are still shown as they are', () => {
  assert.throws(() => parseSubJobPage({ count: '3', items: [] }), /"count" is "3", expected a non-negative integer/);
  assert.throws(() => parseSubJobCount({ count: -1 }), /"count" is -1, expected/);
  assert.match(String(parseSubJob(anApiItem({ status: 7 }))), /has no status \(7\)/);
  assert.match(String(parseSubJob(anApiItem({ status: { a: [1, 'x'] } }))), /has no status \(\{"a":\[1,"x"\]\}\)/);
});

test('a page without count is accepted: its total is the items it carried', () => {
  const page = parseSubJobPage({ items: [anApiItem({ id: '1' }), anApiItem({ id: '2' }), 'junk'] });
  assert.equal(page.count, 3);
  assert.deepEqual(
    page.items.map((s) => s.id),
    ['1', '2'],
  );
  assert.equal(parseSubJobPage({ count: null, items: [] }).count, 0);
  assert.equal(parseSubJobPage({ items: [] }).count, 0);
  // Neither field is some other JSON, not an empty page.
  assert.throws(() => parseSubJobPage({ total: 3, list: [] }), /no "items" and "count" is null/);
  // The count call has nothing but its count: without one it says nothing.
  assert.throws(() => parseSubJobCount({}), /"count" is missing/);
});

test('an id longer than the 128 characters the service takes is refused, described briefly', () => {
  const rejected = parseSubJob(anApiItem({ id: '7'.repeat(129) }));
  assert.equal(typeof rejected, 'string');
  assert.ok(String(rejected).length < SHORT);
  assert.match(String(rejected), /item id is a string of 129 characters/);
  assert.equal(typeof parseSubJob(anApiItem({ id: '7'.repeat(128) })), 'object');
});

test('a status of megabytes is no status: the item is refused, briefly', () => {
  const rejected = parseSubJob(anApiItem({ id: '1', status: 'RUNNING'.repeat(1_000_000) }));
  assert.equal(typeof rejected, 'string');
  assert.ok(String(rejected).length < SHORT, `${String(rejected).length} characters`);
  assert.match(
    String(rejected),
    /^sub-job 1 has no status \(a string of 7,000,000 characters starting "RUNNINGRUNNING/,
  );
});

test('a parent job id longer than a query takes is dropped: no look-up could use it', () => {
  const subJob = parseSubJob(anApiItem({ job_id: '8'.repeat(129) }));
  assert.ok(typeof subJob !== 'string');
  assert.equal(subJob.jobId, '');
});

test('API strings are kept up to 64 KB (for the details panel), no more', () => {
  const subJob = parseSubJob(
    anApiItem({
      job_resource_info: { resource_name: 'n'.repeat(5_000_000), resource_id: 'r'.repeat(100_000) },
      job_execute_info: { error_code: 'c'.repeat(70_000), error_message: 'm'.repeat(5_000_000) },
      job_type: 't'.repeat(70_000),
      project_id: 'p'.repeat(70_000),
      begin_time: 'b'.repeat(70_000),
      end_time: 'e'.repeat(70_000),
    }),
  );
  assert.ok(typeof subJob !== 'string');
  for (const [field, value] of Object.entries(subJob))
    assert.ok(String(value).length <= 64 * 1024, `${field}: ${String(value).length} characters`);
  assert.ok(subJob.errorMessage.startsWith('mmmm') && subJob.errorMessage.endsWith('…'));
});

test("a sub-job's label (tree rows, notifications, pickers) is about 500 characters at most", () => {
  const subJob = parseSubJob(anApiItem({ job_resource_info: { resource_name: 'n'.repeat(5_000_000) } }));
  assert.ok(typeof subJob !== 'string');
  const label = subJobLabel(subJob);
  assert.ok(label.length <= 500, `${label.length} characters`);
  assert.ok(label.endsWith('…'));
});
