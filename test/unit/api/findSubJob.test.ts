/**
 * Looking up one sub-job, whatever its job type (seven in the models, three in the query) or none,
 * through ShowImageJob when it has a parent job, else through the listings. Against the simulator.
 */
import assert from 'node:assert/strict';
import { after, afterEach, before, beforeEach, describe, it } from 'node:test';
import { ApiError } from '../../../src/api/errors';
import { parseImageJob, SubJobClient, SubJobRef } from '../../../src/api/subJobClient';
import { JOB_TYPES } from '../../../src/model/subJob';
import { RawSubJob, RunningSimulator, startSimulator } from '../../../src/simulator/server';
import { inBothOrders, orderFaults } from '../listOrders';
import { tokenClient } from '../simulatorClient';

const START = Date.parse('2026-03-07T10:40:43.858Z');
const signal = () => new AbortController().signal;

let simulator: RunningSimulator;
let client: SubJobClient;
let build: RawSubJob;
let bare: RawSubJob;

before(async () => {
  simulator = await startSimulator({ size: 350, seed: 17, now: () => START, progress: false });
  client = tokenClient(simulator, simulator.token);
  build = simulator.addSubJob({ job_type: 'BUILD_IMAGE', status: 'RUNNING' }, { listedUnder: 'CREATE_SERVER_IMAGE' });
  bare = simulator.addSubJob({ status: 'FAILED' }, { listedUnder: 'DELETE_SERVER', omit: ['job_type'] });
});
after(async () => {
  await client.close();
  await simulator.close();
});

let mark = 0;
beforeEach(() => {
  mark = simulator.requests.length;
});
/** The requests since the test began, as `path?query`. */
const sent = () =>
  simulator.requests
    .slice(mark)
    .map(
      (r) =>
        `${r.path.replace(`/v1/${simulator.projectId}/`, '')}${Object.keys(r.query).length ? `?${new URLSearchParams(r.query)}` : ''}`,
    );

describe('listings say which query returned each sub-job', () => {
  it('listPage and listAll stamp listedAs with the query job type, whatever the job_type', async () => {
    const listed = await client.listAll({ jobTypes: JOB_TYPES }, signal());
    for (const s of listed.subJobs)
      assert.ok(s.listedAs && (JOB_TYPES as readonly string[]).includes(s.listedAs), s.id);
    const b = listed.subJobs.find((s) => s.id === build.id);
    assert.equal(b?.jobType, 'BUILD_IMAGE');
    assert.equal(b?.listedAs, 'CREATE_SERVER_IMAGE');
    const n = listed.subJobs.find((s) => s.id === bare.id);
    assert.equal(n?.jobType, '');
    assert.equal(n?.listedAs, 'DELETE_SERVER');
    const page = await client.listPage({ jobType: 'CREATE_SERVER', offset: 0, limit: 5 }, signal());
    assert.ok(page.items.every((s) => s.listedAs === 'CREATE_SERVER'));
  });
});

describe('showJob (ShowImageJob)', () => {
  it('answers the parent job with its sub-jobs in one request', async () => {
    const job = await client.showJob(build.job_id, signal());
    assert.equal(job.id, build.job_id);
    assert.equal(job.jobType, 'CREATE_SERVER_IMAGE');
    assert.equal(job.status, 'RUNNING');
    assert.equal(job.subJobsTotal, 1);
    assert.deepEqual(
      job.subJobs.map((s) => [s.id, s.jobType, s.status, s.jobId]),
      [[build.id, 'BUILD_IMAGE', 'RUNNING', build.job_id]],
    );
    assert.deepEqual(sent(), [`image-server-jobs/${build.job_id}`]);
  });

  it('treats every field as optional, and refuses what is not a job', async () => {
    simulator.failNext(1, 200, {
      sub_jobs: [{ id: '702364884037271552', status: 'SUCCESS' }, { status: 'SUCCESS' }],
      sub_jobs_total: 'two',
    });
    const sparse = await client.showJob('job-x', signal());
    assert.deepEqual(
      { ...sparse, subJobs: sparse.subJobs.map((s) => [s.id, s.jobId, s.jobType]) },
      {
        id: 'job-x',
        jobType: '',
        beginTime: '',
        endTime: '',
        status: '',
        subJobs: [['702364884037271552', 'job-x', '']],
        rejected: ['item has no id'],
      },
    );
    simulator.failNext(1, 200, {});
    assert.deepEqual((await client.showJob('job-y', signal())).subJobs, []);
    simulator.failNext(1, 200, { id: 'j', sub_jobs: {} });
    await assert.rejects(
      client.showJob('j', signal()),
      /malformed response from \/v1\/.+\/image-server-jobs\/j: "sub_jobs" is not an array/,
    );
    simulator.failNext(1, 200, '[]');
    await assert.rejects(client.showJob('j', signal()), /the body is not a JSON object/);
  });

  it('a job it does not have is a 404 ApiError', async () => {
    const error = await client.showJob('123456789012345678', signal()).catch((e: unknown) => e);
    assert.ok(error instanceof ApiError);
    assert.equal(error.status, 404);
    assert.match(error.errorCode, /^WKS\./);
  });
});

const ref = (s: RawSubJob, extra: Partial<SubJobRef> = {}): SubJobRef => ({
  id: s.id,
  jobType: s.job_type,
  jobId: s.job_id,
  ...extra,
});

/**
 * The listing requests asked, without offset and limit: a service that lists oldest first is read
 * from the tail, at offsets that depend on the counts.
 */
const shapes = () => [...new Set(sent().map((p) => p.replace(/&offset=\d+/, '').replace(/&limit=\d+/, '')))];

inBothOrders('findSubJob', (order) => {
  let newestClient: SubJobClient;
  before(() => {
    simulator.setFaults(orderFaults());
    newestClient = client;
    // A client of its own per order: the order it tells is kept for its life.
    client = tokenClient(simulator, simulator.token);
  });
  after(async () => {
    await client.close();
    client = newestClient;
    simulator.clearFaults();
  });

  it('finds a BUILD_IMAGE sub-job through its parent job: one request, no job type needed', async () => {
    const found = await client.findSubJob(ref(build), signal());
    assert.equal(found?.id, build.id);
    assert.equal(found?.jobType, 'BUILD_IMAGE');
    assert.deepEqual(sent(), [`image-server-jobs/${build.job_id}`]);
  });

  it('finds a sub-job without a job type through its parent job', async () => {
    const found = await client.findSubJob({ id: bare.id, jobType: '', jobId: bare.job_id }, signal());
    assert.equal(found?.id, bare.id);
    assert.equal(found?.jobType, '');
    assert.equal(found?.status, 'FAILED');
    assert.deepEqual(sent(), [`image-server-jobs/${bare.job_id}`]);
  });

  it('keeps the listedAs of the ref on what it finds in the job', async () => {
    const found = await client.findSubJob(ref(build, { listedAs: 'CREATE_SERVER_IMAGE' }), signal());
    assert.equal(found?.listedAs, 'CREATE_SERVER_IMAGE');
  });

  it('without a parent job id, pages the job type it was listed under', async () => {
    const found = await client.findSubJob(
      { id: build.id, jobType: 'BUILD_IMAGE', jobId: '', listedAs: 'CREATE_SERVER_IMAGE' },
      signal(),
    );
    assert.equal(found?.id, build.id);
    assert.equal(found?.listedAs, 'CREATE_SERVER_IMAGE');
    if (order === 'newest')
      assert.deepEqual(sent(), ['image-server-sub-jobs?job_type=CREATE_SERVER_IMAGE&offset=0&limit=100']);
    else assert.deepEqual(shapes(), ['image-server-sub-jobs?job_type=CREATE_SERVER_IMAGE']);
  });

  it('without a parent job id or listedAs, pages every query job type and finds a BUILD_IMAGE sub-job', async () => {
    const found = await client.findSubJob({ id: build.id, jobType: 'BUILD_IMAGE', jobId: '' }, signal());
    assert.equal(found?.id, build.id);
    assert.equal(found?.listedAs, 'CREATE_SERVER_IMAGE');
    assert.deepEqual(
      new Set(sent().map((p) => new URLSearchParams(p.split('?')[1]).get('job_type'))),
      new Set(JOB_TYPES),
    );
  });

  it('without a parent job id or listedAs, finds a sub-job with no job type', async () => {
    const found = await client.findSubJob({ id: bare.id, jobType: '', jobId: '' }, signal());
    assert.equal(found?.id, bare.id);
    assert.equal(found?.listedAs, 'DELETE_SERVER');
  });

  it('uses its own job type when the query takes it', async () => {
    const plain = simulator.subJobs().find((s) => s.job_type === 'DELETE_SERVER' && s.status === 'RUNNING')!;
    const found = await client.findSubJob({ id: plain.id, jobType: plain.job_type, jobId: '' }, signal());
    assert.equal(found?.id, plain.id);
    assert.ok(
      sent().every((p) => p.includes('job_type=DELETE_SERVER&')),
      sent().join(' '),
    );
  });

  it('narrows by a finished status first, and widens when the sub-job is not there', async () => {
    const done = simulator.subJobs().find((s) => s.job_type === 'CREATE_SERVER' && s.status === 'SUCCESS')!;
    const found = await client.findSubJob(
      { id: done.id, jobType: done.job_type, jobId: '', status: 'SUCCESS' },
      signal(),
    );
    assert.equal(found?.status, 'SUCCESS');
    if (order === 'newest')
      assert.deepEqual(sent(), ['image-server-sub-jobs?job_type=CREATE_SERVER&offset=0&limit=100&status=SUCCESS']);
    else assert.deepEqual(shapes(), ['image-server-sub-jobs?job_type=CREATE_SERVER&status=SUCCESS']);

    mark = simulator.requests.length;
    simulator.setStatus(done.id, 'FAILED');
    const moved = await client.findSubJob(
      { id: done.id, jobType: done.job_type, jobId: '', status: 'SUCCESS' },
      signal(),
    );
    assert.equal(moved?.status, 'FAILED');
    assert.ok(
      sent().some((p) => !p.includes('status=')),
      'looked without the status filter too',
    );
  });

  it('falls back to listing when the job call answers 404, and asks the job call again next time', async () => {
    simulator.failNext(1, 404, {
      error_code: 'APIGW.0101',
      error_msg: 'The API does not exist or has not been published in the environment',
    });
    const found = await client.findSubJob(ref(build), signal());
    assert.equal(found?.id, build.id);
    assert.equal(found?.jobType, 'BUILD_IMAGE');
    const calls = sent();
    assert.equal(calls[0], `image-server-jobs/${build.job_id}`);
    assert.equal(simulator.requests[mark].status, 404);
    assert.ok(
      calls.slice(1).every((p) => p.startsWith('image-server-sub-jobs?') && p.includes(`job_id=${build.job_id}`)),
      calls.join(' '),
    );
    // A 404 may only mean that one job is gone: the next look-up asks for its job again.
    mark = simulator.requests.length;
    assert.equal((await client.findSubJob(ref(build), signal()))?.id, build.id);
    assert.deepEqual(sent(), [`image-server-jobs/${build.job_id}`]);
  });

  it('falls back to listing a sub-job without a job type when the job call answers 404', async () => {
    simulator.failNext(1, 404);
    const found = await client.findSubJob({ id: bare.id, jobType: '', jobId: bare.job_id }, signal());
    assert.equal(found?.id, bare.id);
  });

  it('a sub-job that is gone is undefined, never an error', async () => {
    assert.equal(
      await client.findSubJob({ id: '1', jobType: 'GENERATE_IMAGE', jobId: 'no-such-job' }, signal()),
      undefined,
    );
    assert.equal(await client.findSubJob({ id: '1', jobType: '', jobId: '' }, signal()), undefined);
    assert.equal(
      await client.findSubJob({ id: '1', jobType: 'DELETE_IMAGE', jobId: build.job_id }, signal()),
      undefined,
    );
  });

  for (const status of [401, 429, 500, 503]) {
    it(`a ${status} from the job call is reported, not hidden by a fallback, and not taken for an unavailable call`, async () => {
      simulator.failNext(1, status);
      const error = await client.findSubJob(ref(build), signal()).catch((e: unknown) => e);
      assert.ok(error instanceof ApiError, String(error));
      assert.equal(error.status, status);
      assert.equal(sent().length, 1);
      mark = simulator.requests.length;
      assert.equal((await client.findSubJob(ref(build), signal()))?.id, build.id);
      assert.deepEqual(sent(), [`image-server-jobs/${build.job_id}`], 'the job call is asked again');
    });
  }
});

describe('findSubJob where ShowImageJob is unavailable', () => {
  /** A client of its own: what it remembers about ShowImageJob must not leak into other tests. */
  let own: SubJobClient;
  beforeEach(() => {
    own = tokenClient(simulator, simulator.token);
  });
  afterEach(() => own.close());

  const unavailable: ReadonlyArray<{ name: string; fail(): void }> = [
    {
      name: '403',
      fail: () =>
        simulator.failNext(1, 403, {
          error_code: 'APIGW.0302',
          error_msg: 'The IAM user is not authorized to access the API',
        }),
    },
    {
      name: '405',
      fail: () => simulator.failNext(1, 405, { error_code: 'APIGW.0106', error_msg: 'Method not allowed' }),
    },
    {
      name: '501',
      fail: () => simulator.failNext(1, 501, { error_code: 'WKS.00000501', error_msg: 'Not implemented' }),
    },
    { name: 'a body that is not a job ([])', fail: () => simulator.failNext(1, 200, '[]') },
    {
      name: 'a body that is not JSON',
      fail: () => simulator.failNext(1, 200, '<html><body>Gateway</body></html>', { 'content-type': 'text/html' }),
    },
    {
      name: 'a job whose sub_jobs is not an array',
      fail: () => simulator.failNext(1, 200, { id: 'x', sub_jobs: 'none' }),
    },
  ];

  for (const answer of unavailable) {
    it(`after ${answer.name} from ShowImageJob, looks in the listings, and skips ShowImageJob from then on`, async () => {
      answer.fail();
      const found = await own.findSubJob(ref(build), signal());
      assert.equal(found?.id, build.id);
      assert.equal(found?.jobType, 'BUILD_IMAGE');
      const calls = sent();
      assert.equal(calls[0], `image-server-jobs/${build.job_id}`);
      assert.ok(
        calls.slice(1).length > 0 && calls.slice(1).every((p) => p.startsWith('image-server-sub-jobs?')),
        calls.join(' '),
      );

      mark = simulator.requests.length;
      const again = await own.findSubJob({ id: bare.id, jobType: '', jobId: bare.job_id }, signal());
      assert.equal(again?.id, bare.id);
      assert.ok(sent().length > 0 && sent().every((p) => p.startsWith('image-server-sub-jobs?')), sent().join(' '));
    });
  }

  it('a 400 from ShowImageJob (an unknown or deleted job) is about that job only: the next look-up asks ShowImageJob again', async () => {
    simulator.setFaults({ unknownJobStatus: 400 });
    try {
      const gone = simulator.addSubJob({ status: 'SUCCESS' }, { listedUnder: 'CREATE_SERVER' });
      const found = await own.findSubJob({ ...ref(gone), jobId: 'a-deleted-job' }, signal());
      assert.equal(found, undefined, 'no listing holds it under that parent job');
      const calls = sent();
      assert.equal(calls[0], 'image-server-jobs/a-deleted-job');
      assert.equal(simulator.requests[mark]!.status, 400);
      assert.ok(
        calls.slice(1).every((p) => p.startsWith('image-server-sub-jobs?')),
        calls.join(' '),
      );

      mark = simulator.requests.length;
      assert.equal((await own.findSubJob(ref(build), signal()))?.id, build.id);
      assert.deepEqual(sent(), [`image-server-jobs/${build.job_id}`], 'ShowImageJob is still asked');
    } finally {
      simulator.clearFaults();
    }
  });

  it('another client still asks ShowImageJob: what one client learnt stays with it', async () => {
    simulator.failNext(1, 405);
    await own.findSubJob(ref(build), signal());
    mark = simulator.requests.length;
    assert.equal((await client.findSubJob(ref(build), signal()))?.id, build.id);
    assert.deepEqual(sent(), [`image-server-jobs/${build.job_id}`]);
  });
});

describe('parseImageJob', () => {
  it('a numeric job id beyond 2^53 is replaced by the id asked for, not kept with lost digits', () => {
    const body = JSON.parse('{"id":702364884037271553,"sub_jobs":[{"id":"702364884037271560","status":"RUNNING"}]}');
    const job = parseImageJob(body, '702364884037271553');
    assert.equal(job.id, '702364884037271553');
    assert.equal(job.subJobs[0].jobId, '702364884037271553');
    assert.equal(parseImageJob({ id: 42, sub_jobs: [] }, '7').id, '42');
  });
});
