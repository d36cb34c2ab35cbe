/**
 * What talks HTTP: the transport (undici), the sub-job client and the IAM client. Reached only through
 * lazyHttp.ts, so none of it runs — and dist/http.js, undici's part of the bundle, is not even
 * read — until the first request goes out.
 */
import { fetchCallerIdentity } from './callerIdentity';
import { requestProjectToken } from './iamClient';
import { listAuthProjects, showProject } from './iamProjects';
import * as ssoOidc from './ssoOidc';
import * as ssoPortal from './ssoPortal';
import { SubJobClient } from './subJobClient';
import { createDispatcher } from './transport';

export const httpStack = {
  createDispatcher,
  fetchCallerIdentity,
  requestProjectToken,
  showProject,
  listAuthProjects,
  SubJobClient,
  ssoOidc,
  ssoPortal,
};

export type HttpStack = typeof httpStack;
