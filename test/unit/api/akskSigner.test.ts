import assert from 'node:assert/strict';
import { inspect } from 'node:util';
import { describe, it } from 'node:test';
import {
  AkskAuthorizer,
  canonicalQuery,
  canonicalRequest,
  canonicalUri,
  EMPTY_BODY_SHA256,
  formatSdkDate,
  parseAuthorization,
  parseSdkDate,
  sign,
  signedHeaderNames,
  stringToSign,
} from '../../../src/api/akskSigner';
import { SignatureVerifier } from '../../../src/simulator/signature';

const SDK_TEST_KEYS = { accessKeyId: 'AccessKey', secretKey: 'SecretKey' };

/** The official SDKs' own known-answer tests (see workspaceapp-image-jobs.md, Authentication). */
const VECTORS = [
  {
    method: 'GET',
    url: 'https://service.endpoint.myhuaweicloud.com/resources?size=1',
    date: '20200608T023900Z',
    signature: 'cfb4171acec81de07d50e53d57eb77edd537414d66ddb1d7d780f128e12cd842',
  },
  {
    method: 'POST',
    url: 'https://service.endpoint.myhuaweicloud.com/resources?size=1',
    body: '{"name":"test","id":1}',
    date: '20200608T023900Z',
    signature: '436b1ac0a1ae03705934bb70ef2f2e09f7bfed2117d731a38235053199323a1f',
  },
  {
    method: 'GET',
    url: 'https://service.region.example.com/v1/77b6a44cba5143ab91d13ab9a8ff44fd/vpcs?limit=2&marker=13551d6b-755d-4757-b956-536f674975c0',
    date: '20191115T033655Z',
    signature: 'fd95e7da6f695cfb4cabbb9d6b0968aec155bc576b064835282473539ae9ea1d',
  },
  {
    method: 'POST',
    url: 'https://service.region.example.com/v1/77b6a44cba5143ab91d13ab9a8ff44fd/vpc/123',
    body: '{"key":"value"}',
    date: '20191115T033655Z',
    signature: 'b5649aa774f6cac7437631662f08815fc65c70e40e486df6db2436ce68902771',
  },
];

describe('SDK-HMAC-SHA256 known-answer vectors', () => {
  for (const vector of VECTORS) {
    it(`${vector.method} ${vector.url}`, () => {
      const date = parseSdkDate(vector.date)!;
      const signed = sign(
        { method: vector.method, url: new URL(vector.url), headers: {}, body: vector.body },
        SDK_TEST_KEYS,
        date,
      );
      assert.equal(
        signed.authorization,
        `SDK-HMAC-SHA256 Access=AccessKey, SignedHeaders=host;x-sdk-date, Signature=${vector.signature}`,
      );
      assert.equal(signed.headers['X-Sdk-Date'], vector.date);
      assert.equal(signed.headers.Authorization, signed.authorization);
    });
  }

  it('builds the canonical query of the published vector', () => {
    const query = canonicalQuery({ limit: 1, enable: true, test: '一 (&=?!#%.*)', path: '/tmp/123', multi: [1, 2, 3] });
    assert.equal(
      query,
      'enable=true&limit=1&multi=1&multi=2&multi=3&path=%2Ftmp%2F123&test=%E4%B8%80%20%28%26%3D%3F%21%23%25.%2A%29',
    );
  });

  it('reads the same canonical query from a URL as from a record', () => {
    const params = new URLSearchParams();
    for (const [key, value] of [
      ['test', '一 (&=?!#%.*)'],
      ['multi', '3'],
      ['limit', '1'],
      ['multi', '1'],
      ['path', '/tmp/123'],
      ['enable', 'true'],
      ['multi', '2'],
    ]) {
      params.append(key, value);
    }
    const url = new URL(`https://h.example.com/x?${params}`);
    assert.equal(
      canonicalQuery(url.searchParams),
      canonicalQuery({ limit: 1, enable: true, test: '一 (&=?!#%.*)', path: '/tmp/123', multi: [1, 2, 3] }),
    );
  });
});

describe('canonical pieces', () => {
  it('appends a trailing slash to the URI and keeps an existing one', () => {
    assert.equal(canonicalUri('/v1/p/image-server-sub-jobs'), '/v1/p/image-server-sub-jobs/');
    assert.equal(canonicalUri('/v1/p/'), '/v1/p/');
    assert.equal(canonicalUri('/'), '/');
  });

  it('encodes path segments with the unreserved set, from the decoded path', () => {
    assert.equal(canonicalUri('/v1/a%20b/%E4%B8%80/x*y/(z)'), '/v1/a%20b/%E4%B8%80/x%2Ay/%28z%29/');
    assert.equal(canonicalUri('/v1/~-._'), '/v1/~-._/');
    assert.equal(canonicalUri('/v1/100%'), '/v1/100%25/', 'a malformed escape is signed as it is');
  });

  it('signs every header present plus host, sorted and lowercased, never Authorization', () => {
    assert.deepEqual(signedHeaderNames({ 'X-Sdk-Date': 'd', Accept: 'a', 'content-type': 'c', Authorization: 'old' }), [
      'accept',
      'content-type',
      'host',
      'x-sdk-date',
    ]);
  });

  it('lays out the canonical request with a blank line before the signed headers', () => {
    const text = canonicalRequest(
      {
        method: 'get',
        url: new URL('https://h.example.com:8443/v1/x?b=2&a=1'),
        headers: { 'X-Sdk-Date': ' 20200608T023900Z ' },
      },
      ['host', 'x-sdk-date'],
    );
    assert.equal(
      text,
      [
        'GET',
        '/v1/x/',
        'a=1&b=2',
        'host:h.example.com:8443',
        'x-sdk-date:20200608T023900Z',
        '',
        'host;x-sdk-date',
        EMPTY_BODY_SHA256,
      ].join('\n'),
    );
  });

  it('starts the string to sign with the algorithm and the date', () => {
    assert.match(stringToSign('20200608T023900Z', 'x'), /^SDK-HMAC-SHA256\n20200608T023900Z\n[0-9a-f]{64}$/);
  });

  it('formats and parses the X-Sdk-Date form, refusing impossible dates', () => {
    assert.equal(formatSdkDate(new Date('2020-06-08T02:39:00.999Z')), '20200608T023900Z');
    assert.equal(parseSdkDate('20200608T023900Z')?.toISOString(), '2020-06-08T02:39:00.000Z');
    for (const bad of ['20200608T023900', '2020-06-08T02:39:00Z', '20201308T023900Z', '20200230T000000Z', '']) {
      assert.equal(parseSdkDate(bad), undefined, bad);
    }
  });

  it('parses the Authorization header it writes', () => {
    const signed = sign(
      { method: 'GET', url: new URL('https://h.example.com/'), headers: {} },
      SDK_TEST_KEYS,
      new Date(0),
    );
    const parsed = parseAuthorization(signed.authorization);
    assert.deepEqual(parsed && { ...parsed, signature: parsed.signature.length }, {
      accessKeyId: 'AccessKey',
      signedHeaders: ['host', 'x-sdk-date'],
      signature: 64,
    });
    assert.equal(parseAuthorization('Bearer abc'), undefined);
  });
});

const KEY = { ak: 'HPUAK1234567890ABCDE', sk: 'sk-for-the-authorizer-tests-0123456789' };

describe('AkskAuthorizer', () => {
  const secrets = {
    accessKeyId: 'ABCDEFGHIJ0123456789',
    secretKey: 'very-secret-key-0123456789',
    securityToken: 'sts-token-abc',
  };
  const fixed = new Date('2026-03-07T10:40:43.858Z');

  it('adds the date, project, security token, a JSON content type and the signature', () => {
    const authorizer = new AkskAuthorizer({ ...secrets, projectId: 'p1', now: () => fixed });
    const headers: Record<string, string> = { Accept: 'application/json', 'User-Agent': 'ua/1' };
    const url = new URL(
      'https://workspace.ap-southeast-1.myhuaweicloud.com/v1/p1/image-server-sub-jobs?job_type=CREATE_SERVER',
    );
    authorizer.authorize({ method: 'GET', url, headers });
    assert.equal(headers['X-Sdk-Date'], '20260307T104043Z');
    assert.equal(headers['X-Project-Id'], 'p1');
    assert.equal(headers['X-Security-Token'], 'sts-token-abc');
    assert.equal(headers['Content-Type'], 'application/json');
    const parsed = parseAuthorization(headers.Authorization)!;
    assert.deepEqual(parsed.signedHeaders, ['content-type', 'host', 'x-project-id', 'x-sdk-date', 'x-security-token']);
    // Exactly what the pure function computes for the headers the SDK would have carried when signing.
    assert.equal(
      headers.Authorization,
      sign(
        { method: 'GET', url, headers: { 'Content-Type': 'application/json' } },
        { ...secrets, projectId: 'p1' },
        fixed,
      ).authorization,
    );
    assert.equal(headers.Accept, 'application/json', 'unsigned headers still travel');
    assert.equal(headers['User-Agent'], 'ua/1');
  });

  it('signs only what the official SDK signs, so a proxy rewriting User-Agent or Accept breaks nothing', () => {
    const authorizer = new AkskAuthorizer({
      accessKeyId: KEY.ak,
      secretKey: KEY.sk,
      projectId: 'p1',
      now: () => fixed,
    });
    const url = new URL(
      'https://workspace.ap-southeast-1.myhuaweicloud.com/v1/p1/image-server-sub-jobs?job_type=CREATE_SERVER&limit=100',
    );
    const headers: Record<string, string> = {
      Accept: 'application/json',
      'User-Agent': 'workspace-image-jobs/0.1.0',
      'X-Language': 'en-us',
    };
    authorizer.authorize({ method: 'GET', url, headers });
    assert.match(headers.Authorization, /, SignedHeaders=content-type;host;x-project-id;x-sdk-date, /);

    // The gateway's side: it verifies exactly the headers listed in SignedHeaders.
    const verifier = new SignatureVerifier([KEY], () => fixed.getTime());
    const received = (changed: Record<string, string>) => ({
      method: 'GET',
      url,
      headers: Object.fromEntries(
        Object.entries({ ...headers, ...changed, Host: url.host }).map(([k, v]) => [k.toLowerCase(), v]),
      ),
      body: new Uint8Array(),
    });
    assert.equal(verifier.verify(received({}), 'r1'), undefined);
    assert.equal(verifier.verify(received({ 'User-Agent': 'corporate-proxy/2.0 (rewritten)' }), 'r2'), undefined);
    assert.equal(verifier.verify(received({ Accept: '*/*', 'X-Language': 'zh-cn' }), 'r3'), undefined);
    // What is signed still is: a changed date, project or content type is refused.
    assert.equal(verifier.verify(received({ 'X-Project-Id': 'p2' }), 'r4')?.status, 401);
    assert.equal(verifier.verify(received({ 'Content-Type': 'text/plain' }), 'r5')?.status, 401);
  });

  it('signs a header it was handed before signing only if the SDK does (host, content type, payload hash)', () => {
    const headers: Record<string, string> = {
      'X-Sdk-Content-Sha256': 'UNSIGNED-PAYLOAD',
      'content-type': 'text/plain',
      'X-Custom': 'x',
    };
    new AkskAuthorizer({ ...secrets, now: () => fixed }).authorize({
      method: 'POST',
      url: new URL('https://h.example.com/x'),
      headers,
      body: 'hi',
    });
    assert.deepEqual(parseAuthorization(headers.Authorization)?.signedHeaders, [
      'content-type',
      'host',
      'x-sdk-content-sha256',
      'x-sdk-date',
      'x-security-token',
    ]);
  });

  it('keeps a content type the caller chose', () => {
    const headers: Record<string, string> = { 'content-type': 'text/plain' };
    new AkskAuthorizer({ ...secrets, now: () => fixed }).authorize({
      method: 'POST',
      url: new URL('https://h.example.com/x'),
      headers,
      body: 'hi',
    });
    assert.equal(headers['content-type'], 'text/plain');
    assert.equal(headers['Content-Type'], undefined);
  });

  it('describes itself by the first four characters of the AK and never shows the SK', () => {
    const authorizer = new AkskAuthorizer({ ...secrets, projectId: 'p1' });
    assert.equal(authorizer.description, 'AK ABCD… (temporary)');
    assert.equal(new AkskAuthorizer({ accessKeyId: 'WXYZ1234', secretKey: 's' }).description, 'AK WXYZ…');
    for (const shown of [
      JSON.stringify(authorizer),
      inspect(authorizer, { depth: 10, showHidden: true }),
      String(authorizer),
    ]) {
      assert.ok(!shown.includes(secrets.secretKey), shown);
      assert.ok(!shown.includes('0123456789'), shown);
      assert.ok(!shown.includes(secrets.securityToken), shown);
    }
  });

  it('refuses empty keys', () => {
    assert.throws(() => new AkskAuthorizer({ accessKeyId: '', secretKey: 's' }), /AK/);
    assert.throws(() => new AkskAuthorizer({ accessKeyId: 'a', secretKey: '' }), /SK/);
  });
});
