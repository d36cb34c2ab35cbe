/**
 * RFC 6238 time-based one-time passwords as virtual MFA apps make them (HMAC-SHA-1, 30-second steps,
 * 6 digits), from a base32 seed such as IAM's `base32_string_seed`: the simulator checks the codes
 * an MFA user types, and tests compute them.
 */
import { createHmac } from 'node:crypto';

export const TOTP_STEP_MS = 30_000;
export const TOTP_DIGITS = 6;
/** Steps either side of now a code is still taken from: a phone's clock is seldom exact. */
export const TOTP_WINDOW = 1;

const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/** RFC 4648 base32, as MFA apps take a seed (case, spaces and padding ignored). */
export function base32Decode(text: string): Buffer {
  const clean = text.replace(/[\s=]/g, '').toUpperCase();
  let bits = 0;
  let value = 0;
  const bytes: number[] = [];
  for (const char of clean) {
    const index = BASE32.indexOf(char);
    if (index < 0) throw new RangeError(`not a base32 character: ${JSON.stringify(char)}`);
    value = (value << 5) | index;
    bits += 5;
    if (bits >= 8) {
      bits -= 8;
      bytes.push((value >>> bits) & 0xff);
    }
  }
  return Buffer.from(bytes);
}

/** RFC 4226 HOTP of a raw key at a counter, `digits` long. */
export function hotp(key: Buffer, counter: number, digits = TOTP_DIGITS): string {
  const message = Buffer.alloc(8);
  message.writeBigUInt64BE(BigInt(counter));
  const mac = createHmac('sha1', key).update(message).digest();
  const offset = mac[mac.length - 1] & 0x0f;
  const binary = mac.readUInt32BE(offset) & 0x7fffffff;
  return String(binary % 10 ** digits).padStart(digits, '0');
}

/** The code an MFA app shows at `timeMs` for a base32 seed. */
export function totpCode(base32Seed: string, timeMs: number, digits = TOTP_DIGITS): string {
  return hotp(base32Decode(base32Seed), Math.floor(timeMs / TOTP_STEP_MS), digits);
}

/** Whether `code` is the seed's code at `timeMs`, or within TOTP_WINDOW steps of it. */
export function totpMatches(base32Seed: string, code: string, timeMs: number): boolean {
  if (!/^\d{6}$/.test(code)) return false;
  const key = base32Decode(base32Seed);
  const step = Math.floor(timeMs / TOTP_STEP_MS);
  for (let drift = -TOTP_WINDOW; drift <= TOTP_WINDOW; drift++) {
    if (hotp(key, step + drift) === code) return true;
  }
  return false;
}
