import './installFakeVscode';
import { afterEach, test } from 'node:test';
import assert from 'node:assert/strict';
import { SubJob } from '../../../src/model/subJob';
import { panelMessages, scriptMessages } from '../../../src/model/detailsProtocol';
import { FollowEngine } from '../../../src/core/followEngine';
import { SessionEnd } from '../../../src/core/sessionEnd';
import { SessionClosedError } from '../../../src/core/sessionGate';
import type { SessionProblem } from '../../../src/core/sessionState';
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

/** A session's follow engine, on a source that answers with the sub-job, and the session around it. */
function connectedSession(subJob: SubJob, clock: FakeClock, lookups: string[]) {
  const lifetime = new AbortController();
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
    clock,
    signal: lifetime.signal,
  });
  opened.push(engine);
  const session = {
    spec: { key: source.key, projectId: 'project', location: 'ap-southeast-3', sampleData: false },
    connected: true,
    state: {} as { readonly problem?: SessionProblem },
    signal: lifetime.signal,
    follow: engine.follow.bind(engine),
    onDidChangeSubJob: engine.onDidChangeSubJob,
    findSubJob: async () => subJob,
  };
  return { session, engine, lifetime };
}

/** One sub-job's panel, opened as a click in the tree opens it, its script loaded. */
async function openPanel(subJob: SubJob, options: { preview?: boolean; preserveFocus?: boolean } = {}) {
  const logged: string[] = [];
  const clock = new FakeClock(NOW);
  let shown = true;
  const setsChanged = new Set<() => void>();
  const lookups: string[] = [];
  const first = connectedSession(subJob, clock, lookups);
  const { engine } = first;
  let current = first;
  let session = first.session;
  const panels = new DetailsPanels({
    extensionUri: Uri.file('/extension') as never,
    sessions: {
      get: () => (shown ? session : undefined),
      get all() {
        return shown ? [session] : [];
      },
      onDidChangeSessions: (listener) => {
        setsChanged.add(listener);
        return { dispose: () => setsChanged.delete(listener) };
      },
    },
    intervalSeconds: () => 0,
    logger: { info: (m) => logged.push(m), error: (m) => logged.push(m) },
    clock,
  });
  open = panels;
  panels.show(subJob, source, options);
  const panel = recorded.panels.at(-1) as FakeWebviewPanel;
  panel.send(scriptMessages.ready());
  await turns();
  panel.posted.length = 0;
  const sessionsChanged = async () => {
    for (const listener of setsChanged) listener();
    await turns();
  };
  /** The session ends as Sessions ends one (sample data stopped, a project removed), and the view no longer shows it. */
  const endSession = async (end: SessionEnd) => {
    current.lifetime.abort(new SessionClosedError(true, end));
    shown = false;
    await sessionsChanged();
  };
  /**
   * The session is replaced, as Sessions replaces one after Sign Out or a new filter: by a session
   * of the same project that has a problem instead of a connection, or (no problem) by a connected one.
   */
  const replaceSession = async (problem: SessionProblem | undefined) => {
    current.lifetime.abort(new SessionClosedError(true, 'replaced'));
    current = connectedSession(subJob, clock, lookups);
    session = problem ? { ...current.session, connected: false, state: { problem } } : current.session;
    await sessionsChanged();
  };
  return { panel, panels, logged, lookups, engine, clock, endSession, replaceSession };
}

/** What the panel shows now: its last rendered body, posted or set as its document. */
function shownHtml(panel: FakeWebviewPanel): string {
  const renders = panel.posted.filter((m): m is { html: string } => (m as { type?: unknown }).type === 'render');
  return renders.at(-1)?.html ?? panel.webview.html;
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

  // Neither copy nor refresh kept the preview: Keep Open still does, and says so.
  panel.posted.length = 0;
  panel.send(scriptMessages.pin());
  await turns();
  assert.ok(panel.posted.some((m) => isAnnouncement(m)));
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

test('a click in the tree previews with the keyboard left in the tree, the next click too', async () => {
  const { panel, panels } = await openPanel(aSubJob({ id: 'sj-a', status: 'RUNNING' }), { preview: true });
  panels.show(aSubJob({ id: 'sj-b', status: 'RUNNING' }), source, { preview: true });
  assert.equal(recorded.panels.length, 1, 'the preview shows the next sub-job');
  assert.deepEqual(panel.focusKept, [true, true], 'created, then revealed, without taking the focus');
});

test('a Copy button does not keep a preview: the next click still replaces it', async () => {
  const { panel, panels } = await openPanel(aSubJob({ id: 'sj-a', status: 'SUCCESS' }), { preview: true });
  const first = panel.title;
  panel.send(scriptMessages.copy('id'));
  panel.send(scriptMessages.copy('json'));
  panel.send(scriptMessages.refresh());
  await turns();
  assert.equal(recorded.clipboard.length, 2);
  panels.show(aSubJob({ id: 'sj-b', status: 'SUCCESS' }), source, { preview: true });
  assert.equal(recorded.panels.length, 1, `${recorded.panels.length} panels: the copy kept the preview`);
  assert.notEqual(panel.title, first, 'it shows the sub-job clicked next');
});

test('a preview is marked in its title; Keep Open or a double-click keeps it and drops the mark', async () => {
  const { panel, panels, clock } = await openPanel(aSubJob({ id: 'sj-a', status: 'SUCCESS' }), { preview: true });
  assert.match(panel.title, /\(Preview\)$/, panel.title);
  assert.match(shownHtml(panel), /<title>[^<]*\(Preview\)<\/title>|preview-note/);
  panel.send(scriptMessages.pin());
  await turns();
  assert.doesNotMatch(panel.title, /Preview/);

  // A double-click: two opens of one row 300 ms apart.
  panels.show(aSubJob({ id: 'sj-b', status: 'SUCCESS' }), source, { preview: true });
  const second = recorded.panels.at(-1)!;
  assert.notEqual(second, panel, 'a kept panel is not replaced');
  assert.match(second.title, /\(Preview\)$/);
  clock.time += 300;
  panels.show(aSubJob({ id: 'sj-b', status: 'SUCCESS' }), source, { preview: true });
  assert.doesNotMatch(second.title, /Preview/, 'the double-click kept it');
  clock.time += 1000;
  panels.show(aSubJob({ id: 'sj-c', status: 'SUCCESS' }), source, { preview: true });
  assert.equal(recorded.panels.length, 3, 'the next click opens a panel of its own');
});

for (const [end, words] of [
  ['sampleDataStopped', 'No longer refreshed: sample data stopped'],
  ['projectRemoved', 'No longer refreshed: project removed'],
  ['appServerFamilyHidden', 'No longer refreshed: app server jobs are no longer shown'],
  ['imageFamilyHidden', 'No longer refreshed: image jobs are no longer shown'],
] as const) {
  test(`${end}: the panel says it is no longer refreshed, neutrally, not as a failed refresh`, async () => {
    const { panel, endSession } = await openPanel(aSubJob({ id: 'sj-a', status: 'SUCCESS' }), { preview: true });
    await endSession(end);
    const html = shownHtml(panel);
    assert.ok(html.includes(words), html);
    assert.ok(!html.includes('Refresh failed'), 'no "Refresh failed"');
    assert.ok(!html.includes('role="alert"'), 'nothing announced as an alert');
  });
}

test('a deleted record: its open panel says at once that it is gone, though its follow had ended', async () => {
  const subJob = aSubJob({ id: 'sj-a', status: 'SUCCESS' });
  const { panel, engine, lookups } = await openPanel(subJob, { preview: true });
  const before = lookups.length;
  engine.removed([subJob.id]);
  await turns();
  assert.ok(shownHtml(panel).includes('Sub-job not found'), shownHtml(panel));
  assert.equal(lookups.length, before, 'no look-up: the session deleted it');
});

const refreshButton = (html: string) => /<button[^>]*data-action="refresh"[^>]*>/.exec(html)?.[0] ?? '';

for (const [why, problem, words] of [
  [
    'Sign Out',
    { kind: 'noCredentials' },
    /No longer refreshed: project Image factory \(ap-southeast-3\) has no credentials/,
  ],
  [
    'a filter that leaves no job type',
    { kind: 'noJobTypes' },
    /No longer refreshed: the filter leaves none of the configured job types/,
  ],
] as const) {
  test(`after ${why} the panel says truly why it is not refreshed, with Refresh disabled until it can work again`, async () => {
    const { panel, lookups, replaceSession } = await openPanel(aSubJob({ id: 'sj-a', status: 'RUNNING' }));
    await replaceSession(problem);
    const html = shownHtml(panel);
    assert.match(html, words);
    assert.ok(!html.includes('which the view no longer shows'), 'the view does show that project');
    assert.ok(!html.includes('Refresh failed'), 'not a failure');
    assert.match(refreshButton(html), / disabled/, 'Refresh cannot work now: it is disabled');

    const before = lookups.length;
    await replaceSession(undefined);
    const after = shownHtml(panel);
    assert.ok(!after.includes('No longer refreshed'), after);
    assert.doesNotMatch(refreshButton(after), / disabled/, 'Refresh works again');
    assert.ok(lookups.length > before, 'looked up again on the new session');
  });
}
