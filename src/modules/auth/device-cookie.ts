import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { normalizeEmail } from '../users';

/**
 * OWASP device cookies ("Slow Down Online Guessing Attacks with Device Cookies"): after a
 * successful sign-in the browser gets a signed cookie naming the account. A later login for that
 * account that presents it is throttled per device cookie instead of per email, so others'
 * failures cannot lock the owner's browser out. Pure functions; see `auth-throttle.ts`.
 *
 * Value: `v1.<account tag>.<nonce>.<signature>`, all base64url: the account tag is an HMAC of the
 * normalized email (the cookie does not reveal the email), the nonce names the device (it is what
 * the device throttler counts), and the signature is an HMAC over the rest.
 */
export const DEVICE_COOKIE = 'device_token';
/** Long-lived: the browser stays "known" to the account for a year after its last sign-in. */
export const DEVICE_COOKIE_MAX_AGE_SECONDS = 365 * 24 * 60 * 60;

const VERSION = 'v1';
const PART = /^[A-Za-z0-9_-]+$/;
const MAX_LENGTH = 200;

/**
 * The signing key, derived from CSRF_SECRET with a label of its own, so no CSRF token can pass
 * for a device cookie or the other way round, and deployments need no further secret.
 */
export function deviceCookieKey(csrfSecret: string): Buffer {
  return createHmac('sha256', csrfSecret).update('llms:device-cookie-key:v1').digest();
}

const mac = (key: Buffer, text: string) => createHmac('sha256', key).update(text).digest();

function accountTag(key: Buffer, email: string): string {
  return mac(key, `account!${normalizeEmail(email)}`)
    .subarray(0, 16)
    .toString('base64url');
}

function signature(key: Buffer, tag: string, nonce: string): Buffer {
  return mac(key, `device!${VERSION}!${tag}!${nonce}`);
}

/** A new device cookie value for the account of `email`. */
export function issueDeviceCookie(key: Buffer, email: string): string {
  const tag = accountTag(key, email);
  const nonce = randomBytes(16).toString('base64url');
  return `${VERSION}.${tag}.${nonce}.${signature(key, tag, nonce).toString('base64url')}`;
}

/**
 * The device id (nonce) of `value` when it is a device cookie we signed for the account of
 * `email`; null for anything else (missing, malformed, forged, tampered, another account's).
 */
export function deviceIdFor(key: Buffer, email: string, value: unknown): string | null {
  if (typeof value !== 'string' || value.length > MAX_LENGTH) return null;
  const parts = value.split('.');
  if (parts.length !== 4 || parts[0] !== VERSION || !parts.every((part) => PART.test(part)))
    return null;
  const [, tag, nonce, presented] = parts;
  const expected = signature(key, tag, nonce);
  const actual = Buffer.from(presented, 'base64url');
  if (actual.length !== expected.length || !timingSafeEqual(actual, expected)) return null;
  return tag === accountTag(key, email) ? nonce : null;
}
