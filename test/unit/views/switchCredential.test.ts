// Switch Credential as the user drives it, with the fake VS Code's quick picks: what a row chosen for
// some projects changes, and what each project then signs with.
import './installFakePrompts';
import { afterEach, beforeEach, test } from 'node:test';
import assert from 'node:assert/strict';
import { prompts, settings } from './fakePrompts';
import * as vscode from 'vscode';
import { registerSwitchCredential } from '../../../src/commands/switchCredential';
import {
  CredentialChoices,
  NO_CHOICES,
  OWN_CREDENTIAL,
  SAVED_ACCESS_KEY,
  signingChoice,
  withChoice,
} from '../../../src/core/credentialChoice';
import type { CredentialSet } from '../../../src/core/credentials';
import { FoundCredentials } from '../../../src/core/foundCredentials';
import type { SsoCredential } from '../../../src/core/ssoCredential';

const sso = {
  kind: 'sso',
  accountName: 'dev',
  agencyName: 'ReadOnly',
  accessKeyId: 'SSOAK',
  secretKey: 'SSOSK',
  securityToken: 'SSOST',
  tokenExpiresAt: Date.parse('2030-01-01T00:00:00Z'),
  keysExpireAt: Date.parse('2030-01-01T00:00:00Z'),
} as unknown as SsoCredential;
/** Only project A has a token of its own; B chose the saved access key over the IAM Identity Center sign-in. */
const stored: CredentialSet = {
  sso,
  accessKey: { kind: 'accessKey', accessKeyId: 'SAVEDAK0000000000001', secretKey: 'SAVEDSK' },
  projects: { A: { kind: 'token', token: 'TOKEN-A' } },
};

let choices: CredentialChoices;
let command: vscode.Disposable;

beforeEach(() => {
  prompts.reset();
  choices = withChoice(NO_CHOICES, SAVED_ACCESS_KEY, ['B']);
  settings.set('workspaceJobs.projects', [
    { projectId: 'A', region: 'cn-north-4' },
    { projectId: 'B', region: 'cn-north-4' },
  ]);
  command = registerSwitchCredential(
    {
      found: { discover: async () => FoundCredentials.NONE },
      choices: {
        get current() {
          return choices;
        },
        set: async (next: CredentialChoices) => void (choices = next),
      },
      credentials: { get: async () => stored },
    } as never,
    async () => false,
  );
});
afterEach(() => {
  command.dispose();
  settings.clear();
});

const signing = (projectId: string) => signingChoice(stored, choices, FoundCredentials.NONE, projectId);

test("project A's own token, chosen for projects A and B, is chosen for A only: B keeps signing as before", async () => {
  assert.equal(signing('B'), SAVED_ACCESS_KEY);
  const done = vscode.commands.executeCommand('workspaceJobs.switchCredential');
  (await prompts.next()).choose(/Pick projects/);
  (await prompts.next()).chooseMany(/^A$/, /^B$/);
  const credential = await prompts.next();
  const row = credential.items.find((item) => item.label.includes('TOKEN') || /token/i.test(item.label));
  assert.ok(row, `a row for A's token in ${credential.items.map((i) => i.label).join(' | ')}`);
  assert.match(row.description ?? '', /project A only/, 'the row says which project it is for');
  credential.choose(/token/i);
  assert.equal(await done, true);
  assert.equal(signing('A'), OWN_CREDENTIAL);
  assert.equal(signing('B'), SAVED_ACCESS_KEY);
});

test('"All projects" does not promise to replace a project\'s own token or sign-in', async () => {
  const done = vscode.commands.executeCommand('workspaceJobs.switchCredential');
  const scope = await prompts.next();
  const all = scope.items.find((item) => /All projects/.test(item.label));
  assert.match(all?.description ?? '', /own token or sign-in/);
  scope.escape();
  assert.equal(await done, false);
});
