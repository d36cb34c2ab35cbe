import './installFakeVscode';
import { afterEach, test } from 'node:test';
import assert from 'node:assert/strict';
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
function openPanel(options: { connected?: () => boolean; answer?: () => Promise<ImageJob> } = {}) {
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
  return { clock, asked, webview, announced };
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
  const { asked, webview, announced } = openPanel({ connected: () => connected });
  await turns();
  webview.send({ type: 'refresh' });
  await turns();
  assert.equal(asked.length, 0, 'a session that cannot send is asked nothing');
  assert.deepEqual(announced(), [STOPPED], 'the click is answered, not dropped');
  connected = true;
  webview.send({ type: 'refresh' });
  await turns();
  assert.equal(asked.length, 1, 'the session sends again: Refresh follows the job on it and looks it up');
});
