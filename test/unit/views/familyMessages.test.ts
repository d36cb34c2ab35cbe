import './installFakeVscode';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { failedMessage, succeededMessage } from '../../../src/views/notificationMessages';

// CREATE_SERVER exists in both families: a toast that says only "sub-job srv-01 failed" leaves the
// administrator guessing whether an image build or an app server failed.
test('an app-server sub-job’s toast says it is an app server sub-job; an image sub-job’s stays as it was', () => {
  assert.equal(
    failedMessage('srv-01', undefined, false, 'WKS.0001 no capacity', 'appServer'),
    'Workspace Jobs: app server sub-job srv-01 failed: WKS.0001 no capacity',
  );
  assert.equal(
    failedMessage('srv-01', 'prod', true, '', 'appServer'),
    'Workspace Jobs: app server sub-job srv-01 in prod is abnormal',
  );
  assert.equal(
    succeededMessage('srv-01', 'prod', 'appServer'),
    'Workspace Jobs: app server sub-job srv-01 in prod succeeded',
  );
  assert.equal(failedMessage('img-a', undefined, false, '', 'image'), 'Workspace Jobs: sub-job img-a failed');
  assert.equal(succeededMessage('img-a', undefined, 'image'), 'Workspace Jobs: sub-job img-a succeeded');
});
