import type { CookieSerializeOptions } from '@fastify/cookie';
import { Inject, Injectable } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { ACCESS_COOKIE } from '../../common/auth';
import { appConfig, type AppConfig } from '../../config/app.config';

export const REFRESH_COOKIE = 'refresh_token';
/** The refresh cookie reaches only the auth routes (refresh, logout, csrf). */
export const REFRESH_COOKIE_PATH = '/api/auth';

/** The cookie values of a session and how long the refresh cookie lives. */
export interface SessionCookies {
  accessToken: string;
  refreshToken: string;
  refreshMaxAgeSeconds: number;
}

/** Writes and clears the auth cookies: HttpOnly, SameSite=Strict, Secure per COOKIE_SECURE. */
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
  }

  clear(reply: FastifyReply): void {
    reply.clearCookie(ACCESS_COOKIE, this.base('/'));
    reply.clearCookie(REFRESH_COOKIE, this.base(REFRESH_COOKIE_PATH));
  }

  private base(path: string): CookieSerializeOptions {
    return { path, httpOnly: true, sameSite: 'strict', secure: this.config.auth.cookieSecure };
  }
}
