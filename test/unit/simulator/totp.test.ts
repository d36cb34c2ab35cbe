import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { base32Decode, hotp, totpCode, totpMatches } from '../../../src/simulator/totp';

// RFC 6238 appendix B (SHA-1): the seed is the ASCII "12345678901234567890", codes 8 digits long.
const RFC_SEED = Buffer.from('12345678901234567890', 'ascii');
const RFC_VECTORS: ReadonlyArray<[number, string]> = [
  [59, '94287082'],
  [1111111109, '07081804'],
  [1111111111, '14050471'],
  [1234567890, '89005924'],
  [2000000000, '69279037'],
  [20000000000, '65353130'],
];
// The same seed in base32, as an MFA app is given it.
const RFC_SEED_BASE32 = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';

describe('TOTP (RFC 6238)', () => {
  it('matches the RFC 6238 SHA-1 test vectors', () => {
    for (const [seconds, code] of RFC_VECTORS)
      assert.equal(hotp(RFC_SEED, Math.floor(seconds / 30), 8), code, `T=${seconds}`);
  });

  it('reads a base32 seed the way MFA apps do (case, spaces and padding ignored)', () => {
    assert.deepEqual(base32Decode(RFC_SEED_BASE32), RFC_SEED);
    assert.deepEqual(base32Decode('gezd gnbv gy3t qojq gezd gnbv gy3t qojq===='), RFC_SEED);
    assert.throws(() => base32Decode('GEZD1'), RangeError);
  });

  it('gives the 6-digit code of the time, the last 6 digits of the RFC value', () => {
    for (const [seconds, code] of RFC_VECTORS) assert.equal(totpCode(RFC_SEED_BASE32, seconds * 1000), code.slice(-6));
  });

  it('accepts the code of the step before and after, and no further', () => {
    const at = 1_234_567_890_000;
    const codeAt = (ms: number) => totpCode(RFC_SEED_BASE32, ms);
    assert.ok(totpMatches(RFC_SEED_BASE32, codeAt(at), at));
    assert.ok(totpMatches(RFC_SEED_BASE32, codeAt(at - 30_000), at));
    assert.ok(totpMatches(RFC_SEED_BASE32, codeAt(at + 30_000), at));
    assert.ok(!totpMatches(RFC_SEED_BASE32, codeAt(at - 60_000), at));
    assert.ok(!totpMatches(RFC_SEED_BASE32, codeAt(at + 60_000), at));
    for (const malformed of ['', '12345', '1234567', 'abcdef', ' 005924'])
      assert.ok(!totpMatches(RFC_SEED_BASE32, malformed, at));
  });
});
