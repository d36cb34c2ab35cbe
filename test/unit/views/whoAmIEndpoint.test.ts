// Who Am I asks the IAM of the credential in use: a found key's own HUAWEICLOUD_SDK_IAM_ENDPOINT (or the
// SDK file's iam_endpoint), where its projects were looked up too; otherwise Sign In's IAM.
import './installFakePrompts';
import { beforeEach, test } from 'node:test';
import assert from 'node:assert/strict';
import { prompts, registered, settings } from './fakePrompts';
import { plannedSpecs } from './credentialFixtures';
import { silentLogger } from '../../../src/api/logger';
import { registerWhoAmI } from '../../../src/commands/whoAmI';
import { NO_CHOICES, withChoice } from '../../../src/core/credentialChoice';
import { CredentialSet, NO_CREDENTIALS } from '../../../src/core/credentials';
import { discoverCredentials, FoundCredentials } from '../../../src/core/foundCredentials';
import type { Sessions } from '../../../src/core/sessions';
import type { SessionSpec } from '../../../src/core/sessionSpec';

const PROJECT = { projectId: 'p1', region: 'cn-north-4' };
const PRIVATE_IAM = 'https://iam.private.example.com';

registerWhoAmI(
  sessionsOf(() => spec),
  silentLogger,
);
let spec: SessionSpec;
const asked: string[] = [];

beforeEach(() => {
  prompts.reset();
  settings.clear();
  settings.set('workspaceJobs.projects', [PROJECT]);
  asked.length = 0;
});

/** One project's session as Sessions holds it, answering Who Am I without a network. */
function sessionsOf(current: () => SessionSpec): Sessions {
  const session = () => ({
    spec: current(),
    whoAmI: async (iamEndpoint: string) => {
      asked.push(iamEndpoint);
      return { kind: 'works', total: 1, unanswered: 'not asked' };
    },
  });
  return {
    get all() {
      return [session()];
    },
    get: () => session(),
  } as unknown as Sessions;
}

async function planned(stored: CredentialSet, found = FoundCredentials.NONE, choices = NO_CHOICES) {
  return plannedSpecs(stored, [PROJECT.projectId], found, choices)[0]!;
}

test('a found key is asked about at the IAM its source names, over the IAM endpoint setting', async () => {
  settings.set('workspaceJobs.iamEndpoint', 'https://iam.setting.example.com');
  const found = await discoverCredentials({
    env: {
      HUAWEICLOUD_SDK_AK: 'ENVAK000000000000001',
      HUAWEICLOUD_SDK_SK: 'SK',
      HUAWEICLOUD_SDK_IAM_ENDPOINT: PRIVATE_IAM,
    },
    home: '/nonexistent-home',
  });
  spec = await planned(NO_CREDENTIALS, found, withChoice(NO_CHOICES, 'env'));
  await registered.get('workspaceJobs.whoAmI')!();
  assert.deepEqual(asked, [PRIVATE_IAM]);
});

test('a key saved in VS Code is asked about where Sign In goes: the setting, else the region', async () => {
  const saved: CredentialSet = {
    accessKey: { kind: 'accessKey', accessKeyId: 'SAVEDAK', secretKey: 'SK' },
    projects: {},
  };
  spec = await planned(saved);
  await registered.get('workspaceJobs.whoAmI')!();
  settings.set('workspaceJobs.iamEndpoint', 'https://iam.setting.example.com');
  await registered.get('workspaceJobs.whoAmI')!();
  assert.deepEqual(asked, ['https://iam.cn-north-4.myhuaweicloud.com', 'https://iam.setting.example.com']);
});
