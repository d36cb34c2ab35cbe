import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { request as httpRequest } from 'node:http';
import * as path from 'node:path';
import { createInterface } from 'node:readline';
import { afterEach, describe, it } from 'node:test';
import { ApiError, NetworkError, ResponseError } from '../../../src/api/errors';
import { SubJobClient } from '../../../src/api/subJobClient';
import { JOB_TYPES } from '../../../src/model/subJob';
import { clearRemoteFaults, FAULTS_PATH, getRemoteFaults, setRemoteFaults } from '../../../src/simulator/control';
import {
  FAULTS_ENV,
  FaultInjector,
  FaultPlan,
  FaultPlanError,
  faultsFromEnvironment,
  formatFaults,
  normalizeFaults,
  parseFaults,
} from '../../../src/simulator/faults';
import { RunningSimulator, SimulatorOptions, SSO_CONTROL_PATH, startSimulator } from '../../../src/simulator/server';
import { OpenedInTest, tokenClient } from '../simulatorClient';

const TOKEN = 'faults-token';
const signal = () => new AbortController().signal;

const opened = new OpenedInTest();
afterEach(() => opened.closeAll());

async function simulatorWith(faults: FaultPlan | string, options: SimulatorOptions = {}): Promise<RunningSimulator> {
  return opened.track(await startSimulator({ size: 250, seed: 9, progress: false, token: TOKEN, faults, ...options }));
}

function clientFor(sim: RunningSimulator, token = TOKEN): SubJobClient {
  return opened.track(tokenClient(sim, token, { concurrency: 4 }));
}

const firstPage = (c: SubJobClient) => c.listPage({ jobType: 'CREATE_SERVER', offset: 0, limit: 100 }, signal());

async function failure(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => assert.fail('expected a failure'),
    (error: unknown) => error,
  );
}

describe('fault plans', () => {
  it('reads the compact form', () => {
    assert.deepEqual(parseFaults('latency=50,jitter=20,503=0.2,429=0.1:3,reset=0.05'), {
      latencyMs: 50,
      jitterMs: 20,
      errorRate: { rate: 0.2, statuses: [503] },
      throttle: { rate: 0.1, retryAfterSeconds: 3 },
      resetMidBody: 0.05,
    });
    assert.deepEqual(parseFaults(' 500/503=0.3 , truncate=0.1,nonjson=0.2, slow=1500, expire=40, seed=7 '), {
      errorRate: { rate: 0.3, statuses: [500, 503] },
      truncateBody: 0.1,
      nonJson: 0.2,
      slowBodyMs: 1500,
      tokenExpiresAfter: 40,
      seed: 7,
    });
    assert.deepEqual(parseFaults('5xx=0.1').errorRate, { rate: 0.1, statuses: [500, 503] });
    assert.deepEqual(parseFaults('shift=3').shift, { everyRequests: 3 });
    assert.deepEqual(parseFaults('shift=2:running>success:5').shift, {
      everyRequests: 2,
      from: 'RUNNING',
      to: 'SUCCESS',
      max: 5,
    });
    assert.deepEqual(parseFaults('shift=2::1').shift, { everyRequests: 2, max: 1 });
    assert.deepEqual(parseFaults(''), {});
  });

  it('reads JSON and writes the compact form back', () => {
    const plan = parseFaults('{"latencyMs":50,"throttle":{"rate":0.5},"shift":{"everyRequests":4,"from":"WAITING"}}');
    assert.deepEqual(plan, { latencyMs: 50, throttle: { rate: 0.5 }, shift: { everyRequests: 4, from: 'WAITING' } });
    for (const text of [
      'latency=50,jitter=20,503=0.2,429=0.1:3,reset=0.05',
      'truncate=1,nonjson=0.5,slow=10,expire=3,shift=2:RUNNING>SUCCESS:1,seed=4',
      'shift=5::2',
    ]) {
      assert.equal(formatFaults(parseFaults(text)), text);
    }
    assert.equal(formatFaults({ errorRate: { rate: 0.1 } }), '500/503=0.1');
  });

  it('refuses what it cannot read, saying why', () => {
    const cases: Array<[string, RegExp]> = [
      ['latency', /not key=value/],
      ['latency=fast', /latency: "fast" is not a number/],
      ['503=1.5', /errorRate\.rate must be a number from 0 to 1/],
      ['503=0.1,500=0.1', /given twice.*500\/503=0\.2/],
      ['teleport=1', /unknown key "teleport"/],
      ['shift=0', /shift\.everyRequests must be an integer from 1/],
      ['shift=1:DONE>SUCCESS', /shift\.from must be a sub-job status/],
      ['{"latencyMs":-1}', /latencyMs must be an integer from 0/],
      ['{"latency":5}', /unknown field "latency"/],
      ['{nope', /not valid JSON/],
    ];
    for (const [text, message] of cases)
      assert.throws(
        () => parseFaults(text),
        (e: unknown) => e instanceof FaultPlanError && message.test(e.message),
        text,
      );
    assert.throws(() => normalizeFaults([]), /expected an object/);
  });

  it(`reads ${FAULTS_ENV}, naming it when it is wrong`, () => {
    assert.equal(faultsFromEnvironment({}), undefined);
    assert.equal(faultsFromEnvironment({ [FAULTS_ENV]: '  ' }), undefined);
    assert.deepEqual(faultsFromEnvironment({ [FAULTS_ENV]: 'latency=50,503=0.2' }), {
      latencyMs: 50,
      errorRate: { rate: 0.2, statuses: [503] },
    });
    assert.throws(
      () => faultsFromEnvironment({ [FAULTS_ENV]: 'oops' }),
      new RegExp(`${FAULTS_ENV}: "oops" is not key=value`),
    );
  });

  it('decides deterministically from the seed, the same n-th decision whatever else is switched on', () => {
    const run = (plan: FaultPlan) => {
      const injector = new FaultInjector(plan);
      return Array.from({ length: 500 }, () => injector.decide());
    };
    const a = run({ errorRate: { rate: 0.2 }, seed: 42 });
    assert.deepEqual(run({ errorRate: { rate: 0.2 }, seed: 42 }), a);
    assert.notDeepEqual(run({ errorRate: { rate: 0.2 }, seed: 43 }), a);
    const withMore = run({ errorRate: { rate: 0.2 }, throttle: { rate: 0.3 }, resetMidBody: 0.1, seed: 42 });
    assert.deepEqual(
      withMore.map((d) => d.errorStatus),
      a.map((d) => d.errorStatus),
    );
    const errors = a.filter((d) => d.errorStatus !== undefined);
    assert.ok(errors.length > 70 && errors.length < 130, `${errors.length} errors in 500 at 20%`);
    assert.deepEqual(new Set(errors.map((d) => d.errorStatus)), new Set([500, 503]));
  });

  it('draws latency evenly within latency ± jitter, and uses the base latency while the plan sets none', () => {
    const injector = new FaultInjector({ latencyMs: 50, jitterMs: 20 }, 999);
    const delays = Array.from({ length: 1000 }, () => injector.decide().delayMs);
    assert.ok(Math.min(...delays) >= 30 && Math.max(...delays) <= 70);
    assert.ok(Math.min(...delays) < 35 && Math.max(...delays) > 65, 'spread over the range');
    injector.clear();
    assert.equal(injector.decide().delayMs, 999);
  });
});

describe('faults over HTTP', () => {
  it('latency: every answer waits', async () => {
    const sim = await simulatorWith({ latencyMs: 120 });
    const c = clientFor(sim);
    const started = Date.now();
    await firstPage(c);
    assert.ok(Date.now() - started >= 115, `${Date.now() - started} ms`);
  });

  it('500 / 503: the client gets an ApiError with the service body', async () => {
    const sim = await simulatorWith({ errorRate: { rate: 1, statuses: [503] } });
    const error = await failure(firstPage(clientFor(sim)));
    assert.ok(error instanceof ApiError, String(error));
    assert.equal(error.status, 503);
    assert.equal(error.errorCode, 'WKS.00050902');
    assert.equal(sim.requests.at(-1)?.fault, '503');
  });

  it('a share of errors fails a listing of many pages', async () => {
    const sim = await simulatorWith({ errorRate: { rate: 0.3 }, seed: 1 });
    const error = await failure(clientFor(sim).listAll({ jobTypes: JOB_TYPES }, signal()));
    assert.ok(error instanceof ApiError && (error.status === 500 || error.status === 503), String(error));
  });

  it('429: APIGW.0308 with Retry-After, which the client carries as retryAfterSeconds', async () => {
    const sim = await simulatorWith('429=1:7');
    const error = await failure(firstPage(clientFor(sim)));
    assert.ok(error instanceof ApiError, String(error));
    assert.equal(error.status, 429);
    assert.equal(error.errorCode, 'APIGW.0308');
    assert.equal(error.retryAfterSeconds, 7);
    assert.equal(sim.requests.at(-1)?.fault, 'throttle');
  });

  it('connection reset mid-body: a NetworkError saying the response was cut off', async () => {
    const sim = await simulatorWith({ resetMidBody: 1 });
    const error = await failure(firstPage(clientFor(sim)));
    assert.ok(error instanceof NetworkError, String(error));
    assert.match(
      error.message,
      /the response was cut off: connection reset \(ECONNRESET\)|connection closed unexpectedly/,
    );
    assert.equal(sim.requests.at(-1)?.status, 200, 'the status line went out before the reset');
  });

  it('truncated body: a ResponseError (malformed), with the request id', async () => {
    const sim = await simulatorWith({ truncateBody: 1 });
    const error = await failure(firstPage(clientFor(sim)));
    assert.ok(error instanceof ResponseError, String(error));
    assert.match(error.message, /^malformed response from \/v1\/.+: the body is not valid JSON/);
    assert.equal(error.requestId, sim.requests.at(-1)?.requestId);
  });

  it('non-JSON body: a ResponseError quoting the HTML', async () => {
    const sim = await simulatorWith({ nonJson: 1 });
    const error = await failure(firstPage(clientFor(sim)));
    assert.ok(error instanceof ResponseError, String(error));
    assert.match(error.message, /not valid JSON.*<html>/);
  });

  it('non-JSON error answer: an ApiError whose message falls back to the start of the page', async () => {
    const sim = await simulatorWith({ nonJson: 1, errorRate: { rate: 1, statuses: [500] } });
    const error = await failure(firstPage(clientFor(sim)));
    assert.ok(error instanceof ApiError, String(error));
    assert.equal(error.status, 500);
    assert.match(error.errorMsg, /502 Bad Gateway/);
  });

  it('slow body: arrives whole, in many pieces, over the time asked for', async () => {
    const sim = await simulatorWith({ slowBodyMs: 300 });
    const started = Date.now();
    const pieces = await new Promise<number>((resolve, reject) => {
      const req = httpRequest(
        `${sim.url}/v1/${sim.projectId}/image-server-sub-jobs?job_type=CREATE_SERVER&limit=100`,
        { headers: { 'X-Auth-Token': TOKEN } },
        (res) => {
          let n = 0;
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => {
            n++;
            chunks.push(chunk);
          });
          res.on('end', () => {
            const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { items: unknown[] };
            assert.equal(body.items.length, 100);
            resolve(n);
          });
          res.on('error', reject);
        },
      );
      req.on('error', reject);
      req.end();
    });
    assert.ok(Date.now() - started >= 250, `${Date.now() - started} ms`);
    assert.ok(pieces >= 10, `${pieces} pieces`);
    const page = await firstPage(clientFor(sim));
    assert.equal(page.items.length, 100);
  });

  it('token expiry after N requests: 401 APIGW.0301 "the token expired", an auth failure; a new plan starts over', async () => {
    const sim = await simulatorWith({ tokenExpiresAfter: 3 });
    const c = clientFor(sim);
    for (let i = 0; i < 3; i++) await firstPage(c);
    const error = await failure(firstPage(c));
    assert.ok(error instanceof ApiError, String(error));
    assert.equal(error.status, 401);
    assert.equal(error.errorCode, 'APIGW.0301');
    assert.match(error.errorMsg, /the token expired at \d{4}-\d\d-\d\dT/);
    assert.ok(error.isAuthFailure);
    assert.equal(sim.requests.at(-1)?.fault, 'token-expired');
    // A wrong token is still refused as wrong, not as expired.
    const wrong = await failure(firstPage(clientFor(sim, 'not-the-token')));
    assert.match((wrong as ApiError).errorMsg, /verify token fail/);
    sim.setFaults({ tokenExpiresAfter: 3 });
    await firstPage(clientFor(sim));
  });

  it('failNext answers win over faults and are sent exactly as given', async () => {
    const sim = await simulatorWith({ errorRate: { rate: 1 }, truncateBody: 1 });
    sim.failNext(1, 200, { count: 0, items: [] });
    const page = await firstPage(clientFor(sim));
    assert.equal(page.count, 0);
    assert.equal(sim.requests.at(-1)?.fault, undefined);
  });

  it('clearFaults restores normal answers; setFaults takes the compact form too', async () => {
    const sim = await simulatorWith({ errorRate: { rate: 1 } });
    sim.clearFaults();
    assert.deepEqual(sim.faults, {});
    assert.equal((await firstPage(clientFor(sim))).items.length, 100);
    sim.setFaults('503=1');
    assert.deepEqual(sim.faults, { errorRate: { rate: 1, statuses: [503] } });
    assert.equal(((await failure(firstPage(clientFor(sim)))) as ApiError).status, 503);
  });

  it('generates large data sets deterministically from a seed', async () => {
    const a = await startSimulator({ size: 10_000, seed: 77, progress: false, now: () => 1_700_000_000_000 });
    const b = await startSimulator({ size: 10_000, seed: 77, progress: false, now: () => 1_700_000_000_000 });
    try {
      const ids = (s: RunningSimulator) => s.subJobs().map((j) => `${j.id}/${j.status}`);
      assert.equal(a.subJobs().length, 10_000);
      assert.deepEqual(ids(a), ids(b));
    } finally {
      await a.close();
      await b.close();
    }
  });
});

describe('the control endpoint', () => {
  it('shows, replaces, patches and clears the plan; faults apply at once', async () => {
    const sim = await simulatorWith({});
    assert.deepEqual(await getRemoteFaults(sim.url), { faults: {}, compact: '' });
    assert.deepEqual(await setRemoteFaults(sim.url, 'latency=5,503=1'), {
      faults: { latencyMs: 5, errorRate: { rate: 1, statuses: [503] } },
      compact: 'latency=5,503=1',
    });
    assert.equal(((await failure(firstPage(clientFor(sim)))) as ApiError).status, 503);
    const patched = await fetch(`${sim.url}${FAULTS_PATH}`, {
      method: 'PATCH',
      body: JSON.stringify({ errorRate: { rate: 0 }, jitterMs: 2 }),
    });
    assert.equal(patched.status, 200);
    assert.deepEqual(sim.faults, { latencyMs: 5, jitterMs: 2, errorRate: { rate: 0 } });
    await setRemoteFaults(sim.url, { throttle: { rate: 1, retryAfterSeconds: 2 } });
    assert.equal(((await failure(firstPage(clientFor(sim)))) as ApiError).retryAfterSeconds, 2);
    assert.deepEqual((await clearRemoteFaults(sim.url)).faults, {});
    await firstPage(clientFor(sim));
  });

  it('is neither faulted nor recorded', async () => {
    const sim = await simulatorWith({ errorRate: { rate: 1 }, resetMidBody: 1 });
    const before = sim.requests.length;
    assert.equal((await getRemoteFaults(sim.url)).compact, '500/503=1,reset=1');
    assert.equal(sim.requests.length, before);
  });

  it('answers 400 with the reason for a plan it cannot read, and keeps the old plan', async () => {
    const sim = await simulatorWith('latency=1');
    const response = await fetch(`${sim.url}${FAULTS_PATH}`, { method: 'PUT', body: 'latency=soon' });
    assert.equal(response.status, 400);
    assert.match(((await response.json()) as { error_msg: string }).error_msg, /latency: "soon" is not a number/);
    assert.deepEqual(sim.faults, { latencyMs: 1 });
    await assert.rejects(setRemoteFaults(sim.url, 'nope=1'), /HTTP 400 .*unknown key "nope"/);
  });

  it('refuses what a web page could send: an Origin header, or a Host that is not the loopback address', async () => {
    const sim = await simulatorWith({});
    const fromPage = await fetch(`${sim.url}${FAULTS_PATH}`, {
      method: 'PUT',
      body: '503=1',
      headers: { Origin: 'https://evil.example' },
    });
    assert.equal(fromPage.status, 403);
    const rebound = await new Promise<number>((resolve, reject) => {
      const req = httpRequest(
        `${sim.url}${FAULTS_PATH}`,
        { method: 'PUT', headers: { Host: 'attacker.example' } },
        (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        },
      );
      req.on('error', reject);
      req.end('503=1');
    });
    assert.equal(rebound, 403);
    assert.deepEqual(sim.faults, {});
    const ssoFromPage = await fetch(`${sim.url}${SSO_CONTROL_PATH}`, {
      method: 'PATCH',
      body: '{"keyLifetimeMs": 1}',
      headers: { Origin: 'https://evil.example' },
    });
    assert.equal(ssoFromPage.status, 403, 'the IAM Identity Center lifetimes are guarded like the rest');
  });

  it('unknown control paths and methods are refused; control:false turns the endpoint off', async () => {
    const sim = await simulatorWith({});
    assert.equal((await fetch(`${sim.url}/__control/other`)).status, 404);
    assert.equal((await fetch(`${sim.url}${FAULTS_PATH}`, { method: 'POST', body: '' })).status, 405);
    const off = await startSimulator({ size: 1, control: false });
    try {
      const response = await fetch(`${off.url}${FAULTS_PATH}`);
      assert.equal(response.status, 404);
      assert.equal(((await response.json()) as { error_code: string }).error_code, 'APIGW.0101');
    } finally {
      await off.close();
    }
  });
});

describe('cli', () => {
  it(`takes faults from ${FAULTS_ENV} and reports them and the control URL`, async () => {
    const cli = path.join(__dirname, '..', '..', '..', 'src', 'simulator', 'cli.js');
    const child = spawn(process.execPath, [cli, '--size', '5'], {
      env: { ...process.env, [FAULTS_ENV]: 'latency=5,503=1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    try {
      const line = await new Promise<string>((resolve, reject) => {
        createInterface({ input: child.stdout! }).once('line', resolve);
        child.once('exit', (code) => reject(new Error(`cli exited with ${code}`)));
      });
      const ready = JSON.parse(line) as { url: string; faults: string; control: string };
      assert.equal(ready.faults, 'latency=5,503=1');
      assert.equal(ready.control, `${ready.url}${FAULTS_PATH}`);
      assert.deepEqual((await getRemoteFaults(ready.url)).faults, {
        latencyMs: 5,
        errorRate: { rate: 1, statuses: [503] },
      });
    } finally {
      child.kill('SIGTERM');
    }
  });

  it('--faults wins over the environment, and a bad plan stops it with a message', async () => {
    const cli = path.join(__dirname, '..', '..', '..', 'src', 'simulator', 'cli.js');
    const child = spawn(process.execPath, [cli, '--size', '5', '--faults', 'nonsense'], {
      env: { ...process.env, [FAULTS_ENV]: 'latency=5' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    assert.equal(code, 2);
    assert.match(stderr, /simulator: Invalid fault plan: "nonsense" is not key=value/);
  });
});
