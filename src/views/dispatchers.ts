import type { Dispatcher } from 'undici';
import { isLoopbackHost } from '../api/endpoint';
import type { DispatcherSource } from '../api/lazyHttp';
import { describeProxy, proxyEndpoint, proxyFor } from '../api/proxy';
import { Logger } from '../api/logger';
import { readProxySettings } from '../config/settings';

/**
 * One connection pool per endpoint, through the proxy VS Code is configured with. Loopback (the
 * simulator) is always reached directly: a proxy elsewhere cannot reach this machine's 127.0.0.1.
 * The route is decided (and an unusable proxy setting refused) when a session is built; the pool
 * itself is made with the HTTP stack, when the first request goes out.
 */
export class DispatcherFactory {
  private readonly pools = new Map<string, Dispatcher>();

  constructor(private readonly logger: Logger) {}

  forEndpoint(endpoint: string): DispatcherSource {
    const url = new URL(endpoint);
    const settings = readProxySettings();
    const proxy = isLoopbackHost(url.hostname) ? undefined : proxyFor(url, settings);
    // Throws now, as building the pool would later: the session shows the problem instead of failing each refresh.
    if (proxy) proxyEndpoint(proxy);
    return (http) => {
      const existing = this.pools.get(url.origin);
      if (existing) return existing;
      if (proxy) this.logger.info(`Requests to ${url.origin} go through the proxy ${describeProxy(proxy)}`);
      const dispatcher = http.createDispatcher({ proxy, strictSSL: settings.strictSSL });
      this.pools.set(url.origin, dispatcher);
      return dispatcher;
    };
  }

  /** After a change of proxy settings: new requests get new pools. */
  reset(): void {
    const old = [...this.pools.values()];
    this.pools.clear();
    for (const dispatcher of old) void dispatcher.close().catch(() => undefined);
  }

  dispose(): void {
    this.reset();
  }
}
