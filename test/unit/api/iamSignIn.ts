import type { ProjectTokenRequest } from '../../../src/api/iamClient';

/** An IAM user as the simulator is given it (iamUsers). */
export interface SimulatedIamUser {
  readonly domain: string;
  readonly user: string;
  readonly password: string;
}

/** A password sign-in of `user` for `projectName` at the simulator's IAM; `overrides` for the rest. */
export function signInRequest(
  simulator: { readonly url: string },
  user: SimulatedIamUser,
  projectName: string,
  overrides: Partial<ProjectTokenRequest> = {},
): ProjectTokenRequest {
  return {
    iamEndpoint: simulator.url,
    domainName: user.domain,
    userName: user.user,
    password: user.password,
    projectName,
    signal: new AbortController().signal,
    ...overrides,
  };
}
