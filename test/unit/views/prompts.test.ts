import './installFakePrompts';
import { beforeEach, test } from 'node:test';
import assert from 'node:assert/strict';
import { FakeQuickInput, prompts, registered, settings } from './fakePrompts';
import { askAccessKey } from '../../../src/commands/accessKeyPrompt';
import { registerConfigureProject } from '../../../src/commands/configureProject';
import { askSignIn } from '../../../src/views/signInPrompt';

const ID1 = '0a1b2c3d4e5f60718293a4b5c6d7e8f9';
const ID2 = 'f9e8d7c6b5a4039281706f5e4d3c2b1a';

registerConfigureProject();

beforeEach(() => {
  prompts.reset();
  settings.clear();
});

/** The next prompt, or 'finished' when the flow ends first (with what it resolved to). */
async function nextOr(done: Promise<unknown>): Promise<FakeQuickInput | { finished: unknown }> {
  return Promise.race([prompts.next(), done.then((finished) => ({ finished }))]);
}

async function next(done: Promise<unknown>, title?: RegExp): Promise<FakeQuickInput> {
  const shown = await nextOr(done);
  if (!(shown instanceof FakeQuickInput)) assert.fail(`the flow ended (${String(shown.finished)}) instead of a prompt`);
  if (title) assert.match(shown.title ?? '', title);
  return shown;
}

/** Enter (or Escape) takes a moment to come back from the settings writes: let them run. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 10));

const configureProject = () => registered.get('workspaceJobs.configureProject')!() as Promise<boolean>;

/** The credential askAccessKey gave, whether it returns the key itself or an answer holding it. */
function keyOf(answer: unknown): { accessKeyId?: string; secretKey?: string; securityToken?: string } | undefined {
  if (!answer || typeof answer !== 'object') return undefined;
  return 'credential' in answer ? (answer.credential as object) : answer;
}

test('Back keeps what was typed on the step it was pressed on, and going forward shows it again', async () => {
  const done = askAccessKey();
  (await next(done, /\(1\/3\)/)).type('HPUAKEEPKEEP1234').enter();
  const secret = await next(done, /\(2\/3\)/);
  secret.type('secret-typed');
  secret.back();
  const first = await next(done, /\(1\/3\)/);
  assert.equal(first.value, 'HPUAKEEPKEEP1234');
  first.enter();
  const again = await next(done, /\(2\/3\)/);
  assert.equal(again.value, 'secret-typed', 'the secret typed before Back');
  again.enter();
  const token = await next(done, /\(3\/3\)/);
  token.type('token-typed');
  token.back();
  (await next(done, /\(2\/3\)/)).enter();
  const tokenAgain = await next(done, /\(3\/3\)/);
  assert.equal(tokenAgain.value, 'token-typed', 'the token typed before Back');
  tokenAgain.enter();
  assert.equal(keyOf(await done)?.securityToken, 'token-typed');
});

test('Escape on an empty security-token step keeps the access key and secret, and says the token was skipped', async () => {
  const done = askAccessKey();
  (await next(done)).type('HPUAESCAPE123456').enter();
  (await next(done)).type('the-secret').enter();
  (await next(done, /\(3\/3\)/)).escape();
  const answer = await done;
  assert.deepEqual(keyOf(answer), { kind: 'accessKey', accessKeyId: 'HPUAESCAPE123456', secretKey: 'the-secret' });
  assert.equal((answer as { tokenSkipped?: boolean }).tokenSkipped, true);
});

test('Escape on a required step with something typed asks first; Escape on the question goes back to the step', async () => {
  const done = askAccessKey();
  (await next(done)).type('HPUAASKASK123456').enter();
  const secret = await next(done, /\(2\/3\)/);
  secret.type('typed');
  secret.escape();
  const question = await next(done);
  assert.ok(question.kind === 'pick' && question.items.length === 2, 'a question, not the end');
  question.escape();
  const back = await next(done, /\(2\/3\)/);
  assert.equal(back.value, 'typed');
  back.escape();
  (await next(done)).choose(/Discard/);
  assert.equal(await done, undefined);
});

test('Escape on the first step with nothing typed closes at once', async () => {
  const done = configureProject();
  (await next(done, /\(1\//)).escape();
  const after = await nextOr(done);
  assert.deepEqual(after, { finished: false });
});

test('two Escapes in Configure Project do not save the project', async () => {
  const done = configureProject();
  (await next(done, /\(1\//)).type(ID1).enter();
  (await next(done, /\(2\//)).enter();
  (await next(done, /\(3\//)).escape();
  const second = await nextOr(done);
  assert.ok(second instanceof FakeQuickInput, `the first Escape ended the flow with ${JSON.stringify(second)}`);
  second.escape();
  await settle();
  assert.equal(settings.size, 0, `nothing saved: ${JSON.stringify([...settings])}`);
  // The question's Escape went back to the step; leave for good.
  (await next(done, /\(3\//)).escape();
  (await next(done)).choose(/Discard/);
  assert.equal(await done, false);
  assert.equal(settings.size, 0);
});

test('two Escapes while adding a second project do not save it', async () => {
  settings.set('workspaceJobs.projects', [{ projectId: ID1, region: 'ap-southeast-3', name: 'One' }]);
  const done = configureProject();
  (await next(done)).choose(/Add another/);
  (await next(done, /\(2\//)).type(ID2).enter();
  (await next(done, /\(3\//)).enter();
  (await next(done, /\(4\//)).escape();
  const second = await nextOr(done);
  if (second instanceof FakeQuickInput) second.escape();
  await settle();
  assert.equal((settings.get('workspaceJobs.projects') as unknown[]).length, 1, 'still one project');
  (await next(done, /\(4\//)).escape();
  (await next(done)).choose(/Discard/);
  assert.equal(await done, false);
  assert.equal((settings.get('workspaceJobs.projects') as unknown[]).length, 1);
});

test('Escape on an empty name step saves what was typed before and says the name was skipped', async () => {
  settings.set('workspaceJobs.projects', [{ projectId: ID1, region: 'ap-southeast-3', name: 'One' }]);
  const done = configureProject();
  (await next(done, /\(1\/5\)/)).choose(/Add another/);
  (await next(done, /\(2\/5\)/)).type(ID2).enter();
  (await next(done, /\(3\/5\)/)).enter();
  (await next(done, /\(4\/5\)/)).enter();
  (await next(done, /\(5\/5\)/)).escape();
  assert.equal(await done, true);
  const list = settings.get('workspaceJobs.projects') as Array<{ projectId: string; name?: string }>;
  assert.deepEqual(
    list.map((p) => [p.projectId, p.name]),
    [
      [ID1, 'One'],
      [ID2, undefined],
    ],
  );
  assert.match(prompts.messages.join('\n'), /saved.*skipped the name/);
});

test('adding a second project asks a name for the first, which has none', async () => {
  settings.set('workspaceJobs.projectId', ID1);
  settings.set('workspaceJobs.region', 'ap-southeast-3');
  const done = configureProject();
  (await next(done, /\(1\//)).choose(/Add another/);
  (await next(done, /\(2\/6\)/)).type(ID2).enter();
  (await next(done, /\(3\/6\)/)).enter();
  (await next(done, /\(4\/6\)/)).enter();
  (await next(done, /\(5\/6\)/)).type('Two').enter();
  const first = await next(done, /\(6\/6\)/);
  assert.match(first.prompt ?? '', new RegExp(ID1));
  first.type('One').enter();
  assert.equal(await done, true);
  const list = settings.get('workspaceJobs.projects') as Array<{ projectId: string; name?: string }>;
  assert.deepEqual(
    list.map((p) => [p.projectId, p.name]),
    [
      [ID1, 'One'],
      [ID2, 'Two'],
    ],
  );
});

test('Sign In numbers its steps across the whole flow; Back from the account goes to the project', async () => {
  const choices = [
    { projectId: ID1, region: 'ap-southeast-3', endpoint: '' },
    { projectId: ID2, region: 'cn-north-4', endpoint: '' },
  ];
  const done = askSignIn({ choices }, () => 'https://iam.example');
  (await next(done, /\(1\/5\)/)).choose(new RegExp(ID2));
  const account = await next(done, /\(2\/5\)/);
  account.type('acme');
  account.back();
  (await next(done, /\(1\/5\)/)).enter();
  const again = await next(done, /\(2\/5\)/);
  assert.equal(again.value, 'acme');
  again.enter();
  (await next(done, /\(3\/5\)/)).type('alice').enter();
  (await next(done, /\(4\/5\)/)).type('pw').enter();
  (await next(done, /\(5\/5\)/)).enter();
  assert.deepEqual(await done, {
    project: choices[1],
    domainName: 'acme',
    userName: 'alice',
    password: 'pw',
    remember: false,
  });
  const named = askSignIn({ named: choices[0], choices }, () => 'https://iam.example');
  (await next(named, /\(1\/4\)/)).escape();
  assert.equal(await named, undefined);
});

test('Configure Project: hint on step 1, cn-north-4 warned, regions by city, unknown region + Enter, confirmation', async () => {
  const done = configureProject();
  const id = await next(done, /\(1\/3\)/);
  assert.match(id.prompt ?? '', /My Credentials/, 'where the id is, before anything is typed');
  id.type('cn-north-4');
  const warning = id.validationMessage as { message: string; severity: number };
  assert.match(warning.message, /cn-north-4 is a region name/);
  assert.equal(warning.severity, 2);
  id.type(ID1).enter();
  const region = await next(done, /\(2\/3\)/);
  region.type('singapore');
  assert.equal(region.activeItems[0]?.label, 'ap-southeast-3');
  assert.match(region.activeItems[0]?.description ?? '', /Singapore/);
  region.type('xx-nowhere-9');
  assert.match(region.visibleItems()[0]?.label ?? '', /No WorkspaceApp region matches "xx-nowhere-9"/);
  region.enter();
  await settle();
  assert.ok(region.visible, 'Enter on an unknown region keeps the step open');
  region.type('singapore').enter();
  (await next(done, /\(3\/3\)/)).enter();
  assert.equal(await done, true);
  assert.equal(settings.get('workspaceJobs.region'), 'ap-southeast-3');
  assert.match(prompts.messages.join('\n'), new RegExp(`project ${ID1} in ap-southeast-3 saved`));
});

test('after Back, only the saved region says "current"; the region just picked is the one under the cursor', async () => {
  settings.set('workspaceJobs.projectId', ID1);
  settings.set('workspaceJobs.region', 'cn-north-4');
  const done = configureProject();
  (await next(done)).choose(/Change/);
  (await next(done)).enter();
  (await next(done)).type('singapore').enter();
  (await next(done)).back();
  const region = await next(done);
  const current = region.items.filter((i) => /current/.test(i.description ?? ''));
  assert.deepEqual(
    current.map((i) => i.label),
    ['cn-north-4'],
    'the saved region says current, not the one picked',
  );
  assert.equal(region.activeItems[0]?.label, 'ap-southeast-3', 'Enter keeps the region picked');
  region.escape();
  (await next(done)).choose(/Discard/);
  assert.equal(await done, false);
  assert.equal(settings.get('workspaceJobs.region'), 'cn-north-4');
});

test('Configure Project: the Change/Add pick is step 1, numbered for the choice under the cursor; Back returns to it', async () => {
  settings.set('workspaceJobs.projectId', ID1);
  settings.set('workspaceJobs.region', 'cn-north-4');
  const done = configureProject();
  // Change: the pick, project id, region, endpoint.
  const pick = await next(done, /\(1\/4\)/);
  // Add to an unnamed project: the pick, project id, region, endpoint, name, and a name for the first.
  pick.move(/Add another/);
  assert.match(pick.title ?? '', /\(1\/6\)/);
  pick.enter();
  const id = await next(done, /\(2\/6\)/);
  assert.equal(id.buttons.length, 1, 'a Back button');
  id.type(ID2);
  id.back();
  const again = await next(done, /\(1\/6\)/);
  assert.match(again.activeItems[0]?.label ?? '', /Add another/, 'the choice made before Back');
  again.choose(/Change/);
  const change = await next(done, /\(2\/4\)/);
  assert.equal(change.value, ID1);
  change.back();
  (await next(done, /\(1\//)).choose(/Add another/);
  const added = await next(done, /\(2\/6\)/);
  assert.equal(added.value, ID2, 'what was typed for the new project before Back');
  added.escape();
  (await next(done)).choose(/Discard/);
  assert.equal(await done, false);
  assert.equal(settings.get('workspaceJobs.projects'), undefined);
});

/** Set Access Key up to its token step, with a token typed in it. */
async function tokenTyped(done: Promise<unknown>, token: string): Promise<FakeQuickInput> {
  (await next(done)).type('HPUATYPEDTOKEN12').enter();
  (await next(done)).type('the-secret').enter();
  const step = await next(done, /\(3\/3\)/);
  step.type(token);
  return step;
}

test('Escape on a security token typed asks: save with it, without it, or go back', async () => {
  const without = askAccessKey();
  (await tokenTyped(without, 'half-pasted')).escape();
  const question = await next(without);
  assert.equal(question.kind, 'pick');
  assert.equal(question.items.length, 3, `three choices: ${question.items.map((i) => i.label)}`);
  assert.match(question.placeholder ?? '', /security token typed/);
  question.choose(/without/i);
  assert.deepEqual(keyOf(await without), {
    kind: 'accessKey',
    accessKeyId: 'HPUATYPEDTOKEN12',
    secretKey: 'the-secret',
  });
  assert.equal(((await without) as { tokenSkipped?: boolean }).tokenSkipped, true);

  const withIt = askAccessKey();
  (await tokenTyped(withIt, 'whole-token')).escape();
  (await next(withIt)).choose(/Save with/);
  assert.equal(keyOf(await withIt)?.securityToken, 'whole-token');
  assert.equal(((await withIt) as { tokenSkipped?: boolean }).tokenSkipped, false);
});

test('Go back (or Escape) on that question shows the token step with what was typed; an empty box skips at once', async () => {
  const done = askAccessKey();
  (await tokenTyped(done, 'typed-token')).escape();
  (await next(done)).choose(/Go back/);
  const step = await next(done, /\(3\/3\)/);
  assert.equal(step.value, 'typed-token');
  step.escape();
  (await next(done)).escape();
  const again = await next(done, /\(3\/3\)/);
  assert.equal(again.value, 'typed-token', 'Escape on the question loses nothing either');
  again.type('');
  again.escape();
  const answer = await done;
  assert.deepEqual(keyOf(answer), { kind: 'accessKey', accessKeyId: 'HPUATYPEDTOKEN12', secretKey: 'the-secret' });
});

test('Escape on a project name typed asks, and "Save with it" saves the name', async () => {
  settings.set('workspaceJobs.projects', [{ projectId: ID1, region: 'ap-southeast-3', name: 'One' }]);
  const done = configureProject();
  (await next(done)).choose(/Add another/);
  (await next(done)).type(ID2).enter();
  (await next(done)).enter();
  (await next(done)).enter();
  const name = await next(done);
  name.type('Singapore');
  name.escape();
  const question = await next(done);
  assert.match(question.placeholder ?? '', /name typed/);
  question.choose(/Save with/);
  assert.equal(await done, true);
  const list = settings.get('workspaceJobs.projects') as Array<{ projectId: string; name?: string }>;
  assert.deepEqual(
    list.map((p) => [p.projectId, p.name]),
    [
      [ID1, 'One'],
      [ID2, 'Singapore'],
    ],
  );
  assert.doesNotMatch(prompts.messages.join('\n'), /skipped/);
});

test('"Save with" the new project\'s name ends the steps before the first one is named, and says so', async () => {
  settings.set('workspaceJobs.projectId', ID1);
  settings.set('workspaceJobs.region', 'ap-southeast-3');
  const done = configureProject();
  (await next(done)).choose(/Add another/);
  (await next(done, /\(2\/6\)/)).type(ID2).enter();
  (await next(done, /\(3\/6\)/)).enter();
  (await next(done, /\(4\/6\)/)).enter();
  (await next(done, /\(5\/6\)/)).type('Two').escape();
  (await next(done)).choose(/Save with the name "Two"/);
  assert.equal(await done, true);
  const list = settings.get('workspaceJobs.projects') as Array<{ projectId: string; name?: string }>;
  assert.deepEqual(
    list.map((p) => [p.projectId, p.name]),
    [
      [ID1, undefined],
      [ID2, 'Two'],
    ],
  );
  assert.match(prompts.messages.join('\n'), new RegExp(`skipped naming ${ID1}`));
});
