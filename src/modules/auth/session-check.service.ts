import { fastifyCookie } from '@fastify/cookie';
import { Inject, Injectable } from '@nestjs/common';
import jwt, { type JwtPayload } from 'jsonwebtoken';
import { SESSION_END_REASONS, type SessionEndReason } from '@llms/contract';
import { AppError } from '@llms/errors';
import { REDIS_CLIENT, type RedisClient } from '@llms/redis';
import { ACCESS_COOKIE, type AuthUser } from '../../common/auth';
import { appConfig, type AppConfig } from '../../config/app.config';
import { accessTokenKey, jwtVerifyOptions } from './access-token.claims';
import { isCapabilityList } from './capabilities';

/** Redis marker of a revoked session (value: why it ended); its access tokens stop at once. */
export const revokedSessionKey = (sid: string) => `auth:revoked-sid:{${sid}}`;

export const unauthenticated = (message = 'Sign in first') =>
  new AppError('UNAUTHENTICATED', message);
const invalidToken = () => unauthenticated('The access token is invalid or expired');
const sessionEnded = () => unauthenticated('The session has ended');

/** The access token of a raw `Cookie` header, if any. Authorization headers are never read. */
export function accessTokenFromCookieHeader(cookieHeader: string | undefined): string | null {
  return (cookieHeader && fastifyCookie.parse(cookieHeader)[ACCESS_COOKIE]) || null;
}

function isSessionEndReason(value: unknown): value is SessionEndReason {
  return (SESSION_END_REASONS as readonly unknown[]).includes(value);
}

/**
 * The one session check. HTTP (the Passport `JwtStrategy`, whose passport-jwt verifies the
 * signature with `jwtVerifyOptions`, then calls `userFrom`) and the Socket.IO handshake
 * (`verifyCookieHeader`: the same options, then `userFrom`) authenticate through it, so the rules
 * (HS256 pinned, issuer, audience, claim shapes, session expiry, the revoked-session marker) exist
 * once. It also stores that marker when a session is revoked.
 */
@Injectable()
export class SessionCheck {
  constructor(
    @Inject(appConfig.KEY) private readonly config: AppConfig,
    @Inject(REDIS_CLIENT) private readonly redis: RedisClient,
  ) {}

  /**
   * The caller of a raw `Cookie` header (the Socket.IO handshake). Throws
   * `AppError('UNAUTHENTICATED')` when the cookie is missing, malformed, forged, expired, for
   * another issuer or audience, or its session has ended (expired, logged out, revoked).
   */
  async verifyCookieHeader(cookieHeader: string | undefined): Promise<AuthUser> {
    const token = accessTokenFromCookieHeader(cookieHeader);
    if (!token) throw unauthenticated();
    let claims: JwtPayload | string;
    try {
      claims = jwt.verify(
        token,
        accessTokenKey(this.config.auth.jwtAccessSecret),
        jwtVerifyOptions(this.config.auth),
      );
    } catch {
      throw invalidToken();
    }
    return this.userFrom(claims);
  }

  /** The caller of verified JWT claims: checks their shapes, the session's expiry and revocation. */
  async userFrom(claims: JwtPayload | string): Promise<AuthUser> {
    const user = this.parseClaims(claims);
    if (user.sessionExpiresAt <= Date.now()) throw sessionEnded();
    if (await this.redis.exists(revokedSessionKey(user.sid))) throw sessionEnded();
    return user;
  }

  /** Makes every access token of session `sid` invalid until it would have expired anyway. */
  async revoke(sid: string, reason: SessionEndReason): Promise<void> {
    await this.redis.set(
      revokedSessionKey(sid),
      reason,
      'EX',
      this.config.auth.accessTokenTtlSeconds,
    );
  }

  /** Why session `sid` was revoked, or null while it is not (the marker outlives its tokens). */
  async revocationOf(sid: string): Promise<SessionEndReason | null> {
    const value = await this.redis.get(revokedSessionKey(sid));
    if (value === null) return null;
    return isSessionEndReason(value) ? value : 'REVOKED';
  }

  private parseClaims(claims: JwtPayload | string): AuthUser {
    if (
      typeof claims !== 'object' ||
      typeof claims.exp !== 'number' ||
      typeof claims.sub !== 'string' ||
      typeof claims.name !== 'string' ||
      typeof claims.sid !== 'string' ||
      (claims.sexp !== undefined && typeof claims.sexp !== 'number') ||
      !isCapabilityList(claims.capabilities)
    ) {
      throw invalidToken();
    }
    return {
      id: claims.sub,
      name: claims.name,
      capabilities: claims.capabilities,
      sid: claims.sid,
      sessionExpiresAt: this.sessionExpiryOf(claims),
    };
  }

  /**
   * `sexp` in ms. A token without it (issued before `sexp` existed, during a rolling deploy) gets
   * the latest expiry its session can have: a family expires at most REFRESH_TOKEN_TTL_SECONDS
   * after its login, which came before the token's `iat`.
   */
  private sessionExpiryOf(claims: JwtPayload): number {
    if (typeof claims.sexp === 'number') return claims.sexp * 1000;
    const issuedAt = typeof claims.iat === 'number' ? claims.iat : Math.floor(Date.now() / 1000);
    return (issuedAt + this.config.auth.refreshTokenTtlSeconds) * 1000;
  }
}
