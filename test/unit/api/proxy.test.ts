import assert from 'node:assert/strict';
import { createServer as createHttpServer, IncomingMessage, request as httpRequest, Server } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { AddressInfo, connect, Socket } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { Authorizer, TokenAuthorizer } from '../../../src/api/authorizer';
import { AkskAuthorizer } from '../../../src/api/akskSigner';
import { NetworkError } from '../../../src/api/errors';
import { requestProjectToken } from '../../../src/api/iamClient';
import { bypassesProxy, describeProxy, proxyEndpoint, proxyFor } from '../../../src/api/proxy';
import { SubJobClient } from '../../../src/api/subJobClient';
import { createDispatcher, DispatcherOptions } from '../../../src/api/transport';
import { DEFAULT_ACCESS_KEY, DEFAULT_IAM_USER, RunningSimulator, startSimulator } from '../../../src/simulator/server';
import { signInRequest } from './iamSignIn';

// A self-signed certificate for 127.0.0.1, valid until 2126: the https target the tunnel leads to.
const TLS_KEY = `-----BEGIN PRIVATE KEY-----
MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQgnGlNVeCe99QAnhkb
JDN7FnmHaqdxkHFgnEElp0dv9SihRANCAATGhtBhQOX30YQzm5d7baFMuavnpmja
bmu1J9d0dG5RCXjlbqIU2oPNLz3lnWEJzpOWNkbLB0+mVhvLuKSTojdu
-----END PRIVATE KEY-----`;
const TLS_CERT = `-----BEGIN CERTIFICATE-----
MIIBmzCCAUGgAwIBAgIUKOrzYeQtt0WOIErS62VfAJEaioQwCgYIKoZIzj0EAwIw
FDESMBAGA1UEAwwJMTI3LjAuMC4xMCAXDTI2MTEyNzE2MTQ0OFoYDzIxMjYxMTAz
MTYxNDQ4WjAUMRIwEAYDVQQDDAkxMjcuMC4wLjEwWTATBgcqhkjOPQIBBggqhkjO
PQMBBwNCAATGhtBhQOX30YQzm5d7baFMuavnpmjabmu1J9d0dG5RCXjlbqIU2oPN
Lz3lnWEJzpOWNkbLB0+mVhvLuKSTojduo28wbTAdBgNVHQ4EFgQUSiLKbqoHC1qr
DzVmT6x6mBAtC4UwHwYDVR0jBBgwFoAUSiLKbqoHC1qrDzVmT6x6mBAtC4UwDwYD
VR0TAQH/BAUwAwEB/zAaBgNVHREEEzARhwR/AAABgglsb2NhbGhvc3QwCgYIKoZI
zj0EAwIDSAAwRQIhALXpQETcN+W7iVYmSzKJH1Kb5qfkBEnQd/X4QGMGV3t/AiBo
5kstkuLJNNoExOVFfgxvOcyiG3/EOEhiTDILhDk4Bg==
-----END CERTIFICATE-----`;

const PROXY_USER = 'corp\\alice';
const PROXY_PASSWORD = 'p@ss:w/rd%';

interface ProxiedRequest {
  /** CONNECT, or the method of an absolute-form request. */
  readonly method: string;
  /** host:port for CONNECT, the absolute URL otherwise. */
  readonly target: string;
  readonly proxyAuthorization?: string;
  readonly allowed: boolean;
}

/**
 * A forward proxy the way corporate ones behave: absolute-form requests for http targets, CONNECT
 * tunnels for https ones, an optional Basic credential (407 without it), Proxy-* headers stripped
 * before forwarding. Records what it was asked and counts client connections.
 */
class TestProxy {
  readonly requests: ProxiedRequest[] = [];
  connections = 0;
  private readonly server: Server;
  private readonly sockets = new Set<Socket>();

  constructor(private readonly credentials?: { user: string; password: string }) {
    this.server = createHttpServer((request, response) => {
      if (!this.admit(request, request.url ?? '')) {
        response
          .writeHead(407, { 'Proxy-Authenticate': 'Basic realm="test"', 'Content-Type': 'text/plain' })
          .end('Proxy Authentication Required');
        return;
      }
      const target = new URL(request.url ?? '');
      const headers = { ...request.headers };
      delete headers['proxy-authorization'];
      delete headers['proxy-connection'];
      const upstream = httpRequest(
        {
          host: target.hostname,
          port: target.port,
          path: `${target.pathname}${target.search}`,
          method: request.method,
          headers,
        },
        (answer) => {
          response.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(response);
        },
      );
      upstream.on('error', () => response.writeHead(502).end());
      request.pipe(upstream);
    });
    this.server.on('connect', (request: IncomingMessage, client: Socket, head: Buffer) => {
      if (!this.admit(request, request.url ?? '')) {
        client.end(
          'HTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: Basic realm="test"\r\nContent-Length: 0\r\n\r\n',
        );
        return;
      }
      const [host, port] = (request.url ?? '').split(':');
      const upstream = connect(Number(port), host, () => {
        client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
        upstream.write(head);
        upstream.pipe(client);
        client.pipe(upstream);
      });
      upstream.on('error', () => client.destroy());
      client.on('error', () => upstream.destroy());
    });
    this.server.on('connection', (socket: Socket) => {
      this.connections++;
      this.sockets.add(socket);
      socket.on('close', () => this.sockets.delete(socket));
    });
  }

  get url(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  /** The proxy URL with user:password in it, as a user would configure it. */
  urlWith(user = this.credentials?.user ?? '', password = this.credentials?.password ?? ''): string {
    const url = new URL(this.url);
    url.username = encodeURIComponent(user);
    url.password = encodeURIComponent(password);
    return url.href;
  }

  listen(): Promise<void> {
    return new Promise((resolve) => this.server.listen(0, '127.0.0.1', resolve));
  }

  close(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  private admit(request: IncomingMessage, target: string): boolean {
    const given = request.headers['proxy-authorization'];
    const expected =
      this.credentials &&
      `Basic ${Buffer.from(`${this.credentials.user}:${this.credentials.password}`).toString('base64')}`;
    const allowed = !expected || given === expected;
    this.requests.push({ method: request.method ?? '', target, proxyAuthorization: given, allowed });
    return allowed;
  }
}

let simulator: RunningSimulator;
let openProxy: TestProxy;
let guardedProxy: TestProxy;
let httpsFront: Server;
let httpsFrontUrl: string;

before(async () => {
  simulator = await startSimulator({ size: 25, progress: false });
  openProxy = new TestProxy();
  guardedProxy = new TestProxy({ user: PROXY_USER, password: PROXY_PASSWORD });
  await Promise.all([openProxy.listen(), guardedProxy.listen()]);
  // An https endpoint in front of the simulator, so that requests through a CONNECT tunnel reach it.
  const simulatorPort = Number(new URL(simulator.url).port);
  httpsFront = createHttpsServer({ key: TLS_KEY, cert: TLS_CERT }, (request, response) => {
    const upstream = httpRequest(
      { host: '127.0.0.1', port: simulatorPort, path: request.url, method: request.method, headers: request.headers },
      (answer) => {
        response.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(response);
      },
    );
    request.pipe(upstream);
  });
  await new Promise<void>((resolve) => httpsFront.listen(0, '127.0.0.1', resolve));
  httpsFrontUrl = `https://127.0.0.1:${(httpsFront.address() as AddressInfo).port}`;
});

after(async () => {
  httpsFront.closeAllConnections();
  await Promise.all([
    simulator.close(),
    openProxy.close(),
    guardedProxy.close(),
    new Promise((resolve) => httpsFront.close(resolve)),
  ]);
});

const signal = () => new AbortController().signal;

async function countThrough(
  endpoint: string,
  dispatcher: DispatcherOptions,
  authorizer: Authorizer = new TokenAuthorizer(simulator.token),
): Promise<number> {
  const client = new SubJobClient({
    endpoint,
    projectId: simulator.projectId,
    authorizer,
    userAgent: 'test',
    dispatcher: createDispatcher(dispatcher),
  });
  const owned = (client as unknown as { dispatcher: { close(): Promise<void> } }).dispatcher;
  try {
    return await client.count(['CREATE_SERVER', 'CREATE_SERVER_IMAGE', 'DELETE_SERVER'], {}, signal());
  } finally {
    await owned.close();
  }
}

function assertNoProxySecrets(text: string): void {
  for (const secret of [
    PROXY_PASSWORD,
    encodeURIComponent(PROXY_PASSWORD),
    Buffer.from(`${PROXY_USER}:${PROXY_PASSWORD}`).toString('base64'),
  ]) {
    assert.ok(!text.includes(secret), `proxy credentials leaked into: ${text}`);
  }
}

describe('proxyFor: which proxy, from settings or environment', () => {
  const https = new URL('https://workspace.ap-southeast-1.myhuaweicloud.com');
  const http = new URL('http://127.0.0.1:8080');

  it('uses http.proxy over the environment', () => {
    assert.equal(
      proxyFor(https, { proxy: 'http://settings:3128' }, { HTTPS_PROXY: 'http://env:3128' }),
      'http://settings:3128',
    );
  });

  it('falls back to HTTPS_PROXY, https_proxy, then HTTP_PROXY for https targets', () => {
    assert.equal(proxyFor(https, {}, { HTTPS_PROXY: 'http://a:1', HTTP_PROXY: 'http://b:2' }), 'http://a:1');
    assert.equal(proxyFor(https, { proxy: '  ' }, { https_proxy: 'http://c:3' }), 'http://c:3');
    assert.equal(proxyFor(https, {}, { HTTP_PROXY: 'http://b:2' }), 'http://b:2');
    assert.equal(proxyFor(https, {}, {}), undefined);
  });

  it('uses only HTTP_PROXY or http_proxy for http targets', () => {
    assert.equal(proxyFor(http, {}, { HTTPS_PROXY: 'http://a:1' }), undefined);
    assert.equal(proxyFor(http, {}, { http_proxy: 'http://b:2' }), 'http://b:2');
  });

  it('reads host:port as an http proxy', () => {
    assert.equal(proxyFor(https, {}, { HTTPS_PROXY: 'proxy.corp:8080' }), 'http://proxy.corp:8080');
  });

  it('takes http.noProxy over NO_PROXY, and NO_PROXY when the setting is empty', () => {
    const env = { HTTPS_PROXY: 'http://env:3128', NO_PROXY: 'myhuaweicloud.com' };
    assert.equal(proxyFor(https, {}, env), undefined);
    assert.equal(
      proxyFor(https, { noProxy: [] }, { ...env, NO_PROXY: undefined, no_proxy: '.myhuaweicloud.com, other' }),
      undefined,
    );
    assert.equal(proxyFor(https, { noProxy: ['other.example'] }, env), 'http://env:3128');
  });

  it('matches noProxy entries like curl and VS Code', () => {
    const cases: Array<[string, string[], boolean]> = [
      ['https://workspace.example.com', ['example.com'], true],
      ['https://example.com', ['example.com'], true],
      ['https://notexample.com', ['example.com'], false],
      ['https://a.b.example.com', ['.example.com'], true],
      ['https://a.example.com', ['*.example.com'], true],
      ['https://EXAMPLE.com.', ['example.COM'], true],
      ['https://anything.test', ['*'], true],
      ['https://example.com', ['example.com:443'], true],
      ['https://example.com:8443', ['example.com:443'], false],
      ['http://example.com', ['example.com:80'], true],
      ['http://127.0.0.1:9000', ['127.0.0.1'], true],
      ['http://127.0.0.1:9000', ['127.0.0.1:9000'], true],
      ['http://127.0.0.1:9000', ['127.0.0.1:9001'], false],
      ['http://127.0.0.2', ['127.0.0.1'], false],
      ['http://10.20.30.40', ['10.0.0.0/8'], true],
      ['http://11.20.30.40', ['10.0.0.0/8'], false],
      ['http://[::1]:8080', ['::1'], true],
      ['http://[::1]:8080', ['[::1]:8080'], true],
      ['http://[::1]:8080', ['0:0:0:0:0:0:0:1'], true],
      ['http://[fd00::5]', ['fd00::/8'], true],
      ['http://127.0.0.1', ['localhost'], false],
      ['https://example.com', ['', ' '], false],
    ];
    for (const [target, noProxy, expected] of cases)
      assert.equal(bypassesProxy(new URL(target), noProxy), expected, `${target} vs ${noProxy}`);
  });

  it('separates proxy credentials from the URL and never describes them', () => {
    const url = `http://${encodeURIComponent(PROXY_USER)}:${encodeURIComponent(PROXY_PASSWORD)}@proxy.corp:3128`;
    const endpoint = proxyEndpoint(url);
    assert.equal(endpoint.uri, 'http://proxy.corp:3128');
    assert.equal(endpoint.authorization, `Basic ${Buffer.from(`${PROXY_USER}:${PROXY_PASSWORD}`).toString('base64')}`);
    assert.equal(describeProxy(url), 'http://proxy.corp:3128');
    assert.equal(proxyEndpoint('http://proxy.corp:3128').authorization, undefined);
    const refusal = (() => {
      try {
        proxyEndpoint(
          `socks5://${encodeURIComponent(PROXY_USER)}:${encodeURIComponent(PROXY_PASSWORD)}@proxy.corp:1080`,
        );
        return '';
      } catch (error) {
        return (error as Error).message;
      }
    })();
    assert.match(refusal, /socks5:/);
    assertNoProxySecrets(refusal);
  });
});

describe('requests through a real local proxy', () => {
  it('sends http targets to the proxy in absolute form and reaches the simulator', async () => {
    const proxied = openProxy.requests.length;
    const seen = simulator.requests.length;
    const count = await countThrough(simulator.url, {
      proxy: proxyFor(new URL(simulator.url), { proxy: openProxy.url }),
    });
    assert.equal(count, simulator.subJobs().length);
    assert.deepEqual(
      openProxy.requests.slice(proxied).map((r) => [r.method, r.target]),
      [
        [
          'GET',
          `${simulator.url}/v1/${simulator.projectId}/image-server-sub-jobs/actions/count?job_type=CREATE_SERVER%2CCREATE_SERVER_IMAGE%2CDELETE_SERVER`,
        ],
      ],
    );
    assert.equal(simulator.requests.length - seen, 1);
  });

  it('keeps connections alive through the proxy', async () => {
    const connections = openProxy.connections;
    const proxied = openProxy.requests.length;
    const client = new SubJobClient({
      endpoint: simulator.url,
      projectId: simulator.projectId,
      authorizer: new TokenAuthorizer(simulator.token),
      userAgent: 'test',
      dispatcher: createDispatcher({ proxy: openProxy.url }),
    });
    const dispatcher = (client as unknown as { dispatcher: { close(): Promise<void> } }).dispatcher;
    try {
      for (let i = 0; i < 8; i++) await client.listPage({ jobType: 'CREATE_SERVER', offset: 0, limit: 1 }, signal());
    } finally {
      await dispatcher.close();
    }
    assert.equal(openProxy.requests.length - proxied, 8);
    // undici may open a second socket while the first is still finishing its response; never one per call.
    assert.ok(
      openProxy.connections - connections <= 2,
      `${openProxy.connections - connections} connections for eight sequential calls`,
    );
  });

  it('sends Basic credentials from the proxy URL as Proxy-Authorization, to the proxy only', async () => {
    const proxied = guardedProxy.requests.length;
    const seen = simulator.requests.length;
    assert.equal(await countThrough(simulator.url, { proxy: guardedProxy.urlWith() }), simulator.subJobs().length);
    const asked = guardedProxy.requests.slice(proxied);
    assert.deepEqual(
      asked.map((r) => r.allowed),
      [true],
    );
    assert.equal(
      asked[0].proxyAuthorization,
      `Basic ${Buffer.from(`${PROXY_USER}:${PROXY_PASSWORD}`).toString('base64')}`,
    );
    assert.equal(simulator.requests[seen].headers['proxy-authorization'], undefined);
  });

  for (const [name, proxy] of [
    ['wrong credentials', () => guardedProxy.urlWith(PROXY_USER, 'guess')],
    ['no credentials', () => guardedProxy.url],
  ] as const) {
    it(`explains a 407 for ${name}, without showing any credential (absolute form)`, async () => {
      const error = await countThrough(simulator.url, { proxy: proxy() }).catch((e: unknown) => e);
      assert.ok(error instanceof NetworkError, String(error));
      assert.match(error.message, /proxy asked for credentials or refused them \(407 Proxy Authentication Required\)/);
      assertNoProxySecrets(`${error.message} ${error.stack} ${JSON.stringify(error)}`);
      assert.ok(!error.message.includes('guess'));
    });
  }

  it('tunnels https targets with CONNECT, with credentials, and skips verification only when strictSSL is off', async () => {
    const proxied = guardedProxy.requests.length;
    const count = await countThrough(httpsFrontUrl, { proxy: guardedProxy.urlWith(), strictSSL: false });
    assert.equal(count, simulator.subJobs().length);
    const tunnel = guardedProxy.requests.slice(proxied);
    assert.deepEqual(
      tunnel.map((r) => [r.method, r.target, r.allowed]),
      [['CONNECT', new URL(httpsFrontUrl).host, true]],
    );

    const strict = await countThrough(httpsFrontUrl, { proxy: guardedProxy.urlWith() }).catch((e: unknown) => e);
    assert.ok(strict instanceof NetworkError);
    assert.match(strict.message, /certificate/);
  });

  it('explains a 407 on the CONNECT tunnel too', async () => {
    const error = await countThrough(httpsFrontUrl, {
      proxy: guardedProxy.urlWith(PROXY_USER, 'guess'),
      strictSSL: false,
    }).catch((e: unknown) => e);
    assert.ok(error instanceof NetworkError, String(error));
    assert.match(error.message, /407 Proxy Authentication Required/);
    assertNoProxySecrets(`${error.message} ${error.stack}`);
  });

  it('carries AK/SK signatures and IAM sign-in unchanged', async () => {
    const proxied = openProxy.requests.length;
    const authorizer = new AkskAuthorizer({
      accessKeyId: DEFAULT_ACCESS_KEY.ak,
      secretKey: DEFAULT_ACCESS_KEY.sk,
      projectId: simulator.projectId,
    });
    assert.equal(await countThrough(simulator.url, { proxy: openProxy.url }, authorizer), simulator.subJobs().length);
    assert.equal(
      await countThrough(httpsFrontUrl, { proxy: openProxy.url, strictSSL: false }, authorizer),
      simulator.subJobs().length,
    );
    const dispatcher = createDispatcher({ proxy: openProxy.url });
    try {
      const token = await requestProjectToken(signInRequest(simulator, DEFAULT_IAM_USER, 'cn-north-4', { dispatcher }));
      assert.equal(token.projectId, simulator.projectId);
    } finally {
      await dispatcher.close();
    }
    assert.deepEqual(
      openProxy.requests.slice(proxied).map((r) => r.method),
      ['GET', 'CONNECT', 'POST'],
    );
  });

  it('bypasses the proxy for hosts in noProxy', async () => {
    const proxied = guardedProxy.requests.length + openProxy.requests.length;
    const proxy = proxyFor(new URL(simulator.url), { proxy: guardedProxy.url, noProxy: ['127.0.0.1'] });
    assert.equal(proxy, undefined);
    assert.equal(await countThrough(simulator.url, { proxy }), simulator.subJobs().length);
    assert.equal(guardedProxy.requests.length + openProxy.requests.length, proxied);
  });

  it('keeps the response timeouts through the proxy', async () => {
    // undici's header timer ticks about every half second, hence a latency well above it.
    const slow = await startSimulator({ size: 1, latencyMs: 3000 });
    try {
      const error = await countThrough(slow.url, {
        proxy: openProxy.url,
        timeouts: { connectMs: 1000, headersMs: 100, bodyMs: 1000 },
      }).catch((e: unknown) => e);
      assert.ok(error instanceof NetworkError, String(error));
      assert.match(error.message, /no response within the time limit/);
    } finally {
      await slow.close();
    }
  });
});
