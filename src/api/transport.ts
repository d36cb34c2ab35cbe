import * as l10n from '@vscode/l10n';
import type { Dispatcher } from 'undici';
import { Agent, errors as undiciErrors, Pool, ProxyAgent, request } from './undici';
import { ApiError, NetworkError, ResponseError } from './errors';
import { proxyEndpoint } from './proxy';

export interface Timeouts {
  connectMs: number;
  headersMs: number;
  bodyMs: number;
}

export const DEFAULT_TIMEOUTS: Timeouts = { connectMs: 10_000, headersMs: 20_000, bodyMs: 30_000 };

/**
 * The most bytes a response body may have. A full page of 100 sub-jobs is about 60 KB, so this is
 * hundreds of times what any answer needs, and still stops a broken or hostile server from filling
 * memory. Enforced by the dispatcher (undici's maxResponseSize) and again while reading.
 */
export const MAX_RESPONSE_BYTES = 16 * 1024 * 1024;
const MAX_RESPONSE_MB = MAX_RESPONSE_BYTES / (1024 * 1024);

export interface DispatcherOptions {
  readonly timeouts?: Timeouts;
  /** Proxy URL (user:password allowed), as chosen by proxyFor; absent connects directly. */
  readonly proxy?: string;
  /** False accepts any TLS certificate, the target's and the proxy's (VS Code's http.proxyStrictSSL). */
  readonly strictSSL?: boolean;
}

/**
 * One keep-alive connection pool per endpoint: refreshes fire many small requests at one host.
 * Through a proxy, https targets are tunnelled with CONNECT and http targets (loopback only, see
 * checkEndpoint) are sent in absolute form, as forward proxies expect; many refuse CONNECT to port 80.
 */
export function createDispatcher(options: DispatcherOptions = {}): Dispatcher {
  const timeouts = options.timeouts ?? DEFAULT_TIMEOUTS;
  const tls = { timeout: timeouts.connectMs, ...(options.strictSSL === false && { rejectUnauthorized: false }) };
  const pool = {
    keepAliveTimeout: 30_000,
    keepAliveMaxTimeout: 60_000,
    headersTimeout: timeouts.headersMs,
    bodyTimeout: timeouts.bodyMs,
    connections: 16,
    maxResponseSize: MAX_RESPONSE_BYTES,
  };
  if (!options.proxy) return new Agent({ ...pool, connect: tls });
  // The credentials leave the URL here, so undici's errors and state never hold them.
  const { uri, authorization } = proxyEndpoint(options.proxy);
  return new ProxyAgent({
    ...pool,
    uri,
    ...(authorization && { token: authorization }),
    proxyTunnel: false,
    proxyTls: tls,
    requestTls: tls,
    // ProxyAgent builds the absolute-form pools itself with only a connector; keep the timeouts.
    factory: (origin: string | URL, opts: object) => new Pool(origin, { ...pool, ...opts }),
  });
}

export interface JsonRequest {
  readonly method: 'GET' | 'POST' | 'PATCH';
  readonly headers: Record<string, string>;
  readonly body?: string;
}

export interface JsonResponse {
  status: number;
  body: unknown;
  requestId: string;
  headers: Record<string, string | string[] | undefined>;
}

/** The first value of a response header, '' when absent. */
export function header(headers: Record<string, string | string[] | undefined>, name: string): string {
  const value = headers[name];
  return Array.isArray(value) ? (value[0] ?? '') : (value ?? '');
}

function retryAfterSeconds(value: string): number | undefined {
  if (!value) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, (date - Date.now()) / 1000);
}

/** A proxy's refusal, from the CONNECT tunnel or from an absolute-form request. */
function proxyRefusal(message: string): string | undefined {
  const status =
    /Proxy response \((\d{3})\)/.exec(message)?.[1] ??
    (/Proxy Authentication Required \(407\)/.test(message) ? '407' : undefined);
  if (status === '407')
    return l10n.t(
      'the proxy asked for credentials or refused them (407 Proxy Authentication Required); check the user name and password in the proxy setting',
    );
  return status ? l10n.t('the proxy refused the connection (HTTP {0})', status) : undefined;
}

/** Why a request failed to get an answer, in words a person can act on. */
export function networkCause(error: unknown): string {
  const e = error as { code?: string; message?: string; cause?: { code?: string; message?: string } };
  const code = e.code ?? '';
  const refusal = proxyRefusal(`${e.message ?? ''} ${e.cause?.message ?? ''}`);
  if (refusal) return refusal;
  if (error instanceof undiciErrors.ConnectTimeoutError) return l10n.t('connection timed out');
  if (error instanceof undiciErrors.HeadersTimeoutError) return l10n.t('no response within the time limit');
  if (error instanceof undiciErrors.BodyTimeoutError) return l10n.t('the response stopped arriving (body timeout)');
  const root = e.cause?.code ?? code;
  // The code stays beside the words (ECONNREFUSED…): it is what a search or a support person recognises.
  const known: Record<string, string> = {
    ECONNREFUSED: l10n.t('connection refused'),
    ECONNRESET: l10n.t('connection reset'),
    ENOTFOUND: l10n.t('host not found'),
    EAI_AGAIN: l10n.t('DNS lookup failed'),
    ETIMEDOUT: l10n.t('connection timed out'),
    EHOSTUNREACH: l10n.t('host unreachable'),
    ENETUNREACH: l10n.t('network unreachable'),
    UND_ERR_SOCKET: l10n.t('the connection closed unexpectedly'),
    CERT_HAS_EXPIRED: l10n.t('the server certificate has expired'),
    DEPTH_ZERO_SELF_SIGNED_CERT: l10n.t('the server certificate is self-signed'),
    UNABLE_TO_VERIFY_LEAF_SIGNATURE: l10n.t('the server certificate cannot be verified'),
  };
  const text = known[root] ?? e.cause?.message ?? e.message ?? String(error);
  return root && known[root] ? `${text} (${root})` : text;
}

function fieldText(value: unknown): string {
  if (typeof value === 'string') return value.trim();
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return '';
}

function firstText(record: Record<string, unknown>, keys: readonly string[]): string {
  for (const key of keys) {
    const value = fieldText(record[key]);
    if (value) return value;
  }
  return '';
}

export interface ErrorFields {
  readonly code: string;
  readonly msg: string;
  /** IAM's encoded reason for a 403 (Node SDK: encoded_authorization_message); '' when absent. */
  readonly encoded: string;
}

/**
 * The code and message of an error body, in every shape the official SDKs read:
 * - Huawei's `{error_code, error_msg}` (services and the API gateway);
 * - `{errorCode, errorMsg}` and `{code, message}` (read by the Python SDK);
 * - Keystone's nested `{error: {code, message, title}}` (IAM), where the title names the error;
 * - `encoded_authorization_message`, at the top or inside `error` (Node SDK, with 403s).
 */
export function errorFields(body: unknown): ErrorFields {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return { code: '', msg: '', encoded: '' };
  const b = body as Record<string, unknown>;
  const inner =
    typeof b.error === 'object' && b.error !== null && !Array.isArray(b.error)
      ? (b.error as Record<string, unknown>)
      : undefined;
  const encoded =
    fieldText(b.encoded_authorization_message) || (inner ? fieldText(inner.encoded_authorization_message) : '');
  // IAM sometimes answers Huawei's flat shape too; whichever names a code or message wins, nested first.
  const nested = inner
    ? { code: firstText(inner, ['title', 'code', 'error_code']), msg: firstText(inner, ['message', 'error_msg']) }
    : undefined;
  const flat = {
    code: firstText(b, ['error_code', 'errorCode', 'code']),
    msg: firstText(b, ['error_msg', 'errorMsg', 'message']),
  };
  const chosen = nested && (nested.code || nested.msg) ? nested : flat;
  return { ...chosen, encoded };
}

/** The message to show: the service's, with IAM's encoded authorization message beside it. */
function messageWith(fields: ErrorFields): string {
  if (!fields.encoded) return fields.msg;
  return fields.msg
    ? l10n.t('{0} (encoded authorization message: {1})', fields.msg, fields.encoded)
    : l10n.t('encoded authorization message: {0}', fields.encoded);
}

function tooLarge(url: URL, requestId: string): ResponseError {
  return new ResponseError(
    url.pathname,
    l10n.t(
      'the response was larger than {0} MB, far more than any answer of this API; it was not read',
      MAX_RESPONSE_MB,
    ),
    requestId,
  );
}

/**
 * The body as text, read up to MAX_RESPONSE_BYTES whatever the dispatcher: a bigger one is refused
 * (by its Content-Length before reading, else as soon as it grows past the cap) and the connection
 * dropped rather than drained.
 */
async function readBody(
  response: Dispatcher.ResponseData,
  url: URL,
  requestId: string,
  signal: AbortSignal,
): Promise<string> {
  const declared = Number(header(response.headers, 'content-length'));
  if (declared > MAX_RESPONSE_BYTES) {
    response.body.destroy();
    throw tooLarge(url, requestId);
  }
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of response.body) {
      const bytes = chunk as Buffer;
      size += bytes.length;
      if (size > MAX_RESPONSE_BYTES) {
        response.body.destroy();
        throw tooLarge(url, requestId);
      }
      chunks.push(bytes);
    }
  } catch (error) {
    if (error instanceof ResponseError) throw error;
    if (signal.aborted) throw signal.reason ?? error;
    if (error instanceof undiciErrors.ResponseExceededMaxSizeError) throw tooLarge(url, requestId);
    throw new NetworkError(url.origin, l10n.t('the response was cut off: {0}', networkCause(error)));
  }
  // TextDecoder drops a byte-order mark, as undici's body.text() does.
  return new TextDecoder().decode(Buffer.concat(chunks, size));
}

/** GETs a JSON document; see requestJson. */
export function getJson(
  dispatcher: Dispatcher,
  url: URL,
  headers: Record<string, string>,
  signal: AbortSignal,
): Promise<JsonResponse> {
  return requestJson(dispatcher, url, { method: 'GET', headers }, signal);
}

/**
 * Sends a request and reads a JSON answer. Every failure becomes one of three errors a person can
 * act on: ApiError (the service said no), NetworkError (it could not be reached) or ResponseError
 * (it said something that is not JSON). Used for WorkspaceApp and IAM alike.
 */
export async function requestJson(
  dispatcher: Dispatcher,
  url: URL,
  init: JsonRequest,
  signal: AbortSignal,
): Promise<JsonResponse> {
  let response: Dispatcher.ResponseData;
  try {
    response = await request(url, { method: init.method, headers: init.headers, body: init.body, signal, dispatcher });
  } catch (error) {
    if (signal.aborted) throw signal.reason ?? error;
    throw new NetworkError(url.origin, networkCause(error));
  }
  const requestId = header(response.headers, 'x-request-id');
  const text = await readBody(response, url, requestId, signal);
  let body: unknown;
  let parseFailure: string | undefined;
  try {
    body = text.length ? JSON.parse(text) : undefined;
  } catch (error) {
    parseFailure = l10n.t(
      'the body is not valid JSON ({0}); it starts with {1}',
      (error as Error).message,
      JSON.stringify(text.slice(0, 60)),
    );
  }
  if (response.statusCode < 200 || response.statusCode > 299) {
    const fields = errorFields(body);
    const message = messageWith(fields);
    // A body in no known shape is shown as it is (its start): better than no message at all.
    const fallback = !message && !fields.code && text.trim() !== '{}' ? text.slice(0, 120).trim() : '';
    throw new ApiError(
      response.statusCode,
      fields.code,
      message || fallback,
      requestId ||
        (typeof (body as { request_id?: unknown })?.request_id === 'string'
          ? (body as { request_id: string }).request_id
          : ''),
      retryAfterSeconds(header(response.headers, 'retry-after')),
      fields.encoded || undefined,
    );
  }
  if (parseFailure) throw new ResponseError(url.pathname, parseFailure, requestId);
  return { status: response.statusCode, body, requestId, headers: response.headers };
}
