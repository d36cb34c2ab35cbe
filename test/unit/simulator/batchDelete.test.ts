import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { sign } from '../../../src/api/akskSigner';
import { DEFAULT_IAM_USER, RunningSimulator, startSimulator } from '../../../src/simulator/server';

const START = Date.parse('2026-03-07T10:40:43.858Z');
const KEY = { ak: 'DELAK1234567890ABCDE', sk: 'sk-for-the-batch-delete-tests-0123456789' };

interface Reply {
  readonly status: number;
  readonly headers: Headers;
  readonly body: Record<string, unknown>;
  readonly text: string;
}

let sim: RunningSimulator;

before(async () => {
  sim = await startSimulator({ now: () => START, progress: false, size: 0, accessKeys: [KEY] });
});
after(() => sim.close());
beforeEach(() => sim.removeAll());

const deletePath = (projectId = sim.projectId) => `/v1/${projectId}/image-server-sub-jobs/actions/batch-delete`;

async function call(
  body: unknown,
  init: { token?: string | null; method?: string; path?: string; headers?: Record<string, string> } = {},
): Promise<Reply> {
  const headers: Record<string, string> = { 'Content-Type': 'application/json', ...init.headers };
  const token = init.token === undefined ? sim.token : init.token;
  if (token !== null) headers['X-Auth-Token'] = token;
  const method = init.method ?? 'PATCH';
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  const response = await fetch(`${sim.url}${init.path ?? deletePath()}`, {
    method,
    headers,
    ...(method !== 'GET' && { body: text }),
  });
  const answer = await response.text();
  let parsed: Record<string, unknown> = {};
  try {
    parsed = JSON.parse(answer) as Record<string, unknown>;
  } catch {
    // A success has no body at all; `text` shows it.
  }
  return { status: response.status, headers: response.headers, body: parsed, text: answer };
}

/** Sub-jobs in the given statuses, newest first as the simulator lists them. */
function add(...statuses: string[]): string[] {
  return statuses.map((status) => sim.addSubJob({ status, job_type: 'CREATE_SERVER_IMAGE' }).id);
}

const ids = () =>
  sim
    .subJobs()
    .map((s) => s.id)
    .sort();
const sorted = (list: string[]) => [...list].sort();

function assertInvalid(reply: Reply, detail: RegExp): void {
  assert.equal(reply.status, 400, reply.text);
  assert.equal(reply.body.error_code, 'WKS.00211102');
  assert.match(reply.body.error_msg as string, /^Invalid parameter: items/);
  assert.match(reply.body.error_msg as string, detail);
}

describe('BatchDeleteImageSubJobs in the simulator', () => {
  it('deletes finished sub-jobs and answers 200 with an empty body; listings, counts and jobs reflect it at once', async () => {
    const [success, failed, kept] = add('SUCCESS', 'FAILED', 'SUCCESS');
    const parent = sim.subJob(success)!.job_id;
    const reply = await call({ items: [success, failed] });
    assert.equal(reply.status, 200);
    assert.equal(reply.text, '');
    assert.equal(reply.headers.get('content-length'), '0');
    assert.deepEqual(ids(), [kept]);
    assert.equal(sim.subJob(success), undefined);
    assert.equal(sim.subJob(kept)?.status, 'SUCCESS');

    const headers = { 'X-Auth-Token': sim.token };
    const count = await fetch(`${sim.url}/v1/${sim.projectId}/image-server-sub-jobs/actions/count`, { headers });
    assert.deepEqual(await count.json(), { count: 1 });
    const list = await fetch(`${sim.url}/v1/${sim.projectId}/image-server-sub-jobs?job_type=CREATE_SERVER_IMAGE`, {
      headers,
    });
    assert.deepEqual(
      ((await list.json()) as { items: Array<{ id: string }> }).items.map((i) => i.id),
      [kept],
    );
    const job = await fetch(`${sim.url}/v1/${sim.projectId}/image-server-jobs/${parent}`, { headers });
    assert.equal(job.status, 404, 'a job whose only sub-job was deleted is gone');
  });

  it('takes 20 ids in one call', async () => {
    const twenty = add(...Array<string>(20).fill('SUCCESS'));
    assert.equal((await call({ items: twenty })).status, 200);
    assert.deepEqual(ids(), []);
  });

  it('ignores unknown ids and deletes the known ones', async () => {
    const [known] = add('FAILED');
    const reply = await call({ items: ['999999999999999999', known, 'not-an-id'] });
    assert.equal(reply.status, 200);
    assert.deepEqual(ids(), []);
    assert.equal((await call({ items: ['123'] })).status, 200, 'only unknown ids: nothing to do, still a success');
  });

  for (const active of ['WAITING', 'RUNNING', 'ABNORMAL', 'ROLLBACK', 'ABORTING']) {
    it(`refuses the whole call, naming the sub-job and its status, when one is ${active}`, async () => {
      const [done, busy, alsoDone] = add('SUCCESS', active, 'FAILED');
      const reply = await call({ items: [done, busy, alsoDone] });
      assert.equal(reply.status, 400);
      assert.match(reply.body.error_code as string, /^WKS\.\d{8}$/);
      assert.ok((reply.body.error_msg as string).includes(`"${busy}" is ${active}`), reply.body.error_msg as string);
      assert.deepEqual(ids(), sorted([done, busy, alsoDone]), 'nothing deleted');
    });
  }

  it('checks the status the sub-job has now, so one that finished meanwhile can go', async () => {
    const [id] = add('RUNNING');
    assert.equal((await call({ items: [id] })).status, 400);
    sim.setStatus(id, 'SUCCESS');
    assert.equal((await call({ items: [id] })).status, 200);
    assert.deepEqual(ids(), []);
  });

  it('lets generated sub-jobs finish by the clock before judging them: one that ended meanwhile can go', async () => {
    let now = START;
    const moving = await startSimulator({ now: () => now, seed: 5, size: 200, token: sim.token });
    try {
      const active = moving
        .subJobs()
        .filter((s) => s.status === 'WAITING' || s.status === 'RUNNING')
        .map((s) => s.id)
        .slice(0, 20);
      assert.ok(active.length > 0, 'the seed has active sub-jobs');
      // No read in between: only the deletion itself can bring them up to date.
      now = START + 60 * 60_000;
      const response = await fetch(`${moving.url}/v1/${moving.projectId}/image-server-sub-jobs/actions/batch-delete`, {
        method: 'PATCH',
        headers: { 'Content-Type': 'application/json', 'X-Auth-Token': moving.token },
        body: JSON.stringify({ items: active }),
      });
      assert.equal(response.status, 200, await response.text());
      assert.ok(active.every((id) => moving.subJob(id) === undefined));
    } finally {
      await moving.close();
    }
  });

  describe('validation: 400 WKS.00211102 naming items, nothing deleted', () => {
    const cases: Array<[string, (id: string) => unknown, RegExp]> = [
      ['a body that is not JSON', () => 'items=1', /not JSON/],
      ['an empty body', () => '', /not JSON/],
      ['a JSON array', (id) => [id], /not a JSON object/],
      ['JSON null', () => null, /not a JSON object/],
      ['no items', (id) => ({ ids: [id] }), /is required/],
      ['items as a string', (id) => ({ items: id }), /must be an array/],
      ['items as an object', (id) => ({ items: { 0: id } }), /must be an array/],
      ['no ids', () => ({ items: [] }), /has 0 ids/],
      ['21 ids', (id) => ({ items: [id, ...Array.from({ length: 20 }, (_, i) => `unknown-${i}`)] }), /has 21 ids/],
      ['a duplicate id', (id) => ({ items: [id, 'other', id] }), /lists "\d+" more than once/],
      ['an empty id', (id) => ({ items: [id, ''] }), /^Invalid parameter: items\[1\] is not a non-empty string/],
      ['a numeric id', (id) => ({ items: [Number(id)] }), /items\[0\] is not a non-empty string/],
      ['a null id', (id) => ({ items: [id, null] }), /items\[1\]/],
    ];
    for (const [name, body, detail] of cases) {
      it(`refuses ${name}`, async () => {
        const [id] = add('SUCCESS');
        assertInvalid(await call(body(id)), detail);
        assert.deepEqual(ids(), [id]);
      });
    }
  });

  describe('gateway', () => {
    for (const method of ['GET', 'POST', 'PUT', 'DELETE']) {
      it(`answers 405 with Allow: PATCH to ${method}, deleting nothing`, async () => {
        const [id] = add('SUCCESS');
        const reply = await call({ items: [id] }, { method });
        assert.equal(reply.status, 405);
        assert.equal(reply.body.error_code, 'WKS.00211105');
        assert.equal(reply.headers.get('allow'), 'PATCH');
        assert.deepEqual(ids(), [id]);
      });
    }

    it('keeps Allow: GET on the read-only routes', async () => {
      const reply = await call(
        {},
        { method: 'PATCH', path: `/v1/${sim.projectId}/image-server-sub-jobs/actions/count` },
      );
      assert.equal(reply.status, 405);
      assert.equal(reply.headers.get('allow'), 'GET');
    });

    it('answers 404 for a near miss of the path', async () => {
      const [id] = add('SUCCESS');
      const nearMisses = [
        `${deletePath()}/`,
        `/v1/${sim.projectId}/image-server-sub-jobs/actions/batchdelete`,
        `/v1/${sim.projectId}/app-server-sub-jobs/actions/batch-delete`,
      ];
      for (const path of nearMisses) {
        assert.equal((await call({ items: [id] }, { path })).status, 404, path);
      }
      assert.deepEqual(ids(), [id]);
    });

    for (const [name, token, detail] of [
      ['no token', null, /x-auth-token not found/],
      ['a wrong token', 'stolen-token', /verify token fail/],
    ] as const) {
      it(`answers 401 for ${name}, before looking at the body`, async () => {
        const [id] = add('SUCCESS');
        for (const body of [{ items: [id] }, 'not json']) {
          const reply = await call(body, { token });
          assert.equal(reply.status, 401);
          assert.equal(reply.body.error_code, 'APIGW.0301');
          assert.match(reply.body.error_msg as string, detail);
        }
        assert.deepEqual(ids(), [id]);
      });
    }

    it("answers 403 for another project's id, deleting nothing", async () => {
      const [id] = add('SUCCESS');
      const reply = await call({ items: [id] }, { path: deletePath('ffffffffffffffffffffffffffffffff') });
      assert.equal(reply.status, 403);
      assert.deepEqual(ids(), [id]);
    });
  });

  describe('AK/SK signature over the body', () => {
    /** Signs `signedBody` as the extension signs, then sends `sentBody`. */
    async function signedCall(signedBody: string, sentBody = signedBody, keys = KEY): Promise<Reply> {
      const url = new URL(deletePath(), sim.url);
      const headers: Record<string, string> = { 'Content-Type': 'application/json' };
      const credentials = { accessKeyId: keys.ak, secretKey: keys.sk, projectId: sim.projectId };
      const signed = sign({ method: 'PATCH', url, headers, body: signedBody }, credentials, new Date(START));
      Object.assign(headers, signed.headers);
      const response = await fetch(url, { method: 'PATCH', headers, body: sentBody });
      const text = await response.text();
      return {
        status: response.status,
        headers: response.headers,
        body: text ? (JSON.parse(text) as Record<string, unknown>) : {},
        text,
      };
    }

    it('deletes when the signature covers the exact body', async () => {
      const [id] = add('SUCCESS');
      const reply = await signedCall(JSON.stringify({ items: [id] }));
      assert.equal(reply.status, 200, reply.text);
      assert.deepEqual(ids(), []);
    });

    it('refuses a body other than the one signed: no one can swap the ids', async () => {
      const [signedFor, swapped] = add('SUCCESS', 'SUCCESS');
      const reply = await signedCall(JSON.stringify({ items: [signedFor] }), JSON.stringify({ items: [swapped] }));
      assert.equal(reply.status, 401);
      assert.match(reply.body.error_msg as string, /verify aksk signature fail/);
      assert.deepEqual(ids(), sorted([signedFor, swapped]));
    });

    it('refuses a signature made without the body', async () => {
      const [id] = add('SUCCESS');
      const reply = await signedCall('', JSON.stringify({ items: [id] }));
      assert.equal(reply.status, 401);
      assert.deepEqual(ids(), [id]);
    });

    it('refuses a wrong secret key', async () => {
      const [id] = add('SUCCESS');
      const body = JSON.stringify({ items: [id] });
      assert.equal((await signedCall(body, body, { ak: KEY.ak, sk: 'not-the-key' })).status, 401);
      assert.deepEqual(ids(), [id]);
    });
  });

  describe('request record', () => {
    it('keeps the body of a deletion call, whatever the answer, with its credentials redacted', async () => {
      const [done, busy] = add('SUCCESS', 'RUNNING');
      const text = JSON.stringify({ items: [busy, done] });
      const from = sim.requests.length;
      await call(text);
      await call(JSON.stringify({ items: [done] }));
      const [refused, accepted] = sim.requests.slice(from);
      assert.deepEqual(
        {
          method: refused.method,
          path: refused.path,
          status: refused.status,
          body: refused.body,
          token: refused.headers['x-auth-token'],
        },
        { method: 'PATCH', path: deletePath(), status: 400, body: text, token: '[redacted]' },
      );
      assert.deepEqual(JSON.parse(accepted.body ?? ''), { items: [done] });
      assert.equal(accepted.status, 200);
    });

    it('keeps no body for other calls: IAM bodies hold passwords', async () => {
      const from = sim.requests.length;
      const auth = {
        auth: {
          identity: {
            methods: ['password'],
            password: {
              user: {
                name: DEFAULT_IAM_USER.user,
                password: DEFAULT_IAM_USER.password,
                domain: { name: DEFAULT_IAM_USER.domain },
              },
            },
          },
          scope: { project: { id: sim.projectId } },
        },
      };
      const iam = await fetch(`${sim.url}/v3/auth/tokens`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(auth),
      });
      assert.equal(iam.status, 201);
      await call({ items: ['1'] }, { method: 'POST' });
      await call(
        { items: ['1'] },
        { method: 'PATCH', path: `/v1/${sim.projectId}/image-server-sub-jobs?job_type=CREATE_SERVER` },
      );
      const recorded = sim.requests.slice(from);
      assert.equal(recorded.length, 3);
      for (const request of recorded) assert.equal(request.body, undefined, `${request.method} ${request.path}`);
      assert.ok(!JSON.stringify(recorded).includes(DEFAULT_IAM_USER.password));
    });
  });
});
