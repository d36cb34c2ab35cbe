/**
 * Error bodies in every shape the official SDKs read, sent by the simulator over loopback and read
 * by the real client: the ApiError must carry their code and message.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ApiError } from '../../../src/api/errors';
import { SubJobClient } from '../../../src/api/subJobClient';
import type { RunningSimulator } from '../../../src/simulator/server';
import { simulatorWithClient } from '../simulatorPerFile';

let simulator: RunningSimulator;
let client: SubJobClient;

simulatorWithClient({ size: 5 }, (started, startedClient) => {
  simulator = started;
  client = startedClient;
});

/** The ApiError the client raises when the next answer is `status` with `body`. */
async function errorFor(status: number, body: unknown): Promise<ApiError> {
  simulator.failNext(1, status, body);
  const error = await client
    .listPage({ jobType: 'CREATE_SERVER', offset: 0, limit: 10 }, new AbortController().signal)
    .then(
      () => assert.fail('expected an ApiError'),
      (e: unknown) => e,
    );
  assert.ok(error instanceof ApiError, String(error));
  assert.equal(error.status, status);
  assert.doesNotMatch(error.message, /no error message/);
  return error;
}

describe('error bodies the SDKs read', () => {
  it('Huawei services and the gateway: {error_code, error_msg}', async () => {
    const error = await errorFor(400, { error_code: 'WKS.00211102', error_msg: 'Invalid parameter: job_type.' });
    assert.equal(error.errorCode, 'WKS.00211102');
    assert.equal(error.errorMsg, 'Invalid parameter: job_type.');
  });

  it('camel case: {errorCode, errorMsg}', async () => {
    const error = await errorFor(429, {
      errorCode: 'APIGW.0308',
      errorMsg: 'The throttling threshold has been reached',
    });
    assert.equal(error.errorCode, 'APIGW.0308');
    assert.equal(error.errorMsg, 'The throttling threshold has been reached');
    assert.match(error.message, /^HTTP 429 APIGW\.0308: The throttling threshold has been reached/);
  });

  it('{code, message}, the code a string or a number', async () => {
    const text = await errorFor(403, { code: 'WKS.00081102', message: 'No permission for this operation.' });
    assert.equal(text.errorCode, 'WKS.00081102');
    assert.equal(text.errorMsg, 'No permission for this operation.');
    const numeric = await errorFor(500, { code: 500, message: 'Internal Server Error' });
    assert.equal(numeric.errorCode, '500');
    assert.equal(numeric.errorMsg, 'Internal Server Error');
  });

  it("Keystone's nested {error: {code, message, title}}", async () => {
    const error = await errorFor(401, {
      error: { code: 401, message: 'The request you have made requires authentication.', title: 'Unauthorized' },
    });
    assert.equal(error.errorCode, 'Unauthorized');
    assert.equal(error.errorMsg, 'The request you have made requires authentication.');
  });

  it('a 403 with encoded_authorization_message shows it beside the message, and keeps it', async () => {
    const encoded = 'OGQ5ZTQ0NmMtYjc4Yi00MjVlLWE3YTAtNDI3NjcxZjVhNWZl.encoded-policy-denial';
    const error = await errorFor(403, {
      error_code: 'APIGW.0302',
      error_msg: 'The IAM user is not authorized.',
      encoded_authorization_message: encoded,
    });
    assert.equal(error.errorCode, 'APIGW.0302');
    assert.equal(error.encodedAuthorizationMessage, encoded);
    assert.equal(error.errorMsg, `The IAM user is not authorized. (encoded authorization message: ${encoded})`);
    assert.ok(error.message.includes(encoded));
  });

  it('encoded_authorization_message alone, or inside Keystone-style error, is the message', async () => {
    const alone = await errorFor(403, { encoded_authorization_message: 'ENC-ONLY' });
    assert.equal(alone.errorMsg, 'encoded authorization message: ENC-ONLY');
    assert.match(alone.message, /^HTTP 403: encoded authorization message: ENC-ONLY/);
    const nested = await errorFor(403, {
      error: {
        code: 'IAM.0003',
        message: "Policy doesn't allow iam:users:listUsers.",
        encoded_authorization_message: 'ENC-NESTED',
      },
    });
    assert.equal(nested.errorCode, 'IAM.0003');
    assert.equal(nested.encodedAuthorizationMessage, 'ENC-NESTED');
    assert.match(
      nested.errorMsg,
      /^Policy doesn't allow iam:users:listUsers\. \(encoded authorization message: ENC-NESTED\)$/,
    );
  });

  it('an empty nested error falls back to the flat fields beside it', async () => {
    const error = await errorFor(401, {
      error: {},
      error_code: 'APIGW.0301',
      error_msg: 'Incorrect IAM authentication information',
    });
    assert.equal(error.errorCode, 'APIGW.0301');
    assert.equal(error.errorMsg, 'Incorrect IAM authentication information');
  });

  it('a JSON body in no known shape is shown as it is rather than as no message', async () => {
    const error = await errorFor(502, { fault: 'upstream connect error or disconnect/reset before headers' });
    assert.equal(error.errorCode, '');
    assert.match(error.errorMsg, /upstream connect error/);
  });

  it('the request id still comes from the header, or else from the body', async () => {
    const error = await errorFor(400, { errorCode: 'WKS.00211102', errorMsg: 'bad', request_id: 'body-rid' });
    assert.match(error.requestId, /^[0-9a-f]{32}$/, 'the X-Request-Id header wins');
  });

  it('a megabyte error_msg makes a short ApiError message; the field keeps at most 64 KB', async () => {
    const error = await errorFor(400, {
      error_code: `WKS.${'0'.repeat(100_000)}`,
      error_msg: 'x'.repeat(1_000_000),
    });
    assert.ok(error.message.length < 1000, `${error.message.length} characters`);
    assert.match(error.message, /^HTTP 400 WKS\.0+…: x+… \(request id [0-9a-f]{32}\)$/);
    assert.ok(error.errorMsg.length <= 64 * 1024, `errorMsg: ${error.errorMsg.length} characters`);
    assert.ok(error.errorCode.length <= 64 * 1024, `errorCode: ${error.errorCode.length} characters`);
  });
});
