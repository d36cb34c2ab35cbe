import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ACTIVE_STATUSES, JOB_TYPES, STATUSES, SubJobStatus } from '../../../src/model/subJob';
import { DEFAULT_PROJECT_ID, generateSubJobs } from '../../../src/simulator/dataset';
import { compareNewestFirst, formatTime } from '../../../src/simulator/rawSubJob';

const ANCHOR = Date.parse('2026-03-07T10:40:43.858Z');
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,6})?Z$/;
const FAILURE_STATUSES: readonly string[] = ['FAILED', 'ABNORMAL', 'ROLLBACK'];

describe('generateSubJobs', () => {
  const sample = generateSubJobs({ anchor: ANCHOR });
  const subJobs = sample.map((s) => s.subJob);

  it('makes 40 sub-jobs by default, with all seven statuses and all three job types', () => {
    assert.equal(sample.length, 40);
    assert.deepEqual(new Set(subJobs.map((s) => s.status)), new Set(STATUSES));
    assert.deepEqual(new Set(subJobs.map((s) => s.job_type)), new Set(JOB_TYPES));
  });

  it('shows all seven statuses from seven sub-jobs up, whatever the seed', () => {
    for (let seed = 1; seed <= 20; seed++) {
      const statuses = new Set(generateSubJobs({ seed, size: 7, anchor: ANCHOR }).map((s) => s.subJob.status));
      assert.equal(statuses.size, 7, `seed ${seed}`);
    }
  });

  it('gives unique 18-digit string ids and 18-digit parent job ids', () => {
    assert.equal(new Set(subJobs.map((s) => s.id)).size, subJobs.length);
    for (const subJob of subJobs) {
      assert.match(subJob.id, /^[1-9]\d{17}$/);
      assert.match(subJob.job_id, /^[1-9]\d{17}$/);
    }
  });

  it('groups sub-jobs under parent jobs of a single job type', () => {
    const typesByJob = new Map<string, Set<string>>();
    for (const s of subJobs) typesByJob.set(s.job_id, (typesByJob.get(s.job_id) ?? new Set()).add(s.job_type));
    assert.ok(typesByJob.size < subJobs.length, 'some parent job has several sub-jobs');
    for (const types of typesByJob.values()) assert.equal(types.size, 1);
  });

  it('fills resource info realistically: UUID ids, names like img-build-ubuntu22-03 or dev-desktop-07', () => {
    for (const { job_resource_info: resource, job_type } of subJobs) {
      assert.match(resource.resource_id, UUID);
      assert.match(
        resource.resource_name,
        job_type === 'CREATE_SERVER_IMAGE' ? /^img-[a-z0-9-]+-\d{2,}$/ : /^[a-z][a-z0-9-]+-\d{2,}$/,
      );
    }
  });

  it('writes ISO-8601 UTC times, begun before the anchor; end time empty exactly while active', () => {
    for (const s of subJobs) {
      assert.match(s.begin_time, ISO);
      assert.ok(Date.parse(s.begin_time) < ANCHOR);
      const active = (ACTIVE_STATUSES as readonly string[]).includes(s.status);
      if (active) assert.equal(s.end_time, '', `${s.status} ${s.id}`);
      else {
        assert.match(s.end_time, ISO);
        assert.ok(Date.parse(s.end_time) >= Date.parse(s.begin_time) && Date.parse(s.end_time) <= ANCHOR);
      }
    }
  });

  it('varies the number of fractional digits, as the service does', () => {
    const digits = new Set(
      generateSubJobs({ size: 500, anchor: ANCHOR }).flatMap(({ subJob }) =>
        [subJob.begin_time, subJob.end_time].filter(Boolean).map((t) => /\.(\d+)Z$/.exec(t)?.[1].length ?? 0),
      ),
    );
    assert.ok(digits.size >= 3, `fraction lengths seen: ${[...digits].join(', ')}`);
  });

  it('carries a WKS failure exactly on failed, abnormal and rolling-back sub-jobs', () => {
    for (const { status, job_execute_info: info } of subJobs) {
      if (FAILURE_STATUSES.includes(status)) {
        assert.match(info.error_code, /^WKS\.\d{8}$/);
        assert.ok(info.error_message.length > 10);
      } else assert.deepEqual(info, { error_code: '', error_message: '' });
    }
  });

  it('uses the given project id, the sample one by default', () => {
    assert.ok(subJobs.every((s) => s.project_id === DEFAULT_PROJECT_ID));
    assert.ok(generateSubJobs({ projectId: 'p1', size: 3 }).every((s) => s.subJob.project_id === 'p1'));
  });

  it('plans progression exactly for the active sub-jobs, after the anchor', () => {
    for (const { subJob, plan } of sample) {
      const active = (ACTIVE_STATUSES as readonly SubJobStatus[]).includes(subJob.status as SubJobStatus);
      assert.equal(plan !== undefined, active, subJob.status);
      if (plan) {
        assert.ok(plan.endsAt > ANCHOR);
        assert.equal(plan.runningAt !== undefined, subJob.status === 'WAITING');
        if (plan.outcome === 'FAILED') assert.match(plan.failure?.code ?? '', /^WKS\./);
      }
    }
  });

  it('orders newest begin time first', () => {
    for (let i = 1; i < sample.length; i++) assert.ok(compareNewestFirst(sample[i - 1], sample[i]) < 0);
  });

  it('is deterministic: the same seed and anchor give the same data, another seed other data', () => {
    assert.deepEqual(generateSubJobs({ seed: 42, anchor: ANCHOR }), generateSubJobs({ seed: 42, anchor: ANCHOR }));
    assert.notDeepEqual(generateSubJobs({ seed: 42, anchor: ANCHOR }), generateSubJobs({ seed: 43, anchor: ANCHOR }));
  });

  it('handles empty and tiny sizes, and refuses nonsense', () => {
    assert.deepEqual(generateSubJobs({ size: 0 }), []);
    assert.equal(generateSubJobs({ size: 1 }).length, 1);
    assert.throws(() => generateSubJobs({ size: -1 }), RangeError);
    assert.throws(() => generateSubJobs({ size: 1.5 }), RangeError);
  });

  // How fast it generates is npm run bench's to report, not a test's to assert.
  it('generates 50,000 sub-jobs with unique ids, spread over about a month', () => {
    const big = generateSubJobs({ size: 50_000, anchor: ANCHOR });
    assert.equal(big.length, 50_000);
    assert.equal(new Set(big.map((s) => s.subJob.id)).size, 50_000);
    const oldest = big[big.length - 1].beginMs;
    assert.ok(ANCHOR - oldest < 60 * 86_400_000, 'history stays within two months');
    assert.deepEqual(new Set(big.map((s) => s.subJob.status)), new Set(STATUSES));
  });
});

describe('formatTime', () => {
  it('drops trailing zeros of the fraction, and the fraction on a whole second', () => {
    assert.equal(formatTime(Date.parse('2022-03-07T10:40:43.858Z')), '2022-03-07T10:40:43.858Z');
    assert.equal(formatTime(Date.parse('2022-03-07T10:40:43.610Z')), '2022-03-07T10:40:43.61Z');
    assert.equal(formatTime(Date.parse('2022-03-07T10:40:43.000Z')), '2022-03-07T10:40:43Z');
  });

  it('can add microseconds', () => {
    assert.equal(formatTime(Date.parse('2022-03-07T10:40:43.600Z'), '042'), '2022-03-07T10:40:43.600042Z');
  });
});
