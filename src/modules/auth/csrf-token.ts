import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

const NONCE_BYTES = 32;
const MAX_TOKEN_LENGTH = 256;

/** HMAC over a length-prefixed message, so no two (sid, nonce) pairs sign the same bytes. */
function signature(secret: string, sid: string, nonce: string): string {
  return createHmac('sha256', secret)
    .update(`csrf!${sid.length}!${sid}!${nonce.length}!${nonce}`)
    .digest('base64url');
}

/**
 * A CSRF token bound to one session (OWASP "signed double-submit" / HMAC pattern):
 * `<random nonce>.<HMAC(secret, sid + nonce)>`. Only the server can mint one, and it is valid
 * for that session alone.
 */
export function signCsrfToken(
  secret: string,
  sid: string,
  nonce = randomBytes(NONCE_BYTES).toString('base64url'),
): string {
  return `${nonce}.${signature(secret, sid, nonce)}`;
}

/** Whether `token` was minted by `signCsrfToken` for this `sid` (constant-time comparison). */
export function verifyCsrfToken(secret: string, sid: string, token: unknown): boolean {
  if (typeof token !== 'string' || token.length > MAX_TOKEN_LENGTH) return false;
  const parts = token.split('.');
  if (parts.length !== 2 || !parts[0] || !parts[1]) return false;
  const expected = Buffer.from(signature(secret, sid, parts[0]));
  const actual = Buffer.from(parts[1]);
  return expected.length === actual.length && timingSafeEqual(expected, actual);
}
