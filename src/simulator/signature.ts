/**
 * The gateway's side of AK/SK authentication. Verification recomputes the signature with the very
 * functions the extension signs with, so the simulator can only accept what the real gateway
 * would accept if the canonicalisation is right: the known-answer and SDK-oracle tests pin that.
 */
import { timingSafeEqual } from 'node:crypto';
import { IncomingHttpHeaders } from 'node:http';
import {
  canonicalRequest,
  parseAuthorization,
  ParsedAuthorization,
  parseSdkDate,
  signature,
  stringToSign,
} from '../api/akskSigner';
import { ErrorAnswer } from './errors';

export interface AccessKey {
  readonly ak: string;
  readonly sk: string;
  /** Set for temporary (STS) keys: requests must then carry it as X-Security-Token. */
  readonly securityToken?: string;
  /** Temporary keys (IAM Identity Center's) are refused from this moment on (simulator clock, epoch ms). */
  readonly expiresAt?: number;
}

/** Not a secret: it only opens the simulator. */
export const DEFAULT_ACCESS_KEY: AccessKey = {
  ak: 'SAMPLEAK0WORKSPACE00',
  sk: 'sample-secret-key-only-for-the-simulator',
};

/** How far X-Sdk-Date may be from the gateway's clock. */
export const MAX_CLOCK_SKEW_MS = 15 * 60_000;
/** Huawei's gateway locks an AK for five minutes after five signature failures in a row. */
export const FAILURES_BEFORE_LOCK = 5;
export const LOCK_MS = 5 * 60_000;

export interface ReceivedRequest {
  readonly method: string;
  /** Only the path and query matter; the host comes from the Host header. */
  readonly url: URL;
  readonly headers: IncomingHttpHeaders;
  readonly body: Uint8Array;
}

interface KeyState {
  failures: number;
  lockedUntil: number;
}

/** The gateway's 401, worded like its messages (APIG FAQ "Common Errors Related to IAM Authentication Information"). */
function refused(detail: string, requestId: string): ErrorAnswer {
  return {
    status: 401,
    body: {
      error_code: 'APIGW.0301',
      error_msg: `Incorrect IAM authentication information: ${detail}`,
      request_id: requestId,
    },
  };
}

function single(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

function sameHex(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

export class SignatureVerifier {
  private readonly keys: Map<string, AccessKey>;
  private readonly states = new Map<string, KeyState>();

  constructor(
    keys: readonly AccessKey[],
    private readonly now: () => number,
  ) {
    this.keys = new Map(keys.map((key) => [key.ak, key]));
  }

  /** A key issued while the simulator runs (IAM Identity Center's temporary keys). */
  add(key: AccessKey): void {
    this.keys.set(key.ak, key);
  }

  /** Undefined when the signature holds; otherwise the 401 the gateway answers. */
  verify(request: ReceivedRequest, requestId: string): ErrorAnswer | undefined {
    const authorization = parseAuthorization(single(request.headers.authorization) ?? '');
    if (!authorization) return refused('verify aksk signature fail, the Authorization header is malformed', requestId);
    const sdkDate = single(request.headers['x-sdk-date']) ?? '';
    const date = parseSdkDate(sdkDate);
    if (!date)
      return refused(
        'verify aksk signature fail, X-Sdk-Date is missing or not in the form YYYYMMDDTHHmmssZ',
        requestId,
      );
    const key = this.keys.get(authorization.accessKeyId);
    if (!key) return refused(`Get secretKey failed,ak:${authorization.accessKeyId},err:ak not exist`, requestId);
    const state = this.stateOf(key.ak);
    const now = this.now();
    if (state.lockedUntil > now) return refused('AK access failed to reach the limit,forbidden.', requestId);
    if (Math.abs(date.getTime() - now) > MAX_CLOCK_SKEW_MS) {
      return refused(
        `verify aksk signature fail, X-Sdk-Date ${sdkDate} is out of range: more than 15 minutes from the server time ${new Date(now).toISOString()}`,
        requestId,
      );
    }
    if (!this.signatureHolds(request, authorization, key, sdkDate)) {
      state.failures += 1;
      if (state.failures >= FAILURES_BEFORE_LOCK) {
        state.failures = 0;
        state.lockedUntil = now + LOCK_MS;
      }
      return refused('verify aksk signature fail', requestId);
    }
    if ((single(request.headers['x-security-token']) ?? '') !== (key.securityToken ?? '')) {
      return refused('verify security token fail', requestId);
    }
    if (key.expiresAt !== undefined && key.expiresAt <= now)
      return refused('the security token has expired', requestId);
    state.failures = 0;
    return undefined;
  }

  private signatureHolds(
    request: ReceivedRequest,
    authorization: ParsedAuthorization,
    key: AccessKey,
    sdkDate: string,
  ): boolean {
    const signed = authorization.signedHeaders;
    // The date and host must be covered, or a captured request could be replayed elsewhere or later.
    const covered =
      signed.includes('host') &&
      signed.includes('x-sdk-date') &&
      (!key.securityToken || signed.includes('x-security-token'));
    const sorted = signed.every((name, i) => i === 0 || signed[i - 1] < name);
    if (!covered || !sorted) return false;
    const canonical = canonicalRequest(
      { method: request.method, url: request.url, headers: request.headers, body: request.body },
      signed,
    );
    return sameHex(signature(key.sk, stringToSign(sdkDate, canonical)), authorization.signature);
  }

  private stateOf(ak: string): KeyState {
    let state = this.states.get(ak);
    if (!state) {
      state = { failures: 0, lockedUntil: 0 };
      this.states.set(ak, state);
    }
    return state;
  }
}
