import './installFakeVscode';
import { afterEach, test } from 'node:test';
import assert from 'node:assert/strict';
import { SessionSpec } from '../../../src/core/projectSession';
import { SessionPlan, Sessions } from '../../../src/core/sessions';
import { JOB_TYPES, STATUSES } from '../../../src/model/subJob';
import { SubJobClient } from '../../../src/api/subJobClient';
import { TokenAuthorizer } from '../../../src/api/authorizer';
import { RunningSimulator, startSimulator } from '../../../src/simulator/server';
import { SubJobTreeProvider, TreeNode } from '../../../src/views/subJobTreeProvider';
import { FakeClock } from '../fakeClock';
import { appServerSpecOf, OpenedInTest, tokenClient, simulatorSessionSpec } from '../simulatorClient';
import { MarkdownString, ThemeIcon, TreeItem, TreeItemCollapsibleState } from './fakeVscode';

const opened = new OpenedInTest();
afterEach(() => opened.closeAll());

const NOW = Date.parse('2026-11-27T12:00:00.000Z');

function spec(simulator: RunningSimulator, overrides: Partial<SessionSpec> = {}): SessionSpec {
  return simulatorSessionSpec(simulator, {
    name: 'Image factory',
    location: 'ap-southeast-3',
    credential: 'token for this project',
    ...overrides,
  });
}

/** The tree over `sessions`, nothing watched, disposed when the test ends. */
function treeOf(sessions: Sessions): SubJobTreeProvider {
  const provider = new SubJobTreeProvider(
    sessions,
    () => new Set(),
    () => NOW,
  );
  opened.track({ close: async () => provider.dispose() });
  return provider;
}

/** The tree of one project on a simulator, as VS Code would ask for it. */
async function setUp(plan: (simulator: RunningSimulator) => SessionPlan, options = { size: 120, seed: 11 }) {
  const simulator = opened.track(await startSimulator({ progress: false, token: 'tok', ...options }));
  const sessions = new Sessions({ clock: new FakeClock(NOW) });
  opened.track({ close: async () => sessions.dispose() });
  sessions.configure([plan(simulator)], 0);
  await sessions.refreshAll('settle');
  const provider = treeOf(sessions);
  const fired: Array<TreeNode | TreeNode[] | undefined> = [];
  provider.onDidChangeTreeData((nodes) => fired.push(nodes));
  return { simulator, sessions, provider, fired };
}

const connected = (simulator: RunningSimulator): SessionPlan => ({
  spec: spec(simulator),
  connect: () => tokenClient(simulator, 'tok'),
  credentialFingerprint: 'tok',
});

/** What a person sees and hears of a row. */
function seen(provider: SubJobTreeProvider, node: TreeNode) {
  const item = provider.getTreeItem(node) as unknown as TreeItem;
  const icon = item.iconPath as ThemeIcon | undefined;
  return {
    label: item.label,
    description: item.description,
    tooltip: item.tooltip instanceof MarkdownString ? item.tooltip.value : item.tooltip,
    trusted: item.tooltip instanceof MarkdownString ? item.tooltip.isTrusted : undefined,
    icon: icon && `${icon.id}${icon.color ? ` ${icon.color.id}` : ''}`,
    contextValue: item.contextValue,
    spoken: item.accessibilityInformation?.label,
    command: item.command && { command: item.command.command, arguments: item.command.arguments },
    collapsible: item.collapsibleState,
  };
}

async function children(provider: SubJobTreeProvider, node?: TreeNode): Promise<TreeNode[]> {
  const nodes = await provider.getChildren(node);
  // A loading group tells VS Code of changes made meanwhile on the next turn.
  await new Promise((resolve) => setTimeout(resolve, 5));
  return nodes;
}

function counts(simulator: RunningSimulator): Map<string, number> {
  const byStatus = new Map<string, number>();
  for (const s of simulator.subJobs()) byStatus.set(s.status, (byStatus.get(s.status) ?? 0) + 1);
  return byStatus;
}

test('a project with counts: its row, then one row per status in attention order with its count', async () => {
  const { simulator, provider } = await setUp(connected);
  const roots = await children(provider);
  assert.equal(roots.length, 1);
  const project = seen(provider, roots[0]);
  assert.equal(project.label, 'Image factory');
  assert.equal(project.description, 'ap-southeast-3');
  assert.equal(project.icon, 'cloud');
  assert.equal(project.contextValue, 'project removable');
  assert.equal(project.spoken, 'Image factory, project, ap-southeast-3');
  assert.equal(project.collapsible, TreeItemCollapsibleState.Expanded);
  assert.equal(project.trusted, false, 'a tooltip with API text runs no command links');
  // Markdown escapes punctuation with a backslash; the reader sees the text without them.
  const read = String(project.tooltip).replace(/\\(.)/g, '$1');
  for (const shown of [simulator.projectId, simulator.url, 'token for this project', 'Endpoint', 'Credential'])
    assert.ok(read.includes(shown), `tooltip shows ${shown}: ${read}`);

  const truth = counts(simulator);
  const groups = (await children(provider, roots[0])).map((node) => seen(provider, node));
  assert.deepEqual(
    groups.map((g) => g.label),
    STATUSES.filter((s) => truth.has(s)),
  );
  for (const group of groups) {
    const count = truth.get(group.label)!;
    assert.equal(group.description, String(count));
    assert.equal(group.spoken, count === 1 ? `${group.label}, 1 sub-job` : `${group.label}, ${count} sub-jobs`);
    assert.match(String(group.tooltip), new RegExp(`: ${count} sub-jobs?$`));
    assert.equal(group.collapsible, TreeItemCollapsibleState.Collapsed);
    assert.equal(
      group.contextValue,
      ['SUCCESS', 'FAILED'].includes(group.label) ? 'statusGroup deletable' : 'statusGroup',
    );
  }
  const failed = groups.find((g) => g.label === 'FAILED');
  assert.equal(failed?.icon, 'error testing.iconFailed');
});

test('an expanded group lists its sub-jobs newest first, each with what it can do and what it is', async () => {
  const { simulator, sessions, provider } = await setUp(connected);
  const hostile = simulator.addSubJob({
    status: 'FAILED',
    job_resource_info: { resource_id: 'r-1', resource_name: '**pwn** [run](command:workbench.action.quit)' },
  });
  await sessions.refreshAll('again');
  const [root] = await children(provider);
  const group = (await children(provider, root)).find((n) => seen(provider, n).label === 'FAILED')!;
  const rows = (await children(provider, group)).map((node) => seen(provider, node));
  const failed = simulator.subJobs().filter((s) => s.status === 'FAILED');
  assert.equal(rows.length, failed.length);
  assert.deepEqual(
    rows.map((r) => r.label),
    failed.map((s) => s.job_resource_info?.resource_name || s.job_resource_info?.resource_id || s.id),
  );
  const first = rows[0];
  assert.equal(first.label, hostile.job_resource_info!.resource_name, 'the newest comes first');
  assert.equal(first.icon, 'error testing.iconFailed');
  assert.equal(first.collapsible, TreeItemCollapsibleState.None);
  assert.equal(first.contextValue, 'subJob hasJobId jobWatchable deletable');
  assert.equal(first.command?.command, 'workspaceJobs.showDetails');
  assert.equal((first.command?.arguments?.[0] as { subJob: { id: string } }).subJob.id, hostile.id);
  assert.equal(first.command?.arguments?.[1], 'preview');
  assert.equal(first.spoken, `${first.label}, FAILED, ${first.description}`);
  assert.equal(first.trusted, false);
  assert.ok(first.tooltip?.includes(hostile.id));
  assert.ok(!first.tooltip?.includes('**pwn**'), 'markdown in a resource name is shown as text');
  assert.ok(!first.tooltip?.includes('](command:'), 'no link a click would run');
});

test('a refresh that fails keeps the counts, says so on the project, and shows the failure first', async () => {
  const { simulator, sessions, provider } = await setUp(connected);
  const [root] = await children(provider);
  const before = (await children(provider, root)).length;
  simulator.setFaults({ errorRate: { rate: 1, statuses: [503] } });
  await sessions.refreshAll('failing');
  const project = seen(provider, root);
  assert.equal(project.description, 'ap-southeast-3 · stale');
  assert.match(String(project.tooltip), /The last refresh failed/);
  const rows = (await children(provider, root)).map((node) => seen(provider, node));
  assert.equal(rows.length, before + 1, 'the status groups stay, after the failure');
  const failure = rows[0];
  assert.match(failure.label, /^Request failed \(HTTP 503\).* — showing the last good data$/);
  assert.equal(failure.icon, 'error list.errorForeground');
  assert.equal(failure.contextValue, 'message action-showLog');
  assert.equal(failure.command?.command, 'workspaceJobs.showLog');
  assert.equal(failure.spoken, `${failure.label}, Show Log`);
  assert.match(String(failure.tooltip), /HTTP 503/);
});

test('a project without credentials shows one row whose click offers every way to add credentials for that project', async () => {
  const { simulator, provider } = await setUp((s) => ({
    spec: spec(s, { credential: 'none' }),
    problem: { kind: 'noCredentials' },
    credentialFingerprint: '',
  }));
  const [root] = await children(provider);
  const rows = (await children(provider, root)).map((node) => seen(provider, node));
  assert.equal(rows.length, 1);
  const [row] = rows;
  assert.equal(row.label, 'No credentials — click to add them');
  assert.equal(row.icon, 'warning list.warningForeground');
  assert.equal(row.contextValue, 'message action-addCredentials');
  assert.deepEqual(row.command, { command: 'workspaceJobs.addCredentials', arguments: [simulator.projectId] });
  assert.equal(row.spoken, 'No credentials — click to add them, Add Credentials');
  assert.match(String(row.tooltip), /SecretStorage/);
  assert.equal(simulator.requests.length, 0, 'nothing was asked without a credential');
});

test('a change in one group tells VS Code about that group alone; a refresh that finds nothing new tells nothing', async () => {
  const { simulator, sessions, provider, fired } = await setUp(connected, { size: 200, seed: 12 });
  const [root] = await children(provider);
  const groups = await children(provider, root);
  const running = groups.find((n) => seen(provider, n).label === 'RUNNING')!;
  assert.ok(running, 'the data set has running sub-jobs');
  await children(provider, running);
  const countBefore = Number(seen(provider, running).description);
  fired.length = 0;

  await sessions.refreshAll('nothing new');
  assert.deepEqual(fired, [], 'same data, no redraw');

  simulator.addSubJob({ status: 'RUNNING' });
  await sessions.refreshAll('one more running');
  assert.equal(fired.length, 1);
  assert.deepEqual(fired[0], [running], 'only the RUNNING group, as the same node VS Code holds');
  assert.equal(Number(seen(provider, running).description), countBefore + 1);
  const rows = await children(provider, running);
  assert.equal(rows.length, countBefore + 1, 'its new sub-job is among its rows');
});

// Review 15 #6. Old code: nodeOf looked only in the group of the status the sub-job was told with:
// one that moved on (RUNNING → FAILED) was "not shown" (undefined), as was one deleted, and either
// was blamed on the filter.
test('Show in View finds a sub-job where it is now, and tells "gone" from "hidden by the filter"', async () => {
  const { simulator, sessions, provider } = await setUp(connected);
  const session = sessions.all[0];
  const [root] = await children(provider);
  const groups = await children(provider, root);
  const running = groups.find((n) => seen(provider, n).label === 'RUNNING')!;
  await children(
    provider,
    groups.find((n) => seen(provider, n).label === 'FAILED'),
  );
  const told = (await children(provider, running))[0].row;
  assert.equal(told.kind, 'subJob');
  const announced = told.kind === 'subJob' ? told.subJob : undefined;
  simulator.setStatus(announced!.id, 'FAILED');
  await sessions.refreshAll('moved');
  const moved = await provider.nodeOf(session, announced!);
  assert.ok(typeof moved === 'object', `found: ${String(moved)}`);
  assert.equal(moved.row.kind === 'subJob' && moved.row.subJob.status, 'FAILED');
  const parent = provider.getParent(moved)?.row;
  assert.equal(parent?.kind === 'status' ? parent.status : undefined, 'FAILED', 'in the group it is in now');

  await tokenClient(simulator, 'tok').batchDelete([announced!.id], new AbortController().signal);
  await sessions.refreshAll('deleted');
  assert.equal(await provider.nodeOf(session, announced!), 'gone');

  const other = simulator.subJobs().find((s) => s.status === 'FAILED')!;
  sessions.configure(
    [{ ...connected(simulator), spec: spec(simulator, { query: { jobTypes: JOB_TYPES, statuses: ['RUNNING'] } }) }],
    0,
  );
  await sessions.refreshAll('filtered');
  const filtered = sessions.all[0];
  const hidden = { ...announced!, id: other.id, status: 'FAILED' as const };
  assert.equal(await provider.nodeOf(filtered, hidden), 'hidden');
});

test("a problem of the project's connection shows once, without the family level; a family's own problem keeps it", async () => {
  const simulator = opened.track(await startSimulator({ progress: false, token: 'tok', size: 10, seed: 11 }));
  const sessions = new Sessions({ clock: new FakeClock(NOW) });
  opened.track({ close: async () => sessions.dispose() });
  const image = spec(simulator, { credential: 'none' });
  const appServer = appServerSpecOf(image, false);
  const provider = treeOf(sessions);
  const show = async (problems: [SessionPlan['problem'], SessionPlan['problem']]) => {
    sessions.configure(
      [
        { spec: image, problem: problems[0], credentialFingerprint: '' },
        { spec: appServer, problem: problems[1], credentialFingerprint: '' },
      ],
      0,
    );
    const [root] = await children(provider);
    return (await children(provider, root)).map((node) => seen(provider, node).label);
  };
  assert.deepEqual(await show([{ kind: 'noCredentials' }, { kind: 'noCredentials' }]), [
    'No credentials — click to add them',
  ]);
  assert.deepEqual(await show([{ kind: 'noJobTypes' }, { kind: 'noJobTypes' }]), ['Image jobs', 'App server jobs']);
});

test("each family's row says its own session's state: counted by listing (naming its own IAM action), last refresh", async () => {
  const simulator = opened.track(await startSimulator({ progress: false, token: 'tok', size: 20, seed: 11 }));
  simulator.setFaults('deny=countSubJobs');
  const sessions = new Sessions({ clock: new FakeClock(NOW) });
  opened.track({ close: async () => sessions.dispose() });
  const image = spec(simulator);
  const appServer = appServerSpecOf(image);
  const client = (family: 'image' | 'appServer') =>
    new SubJobClient({
      endpoint: simulator.url,
      projectId: simulator.projectId,
      authorizer: new TokenAuthorizer('tok'),
      userAgent: 'test',
      family,
    });
  sessions.configure(
    [
      { spec: image, connect: () => client('image'), credentialFingerprint: 'tok' },
      { spec: appServer, connect: () => client('appServer'), credentialFingerprint: 'tok' },
    ],
    0,
  );
  await sessions.refreshAll('settle');
  const provider = treeOf(sessions);
  const [root] = await children(provider);
  const [imageRow, appRow] = (await children(provider, root)).map((node) => seen(provider, node));
  assert.match(String(appRow!.tooltip), /workspace:jobs:countSubJobs/);
  assert.match(String(appRow!.tooltip), /Last refresh/);
  assert.doesNotMatch(String(imageRow!.tooltip), /count call/);
});
