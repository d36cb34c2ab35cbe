/**
 * SDK-HMAC-SHA256, the AK/SK request signature of Huawei Cloud's API gateway, computed the way the
 * official SDKs compute it. The gateway recomputes the signature from what it receives, so every
 * piece here must describe the request exactly as it travels on the wire.
 *
 * The simulator verifies signatures with these same functions: one canonicalisation, two users.
 */
import { createHash, createHmac } from 'node:crypto';
import { Authorizer, OutgoingRequest } from './authorizer';

export const ALGORITHM = 'SDK-HMAC-SHA256';
export const EMPTY_BODY_SHA256 = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';

/** Header names as the SDKs spell them. */
export const SDK_DATE_HEADER = 'X-Sdk-Date';
export const PROJECT_ID_HEADER = 'X-Project-Id';
export const SECURITY_TOKEN_HEADER = 'X-Security-Token';
/** A caller may sign a hash it computed itself, or UNSIGNED-PAYLOAD; the SDKs honour it, so do we. */
export const CONTENT_SHA256_HEADER = 'X-Sdk-Content-Sha256';

export type HeaderValue = string | readonly string[] | undefined;
export type HeaderMap = Readonly<Record<string, HeaderValue>>;
export type QueryValue = string | number | boolean;
export type QueryRecord = Readonly<Record<string, QueryValue | readonly QueryValue[]>>;

export interface SignableRequest {
  readonly method: string;
  readonly url: URL;
  readonly headers: HeaderMap;
  /** The exact bytes sent; a string is sent as UTF-8. */
  readonly body?: string | Uint8Array;
}

export interface AkskCredentials {
  readonly accessKeyId: string;
  readonly secretKey: string;
  /** Present for temporary credentials (STS); sent as X-Security-Token. */
  readonly securityToken?: string;
  readonly projectId?: string;
}

export interface SignResult {
  /** The Authorization header's value. */
  readonly authorization: string;
  /** Every header the request must carry for the signature to hold, Authorization included. */
  readonly headers: Record<string, string>;
}

/** Percent-encodes everything outside A-Z a-z 0-9 - . _ ~ (UTF-8, uppercase hex), as the SDKs do. */
export function encodeRfc3986(text: string): string {
  return encodeURIComponent(text).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/**
 * The SDKs sign the raw, unencoded path and append a trailing slash the URL itself does not have.
 * A URL's pathname is already percent-encoded, so decode it first, then encode each segment.
 * Decoding the whole path before splitting (not each segment) is what the Python and Go SDKs do.
 */
export function canonicalUri(pathname: string): string {
  let raw = pathname;
  try {
    raw = decodeURIComponent(pathname);
  } catch {
    // Malformed escapes reach the gateway as they are; sign them as they are.
  }
  const encoded = raw.split('/').map(encodeRfc3986).join('/');
  return encoded.endsWith('/') ? encoded : `${encoded}/`;
}

/** Keys sorted by UTF-16 code unit before encoding; a repeated key's values sorted and repeated. */
export function canonicalQuery(query: URLSearchParams | QueryRecord): string {
  const byKey = new Map<string, string[]>();
  if (query instanceof URLSearchParams) {
    for (const [key, value] of query) {
      const values = byKey.get(key);
      if (values) values.push(value);
      else byKey.set(key, [value]);
    }
  } else {
    for (const [key, value] of Object.entries(query)) {
      byKey.set(key, (Array.isArray(value) ? (value as readonly QueryValue[]) : [value as QueryValue]).map(String));
    }
  }
  const pairs: string[] = [];
  for (const key of [...byKey.keys()].sort()) {
    const name = encodeRfc3986(key);
    for (const value of byKey.get(key)!.sort()) pairs.push(`${name}=${encodeRfc3986(value)}`);
  }
  return pairs.join('&');
}

function headerValue(headers: HeaderMap, lowerName: string): string | undefined {
  for (const [name, value] of Object.entries(headers)) {
    if (name.toLowerCase() !== lowerName || value === undefined) continue;
    return typeof value === 'string' ? value : value.join(',');
  }
  return undefined;
}

function hostOf(request: SignableRequest): string {
  // The Host header undici sends is url.host: no default port.
  return headerValue(request.headers, 'host') ?? request.url.host;
}

/**
 * What a signature covers: every header present, plus host, lowercased and sorted. Authorization
 * is left out so that a request can be signed again (a retry) without signing its old signature.
 */
export function signedHeaderNames(headers: HeaderMap): string[] {
  const names = new Set(['host']);
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined) names.add(name.toLowerCase());
  }
  names.delete('authorization');
  return [...names].sort();
}

export function payloadHash(request: SignableRequest): string {
  const declared = headerValue(request.headers, CONTENT_SHA256_HEADER.toLowerCase());
  if (declared) return declared;
  if (request.body === undefined || request.body.length === 0) return EMPTY_BODY_SHA256;
  return createHash('sha256').update(request.body).digest('hex');
}

/**
 * METHOD, URI, QUERY, HEADERS (each `name:value\n`), SIGNEDHEADERS, HASH, joined by newlines.
 * Values are trimmed: servers, Node's included, receive them without surrounding blanks.
 */
export function canonicalRequest(request: SignableRequest, signedHeaders: readonly string[]): string {
  const headerLines = signedHeaders
    .map(
      (name) => `${name}:${(name === 'host' ? hostOf(request) : (headerValue(request.headers, name) ?? '')).trim()}\n`,
    )
    .join('');
  return [
    request.method.toUpperCase(),
    canonicalUri(request.url.pathname),
    canonicalQuery(request.url.searchParams),
    headerLines,
    signedHeaders.join(';'),
    payloadHash(request),
  ].join('\n');
}

export function stringToSign(sdkDate: string, canonical: string): string {
  return `${ALGORITHM}\n${sdkDate}\n${createHash('sha256').update(canonical).digest('hex')}`;
}

export function signature(secretKey: string, toSign: string): string {
  return createHmac('sha256', secretKey).update(toSign).digest('hex');
}

/** `YYYYMMDDTHHmmssZ` in UTC. */
export function formatSdkDate(date: Date): string {
  return date
    .toISOString()
    .replace(/\.\d{3}Z$/, 'Z')
    .replace(/[-:]/g, '');
}

export function parseSdkDate(text: string): Date | undefined {
  const match = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(text);
  if (!match) return undefined;
  const [year, month, day, hour, minute, second] = match.slice(1).map(Number);
  const date = new Date(Date.UTC(year, month - 1, day, hour, minute, second));
  return formatSdkDate(date) === text ? date : undefined;
}

export interface ParsedAuthorization {
  readonly accessKeyId: string;
  readonly signedHeaders: string[];
  readonly signature: string;
}

export function parseAuthorization(value: string): ParsedAuthorization | undefined {
  const match = /^SDK-HMAC-SHA256\s+Access=([^,\s]+),\s*SignedHeaders=([^,\s]+),\s*Signature=([0-9a-fA-F]+)\s*$/.exec(
    value,
  );
  if (!match) return undefined;
  return { accessKeyId: match[1], signedHeaders: match[2].split(';'), signature: match[3].toLowerCase() };
}

/**
 * Signs the request with every header it carries (plus host and the headers signing adds); returns
 * the added headers. To leave a header unsigned, leave it out of `request.headers` and add it to
 * the request afterwards, as AkskAuthorizer does.
 */
export function sign(request: SignableRequest, credentials: AkskCredentials, date: Date): SignResult {
  const added: Record<string, string> = { [SDK_DATE_HEADER]: formatSdkDate(date) };
  if (credentials.projectId) added[PROJECT_ID_HEADER] = credentials.projectId;
  if (credentials.securityToken) added[SECURITY_TOKEN_HEADER] = credentials.securityToken;
  const replaced = new Set(Object.keys(added).map((name) => name.toLowerCase()));
  const headers: Record<string, HeaderValue> = {};
  for (const [name, value] of Object.entries(request.headers)) {
    if (!replaced.has(name.toLowerCase())) headers[name] = value;
  }
  Object.assign(headers, added);
  const names = signedHeaderNames(headers);
  const canonical = canonicalRequest({ ...request, headers }, names);
  const signed = signature(credentials.secretKey, stringToSign(added[SDK_DATE_HEADER], canonical));
  const authorization = `${ALGORITHM} Access=${credentials.accessKeyId}, SignedHeaders=${names.join(';')}, Signature=${signed}`;
  return { authorization, headers: { ...added, Authorization: authorization } };
}

/**
 * The headers of a request that the official Node SDK signs besides the ones sign() adds
 * (X-Sdk-Date, X-Project-Id, X-Security-Token): it signs what the request carries when it is
 * signed, and adds User-Agent, Accept and the like only afterwards. X-Sdk-Content-Sha256 is
 * signed when present because the payload hash comes from it; X-Domain-Id, which the SDK's
 * GlobalCredentials add for IAM before signing, too. Lowercase.
 */
export const REQUEST_HEADERS_SIGNED = ['host', 'content-type', 'x-sdk-content-sha256', 'x-domain-id'] as const;

/** The part of `headers` the SDK would have carried at signing time (see REQUEST_HEADERS_SIGNED). */
export function sdkSignedSubset(headers: HeaderMap): Record<string, HeaderValue> {
  const signed: readonly string[] = REQUEST_HEADERS_SIGNED;
  return Object.fromEntries(Object.entries(headers).filter(([name]) => signed.includes(name.toLowerCase())));
}

export interface AkskAuthorizerOptions extends AkskCredentials {
  /** The clock the signature's date comes from; the gateway refuses dates 15 minutes off. */
  readonly now?: () => Date;
}

/**
 * Signs each request with an access key, as the official Node SDK does: the signature covers host,
 * content-type, x-sdk-date, x-project-id (when the key has a project) and x-security-token (for
 * temporary keys), and nothing else. The request's other headers (Accept, User-Agent, ...) still
 * travel, unsigned, so a proxy that rewrites one of them cannot break the signature.
 */
export class AkskAuthorizer implements Authorizer {
  readonly description: string;
  // True private fields: the keys stay out of JSON.stringify, inspect() and debugger previews.
  readonly #credentials: AkskCredentials;
  readonly #now: () => Date;

  constructor(options: AkskAuthorizerOptions) {
    if (!options.accessKeyId) throw new Error('The access key id (AK) is empty');
    if (!options.secretKey) throw new Error('The secret access key (SK) is empty');
    this.#credentials = {
      accessKeyId: options.accessKeyId,
      secretKey: options.secretKey,
      securityToken: options.securityToken || undefined,
      projectId: options.projectId || undefined,
    };
    this.#now = options.now ?? (() => new Date());
    this.description = `AK ${options.accessKeyId.slice(0, 4)}…${options.securityToken ? ' (temporary)' : ''}`;
  }

  authorize(request: OutgoingRequest): void {
    // The SDKs send a JSON content type on every call; without one they sign UNSIGNED-PAYLOAD instead.
    if (headerValue(request.headers, 'content-type') === undefined)
      request.headers['Content-Type'] = 'application/json';
    const signed = sign({ ...request, headers: sdkSignedSubset(request.headers) }, this.#credentials, this.#now());
    Object.assign(request.headers, signed.headers);
  }

  /** The key's id: not a secret (every signed request names it), but shown by its first four characters only. */
  get accessKeyId(): string {
    return this.#credentials.accessKeyId;
  }

  /** A temporary key (with a security token), which IAM's access-key look-up does not know. */
  get temporary(): boolean {
    return this.#credentials.securityToken !== undefined;
  }

  /** The same key for a global service (IAM), as the SDK's GlobalCredentials sign: no X-Project-Id. */
  withoutProject(): AkskAuthorizer {
    return new AkskAuthorizer({ ...this.#credentials, projectId: undefined, now: this.#now });
  }
}
