import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isConnection, ProjectSettings, resolveConnection } from '../../../src/core/connection';

const settings: ProjectSettings = { projectId: 'p1', region: 'ap-southeast-1', endpoint: '', jobTypes: ['CREATE_SERVER'], refreshInterval: 30 };

test('no project id means unconfigured, whatever else is set', () => {
  assert.deepEqual(resolveConnection({ ...settings, projectId: '  ' }, 'tok'), { kind: 'unconfigured' });
});

test('the endpoint follows the region unless overridden', () => {
  const c = resolveConnection(settings, 'tok');
  assert.ok(isConnection(c));
  assert.equal(c.endpoint, 'https://workspace.ap-southeast-1.myhuaweicloud.com');
  assert.equal(c.location, 'ap-southeast-1');
  const o = resolveConnection({ ...settings, endpoint: 'https://private.example.com/' }, 'tok');
  assert.ok(isConnection(o));
  assert.equal(o.endpoint, 'https://private.example.com');
  assert.equal(o.location, 'private.example.com');
});

test('without a token there is no connection but the project is known', () => {
  assert.deepEqual(resolveConnection(settings, undefined), { kind: 'noCredentials', projectId: 'p1', location: 'ap-southeast-1' });
});

test('an http endpoint to another host is refused before any token is used', () => {
  const c = resolveConnection({ ...settings, endpoint: 'http://evil.example.com' }, 'tok');
  assert.ok(!isConnection(c) && c.kind === 'badEndpoint');
  assert.match(c.kind === 'badEndpoint' ? c.reason : '', /plain http/);
});

test('the token is never part of what can be shown or logged', () => {
  const c = resolveConnection(settings, 'SECRET-TOKEN-123');
  assert.ok(!JSON.stringify(c).includes('SECRET-TOKEN-123'));
  assert.ok(isConnection(c) && !c.authorizer.description.includes('SECRET'));
});
