import { createHash } from 'node:crypto';
import type { ExecutionContext } from '@nestjs/common';
import { minutes, type ThrottlerModuleOptions, type ThrottlerStorage } from '@nestjs/throttler';
import { normalizeEmail } from '../users/email';

/** Names of the auth throttlers: per client IP (login, register) and per email (login). */
export const IP_THROTTLER = 'ip';
export const EMAIL_THROTTLER = 'email';

const digest = (value: string) =>
  createHash('sha256').update(value).digest('base64url').slice(0, 22);

/** The email of a login body, normalized as stored; the body is not validated yet here. */
export function emailTracker(request: { body?: unknown }): string {
  const email = (request.body as { email?: unknown } | undefined)?.email;
  return typeof email === 'string' ? normalizeEmail(email) : '';
}

/**
 * One Redis key per route, throttler and caller (`auth:{login:email:<sha256>}`); the caller is
 * hashed so no IP or email is stored in Redis.
 */
export function authThrottleKey(
  context: ExecutionContext,
  tracker: string,
  throttler: string,
): string {
  return `auth:{${context.getHandler().name}:${throttler}:${digest(tracker)}}`;
}

/** `limit` attempts per minute per IP and per email, counted in `storage` (Redis). */
export function authThrottlerOptions(
  limit: number,
  storage: ThrottlerStorage,
): ThrottlerModuleOptions {
  return {
    storage,
    generateKey: authThrottleKey,
    throttlers: [
      { name: IP_THROTTLER, limit, ttl: minutes(1) },
      { name: EMAIL_THROTTLER, limit, ttl: minutes(1), getTracker: emailTracker },
    ],
  };
}
