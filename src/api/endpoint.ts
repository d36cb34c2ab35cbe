/**
 * Where credentials may be sent. Tokens grant access to a whole project, so they only travel over
 * TLS; the one exception is loopback, where the embedded simulator listens without TLS.
 */

export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  if (host === 'localhost' || host.endsWith('.localhost') || host === '::1') return true;
  const octets = host.split('.');
  return octets.length === 4 && octets[0] === '127' && octets.every((o) => /^\d{1,3}$/.test(o) && Number(o) <= 255);
}

export type EndpointCheck = { ok: true; origin: string } | { ok: false; reason: string };

/** Validates an endpoint and normalises it to an origin (scheme, host, port; no path). */
export function checkEndpoint(endpoint: string): EndpointCheck {
  let url: URL;
  try {
    url = new URL(endpoint.trim());
  } catch {
    return { ok: false, reason: `"${endpoint}" is not a URL; expected e.g. https://workspace.example.com` };
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    return { ok: false, reason: `"${endpoint}" uses ${url.protocol}; only https:// endpoints are supported` };
  }
  if (url.username || url.password) {
    return { ok: false, reason: 'the endpoint must not contain a user name or password' };
  }
  if (url.pathname !== '/' || url.search || url.hash) {
    return { ok: false, reason: `"${endpoint}" has a path or query; give only the origin, e.g. ${url.origin}` };
  }
  if (url.protocol === 'http:' && !isLoopbackHost(url.hostname)) {
    return {
      ok: false,
      reason: `refusing to send credentials over plain http to ${url.host}; use https:// (http is allowed only for loopback addresses)`,
    };
  }
  return { ok: true, origin: url.origin };
}
