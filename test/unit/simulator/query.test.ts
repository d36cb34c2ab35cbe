import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { JOB_TYPES } from '../../../src/model/subJob';
import { InvalidParameterError, parseCountQuery, parseListQuery } from '../../../src/simulator/query';

const list = (query: string) => parseListQuery(new URLSearchParams(query));
const count = (query: string) => parseCountQuery(new URLSearchParams(query));

function refusedParameter(parse: () => unknown): string {
  try {
    parse();
  } catch (error) {
    assert.ok(error instanceof InvalidParameterError);
    assert.match(error.message, new RegExp(`^Invalid parameter: ${error.parameter} `));
    return error.parameter;
  }
  assert.fail('the query was accepted');
}

describe('parseListQuery', () => {
  it('applies the documented defaults', () => {
    assert.deepEqual(list('job_type=CREATE_SERVER'), { jobType: 'CREATE_SERVER', offset: 0, limit: 10 });
  });

  it('reads every parameter', () => {
    assert.deepEqual(list('job_type=DELETE_SERVER&status=FAILED&offset=200&limit=100&job_id=702364884037271552'), {
      jobType: 'DELETE_SERVER',
      status: 'FAILED',
      jobId: '702364884037271552',
      offset: 200,
      limit: 100,
    });
  });

  it('requires a known job_type', () => {
    assert.equal(
      refusedParameter(() => list('')),
      'job_type',
    );
    assert.equal(
      refusedParameter(() => list('job_type=')),
      'job_type',
    );
    assert.equal(
      refusedParameter(() => list('job_type=BUILD_IMAGE')),
      'job_type',
    );
    assert.equal(
      refusedParameter(() => list('job_type=CREATE_SERVER,DELETE_SERVER')),
      'job_type',
    );
  });

  it('keeps limit within 1..100', () => {
    for (const limit of ['0', '101', '-1', '1.5', 'ten', ' 5', '1e2']) {
      assert.equal(
        refusedParameter(() => list(`job_type=CREATE_SERVER&limit=${encodeURIComponent(limit)}`)),
        'limit',
        limit,
      );
    }
    assert.equal(list('job_type=CREATE_SERVER&limit=1').limit, 1);
  });

  it('keeps offset within 0..2147483647', () => {
    for (const offset of ['-1', '2147483648', '99999999999', 'x']) {
      assert.equal(
        refusedParameter(() => list(`job_type=CREATE_SERVER&offset=${offset}`)),
        'offset',
        offset,
      );
    }
    assert.equal(list('job_type=CREATE_SERVER&offset=2147483647').offset, 2147483647);
  });

  it('accepts only the seven documented statuses', () => {
    assert.equal(
      refusedParameter(() => list('job_type=CREATE_SERVER&status=running')),
      'status',
    );
    assert.equal(
      refusedParameter(() => list('job_type=CREATE_SERVER&status=DONE')),
      'status',
    );
    assert.equal(list('job_type=CREATE_SERVER&status=ABORTING').status, 'ABORTING');
  });

  it('limits job_id to 128 characters and treats an empty one as absent', () => {
    assert.equal(
      refusedParameter(() => list(`job_type=CREATE_SERVER&job_id=${'1'.repeat(129)}`)),
      'job_id',
    );
    assert.equal(list(`job_type=CREATE_SERVER&job_id=${'1'.repeat(128)}`).jobId?.length, 128);
    assert.equal(list('job_type=CREATE_SERVER&job_id=').jobId, undefined);
  });

  it('refuses a repeated parameter', () => {
    assert.equal(
      refusedParameter(() => list('job_type=CREATE_SERVER&limit=5&limit=6')),
      'limit',
    );
  });
});

describe('parseCountQuery', () => {
  it('counts all three job types when job_type is absent', () => {
    assert.deepEqual(count(''), { jobTypes: [...JOB_TYPES] });
  });

  it('accepts a comma-separated job_type list, and repeats', () => {
    assert.deepEqual(count('job_type=CREATE_SERVER,DELETE_SERVER').jobTypes, ['CREATE_SERVER', 'DELETE_SERVER']);
    assert.deepEqual(count('job_type=CREATE_SERVER&job_type=CREATE_SERVER_IMAGE').jobTypes, [
      'CREATE_SERVER',
      'CREATE_SERVER_IMAGE',
    ]);
  });

  it('refuses an unknown or empty entry in the list', () => {
    assert.equal(
      refusedParameter(() => count('job_type=CREATE_SERVER,NOPE')),
      'job_type',
    );
    assert.equal(
      refusedParameter(() => count('job_type=CREATE_SERVER,')),
      'job_type',
    );
  });

  it('validates status and job_id as the list call does', () => {
    assert.equal(
      refusedParameter(() => count('status=PENDING')),
      'status',
    );
    assert.deepEqual(count('status=SUCCESS&job_id=7'), { jobTypes: [...JOB_TYPES], status: 'SUCCESS', jobId: '7' });
  });
});
