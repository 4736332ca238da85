import { createHash } from 'node:crypto';
import type { ExecutionContext } from '@nestjs/common';
import { minutes, type ThrottlerModuleOptions, type ThrottlerStorage } from '@nestjs/throttler';
import type { FastifyRequest } from 'fastify';
import { normalizeEmail } from '../users';
import { DEVICE_COOKIE, deviceIdFor } from './device-cookie';

/**
 * Names of the auth throttlers: per client IP (login, register, for everyone), per email (login
 * from a browser without a device cookie for that account) and per device cookie (login from a
 * browser that signed in to that account before).
 */
export const IP_THROTTLER = 'ip';
export const EMAIL_THROTTLER = 'email';
export const DEVICE_THROTTLER = 'device';

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

/**
 * The device id of the request's device cookie when it is valid for the email of the body, else
 * null; computed once per request (the throttlers ask several times).
 */
function deviceResolver(key: Buffer) {
  const resolved = new WeakMap<object, string | null>();
  return (request: FastifyRequest): string | null => {
    if (!resolved.has(request)) {
      const email = emailTracker(request);
      const cookie = request.cookies?.[DEVICE_COOKIE];
      resolved.set(request, email && cookie ? deviceIdFor(key, email, cookie) : null);
    }
    return resolved.get(request) ?? null;
  };
}

/**
 * `limit` attempts per minute, counted in `storage` (Redis): per client IP always; for login, per
 * email when the browser has no valid device cookie for that account, else per device cookie
 * instead (so failures from elsewhere never lock a browser the owner signed in with, and failures
 * with a device cookie count against that cookie only).
 */
export function authThrottlerOptions(
  limit: number,
  storage: ThrottlerStorage,
  deviceKey: Buffer,
): ThrottlerModuleOptions {
  const deviceOf = deviceResolver(deviceKey);
  const requestOf = (context: ExecutionContext) =>
    context.switchToHttp().getRequest<FastifyRequest>();
  return {
    storage,
    generateKey: authThrottleKey,
    throttlers: [
      { name: IP_THROTTLER, limit, ttl: minutes(1) },
      {
        name: EMAIL_THROTTLER,
        limit,
        ttl: minutes(1),
        getTracker: emailTracker,
        skipIf: (context) => deviceOf(requestOf(context)) !== null,
      },
      {
        name: DEVICE_THROTTLER,
        limit,
        ttl: minutes(1),
        getTracker: (request) => deviceOf(request as FastifyRequest) ?? '',
        skipIf: (context) => deviceOf(requestOf(context)) === null,
      },
    ],
  };
}
