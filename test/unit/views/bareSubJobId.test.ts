// A sub-job id typed or passed (Show Details, Watch Sub-Job, Watch Parent Job, `workspaceJobs.watch "123"`)
// that two families hold: CREATE_SERVER and DELETE_SERVER exist in both, and so may one id.
import './installFakePrompts';
import { beforeEach, test } from 'node:test';
import assert from 'node:assert/strict';
import { FakeQuickInput, prompts, registered } from './fakePrompts';
import { registerWatchCommands } from '../../../src/commands/watch';
import type { Sessions } from '../../../src/core/sessions';
import type { Watch } from '../../../src/core/watches';
import type { Family } from '../../../src/model/family';
import type { SubJob } from '../../../src/model/subJob';
import { pickOrLookUpSubJob } from '../../../src/views/subJobPicker';
import { aSubJob } from '../builders';

const ID = '123';

/** One family's session of project "prod", holding `held` among its newest sub-jobs. */
function session(family: Family, held?: SubJob) {
  return {
    spec: {
      key: family === 'image' ? 'e|P' : 'e|P#appServer',
      projectKey: 'e|P',
      projectId: 'P',
      name: 'prod',
      family,
    },
    connected: true,
    asked: 0,
    loadedSubJobs: () => [],
    async findById(id: string) {
      this.asked++;
      return held?.id === id ? held : undefined;
    },
  };
}

const imageJob = aSubJob({ id: ID, jobType: 'CREATE_SERVER', status: 'SUCCESS', jobId: 'J-image' });
const appJob = aSubJob({ id: ID, jobType: 'DELETE_SERVER', status: 'RUNNING', jobId: 'J-app', family: 'appServer' });

function sessionsOf(...all: ReturnType<typeof session>[]): Sessions {
  return { all, get: (key: string) => all.find((s) => s.spec.key === key) } as unknown as Sessions;
}

/** The next prompt, or 'finished' when the command ends first (with what it resolved to). */
async function nextOr(done: Promise<unknown>): Promise<FakeQuickInput | { finished: unknown }> {
  return Promise.race([prompts.next(), done.then((finished) => ({ finished }))]);
}

async function question(done: Promise<unknown>): Promise<FakeQuickInput> {
  const shown = await nextOr(done);
  if (!(shown instanceof FakeQuickInput))
    assert.fail(`no question: the look-up went straight to ${JSON.stringify(shown.finished)}`);
  return shown;
}

beforeEach(() => prompts.reset());

test('a typed id both families hold asks which, naming project, family, job type and status', async () => {
  const image = session('image', imageJob);
  const app = session('appServer', appJob);
  const done = pickOrLookUpSubJob(sessionsOf(image, app), ID);
  const asked = await question(done);
  assert.deepEqual(
    asked.items.map((i) => i.label),
    ['prod · Image jobs', 'prod · App server jobs'],
  );
  assert.match(asked.items[0].description ?? '', /CREATE_SERVER.*SUCCESS/);
  assert.match(asked.items[1].description ?? '', /DELETE_SERVER.*RUNNING/);
  assert.match(asked.placeholder ?? '', /123/);
  asked.choose(/App server jobs/);
  const found = await done;
  assert.equal(found?.session, app);
  assert.equal(found?.subJob, appJob);
});

test('a typed id only one family holds goes straight there, without a question', async () => {
  const image = session('image');
  const app = session('appServer', appJob);
  const found = await pickOrLookUpSubJob(sessionsOf(image, app), ID);
  assert.equal(prompts.shown.length, 0);
  assert.equal(found?.session, app);
  assert.equal(image.asked, 1, 'both families were asked');
});

test('Escape on the question picks nothing', async () => {
  const done = pickOrLookUpSubJob(sessionsOf(session('image', imageJob), session('appServer', appJob)), ID);
  (await question(done)).escape();
  assert.equal(await done, undefined);
});

test('workspaceJobs.watch "123" watches the family the user picks, not the first one', async () => {
  const added: Watch[] = [];
  const watches = {
    all: [],
    has: () => false,
    add: async (watch: Watch) => (added.push(watch), 'added'),
    remove: async () => false,
  };
  const app = session('appServer', appJob);
  const disposable = registerWatchCommands(
    sessionsOf(session('image', imageJob), app),
    watches as never,
    async () => {},
  );
  try {
    const done = registered.get('workspaceJobs.watch')!(ID) as Promise<boolean>;
    (await question(done)).choose(/App server jobs/);
    assert.equal(await done, true);
    assert.deepEqual(
      added.map((w) => [w.sessionKey, w.id]),
      [[app.spec.key, ID]],
    );
  } finally {
    disposable.dispose();
  }
});

test('a family removed while the question is open is not used: the pick is looked up again, and the user told', async () => {
  const image = session('image', imageJob);
  const app = session('appServer', appJob);
  const sessions = sessionsOf(image, app);
  const done = pickOrLookUpSubJob(sessions, ID);
  const asked = await question(done);
  (sessions.all as unknown[]).splice(1, 1); // app server jobs hidden by the families setting meanwhile
  asked.choose(/App server jobs/);
  assert.equal(await done, undefined);
  assert.match(
    prompts.messages.at(-1) ?? '',
    /prod · App server jobs is no longer connected, so sub-job 123 was left alone/,
  );
});
