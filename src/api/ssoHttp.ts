import * as l10n from '@vscode/l10n';
import type { Dispatcher } from 'undici';
import { checkEndpoint } from './endpoint';
import { createDispatcher, JsonResponse, requestJson } from './transport';

/** https only (or loopback http, the simulator): an SSO token grants what the user's agencies grant. */
export function checkedOrigin(endpoint: string): string {
  const checked = checkEndpoint(endpoint);
  if (!checked.ok) throw new Error(l10n.t('IAM Identity Center endpoint refused: {0}', checked.reason));
  return checked.origin;
}

interface Call {
  readonly signal: AbortSignal;
  readonly dispatcher?: Dispatcher;
}

async function withDispatcher<T>(call: Call, send: (dispatcher: Dispatcher) => Promise<T>): Promise<T> {
  const dispatcher = call.dispatcher ?? createDispatcher();
  try {
    return await send(dispatcher);
  } finally {
    if (!call.dispatcher) await dispatcher.close();
  }
}

export function postJson(call: Call, url: URL, body: unknown): Promise<JsonResponse> {
  return withDispatcher(call, (dispatcher) =>
    requestJson(
      dispatcher,
      url,
      {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
        body: JSON.stringify(body),
      },
      call.signal,
    ),
  );
}

export function getJsonWith(call: Call, url: URL, headers: Record<string, string>): Promise<JsonResponse> {
  return withDispatcher(call, (dispatcher) =>
    requestJson(dispatcher, url, { method: 'GET', headers: { Accept: 'application/json', ...headers } }, call.signal),
  );
}
