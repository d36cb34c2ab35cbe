import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkEndpoint, isLoopbackHost } from '../../../src/api/endpoint';
import { endpointForRegion, REGIONS } from '../../../src/api/regions';

test('loopback hosts are recognised, look-alikes are not', () => {
  for (const host of ['127.0.0.1', '127.1.2.3', '127.255.255.255', 'localhost', 'LOCALHOST', '[::1]', '::1'])
    assert.ok(isLoopbackHost(host), host);
  for (const host of ['128.0.0.1', '127.0.0.1.evil.com', 'localhost.evil.com', '10.0.0.1', '127.0.0.256', '::2'])
    assert.ok(!isLoopbackHost(host), host);
});

test('::1 counts in every spelling, and 127.0.0.0/8 mapped into IPv6', () => {
  for (const host of [
    '0:0:0:0:0:0:0:1',
    '[0:0:0:0:0:0:0:1]',
    '0000:0000:0000:0000:0000:0000:0000:0001',
    '::0:1',
    '0::1',
    '[::0001]',
  ]) {
    assert.ok(isLoopbackHost(host), host);
  }
  for (const host of [
    '::ffff:127.0.0.1',
    '[::ffff:127.0.0.1]',
    '::ffff:7f00:1',
    '[::ffff:7f01:203]',
    '::FFFF:127.1.2.3',
  ])
    assert.ok(isLoopbackHost(host), host);
  // What the URL parser hands over for these spellings.
  assert.ok(isLoopbackHost(new URL('http://[0:0:0:0:0:0:0:1]:8080').hostname));
  assert.ok(isLoopbackHost(new URL('http://[::ffff:127.0.0.1]/').hostname));
  assert.ok(isLoopbackHost(new URL('http://127.1/').hostname), 'the URL parser writes 127.1 as 127.0.0.1');
  for (const host of [
    '::',
    '::1:0',
    '1::1',
    '::ffff:128.0.0.1',
    '::ffff:10.0.0.1',
    '::127.0.0.1',
    '::1::',
    ':::1',
    '::1%lo',
    '0:0:0:0:0:0:0:0:1',
    'fe80::1',
  ]) {
    assert.ok(!isLoopbackHost(host), host);
  }
});

test('names under .localhost, and localhost with a trailing dot, go to a resolver: remote', () => {
  for (const host of ['foo.localhost', 'app.localhost', 'FOO.LOCALHOST', 'localhost.', 'a.b.localhost'])
    assert.ok(!isLoopbackHost(host), host);
  for (const endpoint of ['http://foo.localhost:4567', 'http://localhost.:4567']) {
    const checked = checkEndpoint(endpoint);
    assert.equal(checked.ok, false, endpoint);
    assert.match(!checked.ok ? checked.reason : '', /refusing to send credentials over plain http/);
  }
  assert.equal(checkEndpoint('https://foo.localhost:4567').ok, true, 'over TLS like any host');
  assert.deepEqual(checkEndpoint('http://localhost:4567'), { ok: true, origin: 'http://localhost:4567' });
  assert.deepEqual(checkEndpoint('http://127.1.2.3:4567'), { ok: true, origin: 'http://127.1.2.3:4567' });
});

test('octets with leading zeros are not canonical and do not count (resolvers may read them as octal)', () => {
  for (const host of ['127.0.0.01', '0127.0.0.1', '127.00.0.1']) assert.ok(!isLoopbackHost(host), host);
  assert.ok(isLoopbackHost(new URL('http://0177.0.0.1/').hostname), 'the URL parser turns octal 0177 into 127');
});

test('https endpoints are accepted and normalised to their origin', () => {
  assert.deepEqual(checkEndpoint('https://workspace.example.com/'), {
    ok: true,
    origin: 'https://workspace.example.com',
  });
  assert.deepEqual(checkEndpoint(' https://h.example.com:8443 '), { ok: true, origin: 'https://h.example.com:8443' });
});

test('plain http is refused except to loopback', () => {
  const refused = checkEndpoint('http://workspace.example.com');
  assert.equal(refused.ok, false);
  assert.match(
    !refused.ok ? refused.reason : '',
    /refusing to send credentials over plain http to workspace\.example\.com/,
  );
  assert.deepEqual(checkEndpoint('http://127.0.0.1:4567'), { ok: true, origin: 'http://127.0.0.1:4567' });
  assert.deepEqual(checkEndpoint('http://[::1]:4567'), { ok: true, origin: 'http://[::1]:4567' });
});

test('other schemes, paths, credentials in the URL and junk are refused with a reason', () => {
  for (const [endpoint, reason] of [
    ['ftp://x.example.com', /only https/],
    ['https://x.example.com/v1', /has a path or query/],
    ['https://x.example.com?a=1', /has a path or query/],
    ['https://user:pw@x.example.com', /user name or password/],
    ['not a url', /is not a URL/],
  ] as const) {
    const checked = checkEndpoint(endpoint);
    assert.equal(checked.ok, false, endpoint);
    assert.match(!checked.ok ? checked.reason : '', reason);
  }
});

test('seventeen regions, each with its documented endpoint', () => {
  assert.equal(REGIONS.length, 17);
  assert.equal(endpointForRegion('cn-north-4'), 'https://appstream.cn-north-4.myhuaweicloud.com');
  assert.equal(endpointForRegion('ap-southeast-1'), 'https://workspace.ap-southeast-1.myhuaweicloud.com');
  assert.equal(endpointForRegion('tr-west-1'), 'https://workspace.tr-west-1.myhuaweicloud.com');
});
