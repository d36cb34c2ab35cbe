import { test } from 'node:test';
import assert from 'node:assert/strict';
import { resolveProjects, withProjectAdded, withProjectRemoved } from '../../../src/core/projects';

const single = { projectId: ' p1 ', region: 'ap-southeast-1', endpoint: '' };

test('with no list, the single-project settings describe the one project', () => {
  const r = resolveProjects({ projects: [], ...single });
  assert.deepEqual(r.projects, [{ projectId: 'p1', region: 'ap-southeast-1', endpoint: '' }]);
  assert.equal(r.single, true);
  assert.deepEqual(resolveProjects({ projects: undefined, ...single, projectId: '' }).projects, []);
});

test('a list replaces them; junk is skipped and said so, repeats are watched once', () => {
  const r = resolveProjects({
    projects: [
      { projectId: 'a', region: 'cn-north-4', name: ' Beijing ' },
      'x',
      { region: 'cn-north-4' },
      { projectId: 'a', region: 'cn-north-4' },
      { projectId: 'b', region: 'mars-1' },
    ],
    ...single,
  });
  assert.deepEqual(r.projects, [
    { projectId: 'a', region: 'cn-north-4', endpoint: '', name: 'Beijing' },
    { projectId: 'b', region: 'cn-north-4', endpoint: '' },
  ]);
  assert.deepEqual(r.skipped, [
    'workspaceJobs.projects[1] is not an object',
    'workspaceJobs.projects[2] has no projectId',
    'workspaceJobs.projects[3] repeats project a',
  ]);
  assert.equal(r.single, false);
  assert.equal(r.legacyProjectId, 'p1', 'a token of an earlier version still knows its project');
});

test('the same project in two regions is two projects', () => {
  const r = resolveProjects({
    projects: [
      { projectId: 'a', region: 'cn-north-4' },
      { projectId: 'a', region: 'ap-southeast-1' },
    ],
    ...single,
  });
  assert.equal(r.projects.length, 2);
});

test('adding moves the single project into the list; removing takes exactly one off', () => {
  const r = resolveProjects({ projects: [], ...single });
  const added = withProjectAdded(r, { projectId: 'p2', region: 'cn-north-4', endpoint: '', name: 'Beijing' });
  assert.deepEqual(
    added.map((p) => p.projectId),
    ['p1', 'p2'],
  );
  const list = resolveProjects({ projects: added, ...single });
  assert.deepEqual(
    withProjectRemoved(list, {
      projectId: 'p1',
      region: 'ap-southeast-1',
      endpoint: 'https://workspace.ap-southeast-1.myhuaweicloud.com/',
    }).map((p) => p.projectId),
    ['p2'],
    'the endpoint written out or derived is the same project',
  );
});
