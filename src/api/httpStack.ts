/**
 * What talks HTTP: the transport (undici), the sub-job client and the IAM client. Reached only through
 * lazyHttp.ts, so none of it runs — and dist/http.js, undici's part of the bundle, is not even
 * read — until the first request goes out.
 */
import { requestProjectToken } from './iamClient';
import * as ssoOidc from './ssoOidc';
import * as ssoPortal from './ssoPortal';
import { SubJobClient } from './subJobClient';
import { createDispatcher } from './transport';

export const httpStack = { createDispatcher, requestProjectToken, SubJobClient, ssoOidc, ssoPortal };

export type HttpStack = typeof httpStack;
