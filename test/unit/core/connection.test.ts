import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  effectiveRefreshInterval,
  iamEndpointFor,
  isConnection,
  projectIdWarning,
  resolveConnection,
  validateProjectId,
} from '../../../src/core/connection';
import { ProjectConfig } from '../../../src/core/projects';
import { clampDelay, MAX_TIMER_DELAY_MS } from '../../../src/core/clock';
import { CredentialSet } from '../../../src/core/credentials';

const token = (value: string, projectId = 'p1'): CredentialSet => ({
  projects: { [projectId]: { kind: 'token', token: value } },
});

const settings: ProjectConfig = { projectId: 'p1', region: 'ap-southeast-1', endpoint: '' };

test('the endpoint follows the region unless overridden', () => {
  const c = resolveConnection(settings, token('tok'));
  assert.ok(isConnection(c));
  assert.equal(c.endpoint, 'https://workspace.ap-southeast-1.myhuaweicloud.com');
  assert.equal(c.location, 'ap-southeast-1');
  const o = resolveConnection({ ...settings, endpoint: 'https://private.example.com/' }, token('tok'));
  assert.ok(isConnection(o));
  assert.equal(o.endpoint, 'https://private.example.com');
  assert.equal(o.location, 'ap-southeast-1 · private.example.com');
});

test('without a token there is no connection but the project is known', () => {
  assert.deepEqual(resolveConnection(settings, { projects: {} }), {
    kind: 'noCredentials',
    projectId: 'p1',
    location: 'ap-southeast-1',
  });
});

test('an http endpoint to another host is refused before any token is used', () => {
  const c = resolveConnection({ ...settings, endpoint: 'http://evil.example.com' }, token('tok'));
  assert.ok(!isConnection(c) && c.kind === 'badEndpoint');
  assert.match(c.kind === 'badEndpoint' ? c.reason : '', /plain http/);
});

test('no secret is part of what can be shown or logged', () => {
  const c = resolveConnection(settings, token('SECRET-TOKEN-123'));
  assert.ok(!JSON.stringify(c).includes('SECRET-TOKEN-123'));
  assert.ok(isConnection(c) && !c.authorizer.description.includes('SECRET'));
  const ak = resolveConnection(settings, {
    accessKey: {
      kind: 'accessKey',
      accessKeyId: 'ABCDEFGHIJ',
      secretKey: 'SK-SECRET-XYZ',
      securityToken: 'STS-SECRET',
    },
    projects: {},
  });
  assert.ok(isConnection(ak));
  assert.equal(ak.credential, 'AK ABCD… (temporary, expiry unknown)', 'a temporary key says its expiry is not known');
  const text = JSON.stringify(ak);
  for (const secret of ['SK-SECRET-XYZ', 'STS-SECRET', 'ABCDEFGHIJ']) assert.ok(!text.includes(secret), secret);
});

test('sign-in goes to the override, else a loopback simulator itself, else the region’s IAM', () => {
  assert.equal(iamEndpointFor(settings), 'https://iam.ap-southeast-1.myhuaweicloud.com');
  assert.equal(iamEndpointFor({ ...settings, endpoint: 'http://127.0.0.1:4567' }), 'http://127.0.0.1:4567');
  assert.equal(
    iamEndpointFor({ ...settings, endpoint: 'https://private.example.com' }),
    'https://iam.ap-southeast-1.myhuaweicloud.com',
  );
  assert.equal(iamEndpointFor(settings, 'https://iam.example.com'), 'https://iam.example.com');
});

test('a project id the API cannot take is a problem to show, not an exception in the middle of a reload', () => {
  const long = 'a'.repeat(129);
  const c = resolveConnection({ ...settings, projectId: long }, token('tok'));
  assert.ok(!isConnection(c) && c.kind === 'badProjectId');
  assert.match(c.kind === 'badProjectId' ? c.reason : '', /at most 128 characters; this one has 129/);
  const spaced = resolveConnection({ ...settings, projectId: 'p 1/../x' }, token('tok'));
  assert.ok(!isConnection(spaced) && spaced.kind === 'badProjectId');
  assert.ok(
    isConnection(resolveConnection({ ...settings, projectId: 'a'.repeat(128) }, token('tok', 'a'.repeat(128)))),
  );
});

test('the refresh interval is raised to 5 s and capped at a day; 0 or nonsense turns it off', () => {
  assert.equal(effectiveRefreshInterval(3_000_000), 86_400);
  assert.equal(effectiveRefreshInterval(Infinity), 86_400);
  assert.equal(effectiveRefreshInterval(2), 5);
  assert.equal(effectiveRefreshInterval(30), 30);
  assert.equal(effectiveRefreshInterval(0), 0);
  assert.equal(effectiveRefreshInterval(-1), 0);
  assert.equal(effectiveRefreshInterval(NaN), 0);
});

test('every timer delay a setTimeout cannot take waits as long as a timer can instead of 1 ms', () => {
  assert.equal(clampDelay(3_000_000_000), MAX_TIMER_DELAY_MS);
  assert.equal(clampDelay(Infinity), MAX_TIMER_DELAY_MS);
  assert.equal(clampDelay(NaN), MAX_TIMER_DELAY_MS);
  assert.equal(clampDelay(-5), 0);
  assert.equal(clampDelay(1500), 1500);
});

test('a token works for its own project only; an access key signs for any', () => {
  const other = resolveConnection({ ...settings, projectId: 'p2' }, token('tok', 'p1'));
  assert.deepEqual(other, { kind: 'notCovered', projectId: 'p2', location: 'ap-southeast-1', coveredProjects: ['p1'] });
  const withKey: CredentialSet = {
    accessKey: { kind: 'accessKey', accessKeyId: 'AKAKAKAK', secretKey: 'sk' },
    projects: { p1: { kind: 'token', token: 'tok' } },
  };
  const p1 = resolveConnection(settings, withKey);
  const p2 = resolveConnection({ ...settings, projectId: 'p2' }, withKey);
  assert.ok(isConnection(p1) && p1.credential === 'IAM token (pasted)', 'its own token first');
  assert.ok(isConnection(p2) && p2.credential.startsWith('AK AKAK'), 'the access key for the others');
});

test('a token from before tokens were kept per project belongs to workspaceJobs.projectId', () => {
  const legacy: CredentialSet = { projects: { '': { kind: 'token', token: 'old' } } };
  assert.ok(isConnection(resolveConnection(settings, legacy, 'p1')));
  const p2 = resolveConnection({ ...settings, projectId: 'p2' }, legacy, 'p1');
  assert.ok(!isConnection(p2) && p2.kind === 'notCovered' && p2.coveredProjects.join() === 'p1');
});

test('a region name typed as a project id is accepted but warned about, with where the id is', () => {
  assert.equal(validateProjectId('cn-north-4'), undefined);
  assert.match(projectIdWarning('cn-north-4') ?? '', /cn-north-4 is a region name, not a project id/);
  assert.match(projectIdWarning(' ap-southeast-3 ') ?? '', /API Credentials/);
  assert.match(projectIdWarning('eu-west-101') ?? '', /region name/);
  assert.equal(projectIdWarning('0a1b2c3d4e5f60718293a4b5c6d7e8f9'), undefined);
  assert.match(validateProjectId('') ?? '', /My Credentials → API Credentials → Projects/);
});
