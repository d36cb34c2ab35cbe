import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkEndpoint, isLoopbackHost } from '../../../src/api/endpoint';
import { endpointForRegion, REGIONS } from '../../../src/api/regions';

test('loopback hosts are recognised, look-alikes are not', () => {
  for (const host of ['127.0.0.1', '127.1.2.3', 'localhost', 'LOCALHOST', '[::1]', '::1', 'app.localhost']) assert.ok(isLoopbackHost(host), host);
  for (const host of ['128.0.0.1', '127.0.0.1.evil.com', 'localhost.evil.com', '10.0.0.1', '127.0.0.256', '::2']) assert.ok(!isLoopbackHost(host), host);
});

test('https endpoints are accepted and normalised to their origin', () => {
  assert.deepEqual(checkEndpoint('https://workspace.example.com/'), { ok: true, origin: 'https://workspace.example.com' });
  assert.deepEqual(checkEndpoint(' https://h.example.com:8443 '), { ok: true, origin: 'https://h.example.com:8443' });
});

test('plain http is refused except to loopback', () => {
  const refused = checkEndpoint('http://workspace.example.com');
  assert.equal(refused.ok, false);
  assert.match(!refused.ok ? refused.reason : '', /refusing to send credentials over plain http to workspace\.example\.com/);
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
