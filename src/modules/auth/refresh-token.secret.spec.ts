import {
  hashRefreshToken,
  isWellFormedRefreshToken,
  newRefreshToken,
} from './refresh-token.secret';

describe('refresh token secrets', () => {
  it('are 256-bit base64url values, never repeated', () => {
    const tokens = new Set(Array.from({ length: 1000 }, newRefreshToken));
    expect(tokens.size).toBe(1000);
    for (const token of tokens) {
      expect(isWellFormedRefreshToken(token)).toBe(true);
      expect(Buffer.from(token, 'base64url')).toHaveLength(32);
    }
  });

  it('are stored as their SHA-256 hash, deterministic and distinct from the token', () => {
    const token = newRefreshToken();
    expect(hashRefreshToken(token)).toMatch(/^[0-9a-f]{64}$/);
    expect(hashRefreshToken(token)).toBe(hashRefreshToken(token));
    expect(hashRefreshToken(token)).not.toContain(token);
    expect(hashRefreshToken(newRefreshToken())).not.toBe(hashRefreshToken(token));
    expect(hashRefreshToken('abc')).toBe(
      'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
    );
  });

  it.each([undefined, '', 'short', 'x'.repeat(44), `${'a'.repeat(42)}=`, { $gt: '' }])(
    'rejects the malformed value %j before any look-up',
    (value) => {
      expect(isWellFormedRefreshToken(value)).toBe(false);
    },
  );
});
