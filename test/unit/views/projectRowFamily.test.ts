// The project row's tooltip when the only family shown is the app-server one (review 22, finding 6).
import './installFakeVscode';
import { afterEach, test } from 'node:test';
import assert from 'node:assert/strict';
import { Sessions } from '../../../src/core/sessions';
import { SubJobClient } from '../../../src/api/subJobClient';
import { TokenAuthorizer } from '../../../src/api/authorizer';
import { startSimulator } from '../../../src/simulator/server';
import { SubJobTreeProvider, TreeNode } from '../../../src/views/subJobTreeProvider';
import { FakeClock } from '../fakeClock';
import { appServerSpecOf, OpenedInTest, simulatorSessionSpec } from '../simulatorClient';
import { MarkdownString, TreeItem } from './fakeVscode';

const opened = new OpenedInTest();
afterEach(() => opened.closeAll());
const NOW = Date.parse('2026-11-27T12:00:00.000Z');

test('with only app-server jobs shown and their count call denied, the project row names the app-server count action', async () => {
  const simulator = opened.track(await startSimulator({ progress: false, token: 'tok', size: 20, seed: 11 }));
  simulator.setFaults('deny=countSubJobs');
  const sessions = new Sessions({ clock: new FakeClock(NOW) });
  opened.track({ close: async () => sessions.dispose() });
  const image = simulatorSessionSpec(simulator, { name: 'P', location: 'x', credential: 'token' });
  const appServer = appServerSpecOf(image);
  sessions.configure(
    [
      {
        spec: appServer,
        connect: () =>
          new SubJobClient({
            endpoint: simulator.url,
            projectId: simulator.projectId,
            authorizer: new TokenAuthorizer('tok'),
            userAgent: 'test',
            family: 'appServer',
          }),
        credentialFingerprint: 'tok',
      },
    ],
    0,
  );
  await sessions.refreshAll('settle');
  const provider = new SubJobTreeProvider(
    sessions,
    () => new Set(),
    () => NOW,
  );
  opened.track({ close: async () => provider.dispose() });
  const [root] = (await provider.getChildren()) as TreeNode[];
  const item = provider.getTreeItem(root!) as unknown as TreeItem;
  const tooltip = item.tooltip instanceof MarkdownString ? item.tooltip.value : String(item.tooltip);
  assert.match(tooltip, /Allow the IAM action `workspace:jobs:countSubJobs`/);
  assert.doesNotMatch(tooltip, /imageServer/);
});
