import { ApiError } from '../api/errors';
import type { MfaCode } from '../api/iamClient';
import { IamMfaCodeRefusedError, IamMfaRequiredError } from '../api/iamErrors';
import { Logger } from '../api/logger';
import { Clock } from './clock';
import { MfaUsers } from './mfaUsers';

/** Codes tried per sign-in before giving up: a code lasts 30 seconds, so a slow hand gets another. */
export const MFA_TRIES = 3;
/** An MFA app shows a new code every 30 seconds (RFC 6238). */
export const MFA_STEP_MS = 30_000;

/** What the code step is told. */
export interface CodeAsk {
  /** The user ID IAM accepted before: its box is skipped. */
  readonly knownUserId?: string;
  /** What the user ID box offers: what was typed before. */
  readonly userId: string;
  /** Why the last try was refused, IAM's words included. */
  readonly refusal?: string;
  /** Whether this user ID and code were already refused within the code's 30 seconds: sending them again cannot help. */
  readonly tried: (userId: string, passcode: string) => boolean;
}

/** Back from the first MFA box, to the sign-in steps before it, with the user ID typed there. */
export interface BackToSteps {
  readonly back: true;
  readonly userId: string;
}

/** What the user answered in the MFA boxes; undefined: they closed them. */
export type CodeAnswer = MfaCode | BackToSteps | undefined;

export interface MfaSignInDeps<T> {
  /** Signs in with the password, and the code when given. */
  readonly request: (mfa?: MfaCode) => Promise<T>;
  readonly users: MfaUsers;
  /** mfaUserKey of the user signing in. */
  readonly key: string;
  /**
   * The user is known to need a code although `users` does not say so (a stored sign-in does; IAM
   * asked for one before the user went Back to the sign-in steps).
   */
  readonly needsCode?: boolean;
  /** What the user-ID box offers at first: what was typed there before Back. */
  readonly userId?: string;
  /**
   * IAM answered the password alone with a 401, which is also what a user with virtual MFA gets:
   * 'mfa' goes on to the code, 'again' back to the sign-in steps, undefined stops.
   */
  readonly askAfterRefusal: (error: ApiError) => Promise<'mfa' | 'again' | undefined>;
  /** The user ID (unless known) and the code, or Back to the sign-in steps; undefined: the user stopped. */
  readonly askCode: (ask: CodeAsk) => Promise<CodeAnswer>;
  readonly clock: Clock;
  readonly logger: Logger;
}

/** Signed in; or the sign-in steps again; undefined: stopped. */
export type MfaSignInResult<T> = { readonly signedIn: T; readonly mfa: boolean } | StepsAgain | undefined;

/** The sign-in steps again: "Try Again" after a refused password, or Back from the MFA boxes. */
export type StepsAgain = { readonly again: true } | BackToSteps;

/**
 * Password alone first, unless the user is known to need a code; on IAM's 401 the user says whether
 * a code is needed. Then the code (with the user ID IAM names the user by), asked again while IAM
 * refuses it with a 401, MFA_TRIES times at most; a 403 (locked, forbidden) ends it. The user is
 * remembered as an MFA user, with that ID, only once IAM accepted both.
 */
export async function signInWithMfa<T>(deps: MfaSignInDeps<T>): Promise<MfaSignInResult<T>> {
  const knownUserId = deps.users.userIdOf(deps.key);
  if (knownUserId === undefined && !deps.needsCode) {
    try {
      return { signedIn: await deps.request(), mfa: false };
    } catch (error) {
      if (!(error instanceof IamMfaRequiredError)) {
        if (!(error instanceof ApiError) || error.status !== 401) throw error;
        deps.logger.info(`IAM refused the password alone of ${deps.key} (${error.message}); asking the user`);
        const choice = await deps.askAfterRefusal(error);
        if (choice !== 'mfa') return choice && { again: true };
      }
    }
  }
  return withCode(deps, knownUserId);
}

async function withCode<T>(deps: MfaSignInDeps<T>, knownUserId: string | undefined): Promise<MfaSignInResult<T>> {
  const refused = new Set<string>();
  const step = () => Math.floor(deps.clock.now() / MFA_STEP_MS);
  const tried = (userId: string, passcode: string) => refused.has(`${step()}|${userId}|${passcode}`);
  let userId = knownUserId ?? deps.userId ?? '';
  let refusal: string | undefined;
  // A remembered user who gives up after a refusal may no longer have MFA: the next sign-in starts
  // with the password alone again, and asks.
  const gaveUp = async () => {
    if (knownUserId !== undefined && refusal !== undefined) await deps.users.forget(deps.key);
  };
  for (let tries = 1; ;) {
    const mfa = await deps.askCode({
      ...(knownUserId !== undefined && refusal === undefined && { knownUserId }),
      userId,
      ...(refusal !== undefined && { refusal }),
      tried,
    });
    if (!mfa) {
      await gaveUp();
      return undefined;
    }
    if ('back' in mfa) return mfa;
    userId = mfa.userId;
    if (tried(mfa.userId, mfa.passcode)) continue;
    try {
      const signedIn = await deps.request(mfa);
      await deps.users.remember(deps.key, mfa.userId);
      return { signedIn, mfa: true };
    } catch (error) {
      if (!(error instanceof IamMfaCodeRefusedError)) throw error;
      refused.add(`${step()}|${mfa.userId}|${mfa.passcode}`);
      refusal = error.message;
      deps.logger.warn(`IAM refused the MFA sign-in of ${deps.key} (try ${tries} of ${MFA_TRIES}): ${error.message}`);
      if (++tries > MFA_TRIES) {
        await gaveUp();
        throw error;
      }
    }
  }
}
