import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseTimelinePanelState } from '../../../src/model/jobProtocol';

test("a timeline's saved state is read back as pointers only, anything else refused", () => {
  const key = 'https://workspace.ap-southeast-3.myhuaweicloud.com|0a1b#appServer';
  assert.deepEqual(parseTimelinePanelState({ sessionKey: key, jobId: ' 702364884037271552 ', job: { huge: 1 } }), {
    sessionKey: key,
    jobId: '702364884037271552',
  });
  for (const bad of [
    undefined,
    null,
    'x',
    {},
    { sessionKey: key },
    { sessionKey: '', jobId: '1' },
    { sessionKey: key, jobId: '  ' },
    { sessionKey: key, jobId: 'j'.repeat(256) },
    { sessionKey: 3, jobId: '1' },
  ])
    assert.equal(parseTimelinePanelState(bad), undefined, JSON.stringify(bad));
});
