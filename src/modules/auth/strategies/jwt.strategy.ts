import { Inject, Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import type { FastifyRequest } from 'fastify';
import type { JwtPayload } from 'jsonwebtoken';
import { Strategy, type JwtFromRequestFunction } from 'passport-jwt';
import type { AuthUser } from '../../../common/auth';
import { appConfig, type AppConfig } from '../../../config/app.config';
import { accessTokenKey, jwtVerifyOptions } from '../access-token.claims';
import { accessTokenFromCookieHeader, SessionCheck } from '../session-check.service';

/** Passport's name of this strategy (`AuthGuard(JWT_STRATEGY)`). */
export const JWT_STRATEGY = 'jwt';

/** Reads the `access_token` cookie (never the Authorization header). */
const fromAccessCookie: JwtFromRequestFunction = (request) =>
  accessTokenFromCookieHeader((request as unknown as FastifyRequest).headers.cookie);

/**
 * The HTTP authentication path (passport-jwt): the access token from the cookie, its signature
 * checked with the shared `jwtVerifyOptions` (HS256 pinned, issuer, audience, exp), then the one
 * session check (`SessionCheck.userFrom`: claim shapes, session expiry, revoked-session marker)
 * that the Socket.IO handshake runs too.
 */
@Injectable()
export class JwtStrategy extends PassportStrategy(Strategy, JWT_STRATEGY) {
  constructor(
    @Inject(appConfig.KEY) config: AppConfig,
    private readonly sessions: SessionCheck,
  ) {
    const { algorithms, issuer, audience } = jwtVerifyOptions(config.auth);
    // Top-level on purpose: passport-jwt overwrites these keys of `jsonWebTokenOptions` with its
    // top-level options, even when those are undefined (which would drop the pinning).
    super({
      jwtFromRequest: fromAccessCookie,
      // passport-jwt hands the key to jsonwebtoken.verify, which takes a KeyObject (its types
      // say string | Buffer only); see accessTokenKey for why not the string.
      secretOrKey: accessTokenKey(config.auth.jwtAccessSecret) as unknown as Buffer,
      algorithms,
      issuer: issuer as string,
      audience: audience as string,
      ignoreExpiration: false,
    });
  }

  validate(claims: JwtPayload): Promise<AuthUser> {
    return this.sessions.userFrom(claims);
  }
}
