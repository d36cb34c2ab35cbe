import type { KeyValueStore } from './filterStore';

const KEY = 'workspaceJobs.mfaUsers';
/** Users remembered at most; the longest unused go first. */
const MAX_USERS = 100;

type Remembered = Record<string, { readonly userId: string }>;

/** Whose sign-in: one IAM user of one account at one IAM endpoint. */
export function mfaUserKey(user: {
  readonly iamEndpoint: string;
  readonly domainName: string;
  readonly userName: string;
}): string {
  return `${user.iamEndpoint}|${user.domainName}|${user.userName}`;
}

/**
 * The IAM users known to sign in with a virtual MFA code, with the IAM user ID that code goes with
 * (neither is a secret): their later sign-ins skip the password-only request that IAM would refuse,
 * and count as a failed login. Learnt only from a sign-in that succeeded with a code.
 */
export class MfaUsers {
  constructor(private readonly storage: KeyValueStore) {}

  /** The user ID to send with the code; undefined when the user is not known to need one. */
  userIdOf(key: string): string | undefined {
    return this.read()[key]?.userId;
  }

  async remember(key: string, userId: string): Promise<void> {
    const { [key]: _old, ...others } = this.read();
    const kept = Object.entries(others).slice(-(MAX_USERS - 1));
    await this.storage.update(KEY, { ...Object.fromEntries(kept), [key]: { userId } });
  }

  /** After a remembered user gave up on a refused code: perhaps no code is needed any more. */
  async forget(key: string): Promise<void> {
    const { [key]: old, ...others } = this.read();
    if (old) await this.storage.update(KEY, others);
  }

  /** Sign Out, Clear All Credentials: "all" includes who needs a code, though it is no secret. */
  async forgetAll(): Promise<void> {
    await this.storage.update(KEY, undefined);
  }

  /** Whatever was stored (perhaps by an older version) is checked before use. */
  private read(): Remembered {
    const raw = this.storage.get<unknown>(KEY, {});
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return {};
    const users: Record<string, { userId: string }> = {};
    for (const [key, value] of Object.entries(raw as Record<string, unknown>)) {
      const userId = (value as { userId?: unknown } | null)?.userId;
      if (typeof userId === 'string' && /^[\w-]{1,64}$/.test(userId)) users[key] = { userId };
    }
    return users;
  }
}

/** A store that lasts as long as the object: for tests, and where no globalState is given. */
export function memoryStore(): KeyValueStore {
  const values = new Map<string, unknown>();
  return {
    get: <T>(key: string, fallback: T) => (values.has(key) ? (values.get(key) as T) : fallback),
    update: async (key: string, value: unknown) => void values.set(key, value),
  };
}
