import { afterEach, test } from 'node:test';
import assert from 'node:assert/strict';
import { familyApi } from '../../../src/api/familyApi';
import { BACKOFF_CAP_MS } from '../../../src/core/refreshPolicy';
import { ProjectSession } from '../../../src/core/projectSession';
import { Sessions } from '../../../src/core/sessions';
import { Family } from '../../../src/model/family';
import { projectChildren } from '../../../src/presentation/treeModel';
import { RunningSimulator, startSimulator } from '../../../src/simulator/server';
import { FakeClock } from '../fakeClock';
import { familySessionPlan, OpenedInTest } from '../simulatorClient';

/*
 * A least-privilege policy may grant one family's IAM actions and not the other's. A 403 "Policy
 * doesn't allow" means the service accepted the key or token: the other family goes on, and the
 * denied one says which action is missing. Against the simulator over loopback.
 */

const opened = new OpenedInTest();
afterEach(() => opened.closeAll());

type Credential = 'access key' | 'token';

const DENY: Record<Family, string> = {
  image: 'deny=listImageSubJobs/countImageSubJobs/getImageJob',
  appServer: 'deny=listSubJobs/countSubJobs/getJob',
};

const familyPlan = familySessionPlan;

async function denied(family: Family, credential: Credential, intervalSeconds = 0) {
  const simulator = opened.track(await startSimulator({ progress: false, size: 30, appServerSize: 30, seed: 22 }));
  simulator.setFaults(DENY[family]);
  const clock = new FakeClock();
  const sessions = new Sessions({ clock });
  opened.track({ close: async () => sessions.dispose() });
  const first = new Promise<void>((resolve) => {
    let answered = 0;
    sessions.onDidRefresh(() => ++answered === 2 && resolve());
  });
  sessions.configure(
    [familyPlan(simulator, 'image', credential), familyPlan(simulator, 'appServer', credential)],
    intervalSeconds,
  );
  await first;
  const of = (f: Family): ProjectSession => sessions.all.find((s) => s.spec.family === f)!;
  return {
    simulator,
    clock,
    sessions,
    deniedSession: of(family),
    allowed: of(family === 'image' ? 'appServer' : 'image'),
  };
}

const sent = (simulator: RunningSimulator) =>
  simulator.requests.map((r) => `${r.status} ${r.path.replace(/^\/v\d\/[^/]+\//, '').split('?')[0]}`);

for (const credential of ['access key', 'token'] as const)
  for (const family of ['image', 'appServer'] as const)
    test(`a policy that denies only the ${family} family's calls (${credential}): the other family counts, the denied one is not a refused credential`, async () => {
      const { simulator, deniedSession, allowed } = await denied(family, credential);
      assert.ok(
        allowed.state.counts && !allowed.state.failure,
        `the ${allowed.spec.family} family shows its counts (sent: ${sent(simulator).join(', ')}; failure: ${allowed.state.failure?.message})`,
      );
      assert.equal(allowed.refused, false);
      assert.equal(
        deniedSession.refused,
        false,
        'the credential was accepted: the denied family is not halted as refused',
      );
      assert.equal(deniedSession.state.failure?.authFailure, false);
      assert.equal(deniedSession.state.failure?.denied?.action, familyApi(family).actions.list);
    });

test('the denied family’s row names the missing IAM action and its family, and its click opens the log; the other family’s rows are its status groups', async () => {
  const { deniedSession, allowed } = await denied('appServer', 'token');
  const rows = projectChildren(deniedSession.spec, deniedSession.state);
  assert.equal(rows.length, 1);
  const row = rows[0]!;
  assert.equal(row.kind, 'message');
  assert.equal(
    row.kind === 'message' && row.label,
    'Your policy does not allow workspace:jobs:listSubJobs (App server jobs)',
  );
  assert.equal(row.kind === 'message' && row.action, 'showLog');
  assert.ok(projectChildren(allowed.spec, allowed.state).some((r) => r.kind === 'status'));
  assert.ok(allowed.state.groups !== undefined);
});

test('a denied family keeps asking slowly: once the policy grants its calls, it shows its counts by itself', async () => {
  const { simulator, clock, deniedSession } = await denied('appServer', 'access key', 30);
  simulator.setFaults({});
  const next = new Promise<boolean>((resolve) => {
    deniedSession.onDidRefresh((report) => report.ok && resolve(true));
    setTimeout(() => resolve(false), 5000).unref();
  });
  await clock.advance(BACKOFF_CAP_MS);
  assert.equal(await next, true, 'an automatic refresh ran and worked');
  assert.ok(deniedSession.state.counts && !deniedSession.state.failure);
});

test('a gateway 403 on the access key’s probe still refuses it for both families: the other family sends nothing', async () => {
  const simulator = opened.track(await startSimulator({ progress: false, size: 30, appServerSize: 30, seed: 22 }));
  simulator.failNext(2, 403, { error_code: 'APIGW.0306', error_msg: 'API access denied' });
  const sessions = new Sessions({ clock: new FakeClock() });
  opened.track({ close: async () => sessions.dispose() });
  const first = new Promise<void>((resolve) => {
    let answered = 0;
    sessions.onDidRefresh(() => ++answered === 2 && resolve());
  });
  const plans = [familyPlan(simulator, 'image', 'access key'), familyPlan(simulator, 'appServer', 'access key')];
  sessions.configure(plans, 0);
  await first;
  assert.equal(
    simulator.requests.length,
    2,
    `the probe's count and list call only (sent: ${sent(simulator).join(', ')})`,
  );
  assert.ok(sessions.all.every((session) => session.refused && session.state.failure?.authFailure));
});
