import './installFakeVscode';
import { afterEach, test } from 'node:test';
import assert from 'node:assert/strict';
import { ApiError } from '../../../src/api/errors';
import type { ImageJob } from '../../../src/api/imageJob';
import { FollowEngine } from '../../../src/core/followEngine';
import { timelinePanelMessages } from '../../../src/model/jobProtocol';
import { engineJobFeed } from '../../../src/views/jobPanelSource';
import { JobPanel, TimelineSession } from '../../../src/views/jobPanelView';
import { aSubJob } from '../builders';
import { FakeClock } from '../fakeClock';
import { FakeWebviewPanel, Uri } from './fakeVscode';

const JOB = '702364884037270001';
const KEY = 'endpoint|project';
const STOPPED = 'Not followed: project Singapore has no credentials.';
const GONE = 'The API no longer knows this job: it may have been deleted. Showing the last data received.';
const turns = async (n = 5) => {
  for (let i = 0; i < n; i++) await new Promise((resolve) => setImmediate(resolve));
};

const running: ImageJob = {
  id: JOB,
  jobType: 'CREATE_SERVER',
  beginTime: '',
  endTime: '',
  status: 'RUNNING',
  subJobs: [aSubJob({ status: 'RUNNING', endTime: '', jobId: JOB })],
  rejected: [],
};

const cleanup: Array<() => void> = [];
afterEach(() => {
  for (const dispose of cleanup.splice(0)) dispose();
});

/**
 * A timeline panel on a session whose engine polls every 60 s (so only Refresh can cause a look-up
 * within a test), its webview loaded; `asked` counts the session's ShowImageJob calls.
 */
function openPanel(
  options: { connected?: () => boolean; answer?: () => Promise<ImageJob>; mayCall?: () => boolean } = {},
) {
  const clock = new FakeClock(Date.parse('2026-11-27T10:00:00Z'));
  const asked: string[] = [];
  const engine = new FollowEngine({
    source: {
      findSubJob: async () => undefined,
      showJob: async (jobId) => {
        asked.push(jobId);
        return options.answer ? options.answer() : running;
      },
      listJob: async () => [],
    },
    intervalSeconds: () => 60,
    clock,
    ...(options.mayCall && { mayCall: options.mayCall }),
  });
  const connected = options.connected ?? (() => true);
  const session: TimelineSession = {
    get connected() {
      return connected();
    },
    feed: engineJobFeed(engine, 'image'),
    label: 'project Singapore (ap-southeast-3)',
  };
  const webview = new FakeWebviewPanel('workspaceJobs.job', JOB);
  const panel = new JobPanel(
    webview as never,
    KEY,
    JOB,
    {
      extensionUri: Uri.file('/ext') as never,
      session: () => session,
      stoppedNotice: () => STOPPED,
      openSubJob: () => undefined,
      intervalSeconds: () => 60,
      clock,
    },
    () => undefined,
  );
  webview.send({ type: 'ready' });
  cleanup.push(
    () => panel.dispose(),
    () => engine.dispose(),
  );
  const announced = () =>
    webview.posted
      .filter((m) => (m as { type?: unknown }).type === timelinePanelMessages.announce('').type)
      .map((m) => (m as { text: string }).text);
  const renders = () =>
    webview.posted.filter((m) => (m as { type?: unknown }).type === 'render') as Array<{
      view: { noticeHtml: string };
    }>;
  return { clock, asked, webview, announced, renders };
}

test("the timeline's Refresh looks the job up at once, through the session's follow, and says it refreshed", async () => {
  const { asked, webview, announced } = openPanel();
  await turns();
  assert.equal(asked.length, 1, 'the first look-up when the panel opens');
  webview.send({ type: 'refresh' });
  await turns();
  assert.deepEqual(asked, [JOB, JOB], 'one look-up for the click, long before the 60 s poll');
  assert.deepEqual(announced(), ['Refreshed'], 'said to a screen reader too, not only drawn');
});

test('Refresh held down (Enter repeating) makes one look-up in flight, and none back to back within a second', async () => {
  let release: () => void = () => undefined;
  let slow = false;
  const { clock, asked, webview } = openPanel({
    answer: () => (slow ? new Promise((resolve) => (release = () => resolve(running))) : Promise.resolve(running)),
  });
  await turns();
  await clock.advance(2_000);
  const before = asked.length;
  slow = true;
  for (let i = 0; i < 5; i++) webview.send({ type: 'refresh' });
  await turns();
  assert.equal(asked.length - before, 1, 'repeats while the look-up runs are coalesced into it');
  release();
  await turns();
  slow = false;
  for (let i = 0; i < 5; i++) {
    await clock.advance(150);
    webview.send({ type: 'refresh' });
    await turns();
  }
  assert.equal(asked.length - before, 1, 'repeats right after it answered are ignored');
  await clock.advance(1_000);
  webview.send({ type: 'refresh' });
  await turns();
  assert.equal(asked.length - before, 2, 'a second later, Refresh looks up again');
});

test('Refresh on a stopped timeline says why it is stopped, and follows again once the session can send', async () => {
  let connected = false;
  const { clock, asked, webview, announced } = openPanel({ connected: () => connected });
  await turns();
  webview.send({ type: 'refresh' });
  await turns();
  assert.equal(asked.length, 0, 'a session that cannot send is asked nothing');
  assert.deepEqual(announced(), [STOPPED], 'the click is answered, not dropped');
  connected = true;
  await clock.advance(1_000);
  webview.send({ type: 'refresh' });
  await turns();
  assert.equal(asked.length, 1, 'the session sends again: Refresh follows the job on it and looks it up');
});

test('Refresh on a job the API told gone looks it up again, and does not say it refreshed', async () => {
  let gone = false;
  const { clock, asked, webview, announced } = openPanel({
    answer: async () => {
      if (gone) throw new ApiError(404, 'WKS.0404', 'not found', 'req');
      return running;
    },
  });
  await turns();
  gone = true;
  for (let i = 0; i < 2; i++) {
    await clock.advance(61_000);
    await turns();
  }
  const before = asked.length;
  webview.send({ type: 'refresh' });
  await turns();
  assert.equal(asked.length - before, 1, 'the follow ended when the job went: Refresh follows it again');
  assert.deepEqual(announced(), [GONE], 'still gone: said so, not "Refreshed"');
  gone = false;
  await clock.advance(1_000);
  webview.send({ type: 'refresh' });
  await turns();
  assert.equal(asked.length - before, 2);
  assert.deepEqual(announced(), [GONE, 'Refreshed'], 'found again');
});

test('Refresh on a session that may not send (its credential refused) says why, not that it refreshed', async () => {
  let mayCall = true;
  const { clock, asked, webview, announced } = openPanel({ mayCall: () => mayCall });
  await turns();
  await clock.advance(2_000);
  mayCall = false;
  const before = asked.length;
  webview.send({ type: 'refresh' });
  await turns();
  assert.equal(asked.length - before, 0, 'nothing sent');
  assert.deepEqual(announced(), [STOPPED]);
});

test("a first failing Refresh is said once, by the failure banner's alert; the same failure again is said", async () => {
  let fail = false;
  const { clock, webview, announced, renders } = openPanel({
    answer: async () => {
      if (fail) throw new ApiError(500, 'WKS.0001', 'internal', 'req');
      return running;
    },
  });
  await turns();
  await clock.advance(2_000);
  fail = true;
  webview.send({ type: 'refresh' });
  await turns();
  assert.match(renders().at(-1)!.view.noticeHtml, /role="alert"/, 'the banner appeared, an alert');
  assert.deepEqual(announced(), [], 'not said a second time by the status region');
  await clock.advance(1_000);
  webview.send({ type: 'refresh' });
  await turns();
  assert.deepEqual(announced(), ['The API had a problem answering (HTTP 500).'], 'the banner is unchanged: said');
  fail = false;
  await clock.advance(1_000);
  webview.send({ type: 'refresh' });
  await turns();
  assert.equal(announced().at(-1), 'Refreshed', 'the banner went: the answer is said');
});

test('Refresh held on a stopped timeline is throttled: one notice, no redraw per repeat', async () => {
  const { webview, announced, renders } = openPanel({ connected: () => false });
  await turns();
  const drawn = renders().length;
  for (let i = 0; i < 20; i++) webview.send({ type: 'refresh' });
  await turns();
  assert.deepEqual(announced(), [STOPPED]);
  assert.equal(renders().length - drawn, 0, 'the notice did not change: nothing to redraw');
});
