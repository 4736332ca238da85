import { fastifyCookie } from '@fastify/cookie';
import { Inject, Injectable } from '@nestjs/common';
import jwt, { type JwtPayload } from 'jsonwebtoken';
import { AppError } from '@llms/errors';
import { REDIS_CLIENT, type RedisClient } from '@llms/redis';
import { appConfig, type AppConfig } from '../../config/app.config';
import { ACCESS_COOKIE } from './auth-cookies';
import type { AuthUser } from './auth-user';
import { isCapabilityList } from './capabilities';

const ALGORITHM = 'HS256';

/** Redis marker of a revoked session: access tokens carrying this sid stop working at once. */
export const revokedSessionKey = (sid: string) => `auth:revoked-sid:{${sid}}`;

function unauthenticated(message = 'Sign in first'): AppError {
  return new AppError('UNAUTHENTICATED', message);
}

/**
 * Access tokens: short-lived HS256 JWTs in the `access_token` cookie. `verifyCookieHeader` is
 * the one place that authenticates a caller; the HTTP guard and the Socket.IO handshake both
 * call it. Authorization headers are never read.
 */
@Injectable()
export class AccessTokenService {
  constructor(
    @Inject(appConfig.KEY) private readonly config: AppConfig,
    @Inject(REDIS_CLIENT) private readonly redis: RedisClient,
  ) {}

  /** A signed access token for `user` in session `sid` (exp = now + ACCESS_TOKEN_TTL_SECONDS). */
  sign(user: Omit<AuthUser, 'sid'>, sid: string): string {
    const { jwtAccessSecret, accessTokenTtlSeconds, issuer, audience } = this.config.auth;
    return jwt.sign({ name: user.name, capabilities: user.capabilities, sid }, jwtAccessSecret, {
      algorithm: ALGORITHM,
      expiresIn: accessTokenTtlSeconds,
      issuer,
      audience,
      subject: user.id,
    });
  }

  /**
   * Reads the access cookie from a raw `Cookie` header and returns the caller. Throws
   * `AppError('UNAUTHENTICATED')` when the cookie is missing, malformed, forged, expired, for
   * another issuer or audience, or its session has been revoked (logout, refresh-token reuse).
   */
  async verifyCookieHeader(cookieHeader: string | undefined): Promise<AuthUser> {
    const token = cookieHeader ? fastifyCookie.parse(cookieHeader)[ACCESS_COOKIE] : undefined;
    if (!token) throw unauthenticated();
    const user = this.verifyToken(token);
    if (await this.redis.exists(revokedSessionKey(user.sid)))
      throw unauthenticated('The session has ended');
    return user;
  }

  /** Makes every access token of session `sid` invalid until it would have expired anyway. */
  async revokeSession(sid: string): Promise<void> {
    await this.redis.set(revokedSessionKey(sid), '1', 'EX', this.config.auth.accessTokenTtlSeconds);
  }

  private verifyToken(token: string): AuthUser {
    const { jwtAccessSecret, issuer, audience } = this.config.auth;
    let claims: JwtPayload | string;
    try {
      claims = jwt.verify(token, jwtAccessSecret, { algorithms: [ALGORITHM], issuer, audience });
    } catch {
      throw unauthenticated('The access token is invalid or expired');
    }
    if (
      typeof claims !== 'object' ||
      typeof claims.exp !== 'number' ||
      typeof claims.sub !== 'string' ||
      typeof claims.name !== 'string' ||
      typeof claims.sid !== 'string' ||
      !isCapabilityList(claims.capabilities)
    ) {
      throw unauthenticated('The access token is invalid or expired');
    }
    return {
      id: claims.sub,
      name: claims.name,
      capabilities: claims.capabilities,
      sid: claims.sid,
    };
  }
}
