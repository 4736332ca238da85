import type { CookieSerializeOptions } from '@fastify/cookie';
import { Inject, Injectable } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { ACCESS_COOKIE } from '../../common/auth';
import { appConfig, type AppConfig } from '../../config/app.config';
import { DEVICE_COOKIE, DEVICE_COOKIE_MAX_AGE_SECONDS } from './device-cookie';

export const REFRESH_COOKIE = 'refresh_token';
/** The refresh cookie reaches only the auth routes (refresh, logout, csrf). */
export const REFRESH_COOKIE_PATH = '/api/auth';

/** The cookie values of a session and how long the refresh cookie lives. */
export interface SessionCookies {
  accessToken: string;
  refreshToken: string;
  refreshMaxAgeSeconds: number;
  /** A new device cookie (login and register only): this browser has signed in to the account. */
  deviceToken?: string;
}

/**
 * Writes and clears the auth cookies: HttpOnly, SameSite=Strict, Secure per COOKIE_SECURE. The
 * device cookie (Path=/api/auth, a year) outlives sessions: logout leaves it, since it only says
 * that this browser has signed in to the account before.
 */
@Injectable()
export class AuthCookies {
  constructor(@Inject(appConfig.KEY) private readonly config: AppConfig) {}

  set(reply: FastifyReply, cookies: SessionCookies): void {
    reply.setCookie(ACCESS_COOKIE, cookies.accessToken, {
      ...this.base('/'),
      maxAge: this.config.auth.accessTokenTtlSeconds,
    });
    reply.setCookie(REFRESH_COOKIE, cookies.refreshToken, {
      ...this.base(REFRESH_COOKIE_PATH),
      maxAge: cookies.refreshMaxAgeSeconds,
    });
    if (cookies.deviceToken) {
      reply.setCookie(DEVICE_COOKIE, cookies.deviceToken, {
        ...this.base(REFRESH_COOKIE_PATH),
        maxAge: DEVICE_COOKIE_MAX_AGE_SECONDS,
      });
    }
  }

  clear(reply: FastifyReply): void {
    reply.clearCookie(ACCESS_COOKIE, this.base('/'));
    reply.clearCookie(REFRESH_COOKIE, this.base(REFRESH_COOKIE_PATH));
  }

  private base(path: string): CookieSerializeOptions {
    return { path, httpOnly: true, sameSite: 'strict', secure: this.config.auth.cookieSecure };
  }
}
