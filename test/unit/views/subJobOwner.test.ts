import './installFakeVscode';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { SessionSpec } from '../../../src/core/sessionSpec';
import type { SubJob } from '../../../src/model/subJob';
import { ownerOf } from '../../../src/commands/subJobActions';
import { aSubJob } from '../builders';

const session = (family: 'image' | 'appServer', loaded: SubJob[] = []) => ({
  spec: {
    key: family === 'image' ? 'ep|p1' : 'ep|p1#appServer',
    projectKey: 'ep|p1',
    ...(family === 'appServer' && { family }),
    projectId: 'p1',
    location: 'cn-north-4',
    endpoint: 'https://ep',
    sampleData: false,
    credential: 'token',
    query: { jobTypes: [] },
  } as SessionSpec,
  loadedSubJobs: () => loaded,
});

test("a sub-job handed over by another extension opens in its own family's session", () => {
  const given = aSubJob({ id: '7001', projectId: 'p1', family: 'appServer' });
  const image = session('image', [aSubJob({ id: '7001', projectId: 'p1' })]);
  const appServer = session('appServer');
  assert.equal(ownerOf([image, appServer], given), appServer, 'by project, in its family');
  const old = aSubJob({ id: '7001', projectId: 'p1' });
  assert.equal(ownerOf([appServer, image], old), image, 'no family: image, as before families');
});
