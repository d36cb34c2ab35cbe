import './installFakeVscode';
import { afterEach, test } from 'node:test';
import assert from 'node:assert/strict';
import { SubJob } from '../../../src/model/subJob';
import { panelMessages, scriptMessages } from '../../../src/model/detailsProtocol';
import { FollowEngine } from '../../../src/core/followEngine';
import { DetailsPanels } from '../../../src/views/detailsPanel';
import { aSubJob } from '../builders';
import { FakeClock } from '../fakeClock';
import { FakeWebviewPanel, recorded, Uri } from './fakeVscode';

const NOW = Date.parse('2026-11-27T12:00:00.000Z');
const source = { key: 'endpoint|project', label: 'project Image factory (ap-southeast-3)' };
const turns = async (n = 5) => {
  for (let i = 0; i < n; i++) await new Promise((resolve) => setImmediate(resolve));
};

const isAnnouncement = (message: unknown): boolean =>
  (message as { type?: unknown }).type === panelMessages.announce('').type;

const unhandled: unknown[] = [];
process.on('unhandledRejection', (reason) => unhandled.push(reason));
let open: DetailsPanels | undefined;
const opened: FollowEngine[] = [];
afterEach(() => {
  open?.dispose();
  for (const engine of opened.splice(0)) engine.dispose();
  recorded.panels.length = recorded.statusBar.length = recorded.clipboard.length = 0;
  unhandled.length = 0;
});

/** One sub-job's panel, opened as a click in the tree opens it, its script loaded. */
async function openPanel(subJob: SubJob, options: { preview?: boolean } = {}) {
  const logged: string[] = [];
  const lookups: string[] = [];
  // A session's follow engine, on a source that answers with the sub-job.
  const engine = new FollowEngine({
    source: {
      findSubJob: async (ref) => {
        lookups.push(ref.id);
        return subJob;
      },
      showJob: () => Promise.reject(new Error('not used')),
      listJob: () => Promise.reject(new Error('not used')),
    },
    intervalSeconds: () => 0,
    clock: new FakeClock(NOW),
  });
  opened.push(engine);
  const session = {
    spec: { key: source.key, projectId: 'project', location: 'ap-southeast-3', sampleData: false },
    connected: true,
    follow: engine.follow.bind(engine),
    onDidChangeSubJob: engine.onDidChangeSubJob,
    findSubJob: async () => subJob,
  };
  const panels = new DetailsPanels({
    extensionUri: Uri.file('/extension') as never,
    sessions: { get: () => session, all: [session], onDidChangeSessions: () => ({ dispose: () => undefined }) },
    intervalSeconds: () => 0,
    logger: { info: (m) => logged.push(m), error: (m) => logged.push(m) },
    clock: new FakeClock(NOW),
  });
  open = panels;
  panels.show(subJob, source, options);
  const panel = recorded.panels.at(-1) as FakeWebviewPanel;
  panel.send(scriptMessages.ready());
  await turns();
  panel.posted.length = 0;
  return { panel, logged, lookups };
}

test('messages that are not the protocol are ignored and logged in bounded lines, never thrown', async () => {
  const { panel, logged, lookups } = await openPanel(aSubJob({ status: 'FAILED' }), { preview: true });
  const huge = 'x'.repeat(5_000_000);
  const hostile = [
    null,
    'refresh',
    [{ type: 'refresh' }],
    {},
    { type: huge },
    { type: 'REFRESH' },
    { type: 'copy' },
    { type: 'copy', what: 'toString' },
    { type: 'copy', what: 'constructor' },
    { type: 'copy', what: '__proto__' },
    { type: 'copy', what: huge },
    { type: 'copy', what: ['id'] },
  ];
  const lookupsBefore = lookups.length;
  for (const message of hostile) assert.doesNotThrow(() => panel.send(message));
  await turns();
  assert.deepEqual(unhandled, [], 'no rejection escaped');
  assert.deepEqual(recorded.clipboard, [], 'nothing was copied');
  assert.deepEqual(recorded.statusBar, [], 'nothing was said in the status bar');
  assert.equal(lookups.length, lookupsBefore, 'nothing was looked up');
  assert.deepEqual(panel.posted, [], 'nothing announced or redrawn: a preview stays a preview');
  assert.ok(logged.length >= 1 && logged.length <= 11, `${logged.length} log lines`);
  for (const line of logged) assert.ok(line.length < 300, `a log line of ${line.length} characters`);
  assert.ok(logged.some((line) => line.includes('"toString"')));
  assert.ok(panel.title.length > 0);

  // A hostile message does not make a preview permanent, and the panel still works.
  panel.send(scriptMessages.copy('id'));
  await turns();
  assert.equal(recorded.clipboard.length, 1);
});

test('each button does its job: copy copies and says so, refresh looks again, Keep Open keeps a preview', async () => {
  const subJob = aSubJob({ status: 'RUNNING', resourceId: 'r-42' });
  const { panel, lookups } = await openPanel(subJob, { preview: true });
  panel.send(scriptMessages.copy('resourceId'));
  await turns();
  assert.deepEqual(recorded.clipboard, ['r-42']);
  assert.deepEqual(recorded.statusBar, ['$(copy) Copied resource ID']);
  assert.ok(
    panel.posted.some((m) => JSON.stringify(m) === JSON.stringify(panelMessages.announce('Copied resource ID'))),
  );

  const before = lookups.length;
  panel.send(scriptMessages.refresh());
  await turns();
  assert.equal(lookups.length, before + 1);

  // The copy already kept the preview open: Keep Open has nothing left to say.
  panel.posted.length = 0;
  panel.send(scriptMessages.pin());
  await turns();
  assert.ok(panel.posted.every((m) => !isAnnouncement(m)));
});

test('Keep Open on a preview says what it did in the live region', async () => {
  const { panel } = await openPanel(aSubJob({ status: 'SUCCESS' }), { preview: true });
  panel.send(scriptMessages.pin());
  await turns();
  const said = panel.posted.filter((m) => isAnnouncement(m));
  assert.deepEqual(said, [
    panelMessages.announce('Kept open: the next sub-job you click opens in a panel of its own.'),
  ]);
});
