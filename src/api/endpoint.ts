import * as l10n from '@vscode/l10n';

/**
 * Where credentials may be sent. Tokens grant access to a whole project, so they only travel over
 * TLS; the one exception is loopback, where the embedded simulator listens without TLS.
 */

/** Dotted-decimal IPv4 in its canonical form (no leading zeros, which some resolvers read as octal). */
function ipv4Octets(text: string): number[] | undefined {
  const parts = text.split('.');
  if (parts.length !== 4 || !parts.every((p) => /^(0|[1-9]\d{0,2})$/.test(p))) return undefined;
  const octets = parts.map(Number);
  return octets.every((o) => o <= 255) ? octets : undefined;
}

/** The eight 16-bit groups of an IPv6 address in any of its spellings (`::`, an embedded IPv4), or undefined. */
function ipv6Groups(text: string): number[] | undefined {
  if (!/^[0-9a-f:.]+$/.test(text)) return undefined;
  const halves = text.split('::');
  if (halves.length > 2) return undefined;
  const parse = (half: string, last: boolean): number[] | undefined => {
    if (half === '') return [];
    const groups: number[] = [];
    const pieces = half.split(':');
    for (let i = 0; i < pieces.length; i++) {
      const piece = pieces[i];
      if (last && i === pieces.length - 1 && piece.includes('.')) {
        const v4 = ipv4Octets(piece);
        if (!v4) return undefined;
        groups.push((v4[0] << 8) | v4[1], (v4[2] << 8) | v4[3]);
      } else if (/^[0-9a-f]{1,4}$/.test(piece)) {
        groups.push(parseInt(piece, 16));
      } else {
        return undefined;
      }
    }
    return groups;
  };
  const head = parse(halves[0], halves.length === 1);
  const tail = halves.length === 2 ? parse(halves[1], true) : [];
  if (!head || !tail) return undefined;
  if (halves.length === 1) return head.length === 8 ? head : undefined;
  const missing = 8 - head.length - tail.length;
  return missing >= 1 ? [...head, ...new Array<number>(missing).fill(0), ...tail] : undefined;
}

/**
 * True only for addresses that never leave this machine: 127.0.0.0/8, ::1 in any spelling
 * (`[::1]`, `0:0:0:0:0:0:0:1`), 127.0.0.0/8 mapped into IPv6 (`::ffff:127.0.0.1`, which is
 * 127.0.0.1 itself), and the exact name `localhost`.
 *
 * Other names go to a resolver, which may answer anything, so they count as remote: that includes
 * `*.localhost` and `localhost.` (with the root's trailing dot, an absolute DNS name that resolvers
 * may send on to a DNS server instead of answering from the hosts file). Remote means no plain
 * http, and going through the proxy like any other host.
 */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.toLowerCase();
  if (host === 'localhost') return true;
  const v4 = ipv4Octets(host);
  if (v4) return v4[0] === 127;
  const bracketed = /^\[(.*)\]$/.exec(host);
  const groups = ipv6Groups(bracketed ? bracketed[1] : host);
  if (!groups) return false;
  const zeros = (n: number) => groups.slice(0, n).every((g) => g === 0);
  if (zeros(7) && groups[7] === 1) return true;
  // IPv4-mapped (::ffff:a.b.c.d): the IPv4 address itself, reached over an IPv6 socket.
  return zeros(5) && groups[5] === 0xffff && groups[6] >> 8 === 127;
}

export type EndpointCheck = { ok: true; origin: string } | { ok: false; reason: string };

/** Validates an endpoint and normalises it to an origin (scheme, host, port; no path). */
export function checkEndpoint(endpoint: string): EndpointCheck {
  let url: URL;
  try {
    url = new URL(endpoint.trim());
  } catch {
    return { ok: false, reason: l10n.t('"{0}" is not a URL; expected e.g. https://workspace.example.com', endpoint) };
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    return {
      ok: false,
      reason: l10n.t('"{0}" uses {1}; only https:// endpoints are supported', endpoint, url.protocol),
    };
  }
  if (url.username || url.password) {
    return { ok: false, reason: l10n.t('the endpoint must not contain a user name or password') };
  }
  if (url.pathname !== '/' || url.search || url.hash) {
    return {
      ok: false,
      reason: l10n.t('"{0}" has a path or query; give only the origin, e.g. {1}', endpoint, url.origin),
    };
  }
  if (url.protocol === 'http:' && !isLoopbackHost(url.hostname)) {
    return {
      ok: false,
      reason: l10n.t(
        'refusing to send credentials over plain http to {0}; use https:// (http is allowed only for loopback addresses)',
        url.host,
      ),
    };
  }
  return { ok: true, origin: url.origin };
}
