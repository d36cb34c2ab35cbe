/**
 * Which proxy a request goes through, decided the way VS Code decides it: the `http.proxy`,
 * `http.noProxy` settings first, the conventional environment variables when those are empty.
 */
import * as l10n from '@vscode/l10n';
import { BlockList, isIP } from 'node:net';

/** VS Code's http.proxy, http.proxyStrictSSL and http.noProxy. */
export interface ProxySettings {
  readonly proxy?: string;
  /** Whether TLS certificates are verified; true unless the user turned http.proxyStrictSSL off. */
  readonly strictSSL?: boolean;
  readonly noProxy?: readonly string[];
}

export type Environment = Readonly<Record<string, string | undefined>>;

/** The proxy URL for a target, or undefined to connect directly. May carry user:password. */
export function proxyFor(target: URL, settings: ProxySettings, env: Environment = process.env): string | undefined {
  const noProxy = settings.noProxy?.length ? settings.noProxy : splitList(env.NO_PROXY ?? env.no_proxy ?? '');
  if (bypassesProxy(target, noProxy)) return undefined;
  const configured = settings.proxy?.trim() || environmentProxy(target, env);
  return configured ? withScheme(configured) : undefined;
}

/** The same order VS Code reads them in: https targets fall back to the plain-http proxy. */
function environmentProxy(target: URL, env: Environment): string | undefined {
  const http = env.HTTP_PROXY || env.http_proxy;
  if (target.protocol === 'https:') return env.HTTPS_PROXY || env.https_proxy || http || undefined;
  return target.protocol === 'http:' ? http || undefined : undefined;
}

/** Environment variables often name a proxy as host:port; that means http. */
function withScheme(proxy: string): string {
  return /^[a-z][a-z0-9+.-]*:\/\//i.test(proxy) ? proxy : `http://${proxy}`;
}

function splitList(text: string): string[] {
  return text.split(/[\s,]+/).filter(Boolean);
}

function defaultPort(url: URL): string {
  return url.port || (url.protocol === 'https:' ? '443' : url.protocol === 'http:' ? '80' : '');
}

function unbracket(host: string): string {
  return host.replace(/^\[|\]$/g, '');
}

interface NoProxyEntry {
  readonly host: string;
  readonly port?: string;
}

/** Splits `host`, `host:port`, `[v6]:port`, `v6` and `cidr` apart. */
function parseEntry(entry: string): NoProxyEntry {
  const bracketed = /^\[([^\]]+)\](?::(\d+))?$/.exec(entry);
  if (bracketed) return { host: bracketed[1], port: bracketed[2] };
  const hostPort = /^([^:]+):(\d+)$/.exec(entry);
  if (hostPort) return { host: hostPort[1], port: hostPort[2] };
  return { host: entry };
}

function matchesIp(address: string, pattern: string): boolean {
  const family = isIP(address);
  const [network, bits] = pattern.split('/');
  if (bits === undefined)
    return isIP(pattern) !== 0 && isIP(pattern) === family && sameAddress(address, pattern, family);
  const networkFamily = isIP(network);
  if (networkFamily === 0 || networkFamily !== family || !/^\d{1,3}$/.test(bits)) return false;
  const list = new BlockList();
  try {
    list.addSubnet(network, Number(bits), family === 6 ? 'ipv6' : 'ipv4');
  } catch {
    return false;
  }
  return list.check(address, family === 6 ? 'ipv6' : 'ipv4');
}

function sameAddress(a: string, b: string, family: number): boolean {
  // BlockList normalises IPv6 spellings (::1 and 0:0:0:0:0:0:0:1), which string comparison would not.
  const list = new BlockList();
  list.addAddress(b, family === 6 ? 'ipv6' : 'ipv4');
  return list.check(a, family === 6 ? 'ipv6' : 'ipv4');
}

/**
 * True when the target is listed in noProxy: `*` (everything), a host name (itself and its
 * subdomains; a leading `.` or `*.` is the same), an IP address or CIDR block, each optionally with
 * `:port`.
 */
export function bypassesProxy(target: URL, noProxy: readonly string[]): boolean {
  const host = unbracket(target.hostname.toLowerCase()).replace(/\.$/, '');
  const port = defaultPort(target);
  for (const raw of noProxy) {
    const entry = raw.trim().toLowerCase();
    if (!entry) continue;
    if (entry === '*') return true;
    const parsed = parseEntry(entry);
    if (parsed.port !== undefined && parsed.port !== port) continue;
    if (isIP(host)) {
      if (matchesIp(host, parsed.host)) return true;
      continue;
    }
    const suffix = parsed.host.replace(/^\*/, '').replace(/^\./, '').replace(/\.$/, '');
    if (suffix && (host === suffix || host.endsWith(`.${suffix}`))) return true;
  }
  return false;
}

export interface ProxyEndpoint {
  /** The proxy URL without credentials: what the connection needs and what a log may show. */
  readonly uri: string;
  /** `Basic …` from the URL's user:password, sent to the proxy only, as Proxy-Authorization. */
  readonly authorization?: string;
}

/** Takes the credentials out of a proxy URL so that nothing downstream can print them. */
export function proxyEndpoint(proxy: string): ProxyEndpoint {
  let url: URL;
  try {
    url = new URL(withScheme(proxy.trim()));
  } catch {
    throw new Error(l10n.t('the proxy setting is not a URL; expected e.g. http://proxy.example.com:3128'));
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new Error(
      l10n.t(
        'the proxy setting uses {0}://, which this extension cannot use: only http:// and https:// proxies work (check http.proxy or HTTPS_PROXY)',
        url.protocol.replace(/:$/, ''),
      ),
    );
  }
  const user = decoded(url.username);
  const password = decoded(url.password);
  const authorization = user || password ? `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}` : undefined;
  return { uri: url.origin, ...(authorization && { authorization }) };
}

function decoded(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** For logs and messages: scheme, host and port, never credentials. */
export function describeProxy(proxy: string): string {
  try {
    return proxyEndpoint(proxy).uri;
  } catch {
    return '(an unreadable proxy setting)';
  }
}
