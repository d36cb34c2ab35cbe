/**
 * The parts of undici the transport uses, taken from its modules directly: its index also loads
 * fetch, WebSocket, EventSource, the mocks, the cache stores and the interceptors, which nothing
 * here calls. esbuild.mjs bundles this file (and what it pulls in) into dist/http.js, which the
 * extension loads when its first request goes out.
 */
import type { Dispatcher as DispatcherType } from 'undici';
import Agent from 'undici/lib/dispatcher/agent.js';
import Pool from 'undici/lib/dispatcher/pool.js';
import ProxyAgent from 'undici/lib/dispatcher/proxy-agent.js';
import Dispatcher from 'undici/lib/dispatcher/dispatcher.js';
import errors from 'undici/lib/core/errors.js';
import apiRequest from 'undici/lib/api/api-request.js';
import apiConnect from 'undici/lib/api/api-connect.js';

// undici's index gives every dispatcher its request API; ProxyAgent needs `connect` (the CONNECT
// tunnel to an https target) and the transport `request`. The other methods are never called.
Object.assign(Dispatcher.prototype, { request: apiRequest, connect: apiConnect });

export { Agent, errors, Pool, ProxyAgent };

export interface RequestOptions {
  readonly method: DispatcherType.HttpMethod;
  readonly headers?: Record<string, string>;
  readonly body?: string;
  readonly signal: AbortSignal;
  readonly dispatcher: DispatcherType;
}

/** undici's request(url, options), for an absolute URL and an explicit dispatcher. */
export function request(url: URL, options: RequestOptions): Promise<DispatcherType.ResponseData> {
  const { dispatcher, ...rest } = options;
  return apiRequest.call(dispatcher, {
    ...rest,
    origin: url.origin,
    path: url.search ? `${url.pathname}${url.search}` : url.pathname,
  });
}
