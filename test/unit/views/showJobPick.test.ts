// Show Parent Job with a job id typed or passed: which project and family it asks, as the user meets it
// through the fake VS Code's quick picks and messages.
import './installFakePrompts';
import { afterEach, beforeEach, test } from 'node:test';
import assert from 'node:assert/strict';
import { prompts } from './fakePrompts';
import * as vscode from 'vscode';
import { registerShowJob } from '../../../src/commands/showJob';
import type { Sessions } from '../../../src/core/sessions';
import type { JobPanels } from '../../../src/views/jobPanel';
import { aSubJob } from '../builders';

interface FakeSession {
  readonly spec: { key: string; projectKey?: string; family?: 'image' | 'appServer'; projectId: string };
  readonly connected: boolean;
  loadedSubJobs(): ReturnType<typeof aSubJob>[];
}

function session(key: string, family: 'image' | 'appServer', jobIds: string[] = []): FakeSession {
  return {
    spec: { key, projectKey: 'https://x|P', family, projectId: 'P' },
    connected: true,
    loadedSubJobs: () => jobIds.map((jobId, i) => aSubJob({ id: `${key}-${i}`, jobId })),
  };
}

let shown: Array<[string, string]>;
let command: vscode.Disposable;
function register(all: FakeSession[]): void {
  const sessions = { all, get: (key: string) => all.find((s) => s.spec.key === key) } as unknown as Sessions;
  command = registerShowJob(sessions, {
    show: (key: string, id: string) => void shown.push([key, id]),
  } as unknown as JobPanels);
}

/** Runs the command; a quick pick it shows is closed (Escape). */
async function showJob(arg: string): Promise<unknown> {
  const run = vscode.commands.executeCommand('workspaceJobs.showJob', arg);
  const first = await Promise.race([run.then(() => 'done' as const), prompts.next()]);
  if (first !== 'done') first.escape();
  return run;
}

beforeEach(() => {
  prompts.reset();
  shown = [];
});
afterEach(() => command.dispose());

test('a job id whose sub-jobs one family has loaded opens there without asking', async () => {
  register([session('https://x|P', 'image', ['IMG-1']), session('https://x|P#appServer', 'appServer', ['J1'])]);
  await showJob('J1');
  assert.equal(prompts.shown.length, 0, 'no question asked');
  assert.deepEqual(shown, [['https://x|P#appServer', 'J1']]);
});

test('a job id nobody has loaded asks which project and family', async () => {
  register([session('https://x|P', 'image'), session('https://x|P#appServer', 'appServer')]);
  await showJob('J9');
  assert.equal(prompts.shown.length, 1);
  assert.equal(prompts.shown[0]!.items.length, 2);
});

test('an app-server job id of 200 characters is taken, and only app-server projects can hold it', async () => {
  const long = 'a'.repeat(200);
  register([session('https://x|P', 'image'), session('https://x|P#appServer', 'appServer')]);
  await showJob(long);
  assert.deepEqual(prompts.messages, [], 'not refused');
  assert.equal(prompts.shown.length, 0, 'one project can hold it: no question');
  assert.deepEqual(shown, [['https://x|P#appServer', long]]);
});

test('a 200-character job id without an app-server project says why nothing opens; 256 characters is refused', async () => {
  register([session('https://x|P', 'image')]);
  await showJob('a'.repeat(200));
  assert.match(prompts.messages[0] ?? '', /more than 128 characters can only be an app server job/);
  await showJob('a'.repeat(256));
  assert.match(prompts.messages[1] ?? '', /at most 255 characters; this one has 256/);
  assert.deepEqual(shown, []);
});
