/**
 * A parent job's look-up (ShowImageJob, ShowJobDetail) that answers a body which is not a job (a
 * proxy's HTML page, a broken body) is a failed refresh: the follow goes on, the last picture stays,
 * the error is told, the log says it once per job, and no listing is asked in its place. Only a
 * look-up the service says it does not offer (403/405/501) falls back to the listings. Against the
 * simulator over loopback; the session's timers are on a fake clock that does not move, so only
 * the panel's explicit look-ups are sent.
 */
import assert from 'node:assert/strict';
import { afterEach, describe, it } from 'node:test';
import { TokenAuthorizer } from '../../../src/api/authorizer';
import type { Logger } from '../../../src/api/logger';
import { SubJobClient } from '../../../src/api/subJobClient';
import type { FollowChange } from '../../../src/core/followEngine';
import { ProjectSession } from '../../../src/core/projectSession';
import { familySessionKey } from '../../../src/core/sessionSpec';
import { APP_SERVER_JOB_TYPES, Family } from '../../../src/model/family';
import { JOB_TYPES } from '../../../src/model/subJob';
import { startSimulator } from '../../../src/simulator/server';
import { FakeClock } from '../fakeClock';
import { OpenedInTest, simulatorSessionSpec } from '../simulatorClient';

const opened = new OpenedInTest();
afterEach(() => opened.closeAll());

const INTERVAL = 30;
const HTML = '<html><body><h1>502 Bad Gateway</h1></body></html>';

async function setUp(family: Family) {
  const simulator = opened.track(await startSimulator({ progress: false, size: 30, appServerSize: 30, seed: 8 }));
  const lines: string[] = [];
  const logger: Logger = {
    debug: () => {},
    info: (m) => void lines.push(`info: ${m}`),
    warn: (m) => void lines.push(`warn: ${m}`),
    error: (m) => void lines.push(`error: ${m}`),
  };
  const client = new SubJobClient({
    endpoint: simulator.url,
    projectId: simulator.projectId,
    family,
    authorizer: new TokenAuthorizer(simulator.token),
    userAgent: 'test',
    logger,
  });
  const spec = simulatorSessionSpec(simulator, {
    key: familySessionKey(`${simulator.url}|${simulator.projectId}`, family),
    family,
    query: { jobTypes: family === 'image' ? JOB_TYPES : APP_SERVER_JOB_TYPES },
  });
  const clock = new FakeClock(Date.now());
  const session = new ProjectSession(spec, client, undefined, { clock, logger });
  session.setInterval(INTERVAL);
  opened.track({ close: async () => session.dispose() });
  const changes: FollowChange[] = [];
  session.onDidChangeSubJob((change) => changes.push(change));
  const jobId = (family === 'image' ? simulator.subJobs() : simulator.appServerSubJobs())[0]!.job_id;
  return { simulator, session, changes, lines, jobId };
}

for (const family of ['image', 'appServer'] as const) {
  describe(`a malformed ${family === 'image' ? 'ShowImageJob' : 'ShowJobDetail'} answer`, () => {
    it('is a failed refresh that keeps the follow and the last picture, sends no listing, and is logged once', async () => {
      const { simulator, session, changes, lines, jobId } = await setUp(family);
      const handle = session.follow({ kind: 'job', id: jobId }, 'panel');
      await handle.checkNow();
      const first = changes.at(-1);
      assert.ok(first && 'job' in first, 'the first look-up told the job');
      // The job's sub-jobs are gone from the listings meanwhile: a listing in the look-up's place would call it missing.
      simulator.removeAll();
      const mark = simulator.requests.length;
      const told = changes.length;
      for (let i = 0; i < 3; i++) {
        simulator.failNext(1, 200, HTML, { 'content-type': 'text/html' });
        await handle.checkNow();
      }
      const sent = simulator.requests.slice(mark);
      const lookUps = sent.filter((r) => /\/(image-server-jobs|job)\//.test(r.path)).length;
      const listings = sent.filter((r) => r.query.job_id !== undefined).length;
      assert.deepEqual({ lookUps, listings }, { lookUps: 3, listings: 0 }, 'three look-ups, no listing in their place');
      const since = changes.slice(told);
      assert.ok(!since.some((c) => 'gone' in c), 'never told gone');
      assert.ok(since.length > 0 && since.every((c) => 'error' in c), 'told as failed look-ups');
      assert.match(String((since[0] as { error: Error }).error.message), /malformed response|not valid JSON/);
      assert.equal(handle.active, true, 'the follow goes on');
      const said = lines.filter((l) => l.includes(jobId) && /not valid JSON|malformed/.test(l) && /once|job/.test(l));
      assert.equal(said.filter((l) => /answered/.test(l)).length, 1, lines.join('\n'));
      assert.doesNotMatch(lines.join('\n'), new RegExp(simulator.token));
      handle.dispose();
    });

    it('that is JSON but not a job ("sub_jobs" not an array) is a failed refresh too, not "missing"', async () => {
      const { simulator, session, changes, jobId } = await setUp(family);
      const handle = session.follow({ kind: 'job', id: jobId }, 'panel');
      await handle.checkNow();
      simulator.removeAll();
      const told = changes.length;
      simulator.failNext(1, 200, { id: jobId, sub_jobs: 'none' });
      await handle.checkNow();
      const since = changes.slice(told);
      assert.equal(since.length, 1);
      assert.ok('error' in since[0]!, JSON.stringify(since[0]));
      assert.match(String((since[0] as { error: Error }).error.message), /"sub_jobs" is not an array/);
      handle.dispose();
    });

    it('405 (the look-up is not offered) still falls back to the listings', async () => {
      const { simulator, session, changes, jobId } = await setUp(family);
      const handle = session.follow({ kind: 'job', id: jobId }, 'panel');
      await handle.checkNow();
      const told = changes.length;
      const mark = simulator.requests.length;
      simulator.failNext(1, 405, { error_code: 'APIGW.0106', error_msg: 'Method not allowed' });
      await handle.checkNow();
      assert.ok(
        simulator.requests.slice(mark).some((r) => r.path.includes('sub-jobs')),
        'the listings were asked',
      );
      const since = changes.slice(told);
      assert.ok(since.length === 1 && 'job' in since[0]!, JSON.stringify(since));
      handle.dispose();
    });
  });
}
