import { test } from 'node:test';
import assert from 'node:assert/strict';
import { countByListing, CountMode } from '../../../src/api/countMode';
import { APP_SERVER_JOB_TYPES } from '../../../src/model/family';
import type { QueryJobType } from '../../../src/model/subJob';
import type { SubJobPage } from '../../../src/model/validate';
import { ApiError } from '../../../src/api/errors';

/** A list call that answers without a count, as a gateway stripping it would. */
const uncounted = { listPage: async () => ({ count: 0, items: [], uncounted: true }) as unknown as SubJobPage };
const refusedCount = {
  ...uncounted,
  count: async () => {
    throw new ApiError(403, 'WKS.00081102', 'Permission denied', 'req-1');
  },
};

test('an app-server session that cannot count names its own IAM action, not the image family’s', async () => {
  const jobTypes = APP_SERVER_JOB_TYPES as readonly QueryJobType[];
  await assert.rejects(
    countByListing(uncounted, jobTypes, {}, new AbortController().signal, 'appServer'),
    (error: Error) => error.message.includes('workspace:jobs:countSubJobs') && !error.message.includes('imageServer'),
  );
  await assert.rejects(
    new CountMode('appServer').count(refusedCount, jobTypes, {}, new AbortController().signal),
    (error: Error) => error.message.includes('workspace:jobs:countSubJobs'),
  );
});
