import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { JOB_TYPES } from '../../../src/model/subJob';
import { RunningSimulator, startSimulator } from '../../../src/simulator/server';

const START = Date.parse('2026-03-07T10:40:43.858Z');

interface Reply {
  readonly status: number;
  readonly headers: Headers;
  readonly body: Record<string, unknown>;
  readonly text: string;
}

async function call(
  sim: RunningSimulator,
  pathAndQuery: string,
  init: { token?: string | null; method?: string } = {},
): Promise<Reply> {
  const headers: Record<string, string> = {};
  const token = init.token === undefined ? sim.token : init.token;
  if (token !== null) headers['X-Auth-Token'] = token;
  const response = await fetch(`${sim.url}${pathAndQuery}`, { method: init.method ?? 'GET', headers });
  const text = await response.text();
  let body: Record<string, unknown> = {};
  try {
    body = JSON.parse(text) as Record<string, unknown>;
  } catch {
    // Injected bodies may be anything; `text` has them.
  }
  return { status: response.status, headers: response.headers, body, text };
}

const subJobsPath = (sim: RunningSimulator, query = '') => `/v1/${sim.projectId}/image-server-sub-jobs${query}`;
const countPath = (sim: RunningSimulator, query = '') =>
  `/v1/${sim.projectId}/image-server-sub-jobs/actions/count${query}`;

/** Every sub-job of a job type, paged the way the extension pages. */
async function listAll(
  sim: RunningSimulator,
  jobType: string,
  limit: number,
  filter = '',
): Promise<{ ids: string[]; counts: number[] }> {
  const ids: string[] = [];
  const counts: number[] = [];
  for (let offset = 0; ; offset += limit) {
    const reply = await call(sim, subJobsPath(sim, `?job_type=${jobType}&offset=${offset}&limit=${limit}${filter}`));
    assert.equal(reply.status, 200);
    const items = reply.body.items as Array<{ id: string }>;
    counts.push(reply.body.count as number);
    ids.push(...items.map((item) => item.id));
    if (items.length < limit) return { ids, counts };
  }
}

describe('simulator server', () => {
  let sim: RunningSimulator;
  before(async () => {
    sim = await startSimulator({ seed: 7, size: 230, now: () => START, progress: false });
  });
  after(() => sim.close());

  it('listens on a random loopback port, with the sample project and token by default', () => {
    assert.match(sim.url, /^http:\/\/127\.0\.0\.1:\d+$/);
    assert.equal(sim.projectId, '0a1b2c3d4e5f60718293a4b5c6d7e8f9');
    assert.equal(sim.token, 'sample-token');
  });

  it('answers a list call with {count, items} and JSON headers with a request id', async () => {
    const reply = await call(sim, subJobsPath(sim, '?job_type=CREATE_SERVER'));
    assert.equal(reply.status, 200);
    assert.equal(reply.headers.get('content-type'), 'application/json;charset=UTF-8');
    assert.match(reply.headers.get('x-request-id') ?? '', /^[0-9a-f]{32}$/);
    const items = reply.body.items as Array<{ job_type: string }>;
    assert.equal(items.length, 10, 'default limit');
    assert.ok(items.every((item) => item.job_type === 'CREATE_SERVER'));
    assert.equal(reply.body.count, sim.subJobs().filter((s) => s.job_type === 'CREATE_SERVER').length);
  });

  describe('validation', () => {
    const cases: Array<[string, string, string]> = [
      ['missing job_type', '', 'job_type'],
      ['unknown job_type', '?job_type=BUILD_IMAGE', 'job_type'],
      ['limit 0', '?job_type=CREATE_SERVER&limit=0', 'limit'],
      ['limit 101', '?job_type=CREATE_SERVER&limit=101', 'limit'],
      ['unknown status', '?job_type=CREATE_SERVER&status=DONE', 'status'],
      ['negative offset', '?job_type=CREATE_SERVER&offset=-1', 'offset'],
      ['offset past the int range', '?job_type=CREATE_SERVER&offset=2147483648', 'offset'],
      ['job_id over 128 characters', `?job_type=CREATE_SERVER&job_id=${'9'.repeat(129)}`, 'job_id'],
    ];
    for (const [name, query, parameter] of cases) {
      it(`answers 400 with a WKS body naming ${parameter} for ${name}`, async () => {
        const reply = await call(sim, subJobsPath(sim, query));
        assert.equal(reply.status, 400);
        assert.equal(reply.body.error_code, 'WKS.00211102');
        assert.match(reply.body.error_msg as string, new RegExp(`^Invalid parameter: ${parameter}\\b`));
        assert.match(reply.headers.get('x-request-id') ?? '', /^[0-9a-f]{32}$/);
      });
    }

    it('validates the count call too', async () => {
      const reply = await call(sim, countPath(sim, '?job_type=CREATE_SERVER,NOPE'));
      assert.equal(reply.status, 400);
      assert.match(reply.body.error_msg as string, /job_type/);
    });
  });

  describe('authentication', () => {
    for (const [name, token, detail] of [
      ['no token', null, /x-auth-token not found/],
      ['a wrong token', 'stolen-token', /verify token fail/],
    ] as const) {
      it(`answers 401 APIGW.0301 with the request id for ${name}`, async () => {
        const reply = await call(sim, subJobsPath(sim, '?job_type=CREATE_SERVER'), { token });
        assert.equal(reply.status, 401);
        assert.equal(reply.body.error_code, 'APIGW.0301');
        assert.match(reply.body.error_msg as string, /^Incorrect IAM authentication information: /);
        assert.match(reply.body.error_msg as string, detail);
        assert.equal(reply.body.request_id, reply.headers.get('x-request-id'));
      });
    }

    it('checks the token before the parameters', async () => {
      assert.equal((await call(sim, subJobsPath(sim), { token: null })).status, 401);
    });

    it('refuses a signature without X-Sdk-Date', async () => {
      const response = await fetch(`${sim.url}${subJobsPath(sim, '?job_type=CREATE_SERVER')}`, {
        headers: { Authorization: 'SDK-HMAC-SHA256 Access=AK, SignedHeaders=host;x-sdk-date, Signature=00' },
      });
      assert.equal(response.status, 401);
      assert.match(((await response.json()) as { error_msg: string }).error_msg, /aksk/);
    });
  });

  describe('routing', () => {
    it('answers 403 with a WKS body for another project', async () => {
      const reply = await call(
        sim,
        '/v1/ffffffffffffffffffffffffffffffff/image-server-sub-jobs?job_type=CREATE_SERVER',
      );
      assert.equal(reply.status, 403);
      assert.match(reply.body.error_code as string, /^WKS\./);
    });

    it('answers 404 for an unknown path, even without a token', async () => {
      for (const path of [
        '/',
        `/v1/${sim.projectId}/image-server-jobs`,
        `${subJobsPath(sim)}/`,
        '/v2/x/image-server-sub-jobs',
      ]) {
        const reply = await call(sim, path, { token: null });
        assert.equal(reply.status, 404, path);
        assert.equal(typeof reply.body.error_code, 'string');
        assert.equal(typeof reply.body.error_msg, 'string');
      }
    });

    it('answers 405 for another method', async () => {
      const reply = await call(sim, subJobsPath(sim, '?job_type=CREATE_SERVER'), { method: 'POST' });
      assert.equal(reply.status, 405);
      assert.match(reply.body.error_code as string, /^WKS\./);
      assert.equal(reply.headers.get('allow'), 'GET');
    });
  });

  describe('paging', () => {
    for (const limit of [1, 7, 10, 100]) {
      it(`covers every sub-job of each job type exactly once with limit ${limit}`, async () => {
        for (const jobType of JOB_TYPES) {
          const expected = sim
            .subJobs()
            .filter((s) => s.job_type === jobType)
            .map((s) => s.id);
          const { ids, counts } = await listAll(sim, jobType, limit);
          assert.deepEqual(ids, expected, 'all of them, in list order');
          assert.ok(
            counts.every((c) => c === expected.length),
            'count is the total on every page',
          );
        }
      });
    }

    it('orders newest begin time first', async () => {
      const items = (await call(sim, subJobsPath(sim, '?job_type=CREATE_SERVER&limit=100'))).body.items as Array<{
        begin_time: string;
      }>;
      for (let i = 1; i < items.length; i++)
        assert.ok(Date.parse(items[i - 1].begin_time) >= Date.parse(items[i].begin_time));
    });

    it('answers an empty page past the end, still with the count', async () => {
      const reply = await call(sim, subJobsPath(sim, '?job_type=DELETE_SERVER&offset=2147483647&limit=100'));
      assert.equal(reply.status, 200);
      assert.deepEqual(reply.body.items, []);
      assert.ok((reply.body.count as number) > 0);
    });

    it('filters by status and by parent job id', async () => {
      const failed = await listAll(sim, 'CREATE_SERVER', 100, '&status=FAILED');
      assert.deepEqual(
        failed.ids,
        sim
          .subJobs()
          .filter((s) => s.job_type === 'CREATE_SERVER' && s.status === 'FAILED')
          .map((s) => s.id),
      );
      const parent = sim.subJobs().find((s) => s.job_type === 'CREATE_SERVER')!.job_id;
      const children = await listAll(sim, 'CREATE_SERVER', 100, `&job_id=${parent}`);
      assert.deepEqual(
        children.ids,
        sim
          .subJobs()
          .filter((s) => s.job_id === parent)
          .map((s) => s.id),
      );
    });
  });

  describe('count call', () => {
    const total = (jobTypes: readonly string[], status?: string) =>
      sim.subJobs().filter((s) => jobTypes.includes(s.job_type) && (!status || s.status === status)).length;

    it('counts all three job types when job_type is absent', async () => {
      const reply = await call(sim, countPath(sim));
      assert.equal(reply.status, 200);
      assert.deepEqual(reply.body, { count: 230 });
    });

    it('counts a comma-separated list of job types', async () => {
      const reply = await call(sim, countPath(sim, '?job_type=CREATE_SERVER,DELETE_SERVER'));
      assert.deepEqual(reply.body, { count: total(['CREATE_SERVER', 'DELETE_SERVER']) });
    });

    it('counts by status, matching the list call', async () => {
      const reply = await call(sim, countPath(sim, '?job_type=CREATE_SERVER_IMAGE&status=SUCCESS'));
      const listed = await call(sim, subJobsPath(sim, '?job_type=CREATE_SERVER_IMAGE&status=SUCCESS'));
      assert.equal(reply.body.count, total(['CREATE_SERVER_IMAGE'], 'SUCCESS'));
      assert.equal(reply.body.count, listed.body.count);
    });
  });

  it('records requests, with credentials redacted', async () => {
    const before = sim.requests.length;
    await call(sim, subJobsPath(sim, '?job_type=DELETE_SERVER&limit=3'));
    const recorded = sim.requests[sim.requests.length - 1];
    assert.equal(sim.requests.length, before + 1);
    assert.equal(recorded.method, 'GET');
    assert.equal(recorded.path, subJobsPath(sim));
    assert.deepEqual(recorded.query, { job_type: 'DELETE_SERVER', limit: '3' });
    assert.equal(recorded.status, 200);
    assert.equal(recorded.time, START);
    assert.match(recorded.requestId, /^[0-9a-f]{32}$/);
    assert.equal(recorded.headers['x-auth-token'], '[redacted]');
  });
});

describe('simulator test hooks', () => {
  let sim: RunningSimulator;
  before(async () => {
    sim = await startSimulator({
      seed: 3,
      now: () => START,
      progress: false,
      token: 'test-token',
      projectId: 'proj-1',
    });
  });
  after(() => sim.close());

  it('uses the given token and project id', async () => {
    assert.equal(sim.token, 'test-token');
    assert.equal((await call(sim, '/v1/proj-1/image-server-sub-jobs?job_type=CREATE_SERVER')).status, 200);
    assert.equal(
      (await call(sim, '/v1/proj-1/image-server-sub-jobs?job_type=CREATE_SERVER', { token: 'sample-token' })).status,
      401,
    );
  });

  it('failNext answers the next n requests with a realistic body, then serves normally', async () => {
    sim.failNext(2, 503);
    const first = await call(sim, subJobsPath(sim, '?job_type=CREATE_SERVER'));
    const second = await call(sim, countPath(sim));
    const third = await call(sim, countPath(sim));
    assert.equal(first.status, 503);
    assert.equal(first.body.error_code, 'WKS.00050902');
    assert.match(first.headers.get('x-request-id') ?? '', /^[0-9a-f]{32}$/);
    assert.equal(second.status, 503);
    assert.equal(third.status, 200);
  });

  it('failNext queues, and sends a given body and headers as they are', async () => {
    sim.failNext(1, 429);
    sim.failNext(1, 502, '<html>Bad Gateway</html>', { 'Content-Type': 'text/html' });
    sim.failNext(1, 200, { count: 'many', items: null });
    const throttled = await call(sim, countPath(sim));
    assert.equal(throttled.status, 429);
    assert.equal(throttled.body.error_code, 'APIGW.0308');
    const proxy = await call(sim, countPath(sim));
    assert.equal(proxy.status, 502);
    assert.equal(proxy.text, '<html>Bad Gateway</html>');
    assert.equal(proxy.headers.get('content-type'), 'text/html');
    const malformed = await call(sim, countPath(sim));
    assert.deepEqual(malformed.body, { count: 'many', items: null });
    assert.equal((await call(sim, countPath(sim))).status, 200);
    assert.deepEqual(
      sim.requests.slice(-4).map((r) => r.status),
      [429, 502, 200, 200],
    );
  });

  it('setStatus changes what the API answers, with a failure reason', async () => {
    const target = sim.subJobs().find((s) => s.status === 'SUCCESS')!;
    sim.setStatus(target.id, 'FAILED', { code: 'WKS.00130305', message: 'The subnet has no available IP addresses.' });
    const reply = await call(sim, subJobsPath(sim, `?job_type=${target.job_type}&status=FAILED&limit=100`));
    const item = (reply.body.items as Array<{ id: string; job_execute_info: unknown; end_time: string }>).find(
      (i) => i.id === target.id,
    );
    assert.ok(item, 'listed under FAILED');
    assert.deepEqual(item.job_execute_info, {
      error_code: 'WKS.00130305',
      error_message: 'The subnet has no available IP addresses.',
    });
    assert.equal(item.end_time, target.end_time, 'a finished sub-job keeps its end time');
  });

  it('setStatus to an active status clears the end time and the failure; unknown ids throw', () => {
    const target = sim.subJobs().find((s) => s.status === 'FAILED')!;
    sim.setStatus(target.id, 'RUNNING');
    const now = sim.subJobs().find((s) => s.id === target.id)!;
    assert.equal(now.end_time, '');
    assert.deepEqual(now.job_execute_info, { error_code: '', error_message: '' });
    assert.throws(() => sim.setStatus('1', 'SUCCESS'), /no sub-job/);
  });

  it('addSubJob adds a realistic sub-job at the top of the list; removeAll empties the service', async () => {
    const added = sim.addSubJob({ job_type: 'DELETE_SERVER' });
    assert.match(added.id, /^\d{18}$/);
    assert.equal(added.status, 'WAITING');
    assert.equal(added.project_id, 'proj-1');
    assert.equal(Date.parse(added.begin_time), START);
    const top = await call(sim, subJobsPath(sim, '?job_type=DELETE_SERVER&limit=1'));
    assert.equal((top.body.items as Array<{ id: string }>)[0].id, added.id);
    assert.throws(() => sim.addSubJob({ id: added.id }), /already/);

    sim.removeAll();
    assert.deepEqual((await call(sim, countPath(sim))).body, { count: 0 });
    assert.deepEqual((await call(sim, subJobsPath(sim, '?job_type=DELETE_SERVER'))).body, { count: 0, items: [] });
    const again = sim.addSubJob({ status: 'FAILED' });
    assert.ok(BigInt(again.id) > BigInt(added.id), 'ids keep growing');
    assert.match(again.job_execute_info.error_code, /^WKS\./);
    assert.notEqual(again.end_time, '');
  });
});

describe('simulator latency and shutdown', () => {
  it('delays each answer by latencyMs', async () => {
    const sim = await startSimulator({ size: 5, latencyMs: 150 });
    try {
      const started = performance.now();
      assert.equal((await call(sim, countPath(sim))).status, 200);
      assert.ok(performance.now() - started >= 140);
    } finally {
      await sim.close();
    }
  });

  it('closes promptly with idle keep-alive connections, and listens on a fixed port when asked', async () => {
    const first = await startSimulator({ size: 5 });
    await call(first, countPath(first));
    await call(first, countPath(first));
    const port = Number(new URL(first.url).port);
    const started = performance.now();
    await first.close();
    // Waiting for the idle sockets would take Node's keep-alive timeout, 5 s; far less means they were closed.
    assert.ok(performance.now() - started < 4000, `closed in ${performance.now() - started} ms`);
    const second = await startSimulator({ size: 5, port });
    assert.equal(second.url, `http://127.0.0.1:${port}`);
    await second.close();
  });
});
