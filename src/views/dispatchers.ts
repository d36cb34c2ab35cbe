import { Dispatcher } from 'undici';
import { isLoopbackHost } from '../api/endpoint';
import { describeProxy, proxyFor } from '../api/proxy';
import { Logger } from '../api/logger';
import { createDispatcher } from '../api/transport';
import { readProxySettings } from '../config/settings';

/**
 * One connection pool per endpoint, through the proxy VS Code is configured with. Loopback (the
 * simulator) is always reached directly: a proxy elsewhere cannot reach this machine's 127.0.0.1.
 */
export class DispatcherFactory {
  private readonly pools = new Map<string, Dispatcher>();

  constructor(private readonly logger: Logger) {}

  forEndpoint(endpoint: string): Dispatcher {
    const url = new URL(endpoint);
    const existing = this.pools.get(url.origin);
    if (existing) return existing;
    const settings = readProxySettings();
    const proxy = isLoopbackHost(url.hostname) ? undefined : proxyFor(url, settings);
    if (proxy) this.logger.info(`Requests to ${url.origin} go through the proxy ${describeProxy(proxy)}`);
    const dispatcher = createDispatcher({ proxy, strictSSL: settings.strictSSL });
    this.pools.set(url.origin, dispatcher);
    return dispatcher;
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
