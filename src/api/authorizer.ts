/** The request as it will be sent, so an authorizer can sign exactly what goes on the wire. */
export interface OutgoingRequest {
  readonly method: string;
  readonly url: URL;
  readonly headers: Record<string, string>;
  readonly body?: string;
}

/** Adds credentials to a request. Token today; AK/SK signing plugs in here too. */
export interface Authorizer {
  /** What the UI may say about the credential, never the credential itself. */
  readonly description: string;
  authorize(request: OutgoingRequest): Promise<void> | void;
}

export class TokenAuthorizer implements Authorizer {
  readonly description = 'IAM token';
  // A true private field: the token stays out of JSON.stringify, inspect() and debugger previews.
  readonly #token: string;

  constructor(token: string) {
    this.#token = token;
  }

  authorize(request: OutgoingRequest): void {
    request.headers['X-Auth-Token'] = this.#token;
  }
}
