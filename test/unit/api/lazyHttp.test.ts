// The seam that keeps the HTTP stack out of activation: building a client loads nothing; its first
// call loads the stack and answers as the real client does, against the simulator over loopback.
import { afterEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { TokenAuthorizer } from '../../../src/api/authorizer';
import { LazySubJobClient } from '../../../src/api/lazyHttp';
import { startSimulator } from '../../../src/simulator/server';

const httpStackLoaded = () =>
  Object.keys(require.cache).some((file) => /[\\/]undici[\\/]|[\\/]api[\\/]transport\.js$/.test(file));

describe('LazySubJobClient', () => {
  // Not simulatorClient.ts's helpers: they import SubJobClient, which would load the stack first.
  const opened: Array<{ close(): Promise<void> }> = [];
  const track = <T extends { close(): Promise<void> }>(item: T): T => (opened.unshift(item), item);
  afterEach(async () => {
    for (const item of opened.splice(0)) await item.close();
  });

  test('loads the HTTP stack on its first call, not when built, and answers as SubJobClient', async () => {
    const simulator = track(await startSimulator({ progress: false, size: 30, seed: 7 }));
    assert.equal(httpStackLoaded(), false, 'the simulator and the lazy client load no HTTP client');
    let made = 0;
    const client = track(
      new LazySubJobClient({
        endpoint: simulator.url,
        projectId: simulator.projectId,
        authorizer: new TokenAuthorizer(simulator.token),
        userAgent: 'workspace-image-jobs-test',
        dispatcher: (http) => {
          made++;
          return http.createDispatcher();
        },
      }),
    );
    assert.equal(httpStackLoaded(), false);
    assert.equal(made, 0);
    const signal = new AbortController().signal;
    const total = await client.count(['CREATE_SERVER', 'CREATE_SERVER_IMAGE', 'DELETE_SERVER'], {}, signal);
    assert.equal(total, 30);
    assert.equal(httpStackLoaded(), true);
    const page = await client.listPage({ jobType: 'CREATE_SERVER', offset: 0, limit: 5 }, signal);
    assert.ok(page.items.length > 0);
    assert.equal(made, 1, 'one pool for the client, made when the stack arrived');
    assert.equal(simulator.requests.length, 2);
  });

  test('refuses a bad endpoint or project id when built, before anything loads', () => {
    const options = { projectId: 'p', authorizer: new TokenAuthorizer('t'), userAgent: 'u' };
    assert.throws(() => new LazySubJobClient({ ...options, endpoint: 'http://example.com' }), /Endpoint refused/);
    assert.throws(() => new LazySubJobClient({ ...options, endpoint: 'https://example.com', projectId: '' }), /1–128/);
  });

  test('closing a client that never called loads nothing', async () => {
    const client = new LazySubJobClient({
      endpoint: 'https://workspace.example.com',
      projectId: 'p',
      authorizer: new TokenAuthorizer('t'),
      userAgent: 'u',
    });
    await client.close();
  });
});
