import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  byProject,
  familyRow,
  sameProject,
  sessionLabel,
  showsSeveralFamilies,
} from '../../../src/presentation/familyRows';
import { renderResource } from '../../../src/presentation/detailsResource';
import { renderDetailsBody } from '../../../src/presentation/detailsHtml';
import { subJobFields } from '../../../src/presentation/subJobFields';
import type { SessionSpec } from '../../../src/core/sessionSpec';
import { EMPTY_STATE } from '../../../src/core/sessionState';
import type { SubJob } from '../../../src/model/subJob';
import { parseResourceFields } from '../../../src/model/resourceFields';

const spec = (key: string, family?: 'appServer'): SessionSpec => ({
  key: family ? `${key}#${family}` : key,
  projectKey: key,
  ...(family && { family }),
  projectId: key,
  location: 'cn-north-4',
  endpoint: 'https://x',
  sampleData: false,
  credential: 'token',
  query: { jobTypes: ['CREATE_SERVER'] },
});

const appServerSubJob: SubJob = {
  id: '1',
  jobType: 'REINSTALL_OS',
  status: 'FAILED',
  resourceId: 'srv-1',
  resourceName: 'app-server-01',
  beginTime: '',
  endTime: '',
  errorCode: 'WKS.1',
  errorMessage: 'no',
  projectId: 'p',
  jobId: '9',
  family: 'appServer',
  resource: parseResourceFields({
    resource_id: 'srv-1',
    spec_size: 40,
    spec_type: { cpu: 2, note: '<script>alert(1)</script>' },
    resource_name: '<b>bold</b>',
  }),
};

test('sessions are grouped by project, each family a row of its own', () => {
  const sessions = [spec('a'), spec('a', 'appServer'), spec('b'), spec('b', 'appServer')].map((s) => ({ spec: s }));
  assert.deepEqual(
    byProject(sessions).map((list) => list.map((s) => s.spec.key)),
    [
      ['a', 'a#appServer'],
      ['b', 'b#appServer'],
    ],
  );
  assert.equal(sameProject(sessions, sessions[3]!).length, 2);
  const rows = sessions.slice(0, 2).map((s) => familyRow(s.spec, EMPTY_STATE));
  assert.deepEqual(
    rows.map((r) => [r.id, r.label, r.family]),
    [
      ['family/a', 'Image jobs', 'image'],
      ['family/a#appServer', 'App server jobs', 'appServer'],
    ],
  );
});

test('the resource table: every field a row, numbers and nested objects readable, all escaped', () => {
  const html = renderResource(appServerSubJob);
  assert.match(html, /data-part="resource"/);
  assert.match(
    html,
    /<th scope="row"><code class="mono">spec_size<\/code><\/th><td class="selectable kind-number"><code class="mono">40<\/code>/,
  );
  assert.match(html, /&lt;b&gt;bold&lt;\/b&gt;/);
  assert.ok(!html.includes('<script>'), 'nested text is escaped');
  assert.match(html, /\{&quot;cpu&quot;:2,&quot;note&quot;:&quot;&lt;script&gt;/);
  assert.equal(renderResource({ ...appServerSubJob, family: undefined }), '', 'image sub-jobs have no resource table');
  const body = renderDetailsBody({ subJob: appServerSubJob, now: 0 } as never);
  assert.match(body, /App server jobs/);
  assert.deepEqual(
    subJobFields(appServerSubJob)
      .slice(-4)
      .map(([k]) => k),
    ['resource_id', 'resource_name', 'spec_type', 'spec_size'],
  );
});

test("a session's label names its family only when its project shows both", () => {
  const image = spec('ep|p1');
  const appServer = spec('ep|p1', 'appServer');
  const other = spec('ep|p2');
  assert.equal(showsSeveralFamilies([{ spec: image }, { spec: appServer }], { spec: appServer }), true);
  assert.equal(showsSeveralFamilies([{ spec: image }, { spec: other }], { spec: image }), false);
  assert.equal(showsSeveralFamilies([{ spec: image }], { spec: image }), false, 'itself is not a second family');
  assert.equal(sessionLabel(appServer, true), 'ep|p1 · App server jobs');
  assert.equal(sessionLabel(image, false), 'ep|p1');
});
